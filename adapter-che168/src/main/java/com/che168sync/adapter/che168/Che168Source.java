package com.che168sync.adapter.che168;

import com.che168sync.application.port.out.source.ChangePage;
import com.che168sync.application.port.out.source.FetchChangesPort;
import com.che168sync.application.port.out.source.FetchFiltersPort;
import com.che168sync.application.port.out.source.CheckListingPort;
import com.che168sync.application.port.out.source.FetchOfferDetailPort;
import com.che168sync.application.port.out.source.ListingCheck;
import com.che168sync.application.port.out.source.FetchOfferPagePort;
import com.che168sync.application.port.out.source.OfferPage;
import com.che168sync.application.port.out.source.SourceMalformedResponseException;
import com.che168sync.application.port.out.source.SourceUnavailableException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The che168 feed of auto-api.com over HTTP: the adapter module's single public entry. One instance holds one
 * OkHttp client (one connection pool, keep-alive, gzip) and is safe for concurrent use; {@link #close()} it at
 * shutdown.
 *
 * <p>Every method makes exactly one request and throws only the exceptions of
 * {@code com.che168sync.application.port.out.source}:
 * {@code SourceAuthException} (401/403, final), {@code SourceUnavailableException} (5xx, 408, 429, timeouts,
 * connection failures, a truncated or non-JSON 2xx body; carries {@code Retry-After}) and
 * {@code SourceMalformedResponseException} (a readable answer that breaks the feed's contract). No message ever
 * contains the API key. Tolerances and error mapping: {@code docs/source-client.md}.
 */
public final class Che168Source
        implements FetchOfferPagePort, FetchChangesPort, FetchOfferDetailPort, FetchFiltersPort, CheckListingPort,
        AutoCloseable {

    private final HttpTransport http;
    private final OffersPageReader offersReader;
    private final FeedReader feedReader;

    private Che168Source(HttpTransport http, ObjectMapper mapper) {
        this.http = http;
        this.offersReader = new OffersPageReader(mapper.getFactory());
        this.feedReader = new FeedReader(mapper);
    }

    /** A client for the given settings; {@code Retry-After} dates are measured against the system clock. */
    public static Che168Source create(Che168ClientSettings settings) {
        return create(settings, Clock.systemUTC());
    }

    /** As {@link #create(Che168ClientSettings)}, with the clock that {@code Retry-After} dates are measured against. */
    public static Che168Source create(Che168ClientSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        return new Che168Source(new HttpTransport(settings, clock), FeedReader.plainMapper());
    }

    @Override
    public OfferPage fetchOfferPage(int page) {
        if (page < 1) {
            throw new IllegalArgumentException("page must be >= 1, got " + page);
        }
        byte[] body = http.get("offers", "page", Integer.toString(page), false);
        return parse("/offers?page=" + page, () -> offersReader.read(body, page));
    }

    @Override
    public long firstChangeId(LocalDate date) {
        Objects.requireNonNull(date, "date");
        byte[] body = http.get("change_id", "date", date.toString(), false);
        return parse("/change_id?date=" + date, () -> feedReader.firstChangeId(body, date));
    }

    @Override
    public ChangePage fetchChanges(long changeId) {
        if (changeId < 0) {
            throw new IllegalArgumentException("change id must be >= 0, got " + changeId);
        }
        byte[] body = http.get("changes", "change_id", Long.toString(changeId), false);
        return parse("/changes?change_id=" + changeId, () -> feedReader.changes(body, changeId));
    }

    @Override
    public Optional<Map<String, Object>> fetchOffer(String innerId) {
        if (innerId == null || innerId.isBlank()) {
            throw new IllegalArgumentException("inner_id must not be blank");
        }
        String id = innerId.strip();
        byte[] body = http.get("offer", "inner_id", id, true);
        if (body == null) {
            return Optional.empty();
        }
        return parse("/offer?inner_id=" + id, () -> feedReader.offer(body, id));
    }

    /**
     * {@inheritDoc} Gone: a 404, an empty {@code result}, or a wrapped item whose {@code change_type} is
     * {@code removed}.
     */
    @Override
    public ListingCheck checkListing(String innerId) {
        if (innerId == null || innerId.isBlank()) {
            throw new IllegalArgumentException("inner_id must not be blank");
        }
        String id = innerId.strip();
        byte[] body = http.get("offer", "inner_id", id, true);
        if (body == null) {
            return new ListingCheck.Gone("404");
        }
        return parse("/offer?inner_id=" + id, () -> {
            var answer = feedReader.offerAnswer(body, id);
            if (answer.isEmpty()) {
                return new ListingCheck.Gone("empty result");
            }
            if ("removed".equalsIgnoreCase(answer.get().changeType())) {
                return new ListingCheck.Gone("change_type removed");
            }
            return new ListingCheck.Alive(feedReader.json(answer.get().data()));
        });
    }

    @Override
    public Map<String, Object> fetchFilters() {
        byte[] body = http.get("filters", null, null, false);
        return parse("/filters", () -> feedReader.filters(body));
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "Che168Source[" + http + "]";
    }

    private interface Parse<T> {
        T run() throws IOException;
    }

    /** Maps what parsing throws: syntax errors (truncated, not JSON) are transient; contract breaches malformed. */
    private <T> T parse(String what, Parse<T> parse) {
        try {
            return parse.run();
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            var at = e.getLocation();
            throw new SourceUnavailableException("the source sent an unreadable body for " + what
                    + " (not complete JSON, e.g. truncated: " + http.redactor().redact(firstLine(reason))
                    + (at == null ? "" : " at byte " + at.getByteOffset()) + ")", null);
        } catch (IOException e) {
            throw new SourceUnavailableException("the source sent an unreadable body for " + what + " ("
                    + e.getClass().getSimpleName() + ")", null);
        } catch (IllegalArgumentException e) {
            // a record refusing a value (e.g. an event without inner_id): a contract breach, not our bug
            throw new SourceMalformedResponseException(what + ": " + http.redactor().redact(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
