package com.che168sync.adapter.che168;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.application.port.out.source.OfferPage;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * End-to-end client throughput over loopback HTTP (OkHttp + parse, one request in flight, keep-alive): pages a
 * catalogue of 2,000 pages of ~80 KB (20 listings of ~4 KB) and prints pages/s, listings/s and MB/s. The server is
 * the JDK's own minimal one (MockWebServer is too slow to measure a client with). Measures, never asserts a speed.
 */
class OffersThroughputIT {
    private static final int PAGES = 2_000;

    @Test
    void measurePagingThroughputOverLoopback() throws Exception {
        byte[][] tails = new byte[8][];
        for (int i = 0; i < tails.length; i++) {
            tails[i] = BenchPages.tail(i + 1);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v2/che168/offers", exchange -> {
            int page = Integer.parseInt(exchange.getRequestURI().getQuery().replace("page=", ""));
            byte[] head = BenchPages.head(page, page >= PAGES ? null : page + 1);
            byte[] tail = tails[page % tails.length];
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, head.length + tail.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(head);
                out.write(tail);
            }
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/che168");
        try (Che168Source source = Che168Source.create(Che168ClientSettings.of(base, "bench-key"))) {
            for (int p = 1; p <= 300; p++) { // warm-up
                source.fetchOfferPage(p);
            }
            Set<Integer> seen = new HashSet<>();
            long chars = 0;
            long listings = 0;
            long started = System.nanoTime();
            Integer next = 1;
            while (next != null) {
                OfferPage page = source.fetchOfferPage(next);
                seen.add(page.page());
                listings += page.offers().size();
                for (var o : page.offers()) {
                    chars += o.dataJson().length();
                }
                next = page.nextPage();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long pageBytes = BenchPages.page(1, 2).length;
            System.out.printf(Locale.ROOT, "[bench] /offers over loopback HTTP: %,d pages of ~%,d bytes (%,d listings)"
                            + " in %.2f s: %,.0f pages/s, %,.0f listings/s, %.0f MB/s%n",
                    PAGES, pageBytes, listings, seconds, PAGES / seconds, listings / seconds,
                    PAGES * (double) pageBytes / seconds / (1024 * 1024));
            assertThat(seen).hasSize(PAGES);
            assertThat(listings).isEqualTo(20L * PAGES);
            assertThat(chars).isPositive();
        } finally {
            server.stop(0);
        }
    }
}
