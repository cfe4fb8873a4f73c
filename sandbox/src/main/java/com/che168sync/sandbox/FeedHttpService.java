package com.che168sync.sandbox;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The five endpoints of SOURCE_API.md, mounted under {@code /api/v2/che168}: key check, then the request's
 * fault (if any), then the deterministic answer.
 */
final class FeedHttpService implements HttpService {

    private static final HeaderName API_KEY_HEADER = HeaderNames.create("x-api-key");
    private static final long MAX_PAUSE_STEP_NANOS = 50_000_000L;
    /** The last stretch of an injected latency is spun, not parked (see {@link #pauseUntil}). */
    private static final long SPIN_NANOS = 1_000_000L;
    private static final String JSON = "application/json";
    private static final String HTML = "text/html";
    private static final byte[] INVALID_KEY = "{\"message\":\"Invalid API key\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MISSING_KEY = "{\"message\":\"API key is required\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TOO_MANY = "{\"message\":\"Too Many Requests\"}".getBytes(StandardCharsets.UTF_8);

    private final Sandbox sandbox;
    private final byte[] key;
    private final FaultInjector faults;
    private final BooleanSupplier closing;

    final AtomicLong requests = new AtomicLong();
    final AtomicLong unauthorized = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong stalled = new AtomicLong();
    final AtomicLong truncated = new AtomicLong();
    final AtomicLong brokenMeta = new AtomicLong();
    final AtomicLong offerErrors = new AtomicLong();
    final AtomicLong offersPages = new AtomicLong();
    final AtomicLong changesPages = new AtomicLong();

    FeedHttpService(Sandbox sandbox, FaultInjector faults, BooleanSupplier closing) {
        this.sandbox = sandbox;
        this.key = sandbox.options().apiKey().getBytes(StandardCharsets.UTF_8);
        this.faults = faults;
        this.closing = closing;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/offers", this::offers)
                .get("/change_id", this::changeId)
                .get("/changes", this::changes)
                .get("/offer", this::offer)
                .get("/filters", this::filters)
                .any(this::notFound);
    }

    /** A document to serve, rendered with a normal or (as a fault) broken {@code meta}. */
    private interface Answer {
        byte[] render(Sandbox.MetaMode mode);
    }

    private void offers(ServerRequest req, ServerResponse res) {
        serve(req, res, true, () -> {
            long page = positiveLong(req, "page");
            SourceOfferFilter filter;
            try {
                filter = SourceOfferFilter.of(name -> req.query().first(name).orElse(null));
            } catch (IllegalArgumentException e) {
                throw new BadRequest(e.getMessage());
            }
            return mode -> {
                byte[] body = sandbox.offersPage(page, filter, mode);
                if (mode == Sandbox.MetaMode.NORMAL) {
                    offersPages.incrementAndGet();
                }
                return body;
            };
        });
    }

    private void changeId(ServerRequest req, ServerResponse res) {
        serve(req, res, false, () -> {
            String text = req.query().first("date").orElse(null);
            if (text == null || text.isBlank()) {
                throw new BadRequest("date is required (yyyy-mm-dd)");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new BadRequest("date must be yyyy-mm-dd");
            }
            long id = sandbox.changeIdFor(date);
            return mode -> ("{\"change_id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
        });
    }

    private void changes(ServerRequest req, ServerResponse res) {
        serve(req, res, true, () -> {
            long changeId = positiveLong(req, "change_id");
            return mode -> {
                byte[] body = sandbox.changesPage(changeId, mode);
                if (mode == Sandbox.MetaMode.NORMAL) {
                    changesPages.incrementAndGet();
                }
                return body;
            };
        });
    }

    private void offer(ServerRequest req, ServerResponse res) {
        serve(req, res, false, true, () -> {
            String innerId = req.query().first("inner_id").orElse(null);
            if (innerId == null || innerId.isBlank()) {
                throw new BadRequest("inner_id is required");
            }
            Optional<byte[]> body = sandbox.offer(innerId.trim());
            if (body.isEmpty()) {
                throw new NotFound("Offer not found");
            }
            return mode -> body.get();
        });
    }

    private void filters(ServerRequest req, ServerResponse res) {
        serve(req, res, false, () -> mode -> sandbox.filters());
    }

    private void notFound(ServerRequest req, ServerResponse res) {
        json(res, Status.NOT_FOUND_404, "{\"message\":\"Not found\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    @FunctionalInterface
    private interface AnswerSupplier {
        Answer prepare();
    }

    private void serve(ServerRequest req, ServerResponse res, boolean hasMeta, AnswerSupplier supplier) {
        serve(req, res, hasMeta, false, supplier);
    }

    private void serve(ServerRequest req, ServerResponse res, boolean hasMeta, boolean detail,
            AnswerSupplier supplier) {
        if (!authorized(req, res)) {
            return;
        }
        requests.incrementAndGet();
        // the injected latency is the time from the request's arrival to its answer: the sandbox's own work (building
        // the page) happens inside it, as a remote server's does, so a client sees exactly L per request
        long answerAt = System.nanoTime() + faults.faults().latencyMs() * 1_000_000L;
        if (detail && faults.nextOfferFails()) {
            offerErrors.incrementAndGet();
            pauseUntil(answerAt);
            html(res, Status.SERVICE_UNAVAILABLE_503, "503 Service Temporarily Unavailable");
            return;
        }
        FaultInjector.Decision decision = faults.next();
        switch (decision.fault()) {
            case ERROR_500 -> {
                errors.incrementAndGet();
                pauseUntil(answerAt);
                html(res, Status.INTERNAL_SERVER_ERROR_500, "500 Internal Server Error");
                return;
            }
            case ERROR_502 -> {
                errors.incrementAndGet();
                pauseUntil(answerAt);
                html(res, Status.BAD_GATEWAY_502, "502 Bad Gateway");
                return;
            }
            case RATE_LIMIT -> {
                rateLimited.incrementAndGet();
                pauseUntil(answerAt);
                res.header(HeaderNames.RETRY_AFTER, Integer.toString(faults.faults().retryAfterSeconds()));
                json(res, Status.TOO_MANY_REQUESTS_429, TOO_MANY);
                return;
            }
            case STALL -> {
                stalled.incrementAndGet();
                answerAt += faults.faults().stallMs() * 1_000_000L;
            }
            default -> {
            }
        }
        Answer answer;
        try {
            answer = supplier.prepare();
        } catch (BadRequest e) {
            pauseUntil(answerAt);
            json(res, Status.BAD_REQUEST_400, message(e.getMessage()));
            return;
        } catch (NotFound e) {
            pauseUntil(answerAt);
            json(res, Status.NOT_FOUND_404, message(e.getMessage()));
            return;
        }
        if (decision.fault() == FaultInjector.Fault.BROKEN_META && hasMeta) {
            brokenMeta.incrementAndGet();
            Sandbox.MetaMode mode = decision.detail() < 0.5 ? Sandbox.MetaMode.NOT_ADVANCING : Sandbox.MetaMode.MISSING;
            byte[] broken = answer.render(mode);
            pauseUntil(answerAt);
            json(res, Status.OK_200, broken);
            return;
        }
        byte[] body = answer.render(Sandbox.MetaMode.NORMAL);
        pauseUntil(answerAt);
        if (decision.fault() == FaultInjector.Fault.TRUNCATE && body.length > 1) {
            truncated.incrementAndGet();
            int cut = Math.max(1, Math.min(body.length - 1, (int) (body.length * (0.05 + 0.9 * decision.detail()))));
            res.status(Status.OK_200);
            res.header(HeaderNames.CONTENT_TYPE, JSON);
            quietly(() -> res.send(body, 0, cut));
            return;
        }
        json(res, Status.OK_200, body);
    }

    private boolean authorized(ServerRequest req, ServerResponse res) {
        Optional<String> given = req.headers().first(API_KEY_HEADER);
        if (given.isEmpty()) {
            given = req.query().first("api_key").asOptional();
        }
        if (given.isEmpty() || given.get().isEmpty()) {
            unauthorized.incrementAndGet();
            json(res, Status.UNAUTHORIZED_401, MISSING_KEY);
            return false;
        }
        if (!MessageDigest.isEqual(key, given.get().getBytes(StandardCharsets.UTF_8))) {
            unauthorized.incrementAndGet();
            json(res, Status.UNAUTHORIZED_401, INVALID_KEY);
            return false;
        }
        return true;
    }

    private static long positiveLong(ServerRequest req, String name) {
        String text = req.query().first(name).orElse(null);
        if (text == null || text.isBlank()) {
            throw new BadRequest(name + " is required");
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value < 1) {
                throw new BadRequest(name + " must be a positive integer");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a positive integer");
        }
    }

    private static byte[] message(String message) {
        return SandboxJson.bytes(java.util.Map.of("message", message));
    }

    /**
     * Waits until {@code deadline} ({@link System#nanoTime()}) to within a few microseconds: parks in steps of at most
     * 50 ms (so that closing the server ends stalls at once) until {@link #SPIN_NANOS} before it, then spins, because
     * a parked virtual thread wakes up some 0.1–1 ms late, which a benchmark of per-request latency would count.
     */
    private void pauseUntil(long deadline) {
        while (!closing.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (left > SPIN_NANOS) {
                LockSupport.parkNanos(Math.min(left - SPIN_NANOS, MAX_PAUSE_STEP_NANOS));
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static void json(ServerResponse res, Status status, byte[] body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        quietly(() -> res.send(body));
    }

    private static void html(ServerResponse res, Status status, String title) {
        String page = "<html><head><title>" + title + "</title></head><body><center><h1>" + title
                + "</h1></center><hr><center>nginx</center></body></html>";
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, HTML);
        quietly(() -> res.send(page.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Sends, ignoring a client that has gone (it gave up on a stalled request): nothing to report, and Helidon's
     * own report would quote the request line, where a careless client may have put its key.
     */
    private static void quietly(Runnable send) {
        try {
            send.run();
        } catch (RuntimeException clientGone) {
            // the client closed the connection
        }
    }
}
