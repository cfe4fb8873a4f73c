package com.che168sync.domain.normalize;

import com.che168sync.domain.json.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of normalizing one listing: the typed record and the quality notes about it.
 *
 * @param listing the typed listing
 * @param notes   what could not be taken at face value (never null; empty when everything was clean)
 */
public record Normalization(NormalizedListing listing, List<QualityNote> notes) {
    public Normalization {
        notes = List.copyOf(notes);
    }

    /** The notes of kind {@link QualityNote.Kind#UNMAPPED}. */
    public List<QualityNote> unmapped() {
        return notes.stream().filter(n -> n.kind() == QualityNote.Kind.UNMAPPED).toList();
    }

    /**
     * The whole record as plain JSON-ready values (maps with snake_case keys, lists, strings, numbers, booleans,
     * ISO date strings), including {@code quality_notes} and {@code normalizer_version}: what processed_data keeps
     * in {@code normalized_data}. Null fields are left out (a missing key means "unknown"), which keeps the
     * document small: PostgreSQL's jsonb parsing of it is the largest cost of writing a row.
     */
    public Map<String, Object> toMap() {
        NormalizedListing l = listing;
        Map<String, Object> m = new NonNullMap(64);
        m.put("inner_id", l.innerId());
        m.put("url", l.url());
        m.put("mark", l.mark());
        m.put("model", l.model());
        m.put("configuration", l.configuration());
        m.put("complectation", l.complectation());
        m.put("title", l.title());
        m.put("year", l.year());
        m.put("first_registration", date(l.firstRegistration()));
        m.put("price", l.price());
        m.put("km_age", l.kmAge());
        m.put("engine_type", coded(l.engineType()));
        m.put("transmission_type", coded(l.transmissionType()));
        m.put("body_type", coded(l.bodyType()));
        m.put("drive_type", coded(l.driveType()));
        m.put("color", coded(l.color()));
        m.put("displacement", l.displacement());
        m.put("displacement_cc", l.displacementCc());
        m.put("power", l.power());
        m.put("power_kw", l.powerKw());
        Location loc = l.location();
        m.put("address", loc.address());
        m.put("city", loc.city());
        m.put("province", loc.province());
        m.put("district", loc.district());
        m.put("seller_type", l.sellerType());
        m.put("is_dealer", l.isDealer());
        m.put("section", l.section());
        m.put("salon_id", l.salonId());
        m.put("description", l.description());
        m.put("vin", l.vin());
        m.put("offer_created", date(l.offerCreated()));
        m.put("offer_created_precision", l.offerCreated() == null ? null : l.offerCreatedMonthOnly() ? "month" : "day");
        m.put("images", l.images());
        TechnicalSpecs s = l.specs();
        Map<String, Object> spec = new NonNullMap(40);
        spec.put("specid", s.specid());
        spec.put("car_name", s.carName());
        spec.put("manufacturer", s.manufacturer());
        spec.put("car_class", s.carClass());
        spec.put("fuel_type", s.fuelType());
        spec.put("emission_standard", s.emissionStandard());
        spec.put("market_date", s.marketDate());
        spec.put("engine_model", s.engineModel());
        spec.put("engine_summary", s.engineSummary());
        spec.put("displacement_cc", s.displacementCc());
        spec.put("displacement_l", s.displacementL());
        spec.put("aspiration", s.aspiration());
        spec.put("max_horsepower", s.maxHorsepower());
        spec.put("max_power_kw", s.maxPowerKw());
        spec.put("max_torque_nm", s.maxTorqueNm());
        spec.put("transmission_detail", s.transmissionDetail());
        spec.put("transmission_kind", s.transmissionKind());
        spec.put("gears", s.gears());
        spec.put("body_structure", s.bodyStructure());
        spec.put("length_mm", s.lengthMm());
        spec.put("width_mm", s.widthMm());
        spec.put("height_mm", s.heightMm());
        spec.put("top_speed_kmh", s.topSpeedKmh());
        spec.put("motor_power_kw", s.motorPowerKw());
        spec.put("motor_count", s.motorCount());
        spec.put("battery_kwh", s.batteryKwh());
        spec.put("range_km", s.rangeKm());
        spec.put("range_standard", s.rangeStandard());
        m.put("specs", spec);
        m.put("equipment", l.equipment());
        List<Map<String, Object>> q = new ArrayList<>(notes.size());
        for (QualityNote n : notes) {
            Map<String, Object> note = new LinkedHashMap<>(4);
            note.put("field", n.field());
            note.put("kind", n.kind().name().toLowerCase(java.util.Locale.ROOT));
            note.put("value", n.value());
            q.add(note);
        }
        m.put("quality_notes", q);
        m.put("normalizer_version", Normalizer.NORMALIZER_VERSION);
        return m;
    }

    /** {@link #toMap()} as a JSON text (no library needed). */
    public String toJson() {
        return JsonValues.write(toMap());
    }

    /** Insertion-ordered, and {@code put(key, null)} is a no-op. */
    private static final class NonNullMap extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;

        NonNullMap(int capacity) {
            super(capacity);
        }

        @Override
        public Object put(String key, Object value) {
            return value == null ? null : super.put(key, value);
        }
    }

    private static Object coded(Coded c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>(2);
        m.put("code", c.code());
        m.put("source", c.source());
        return m;
    }

    private static String date(java.time.LocalDate d) {
        return d == null ? null : d.toString();
    }
}
