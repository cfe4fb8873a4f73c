package com.che168sync.adapter.che168;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.che168sync.application.port.out.source.ChangePage;
import com.che168sync.application.port.out.source.OfferPage;
import com.che168sync.application.port.out.source.SourceAuthException;
import com.che168sync.application.port.out.source.SourceChange;
import com.che168sync.application.port.out.source.SourceEndpointNotFoundException;
import com.che168sync.application.port.out.source.SourceException;
import com.che168sync.application.port.out.source.SourceMalformedResponseException;
import java.nio.charset.StandardCharsets;
import com.che168sync.application.port.out.source.ItemDefect;
import com.che168sync.application.port.out.source.SourceOffer;
import com.che168sync.application.port.out.source.SourceUnavailableException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against every payload of {@code shared/fixtures/source}, served byte for byte over real HTTP on
 * loopback, plus the transport quirks (status codes, Retry-After, timeouts, truncation, gzip, keep-alive).
 */
class Che168SourceFixtureIT {
    static final String KEY = "k3y-Secret_0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MockWebServer server;
    private Che168Source source;
    private final List<Throwable> thrown = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        source = Che168Source.create(settings(server, Duration.ofSeconds(5)), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        source.close();
        server.close();
        for (Throwable t : thrown) {
            assertThat(fullText(t)).as("exception text").doesNotContain(KEY);
        }
    }

    static Che168ClientSettings settings(MockWebServer server, Duration timeout) {
        URI base = server.url("/api/v2/che168").uri();
        return Che168ClientSettings.of(base, KEY).withTimeouts(timeout, timeout, timeout.multipliedBy(2));
    }

