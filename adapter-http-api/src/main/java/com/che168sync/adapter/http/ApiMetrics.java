package com.che168sync.adapter.http;

import com.che168sync.application.port.out.api.JobSummary;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters and latency histograms in memory, rendered as Prometheus text (exposition format 0.0.4).
 * Labels are the route pattern (never the raw path, so cardinality stays bounded) and the status.
 */
final class ApiMetrics {
    /** Histogram bucket upper bounds, seconds. */
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final LongAdder unauthorized = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();

    void record(String route, int status, long nanos) {
        requests.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
        latency.computeIfAbsent(route, k -> new Histogram()).observe(nanos / 1e9);
        if (status == 401) {
            unauthorized.increment();
        } else if (status == 429) {
            rateLimited.increment();
        }
    }

    String render(List<JobSummary> jobs) {
        StringBuilder b = new StringBuilder(4096);
        b.append("# HELP che168_api_requests_total HTTP requests by route and status.\n");
        b.append("# TYPE che168_api_requests_total counter\n");
        new TreeMap<>(requests).forEach((key, count) -> {
            int sep = key.indexOf('\u0000');
            b.append("che168_api_requests_total{route=\"").append(key, 0, sep).append("\",status=\"")
                    .append(key.substring(sep + 1)).append("\"} ").append(count.sum()).append('\n');
        });
        b.append("# HELP che168_api_request_duration_seconds Time to answer a request, by route.\n");
        b.append("# TYPE che168_api_request_duration_seconds histogram\n");
        new TreeMap<>(latency).forEach((route, h) -> h.render(b, route));
        b.append("# HELP che168_api_unauthorized_total Requests refused with 401 (missing, bad, revoked or expired "
                + "token).\n");
        b.append("# TYPE che168_api_unauthorized_total counter\n");
        b.append("che168_api_unauthorized_total ").append(unauthorized.sum()).append('\n');
        b.append("# HELP che168_api_rate_limited_total Requests refused with 429.\n");
        b.append("# TYPE che168_api_rate_limited_total counter\n");
        b.append("che168_api_rate_limited_total ").append(rateLimited.sum()).append('\n');
        if (jobs != null) {
            b.append("# HELP che168_job_runs_total Runs of each job by status, from operations_log.\n");
            b.append("# TYPE che168_job_runs_total counter\n");
            for (JobSummary j : jobs) {
                b.append("che168_job_runs_total{operation_type=\"").append(label(j.operationType()))
                        .append("\",status=\"").append(label(j.status())).append("\"} ").append(j.runs()).append('\n');
            }
            b.append("# HELP che168_job_last_started_timestamp_seconds Start of the newest run of each job by status.\n");
            b.append("# TYPE che168_job_last_started_timestamp_seconds gauge\n");
            for (JobSummary j : jobs) {
                if (j.lastStartedAt() != null) {
                    b.append("che168_job_last_started_timestamp_seconds{operation_type=\"")
                            .append(label(j.operationType())).append("\",status=\"").append(label(j.status()))
                            .append("\"} ").append(j.lastStartedAt().getEpochSecond()).append('\n');
                }
            }
            b.append("# HELP che168_job_last_duration_seconds Duration of the newest run of each job by status.\n");
            b.append("# TYPE che168_job_last_duration_seconds gauge\n");
            for (JobSummary j : jobs) {
                if (j.lastDurationSeconds() != null) {
                    b.append("che168_job_last_duration_seconds{operation_type=\"").append(label(j.operationType()))
                            .append("\",status=\"").append(label(j.status())).append("\"} ")
                            .append(format(j.lastDurationSeconds())).append('\n');
                }
            }
        }
        return b.toString();
    }

    private static String label(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private static final class Histogram {
        private final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
        private final LongAdder sumMicros = new LongAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            counts[i].increment();
            sumMicros.add((long) (seconds * 1e6));
        }

        void render(StringBuilder b, String route) {
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += counts[i].sum();
                b.append("che168_api_request_duration_seconds_bucket{route=\"").append(route).append("\",le=\"")
                        .append(BUCKETS[i]).append("\"} ").append(cumulative).append('\n');
            }
            cumulative += counts[BUCKETS.length].sum();
            b.append("che168_api_request_duration_seconds_bucket{route=\"").append(route).append("\",le=\"+Inf\"} ")
                    .append(cumulative).append('\n');
            b.append("che168_api_request_duration_seconds_sum{route=\"").append(route).append("\"} ")
                    .append(format(sumMicros.sum() / 1e6)).append('\n');
            b.append("che168_api_request_duration_seconds_count{route=\"").append(route).append("\"} ")
                    .append(cumulative).append('\n');
        }
    }
}
