package com.che168sync.sandbox;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tooling endpoints outside the feed, under {@code /__sandbox}: no key, no faults, never the key in an answer.
 * <ul>
 *   <li>{@code GET /__sandbox/calendar}: catalogue size, change days and their id ranges;</li>
 *   <li>{@code GET /__sandbox/ground-truth?date=yyyy-mm-dd} (or {@code date=initial}): JSON lines, one
 *       {@link GroundTruthEntry} each;</li>
 *   <li>{@code GET /__sandbox/site-truth}: JSON lines, one {@link SiteListing} each: what the site lists now;</li>
 *   <li>{@code GET /__sandbox/stats}: what the feed has served and which faults it injected;</li>
 *   <li>{@code GET /__sandbox/poisoned?date=yyyy-mm-dd} (default: the last change day): JSON lines, one
 *       {@link PoisonedItem} each: the poisoned items a mirror meets up to the end of that day;</li>
 *   <li>{@code GET /__sandbox/clock}: the sandbox clock ({@code {"now":"…Z","settable":…}});
 *       {@code POST /__sandbox/clock?now=2026-11-23T02:00:00+03:00} sets it (only a settable clock: a {@link
 *       SandboxClock}, {@code --clock} on the command line; else 409).</li>
 * </ul>
 */
final class AdminHttpService implements HttpService {

    private final Sandbox sandbox;
    private final Supplier<SandboxStats> stats;

    AdminHttpService(Sandbox sandbox, Supplier<SandboxStats> stats) {
        this.sandbox = sandbox;
        this.stats = stats;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/calendar", this::calendar)
                .get("/ground-truth", this::groundTruth)
                .get("/site-truth", this::siteTruth)
                .get("/stats", this::stats)
                .get("/poisoned", this::poisoned)
                .get("/clock", this::clock)
                .post("/clock", this::setClock)
                .any((req, res) -> json(res, Status.NOT_FOUND_404, Map.of("message", "Not found")));
    }

    private void calendar(ServerRequest req, ServerResponse res) {
        SandboxCalendar c = sandbox.calendar();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("listings", c.listings());
        doc.put("pages", c.pages());
        doc.put("first_change_day", c.firstChangeDay().toString());
        doc.put("end_of_feed_change_id", c.endOfFeedId());
        doc.put("days", c.days().stream().map(d -> {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", d.date().toString());
            day.put("first_change_id", d.firstChangeId());
            day.put("last_change_id", d.lastChangeId());
            day.put("events", d.events());
            day.put("added", d.added());
            day.put("changed", d.changed());
            day.put("removed", d.removed());
            return day;
        }).toList());
        json(res, Status.OK_200, doc);
    }

    private void groundTruth(ServerRequest req, ServerResponse res) {
        String text = req.query().first("date").orElse("").trim();
        LocalDate date;
        if (text.isEmpty()) {
            json(res, Status.BAD_REQUEST_400, Map.of("message",
                    "date is required: yyyy-mm-dd, or 'initial' for the state before the first change day"));
            return;
        }
        if (text.equalsIgnoreCase("initial")) {
            date = sandbox.options().firstChangeDay().minusDays(1);
        } else {
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                json(res, Status.BAD_REQUEST_400, Map.of("message", "date must be yyyy-mm-dd or 'initial'"));
                return;
            }
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "application/x-ndjson");
        try (OutputStream out = res.outputStream()) {
            sandbox.writeGroundTruth(date, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void siteTruth(ServerRequest req, ServerResponse res) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "application/x-ndjson");
        try (OutputStream out = res.outputStream();
             java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
                     1 << 16)) {
            for (SiteListing l : (Iterable<SiteListing>) sandbox.siteTruth()::iterator) {
                w.write(l.toJsonLine());
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stats(ServerRequest req, ServerResponse res) {
        SandboxStats s = stats.get();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("requests", s.requests());
        doc.put("unauthorized", s.unauthorized());
        doc.put("errors", s.errors());
        doc.put("rate_limited", s.rateLimited());
        doc.put("stalled", s.stalled());
        doc.put("truncated", s.truncated());
        doc.put("broken_meta", s.brokenMeta());
        doc.put("offers_pages", s.offersPages());
        doc.put("changes_pages", s.changesPages());
        doc.put("offer_errors", s.offerErrors());
        doc.put("poisoned", s.poisoned());
        json(res, Status.OK_200, doc);
    }

    private void poisoned(ServerRequest req, ServerResponse res) {
        String text = req.query().first("date").orElse("").trim();
        LocalDate date;
        try {
            date = text.isEmpty() ? sandbox.options().lastChangeDay() : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            json(res, Status.BAD_REQUEST_400, Map.of("message", "date must be yyyy-mm-dd"));
            return;
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "application/x-ndjson");
        try (OutputStream out = res.outputStream();
             java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
                     1 << 16)) {
            for (PoisonedItem p : (Iterable<PoisonedItem>) sandbox.poisonedItems(date)::iterator) {
                w.write(p.toJsonLine());
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void clock(ServerRequest req, ServerResponse res) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("now", sandbox.options().clock().instant().toString());
        doc.put("settable", sandbox.options().clock() instanceof SandboxClock);
        json(res, Status.OK_200, doc);
    }

    private void setClock(ServerRequest req, ServerResponse res) {
        if (!(sandbox.options().clock() instanceof SandboxClock clock)) {
            json(res, Status.CONFLICT_409, Map.of("message",
                    "the sandbox runs on the system clock; start it with --clock to set it"));
            return;
        }
        String text = req.query().first("now").orElse("").trim();
        java.time.Instant now;
        try {
            now = parseInstant(text);
        } catch (DateTimeParseException e) {
            json(res, Status.BAD_REQUEST_400, Map.of("message",
                    "now must be an instant like 2026-11-23T02:00:00+03:00 or 2026-11-22T23:00:00Z, got '" + text
                            + "'"));
            return;
        }
        clock.set(now);
        clock(req, res);
    }

    /** {@code 2026-11-23T02:00:00+03:00} or {@code 2026-11-22T23:00:00Z}. */
    static java.time.Instant parseInstant(String text) {
        return java.time.OffsetDateTime.parse(text.trim()).toInstant();
    }

    private static void json(ServerResponse res, Status status, Object doc) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(SandboxJson.write(doc).getBytes(StandardCharsets.UTF_8));
    }

    static List<String> paths() {
        return List.of("/__sandbox/calendar", "/__sandbox/ground-truth", "/__sandbox/site-truth", "/__sandbox/stats",
                "/__sandbox/poisoned", "/__sandbox/clock");
    }
}
