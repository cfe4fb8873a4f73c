package com.che168sync.sandbox;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full-size catalogue (250,000 listings, 3 days of 15,000 changes) served with the failsafe JVM's
 * {@code -Xmx256m} (see the sandbox pom): start time, pages per second with one request in flight (as the
 * initial load makes them), and heap that does not grow with what was served.
 */
class ThroughputIT {

    @Test
    void theFullSizeSandboxStartsFastServesFarMoreThan5000ListingsASecondAndKeepsItsHeapFlat() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        long t0 = System.nanoTime();
        try (SandboxServer server = SandboxServer.start(SandboxOptions.builder()
                .endDate(LocalDate.of(2026, 11, 23)).apiKey("k").build())) {
            long startMillis = (System.nanoTime() - t0) / 1_000_000;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long pages = server.calendar().pages();
            assertThat(pages).isGreaterThan(12_000);
            // warm up, then measure pages spread over the whole catalogue
            fetch(http, server, 1, 600, 1);
            long heapBefore = usedHeapAfterGc();
            long t = System.nanoTime();
            long cpu = processCpuNanos();
            long[] served = fetch(http, server, 1, pages, Math.max(1, pages / 2_500));
            double seconds = (System.nanoTime() - t) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
            long heapAfter = usedHeapAfterGc();
            double listingsPerSecond = served[0] / seconds;
            double listingsPerCpuSecond = served[0] / cpuSeconds;
            System.out.printf(Locale.ROOT, "sandbox throughput: %,d listings on %,d pages in %.2f s = %,.0f listings/s"
                            + " (%.1f MB/s) wall clock, %,.0f listings per CPU-second of server + client;"
                            + " mean listing %,d bytes; start %d ms; heap %d MB -> %d MB (max %d MB)%n",
                    served[0], served[1], seconds, listingsPerSecond, served[2] / seconds / 1e6, listingsPerCpuSecond,
                    served[2] / Math.max(1, served[0]), startMillis, heapBefore >> 20, heapAfter >> 20, maxHeap >> 20);
            assertThat(startMillis).as("start of the full-size sandbox, ms").isLessThan(3_000);
            // CPU time, not wall clock: the build machine is shared, so wall-clock rates swing with others' load
            assertThat(listingsPerCpuSecond).as("listings served per CPU-second (server and client together)")
                    .isGreaterThan(5_000);
            assertThat(heapAfter - heapBefore).as("heap grown while serving").isLessThan(32L << 20);
        }
    }

    /** @return {listings, pages, bytes} */
    private static long[] fetch(HttpClient http, SandboxServer server, long from, long to, long step) throws Exception {
        long listings = 0;
        long pages = 0;
        long bytes = 0;
        for (long p = from; p <= to; p += step) {
            HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/offers?page=" + p))
                    .header("x-api-key", "k").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(res.statusCode()).isEqualTo(200);
            pages++;
            bytes += res.body().length;
            listings += countItems(res.body());
        }
        return new long[]{listings, pages, bytes};
    }

    private static int countItems(byte[] body) {
        String text = new String(body, 0, body.length, java.nio.charset.StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = text.indexOf("\"change_type\":\"added\""); i >= 0; i = text.indexOf("\"change_type\":\"added\"", i + 1)) {
            n++;
        }
        return n;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
