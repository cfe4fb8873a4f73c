package com.che168sync.adapter.http;

import com.che168sync.application.port.out.api.DataStats;
import com.che168sync.application.port.in.api.HealthReport;
import com.che168sync.application.port.out.api.JobSummary;
import com.che168sync.application.port.in.api.StatsUseCase;
import com.che168sync.application.port.out.ops.OperationRecord;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /stats}, {@code GET /health} (no token) and {@code GET /metrics} (Prometheus text). {@code /stats} shows
 * counts and statuses only: no run details, no texts (they can name hosts, URLs or hold database errors).
 */
final class StatusHttpService implements HttpService {
    private static final Logger LOG = LoggerFactory.getLogger(StatusHttpService.class);

    private final StatsUseCase stats;
    private final ApiMetrics metrics;
    private final DataAnswers answers;

    StatusHttpService(StatsUseCase stats, ApiMetrics metrics, DataAnswers answers) {
        this.stats = stats;
        this.metrics = metrics;
        this.answers = answers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(Routes.STATS, this::stats)
                .get(Routes.HEALTH, this::health)
                .get(Routes.METRICS, this::metrics);
    }

    private void stats(ServerRequest req, ServerResponse res) {
        QueryParameters.parse(req.query().rawValue(), Set.of());
        DataStats s = stats.stats();
        answers.sendComputed(req, res, JsonBodies.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("listings");
            g.writeNumberField("active", s.active());
            g.writeNumberField("inactive", s.inactive());
            g.writeNumberField("raw", s.raw());
            g.writeNumberField("pending_normalization", s.pendingNormalization());
            g.writeNumberField("failed_normalization", s.failedNormalization());
            g.writeEndObject();
            JsonBodies.field(g, "last_successful_sync", s.lastSuccessfulSync());
            JsonBodies.field(g, "last_normalized_at", s.lastNormalizedAt());
            // the last reconciliation: when, and the drift it found and repaired (its counts)
            if (s.lastReconciliation() == null) {
                g.writeNullField("last_reconciliation");
            } else {
                g.writeFieldName("last_reconciliation");
                run(g, s.lastReconciliation());
            }
            g.writeArrayFieldStart("last_runs");
            for (OperationRecord r : s.lastRuns()) {
                run(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    /** One operations_log row: its type, times, status and counts. */
    private static void run(com.fasterxml.jackson.core.JsonGenerator g, OperationRecord r) throws java.io.IOException {
        g.writeStartObject();
        g.writeNumberField("id", r.id());
        g.writeStringField("operation_type", r.operationType());
        JsonBodies.field(g, "started_at", r.startedAt());
        if (r.duration() == null) {
            g.writeNullField("duration_seconds");
        } else {
            g.writeNumberField("duration_seconds", r.duration().toMillis() / 1000.0);
        }
        g.writeStringField("status", r.status() == null ? null : r.status().name());
        // details and texts in stats (URLs, host and access names, database errors) stay in the log and
        // in the CLI's status: a token holder sees the counts only
        g.writeObjectFieldStart("stats");
        for (Map.Entry<String, Object> e : r.stats().entrySet()) {
            switch (e.getValue()) {
                case Number n -> g.writeNumberField(e.getKey(), new java.math.BigDecimal(n.toString()));
                case Boolean b -> g.writeBooleanField(e.getKey(), b);
                case null, default -> {
                }
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private void health(ServerRequest req, ServerResponse res) {
        QueryParameters.parse(req.query().rawValue(), Set.of());
        HealthReport h = stats.health();
        Responses.json(req, res, h.databaseUp() ? 200 : 503, JsonBodies.write(g -> {
            g.writeStartObject();
            g.writeStringField("status", h.status());
            g.writeStringField("database", h.database());
            JsonBodies.field(g, "last_successful_sync", h.lastSuccessfulSync());
            JsonBodies.field(g, "sync_age_days", h.syncAgeDays());
            JsonBodies.field(g, "last_normalized_at", h.lastNormalizedAt());
            g.writeEndObject();
        }));
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        QueryParameters.parse(req.query().rawValue(), Set.of());
        List<JobSummary> jobs;
        try {
            jobs = stats.jobSummaries();
        } catch (RuntimeException e) {
            LOG.warn("Job results left out of /metrics: {}", e.getMessage());
            jobs = null;
        }
        Responses.send(req, res, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.render(jobs).getBytes(StandardCharsets.UTF_8));
    }
}