    static String fullText(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
            for (Throwable s : c.getSuppressed()) {
                sb.append(s).append('\n');
            }
        }
        return sb.toString();
    }

    private void serve(int code, String fixture) {
        server.enqueue(new MockResponse.Builder().code(code)
                .setHeader("Content-Type", "application/json; charset=utf-8")
                .body(new Buffer().write(Fixtures.bytes(fixture))).build());
    }

    private void serveText(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code)
                .setHeader("Content-Type", "application/json; charset=utf-8").body(body).build());
    }

    private <T extends SourceException> T failure(Class<T> type, Runnable call) {
        T e = catchThrowableOfType(type, call::run);
        assertThat(e).as("expected " + type.getSimpleName()).isNotNull();
        thrown.add(e);
        return e;
    }

    // ---- /offers

    @Test
    void firstPageYieldsItsItemsWithDataExactlyAsSentAndTheNextPage() throws Exception {
        serve(200, "offers-page-1.json");

        OfferPage page = source.fetchOfferPage(1);

        assertThat(page.page()).isEqualTo(1);
        assertThat(page.nextPage()).isEqualTo(2);
        assertThat(page.isLast()).isFalse();
        assertThat(page.offers()).extracting(SourceOffer::innerId).containsExactly("50837332", "53692747", "55651236");
        assertThat(page.offers()).extracting(SourceOffer::apiId).containsExactly(9001L, 9002L, 9003L);
        assertThat(page.offers()).extracting(SourceOffer::changeType).containsOnly("added");
        assertThat(page.offers()).extracting(SourceOffer::createdAt).containsExactly(
                Instant.parse("2025-11-03T09:12:44Z"), Instant.parse("2025-01-15T10:30:00Z"),
                Instant.parse("2025-10-21T15:02:10.114Z"));
        JsonNode fixture = JSON.readTree(Fixtures.bytes("offers-page-1.json"));
        for (int i = 0; i < 3; i++) {
            String dataJson = page.offers().get(i).dataJson();
            assertThat(dataJson).startsWith("{").endsWith("}");
            assertThat(JSON.readTree(dataJson)).isEqualTo(fixture.get("result").get(i).get("data"));
            assertThat(Fixtures.text("offers-page-1.json")).contains(dataJson);
        }
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v2/che168/offers");
        assertThat(request.getUrl().queryParameter("page")).isEqualTo("1");
    }

    @Test
    void lastPageWithNullNextPageIsTheEnd() {
        serve(200, "offers-last-page.json");

        OfferPage page = source.fetchOfferPage(12431);

        assertThat(page.isLast()).isTrue();
        assertThat(page.nextPage()).isNull();
        assertThat(page.offers()).singleElement().satisfies(o -> {
            assertThat(o.innerId()).isEqualTo("53692747");
            assertThat(o.dataJson()).contains("\"Разгон 0-100 км/ч (с)\": \"-\"");
        });
    }

    @Test
    void nextPageZeroIsTheEnd() {
        serveText(200, Fixtures.text("offers-last-page.json").replace("\"next_page\": null", "\"next_page\": 0"));

        assertThat(source.fetchOfferPage(12431).isLast()).isTrue();
    }

    @Test
    void absentNextPageIsTheEnd() {
        serveText(200, Fixtures.text("offers-last-page.json").replace("\"next_page\": null,", ""));

        assertThat(source.fetchOfferPage(12431).isLast()).isTrue();
    }

    @Test
    void nextPageAsStringIsRead() {
        serveText(200, Fixtures.text("offers-page-1.json").replace("\"next_page\": 2", "\"next_page\": \"2\""));

        assertThat(source.fetchOfferPage(1).nextPage()).isEqualTo(2);
    }

    @Test
    void nextPageNotAfterThePageFailsClosed() {
        serve(200, "offers-broken-meta.json");

        var e = failure(SourceMalformedResponseException.class, () -> source.fetchOfferPage(7));
        assertThat(e).hasMessageContaining("next_page 7").hasMessageContaining("page 7");
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void nextPagePointingBackwardsFailsClosed() {
        serveText(200, Fixtures.text("offers-page-1.json").replace("\"next_page\": 2", "\"next_page\": 1"));

        failure(SourceMalformedResponseException.class, () -> source.fetchOfferPage(3));
    }

    @Test
    void missingMetaFailsClosed() {
        serveText(200, "{\"result\": []}");

        var e = failure(SourceMalformedResponseException.class, () -> source.fetchOfferPage(1));
        assertThat(e).hasMessageContaining("meta");
    }

    @Test
    void nullMetaFailsClosed() {
        serveText(200, "{\"result\": [], \"meta\": null}");

        failure(SourceMalformedResponseException.class, () -> source.fetchOfferPage(1));
    }

    @Test
    void metaOfAnotherPageFailsClosed() {
        serve(200, "offers-page-1.json");

        var e = failure(SourceMalformedResponseException.class, () -> source.fetchOfferPage(5));
        assertThat(e).hasMessageContaining("meta.page is 1");
    }

    @Test
    void missingResultFailsClosed() {
        serveText(200, "{\"meta\": {\"page\": 1, \"next_page\": 2, \"limit\": 20}}");

        failure(SourceMalformedResponseException.class, () -> source.fetchOfferPage(1));
    }

    @Test
    void truncatedBodyIsTransient() {
        serve(200, "offers-truncated.json");

        var e = failure(SourceUnavailableException.class, () -> source.fetchOfferPage(1));
        assertThat(e).hasMessageContaining("/offers?page=1").hasMessageContaining("not complete JSON");
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void bodyCutOffMidTransferIsTransient() {
        byte[] body = Fixtures.bytes("offers-page-1.json");
        server.enqueue(new MockResponse.Builder().code(200)
                .body(new Buffer().write(body))
                .throttleBody(1024, 1, TimeUnit.MILLISECONDS)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build());

        failure(SourceUnavailableException.class, () -> source.fetchOfferPage(1));
    }

    @Test
    void htmlWithStatus200IsTransient() {
        serve(200, "error-502.html");

        failure(SourceUnavailableException.class, () -> source.fetchOfferPage(1));
    }

    @Test
    void emptyBodyIsTransient() {
        serveText(200, "");

        failure(SourceUnavailableException.class, () -> source.fetchOfferPage(1));
    }

    @Test
    void idsAndInnerIdsAsStringsOrNumbersAndDataNullOrEmptyArrayAreTolerated() {
        serveText(200, """
                {"result": [
                  {"id": "17", "inner_id": 5001, "change_type": "added", "created_at": "2025-01-15 10:30:00", "data": null},
                  {"id": 18, "inner_id": "5002", "data": []},
                  {"id": 19, "data": {"inner_id": "5003", "price": "1"}},
                  {"id": 20, "inner_id": " 5004 ", "created_at": "2025-04-30T14:28:11+0300", "extra": {"x": [1, 2]}}
                ], "meta": {"page": "4", "next_page": "5", "limit": 20}, "unknown": {"a": [1]}}
                """);

        OfferPage page = source.fetchOfferPage(4);

        assertThat(page.nextPage()).isEqualTo(5);
        assertThat(page.offers()).extracting(SourceOffer::apiId).containsExactly(17L, 18L, 19L, 20L);
        assertThat(page.offers()).extracting(SourceOffer::innerId).containsExactly("5001", "5002", "5003", "5004");
        assertThat(page.offers()).extracting(SourceOffer::dataJson)
                .containsExactly("{}", "{}", "{\"inner_id\": \"5003\", \"price\": \"1\"}", "{}");
        assertThat(page.offers().get(0).createdAt()).isEqualTo(Instant.parse("2025-01-15T07:30:00Z"));
        assertThat(page.offers().get(3).createdAt()).isEqualTo(Instant.parse("2025-04-30T11:28:11Z"));
    }

    @Test
    void badItemsBecomeDefectsWithTheirExactBytesAndTheRestOfThePageIsRead() {
        String noInnerId = "{\"id\": 1, \"data\": {\"price\": 1}}";
        String notAnObject = "\"junk\"";
        String noId = "{\"inner_id\": \"7\", \"data\": {}}";
        String longId = "{\"id\": 4, \"inner_id\": \"" + "9".repeat(65) + "\", \"data\": {}}";
        serveText(200, "{\"result\": [" + noInnerId + ", " + notAnObject + ", "
                + "{\"id\": 2, \"inner_id\": \"9\", \"data\": \"x\", \"created_at\": \"yesterday\"}, "
                + noId + ", " + longId + ", "
                + "{\"id\": 3, \"inner_id\": \"10\", \"data\": [1, {\"a\": [2]}], \"created_at\": \"2025-01-15T10:30:00Z\"}, "
                + "{\"id\": 5, \"inner_id\": \"11\", \"data\": {\"t\": \"a\\u0000b\"}}"
                + "], \"meta\": {\"page\": 1, \"next_page\": 2}}");

        OfferPage page = source.fetchOfferPage(1);

        assertThat(page.nextPage()).isEqualTo(2);
        assertThat(page.offers()).extracting(SourceOffer::innerId).containsExactly("9", "10", "11");
        assertThat(page.offers()).extracting(SourceOffer::dataJson)
                .containsExactly("\"x\"", "[1, {\"a\": [2]}]", "{\"t\": \"a\\u0000b\"}");
        assertThat(page.offers().get(0).createdAt()).isNull();
        assertThat(page.defects()).extracting(d -> new String(d.original(), StandardCharsets.UTF_8))
                .containsExactly(noInnerId, notAnObject,
                        "{\"id\": 2, \"inner_id\": \"9\", \"data\": \"x\", \"created_at\": \"yesterday\"}",
                        noId, longId,
                        "{\"id\": 3, \"inner_id\": \"10\", \"data\": [1, {\"a\": [2]}], \"created_at\": \"2025-01-15T10:30:00Z\"}");
        assertThat(page.defects()).extracting(ItemDefect::stored).containsExactly(false, false, true, false, false, true);
        assertThat(page.defects()).extracting(ItemDefect::innerId)
                .containsExactly(null, null, "9", "7", "9".repeat(64) + "…", "10");
        assertThat(page.defects().get(0).reason()).contains("result[0] has no inner_id; left out");
        assertThat(page.defects().get(2).reason()).contains("data is not a JSON object")
                .contains("created_at 'yesterday' is not a timestamp");
    }

    @Test
    void gzipBodiesAreInflated() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(Fixtures.bytes("offers-page-1.json"));
        }
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Encoding", "gzip")
                .body(new Buffer().write(zipped.toByteArray())).build());

        assertThat(source.fetchOfferPage(1).offers()).hasSize(3);
    }

    // ---- /offer

    @Test
    void bareOfferIsTheListing() {
        serve(200, "offer-bare.json");

        Optional<Map<String, Object>> offer = source.fetchOffer("53692747");

        assertThat(offer).hasValueSatisfying(data -> {
            assertThat(data).containsEntry("inner_id", "53692747").containsEntry("price", 8000)
                    .containsEntry("displacement", new BigDecimal("1.4")).containsEntry("is_dealer", true);
            assertThat(data.get("images")).isInstanceOf(List.class);
        });
    }

    @Test
    void wrappedOfferIsUnwrappedToTheSameListing() {
        serve(200, "offer-bare.json");
        serve(200, "offer-wrapped.json");

        assertThat(source.fetchOffer("53692747")).isEqualTo(source.fetchOffer("53692747"));
    }

    @Test
    void offerNotFoundIsEmpty() {
        serveText(404, "{\"message\": \"Not found\"}");

        assertThat(source.fetchOffer("1")).isEmpty();
    }

    @Test
    void offerOfAnotherListingFailsClosed() {
        serve(200, "offer-bare.json");

        var e = failure(SourceMalformedResponseException.class, () -> source.fetchOffer("11111111"));
        assertThat(e).hasMessageContaining("53692747");
    }

    // ---- /change_id, /changes

    @Test
    void firstChangeIdOfADay() {
        serve(200, "change-id.json");

        assertThat(source.firstChangeId(LocalDate.of(2025, 4, 30))).isEqualTo(892145L);
        assertThat(takeRequest().getUrl().queryParameter("date")).isEqualTo("2025-04-30");
    }

    @Test
    void changeIdZeroNullOrAbsentIsADayTheFeedDoesNotHave() {
        for (String body : new String[] {"{\"change_id\": 0}", "{\"change_id\": null}", "{}", "{\"change_id\": \"0\"}"}) {
            serveText(200, body);
            assertThat(source.firstChangeId(LocalDate.of(2025, 4, 30))).as(body).isZero();
        }
    }

    @Test
    void changeIdThatIsNotANumberFailsClosed() {
        serveText(200, "{\"change_id\": \"soon\"}");

        failure(SourceMalformedResponseException.class, () -> source.firstChangeId(LocalDate.of(2025, 4, 30)));
    }

    @Test
    void changesPageYieldsEventsWithUtcTimesAndTolerantData() {
        serve(200, "changes-page.json");

        ChangePage page = source.fetchChanges(892145);

        assertThat(page.nextChangeId()).isEqualTo(892151L);
        assertThat(page.isEnd()).isFalse();
        assertThat(page.changes()).extracting(SourceChange::id)
                .containsExactly(892145L, 892146L, 892147L, 892148L, 892149L, 892150L);
        assertThat(page.changes()).extracting(SourceChange::changeType)
                .containsExactly("added", "changed", "changed", "removed", "changed", "removed");
        assertThat(page.changes()).extracting(SourceChange::createdAt).containsExactly(
                Instant.parse("2025-04-29T05:15:22.340Z"), Instant.parse("2025-04-30T11:28:11.560Z"),
                Instant.parse("2025-04-30T12:01:09.002Z"), Instant.parse("2025-04-30T13:42:05.890Z"),
                Instant.parse("2025-04-30T17:10:00Z"), Instant.parse("2025-04-30T18:00:00Z"));
        assertThat(page.changes().get(0).data()).containsEntry("inner_id", "56000001").containsKey("extra");
        assertThat(page.changes().get(1).data()).isEqualTo(Map.of("new_price", 7500));
        assertThat(page.changes().get(2).data())
                .isEqualTo(Map.of("new_price", "95000", "new_km_age", "1200", "color", "Черный"));
        assertThat(page.changes().get(3).data()).isEmpty();
        assertThat(page.changes().get(5).data()).isEmpty();
        assertThat(takeRequest().getUrl().queryParameter("change_id")).isEqualTo("892145");
    }

    @Test
    void emptyChangesPageIsTheEnd() {
        serve(200, "changes-end.json");

        ChangePage page = source.fetchChanges(892151);

        assertThat(page.isEnd()).isTrue();
        assertThat(page.changes()).isEmpty();
        assertThat(page.nextChangeId()).isNull();
    }

    @Test
    void nullNextChangeIdEndsTheFeed() {
        serveText(200, Fixtures.text("changes-page.json").replace("\"next_change_id\": 892151", "\"next_change_id\": null"));

        ChangePage page = source.fetchChanges(892145);

        assertThat(page.changes()).hasSize(6);
        assertThat(page.isEnd()).isTrue();
    }

    @Test
    void stalledChangeCursorFailsClosed() {
        serve(200, "changes-stalled.json");

        var e = failure(SourceMalformedResponseException.class, () -> source.fetchChanges(892151));
        assertThat(e).hasMessageContaining("stalled").hasMessageContaining("892151");
    }

    @Test
    void nonEmptyChangesPageWithoutMetaFailsClosed() {
        serveText(200, Fixtures.text("changes-stalled.json").replaceAll("(?s),\\s*\"meta\".*\\}\\s*\\}", "}"));

        failure(SourceMalformedResponseException.class, () -> source.fetchChanges(892151));
    }

    // ---- /filters

    @Test
    void badEventsBecomeDefectsWithTheirExactBytesAndTheRestOfThePageIsRead() {
        String noInnerId = "{\"id\": 11, \"change_type\": \"changed\", \"data\": {\"new_price\": 1}}";
        String unknownType = "{\"id\": 12, \"inner_id\": \"5\", \"change_type\": \"deleted\"}";
        String dataString = "{\"id\": 13, \"inner_id\": \"6\", \"change_type\": \"added\", \"data\": \"x\"}";
        String badTime = "{\"id\": 14, \"inner_id\": \"7\", \"change_type\": \"removed\", \"created_at\": \"soon\"}";
        serveText(200, "{\"result\": [" + noInnerId + ", 42, " + unknownType + ", " + dataString + ", " + badTime
                + ", {\"id\": 15, \"inner_id\": \"8\", \"change_type\": \"changed\", \"data\": {\"new_price\": 9}}"
                + "], \"meta\": {\"cur_change_id\": 11, \"next_change_id\": 16}}");

        ChangePage page = source.fetchChanges(11);

        assertThat(page.nextChangeId()).isEqualTo(16L);
        assertThat(page.isEnd()).isFalse();
        assertThat(page.changes()).extracting(SourceChange::id).containsExactly(14L, 15L);
        assertThat(page.changes().get(0).createdAt()).isNull();
        assertThat(page.defects()).extracting(d -> new String(d.original(), StandardCharsets.UTF_8))
                .containsExactly(noInnerId, "42", unknownType, dataString, badTime);
        assertThat(page.defects()).extracting(ItemDefect::changeId).containsExactly(11L, null, 12L, 13L, 14L);
        assertThat(page.defects()).extracting(ItemDefect::stored).containsExactly(false, false, false, false, true);
    }

    @Test
    void changesPageOfOnlyBadEventsIsNotTheEnd() {
        serveText(200, "{\"result\": [{\"id\": 11}], \"meta\": {\"next_change_id\": 12}}");

        ChangePage page = source.fetchChanges(11);

        assertThat(page.changes()).isEmpty();
        assertThat(page.defects()).hasSize(1);
        assertThat(page.isEnd()).isFalse();
    }

    @Test
    void filtersAsPlainValues() {
        serve(200, "filters.json");

        Map<String, Object> filters = source.fetchFilters();

        assertThat(filters).containsKeys("mark", "transmission_type", "color", "body_type", "engine_type");
        assertThat(filters.get("mark")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKey("极氪");
    }

    // ---- HTTP failures

    @Test
    void status401IsAFinalAuthError() {
        serve(401, "error-401.json");

        var e = failure(SourceAuthException.class, () -> source.fetchOfferPage(1));
        assertThat(e).hasMessageContaining("HTTP 401").hasMessageContaining("Invalid API key");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void status403IsAFinalAuthError() {
        serveText(403, "{\"message\": \"Forbidden\"}");

        failure(SourceAuthException.class, () -> source.fetchChanges(1));
    }

    @Test
    void badGatewayHtmlPageIsTransientWithItsTitle() {
        server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                .body(new Buffer().write(Fixtures.bytes("error-502.html"))).build());

        var e = failure(SourceUnavailableException.class, () -> source.fetchOfferPage(1));
        assertThat(e).hasMessageContaining("HTTP 502: 502 Bad Gateway");
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void tooManyRequestsCarriesRetryAfterSeconds() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "120").build());

        var e = failure(SourceUnavailableException.class, () -> source.fetchOfferPage(1));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
    }

    @Test
    void tooManyRequestsCarriesRetryAfterHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(900), ZoneOffset.UTC));
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", date).build());

        var e = failure(SourceUnavailableException.class, () -> source.fetchChanges(5));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(900));
    }

    @Test
    void retryAfterDateInThePastMeansNoWait() {
        server.enqueue(new MockResponse.Builder().code(503)
                .setHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT").build());

        var e = failure(SourceUnavailableException.class, () -> source.fetchOfferPage(1));
        assertThat(e.retryAfter()).contains(Duration.ZERO);
    }

    @Test
    void serverErrorWithoutRetryAfterIsTransient() {
        serveText(500, "{\"message\": \"Internal error\"}");

        var e = failure(SourceUnavailableException.class, () -> source.firstChangeId(LocalDate.of(2026, 1, 1)));
        assertThat(e).hasMessageContaining("HTTP 500: Internal error");
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void notFoundOnTheCatalogueIsAWrongBaseUrlAndFinal() {
        serveText(404, "{\"message\": \"Endpoint not found\"}");

        var e = failure(SourceEndpointNotFoundException.class, () -> source.fetchOfferPage(1));
        assertThat(e).hasMessageContaining("CHE168_BASE_URL").hasMessageContaining("/offers?page=1")
                .hasMessageContaining("Endpoint not found");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start();
            server.enqueue(new MockResponse.Builder().code(302)
                    .setHeader("Location", elsewhere.url("/steal").toString()).build());

            failure(SourceMalformedResponseException.class, () -> source.fetchOfferPage(1));
            assertThat(elsewhere.getRequestCount()).isZero();
        }
    }

    @Test
    void slowHeadersTimeOutAsTransient() throws IOException {
        try (Che168Source quick = Che168Source.create(settings(server, Duration.ofMillis(200)))) {
            server.enqueue(new MockResponse.Builder().code(200).headersDelay(2, TimeUnit.SECONDS)
                    .body(new Buffer().write(Fixtures.bytes("offers-page-1.json"))).build());

            var e = failure(SourceUnavailableException.class, () -> quick.fetchOfferPage(1));
            assertThat(e).hasMessageContaining("in time");
        }
    }

    @Test
    void stalledBodyTimesOutAsTransient() {
        try (Che168Source quick = Che168Source.create(settings(server, Duration.ofMillis(200)))) {
            server.enqueue(new MockResponse.Builder().code(200)
                    .body(new Buffer().write(Fixtures.bytes("offers-page-1.json")))
                    .throttleBody(512, 1, TimeUnit.SECONDS).build());

            long started = System.nanoTime();
            failure(SourceUnavailableException.class, () -> quick.fetchOfferPage(1));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void refusedConnectionIsTransient() throws IOException {
        MockWebServer gone = new MockWebServer();
        gone.start();
        Che168ClientSettings settings = settings(gone, Duration.ofMillis(500));
        gone.close();
        try (Che168Source unreachable = Che168Source.create(settings)) {
            var e = failure(SourceUnavailableException.class, () -> unreachable.fetchOfferPage(1));
            assertThat(e).hasMessageContaining("connection to the source failed");
        }
    }

    // ---- the key and the connection

    @Test
    void keyTravelsAsHeaderOnlyAndTheConnectionIsReused() throws Exception {
        serve(200, "offers-page-1.json");
        serve(200, "changes-page.json");

        source.fetchOfferPage(1);
        source.fetchChanges(892145);

        RecordedRequest first = takeRequest();
        RecordedRequest second = takeRequest();
        for (RecordedRequest r : List.of(first, second)) {
            assertThat(r.getHeaders().get("x-api-key")).isEqualTo(KEY);
            assertThat(r.getUrl().toString()).doesNotContain(KEY);
            assertThat(r.getUrl().queryParameter("api_key")).isNull();
            assertThat(r.getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
            assertThat(r.getHeaders().get("User-Agent")).isEqualTo(Che168ClientSettings.DEFAULT_USER_AGENT);
        }
        assertThat(second.getConnectionIndex()).isEqualTo(first.getConnectionIndex());
        assertThat(second.getExchangeIndex()).isEqualTo(first.getExchangeIndex() + 1);
    }

    @Test
    void keyEchoedByTheSourceIsRedactedFromMessages() {
        serveText(401, "{\"message\": \"Invalid API key " + KEY + "\"}");
        serveText(502, "<html><head><title>Bad key " + KEY + "</title></head></html>");

        var auth = failure(SourceAuthException.class, () -> source.fetchOfferPage(1));
        var unavailable = failure(SourceUnavailableException.class, () -> source.fetchOfferPage(1));

        assertThat(auth).hasMessageContaining("Invalid API key ***");
        assertThat(unavailable).hasMessageContaining("Bad key ***");
    }

    @Test
    void trailingSlashOnTheBaseUrlIsIgnored() throws Exception {
        serve(200, "change-id.json");
        Che168ClientSettings slash = Che168ClientSettings.of(server.url("/api/v2/che168/").uri(), KEY);
        try (Che168Source other = Che168Source.create(slash)) {
            other.firstChangeId(LocalDate.of(2025, 4, 30));
        }

        assertThat(takeRequest().getUrl().encodedPath()).isEqualTo("/api/v2/che168/change_id");
    }

    @Test
    void settingsNeverShowTheKey() {
        Che168ClientSettings settings = settings(server, Duration.ofSeconds(1));

        assertThat(settings.toString()).doesNotContain(KEY).contains("apiKey=***");
        assertThat(source.toString()).doesNotContain(KEY);
        assertThatThrownBy(() -> Che168ClientSettings.of(URI.create("http://localhost/"), "bad key\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHE168_API_KEY")
                .hasMessageNotContaining("bad key");
    }

    private RecordedRequest takeRequest() {
        try {
            RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(r).as("a request reached the server").isNotNull();
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
