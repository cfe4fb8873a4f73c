package com.che168sync.adapter.http;

import com.che168sync.application.port.in.api.GetOfferUseCase;
import com.che168sync.application.port.in.api.OfferFilter;
import com.che168sync.application.port.in.api.OfferLookup;
import com.che168sync.application.port.in.api.SearchOffersResult;
import com.che168sync.application.port.out.api.OfferRow;
import com.che168sync.application.port.out.api.OfferSort;
import com.che168sync.application.port.in.api.SearchOffersQuery;
import com.che168sync.application.port.in.api.SearchOffersUseCase;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Set;

/** {@code GET /offers} (search) and {@code GET /offers/{inner_id}} (one listing). */
final class OffersHttpService implements HttpService {
    /** The query parameters of {@code GET /offers}; any other name is refused. */
    static final Set<String> SEARCH_PARAMETERS = Set.of("mark", "model", "year_from", "year_to", "price_from",
            "price_to", "km_age_from", "km_age_to", "engine_type", "transmission_type", "body_type", "drive_type",
            "color", "city", "seller", "q", "sort", "page", "limit", "cursor");

    private final SearchOffersUseCase search;
    private final GetOfferUseCase offers;
    private final int defaultLimit;
    private final DataAnswers answers;

    OffersHttpService(SearchOffersUseCase search, GetOfferUseCase offers, int defaultLimit, DataAnswers answers) {
        this.search = search;
        this.offers = offers;
        this.defaultLimit = defaultLimit;
        this.answers = answers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::search)
                .get("/{inner_id}", this::offer);
    }

    private void search(ServerRequest req, ServerResponse res) {
        QueryParameters p = QueryParameters.parse(req.query().rawValue(), SEARCH_PARAMETERS);
        String seller = p.text("seller");
        OfferFilter filter = new OfferFilter(p.text("mark"), p.text("model"), p.integer("year_from"),
                p.integer("year_to"), p.number("price_from"), p.number("price_to"), p.integer("km_age_from"),
                p.integer("km_age_to"), p.text("engine_type"), p.text("transmission_type"), p.text("body_type"),
                p.text("drive_type"), p.text("color"), p.text("city"),
                seller == null ? null : OfferFilter.Seller.fromParameter(seller), p.text("q"));
        Integer limit = p.integer("limit");
        SearchOffersQuery query = new SearchOffersQuery(filter, OfferSort.fromParameter(p.text("sort")),
                p.integer("page"), limit == null ? defaultLimit : limit, p.text("cursor"));
        answers.send(req, res, Routes.OFFERS + "?" + p.canonical(), () -> render(search.search(query)));
    }

    private static byte[] render(SearchOffersResult page) {
        int expected = 512;
        for (OfferRow row : page.items()) {
            expected += row.normalizedJson().length() + 128;
        }
        return JsonBodies.write(expected, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("result");
            for (OfferRow row : page.items()) {
                g.writeStartObject();
                g.writeStringField("inner_id", row.innerId());
                JsonBodies.field(g, "normalized_at", row.normalizedAt());
                g.writeFieldName("data");
                g.writeRawValue(new RawJsonValue(row.normalizedJson()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("meta");
            g.writeNumberField("page", page.page());
            JsonBodies.field(g, "next_page", page.nextPage());
            g.writeNumberField("limit", page.limit());
            g.writeNumberField("total", page.total());
            g.writeBooleanField("total_exact", page.totalExact());
            g.writeStringField("next_cursor", page.nextCursor());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private void offer(ServerRequest req, ServerResponse res) {
        QueryParameters.parse(req.query().rawValue(), Set.of());
        String innerId = req.path().pathParameters().get("inner_id");
        answers.send(req, res, Routes.OFFERS + "/" + innerId, () -> switch (offers.getOffer(innerId)) {
            case OfferLookup.Found found -> JsonBodies.write(found.normalizedJson().length() + 256, g -> {
                g.writeStartObject();
                g.writeStringField("inner_id", found.innerId());
                JsonBodies.field(g, "normalized_at", found.normalizedAt());
                g.writeFieldName("data");
                g.writeRawValue(new RawJsonValue(found.normalizedJson()));
                g.writeEndObject();
            });
            case OfferLookup.Removed removed -> throw new ApiError(410, "removed",
                    "listing " + removed.innerId() + " was removed from che168", "inner_id");
            case OfferLookup.NotFound notFound -> throw new ApiError(404, "not_found",
                    "no listing " + notFound.innerId(), "inner_id");
        });
    }
}
