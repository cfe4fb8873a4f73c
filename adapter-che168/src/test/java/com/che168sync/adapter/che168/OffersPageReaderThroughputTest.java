package com.che168sync.adapter.che168;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.application.port.out.source.OfferPage;
import com.fasterxml.jackson.core.JsonFactory;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Microbenchmark of the {@code /offers} parse (no HTTP): prints MB/s and listings/s. Measures, never asserts a
 * speed (shared machines drift); it only checks that every page parsed to 20 listings.
 */
class OffersPageReaderThroughputTest {
    @Test
    void measureParseThroughput() throws Exception {
        byte[] body = BenchPages.page(7, 8);
        OffersPageReader reader = new OffersPageReader(new JsonFactory());
        long sink = 0;
        long warmUntil = System.nanoTime() + 700_000_000L;
        while (System.nanoTime() < warmUntil) {
            sink += reader.read(body, 7).offers().size();
        }
        int pages = 0;
        long listings = 0;
        long started = System.nanoTime();
        long until = started + 1_500_000_000L;
        while (System.nanoTime() < until) {
            OfferPage page = reader.read(body, 7);
            listings += page.offers().size();
            sink += page.offers().get(19).dataJson().length();
            pages++;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double mb = (double) body.length * pages / (1024 * 1024);
        System.out.printf(Locale.ROOT, "[bench] /offers parse: page %,d bytes, %,d pages in %.2f s: %.0f MB/s,"
                        + " %,.0f pages/s, %,.0f listings/s%n",
                body.length, pages, seconds, mb / seconds, pages / seconds, listings / seconds);
        assertThat(listings).isEqualTo(20L * pages);
        assertThat(sink).isPositive();
    }
}
