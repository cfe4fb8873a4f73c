package com.che168sync.sandbox;

import java.time.Instant;
import java.util.Objects;

/**
 * The row of {@code raw_data} a correct mirror holds for one listing at the end of a day (docs/rules.md#data-model, #initial-load, #daily-update, #merge-of-a-changed-event),
 * assuming it fetches {@code /offer} for a {@code changed} event of an unknown listing.
 *
 * @param innerId      the listing
 * @param apiId        the {@code id} of the {@code /offers} item for a row of the initial load; null for a row
 *                     the daily update created
 * @param activeStatus 0 = active, 1 = removed
 * @param changeType   the last {@code change_type} applied: {@code added} (also for catalogue rows),
 *                     {@code changed} or {@code removed}
 * @param lastChangeId id of the last change event applied; null for a catalogue row no event touched
 * @param createdAt    {@code created_at} of the last item or event applied (UTC)
 * @param source       {@code initial_load} (the row came from {@code /offers}) or {@code daily_update}
 * @param dataJson     the row's {@code data}, compact JSON: compare it to the stored jsonb with jsonb equality
 */
public record GroundTruthEntry(String innerId, Long apiId, int activeStatus, String changeType, Long lastChangeId,
                               Instant createdAt, String source, String dataJson) {

    public GroundTruthEntry {
        Objects.requireNonNull(innerId, "innerId");
        Objects.requireNonNull(changeType, "changeType");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dataJson, "dataJson");
    }

    /** True when {@code active_status = 0}. */
    public boolean active() {
        return activeStatus == 0;
    }

    /**
     * One JSON line: {@code {"inner_id":…,"api_id":…,"active_status":…,"change_type":…,"last_change_id":…,
     * "created_at":"…Z","source":…,"data":{…}}}.
     */
    public String toJsonLine() {
        StringBuilder sb = new StringBuilder(dataJson.length() + 200);
        sb.append("{\"inner_id\":").append(SandboxJson.write(innerId))
                .append(",\"api_id\":").append(apiId == null ? "null" : apiId.toString())
                .append(",\"active_status\":").append(activeStatus)
                .append(",\"change_type\":").append(SandboxJson.write(changeType))
                .append(",\"last_change_id\":").append(lastChangeId == null ? "null" : lastChangeId.toString())
                .append(",\"created_at\":").append(createdAt == null ? "null" : "\"" + createdAt + "\"")
                .append(",\"source\":").append(SandboxJson.write(source))
                .append(",\"data\":").append(dataJson)
                .append('}');
        return sb.toString();
    }
}
