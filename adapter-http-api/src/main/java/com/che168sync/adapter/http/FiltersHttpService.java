package com.che168sync.adapter.http;

import com.che168sync.application.port.out.api.FilterValues;
import com.che168sync.application.port.in.api.GetFilterValuesUseCase;
import com.fasterxml.jackson.core.JsonGenerator;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /filters}: the values clients can filter on, with counts of active listings. The body is rendered
 * once per data version (the values only change after a normalization run).
 */
final class FiltersHttpService implements HttpService {
    private final GetFilterValuesUseCase filters;
    private final DataAnswers answers;
    private volatile Rendered rendered;

    FiltersHttpService(GetFilterValuesUseCase filters, DataAnswers answers) {
        this.filters = filters;
        this.answers = answers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::filters);
    }

    private void filters(ServerRequest req, ServerResponse res) {
        QueryParameters.parse(req.query().rawValue(), Set.of());
        answers.send(req, res, Routes.FILTERS, () -> {
            FilterValues values = filters.filterValues();
            Rendered current = rendered;
            if (current == null || current.values() != values) {
                current = new Rendered(values, render(values));
                rendered = current;
            }
            return current.body();
        });
    }

    private static byte[] render(FilterValues v) {
        return JsonBodies.write(g -> {
            g.writeStartObject();
            JsonBodies.field(g, "data_version", v.dataVersion());
            g.writeNumberField("active", v.active());
            g.writeArrayFieldStart("mark");
            for (FilterValues.MarkValues m : v.marks()) {
                g.writeStartObject();
                g.writeStringField("value", m.mark());
                g.writeNumberField("count", m.count());
                g.writeArrayFieldStart("models");
                counts(g, m.models());
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            for (String field : FilterValues.CODED_FIELDS) {
                g.writeArrayFieldStart(field);
                for (FilterValues.CodeValue c : v.codes().getOrDefault(field, List.of())) {
                    g.writeStartObject();
                    g.writeStringField("code", c.code());
                    g.writeNumberField("count", c.count());
                    g.writeArrayFieldStart("labels");
                    for (String label : c.labels()) {
                        g.writeString(label);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("city");
            counts(g, v.cities());
            g.writeEndArray();
            g.writeArrayFieldStart("seller");
            counts(g, v.sellers());
            g.writeEndArray();
            range(g, "year", v.year());
            range(g, "price", v.price());
            range(g, "km_age", v.kmAge());
            g.writeEndObject();
        });
    }

    private static void counts(JsonGenerator g, List<FilterValues.ValueCount> values) throws IOException {
        for (FilterValues.ValueCount c : values) {
            g.writeStartObject();
            g.writeStringField("value", c.value());
            g.writeNumberField("count", c.count());
            g.writeEndObject();
        }
    }

    private static void range(JsonGenerator g, String name, FilterValues.Range r) throws IOException {
        g.writeObjectFieldStart(name);
        JsonBodies.field(g, "min", r.min());
        JsonBodies.field(g, "max", r.max());
        g.writeEndObject();
    }

    private record Rendered(FilterValues values, byte[] body) {
    }
}
