package com.che168sync.adapter.http;

import com.che168sync.application.port.in.api.ChangesPage;
import com.che168sync.application.port.in.api.ChangesQuery;
import com.che168sync.application.port.in.api.GetChangesUseCase;
import com.che168sync.application.port.out.api.ListingChange;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;

/**
 * {@code GET /changes?since=…}: the normalized listings added, changed or removed since a cursor, oldest change first;
 * removed ones as tombstones. Same token, rate limit, ETag and cache as the other data endpoints.
 */
final class ChangesHttpService implements HttpService {
    static final Set<String> PARAMETERS = Set.of("since", "limit");
    static final int DEFAULT_LIMIT = 100;

    private final GetChangesUseCase changes;
    private final DataAnswers answers;

    ChangesHttpService(GetChangesUseCase changes, DataAnswers answers) {
        this.changes = changes;
        this.answers = answers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::changes);
    }

    private void changes(ServerRequest req, ServerResponse res) {
        QueryParameters p = QueryParameters.parse(req.query().rawValue(), PARAMETERS);
        Integer limit = p.integer("limit");
        ChangesQuery query = new ChangesQuery(p.text("since"), limit == null ? DEFAULT_LIMIT : limit);
        answers.send(req, res, Routes.CHANGES + "?" + p.canonical(), () -> render(changes.changes(query), query));
    }

    private static byte[] render(ChangesPage page, ChangesQuery query) {
        int expected = 256;
        for (ListingChange c : page.items()) {
            expected += (c.data() == null ? 0 : c.data().length()) + 160;
        }
        return JsonBodies.write(expected, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("result");
            for (ListingChange c : page.items()) {
                g.writeStartObject();
                g.writeStringField("inner_id", c.innerId());
                g.writeStringField("change", !c.active() ? "removed" : c.firstSeq() > page.since() ? "added"
                        : "changed");
                g.writeBooleanField("removed", !c.active());
                JsonBodies.field(g, "when", c.normalizedAt());
                if (c.active()) {
                    JsonBodies.field(g, "normalized_at", c.normalizedAt());
                    g.writeFieldName("data");
                    g.writeRawValue(new RawJsonValue(c.data()));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("meta");
            g.writeStringField("since", query.since());
            g.writeStringField("next_since", page.nextSince());
            g.writeBooleanField("more", page.more());
            g.writeNumberField("limit", query.limit());
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
