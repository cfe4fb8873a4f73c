package com.che168sync.sandbox;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueTest {
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 21);

    @Test
    void pagesServeEveryListingAtLeastOnceAndSometimesRepeatTheLastOneOfThePreviousPage() {
        for (long n : new long[]{0, 1, 19, 20, 21, 999, 10_000, 25_013}) {
            Catalogue c = new Catalogue(42, n, FIRST_DAY);
            Set<Long> seen = new HashSet<>();
            long served = 0;
            long repeats = 0;
            long previousLast = -1;
            for (long p = 1; p <= c.pages(); p++) {
                long[] keys = c.keysOnPage(p);
                assertThat(keys.length).as("page %d of %d", p, n).isLessThanOrEqualTo(20);
                if (p < c.pages()) {
                    assertThat(keys.length).as("only the last page is short").isEqualTo(20);
                }
                for (int i = 0; i < keys.length; i++) {
                    if (!seen.add(keys[i])) {
                        assertThat(i).isZero();
                        assertThat(keys[i]).isEqualTo(previousLast);
                        repeats++;
                    }
                }
                served += keys.length;
                if (keys.length > 0) {
                    previousLast = keys[keys.length - 1];
                }
            }
            assertThat(seen).as("every listing of %d", n).hasSize((int) n);
            assertThat(served).isEqualTo(n + repeats);
            assertThat(c.keysOnPage(c.pages() + 1)).isEmpty();
            if (n >= 10_000) {
                assertThat(repeats).as("repeats in %d", n).isPositive();
            }
        }
    }

    @Test
    void innerIdsDecodeToTheirKeysAndForeignIdsDoNot() {
        Catalogue c = new Catalogue(42, 1000, FIRST_DAY);
        Set<String> ids = new HashSet<>();
        for (long key = -500; key < 5_000; key++) {
            String id = c.innerId(key);
            assertThat(ids.add(id)).isTrue();
            assertThat(c.keyOf(id)).hasValue(key);
        }
        assertThat(c.keyOf("")).isEmpty();
        assertThat(c.keyOf("abc")).isEmpty();
        assertThat(c.keyOf("00040000000")).isEmpty();
        assertThat(c.keyOf("12")).isEmpty();
        assertThat(c.keyOf("999999999999999999999999")).isEmpty();
        long wrongJitter = Long.parseLong(c.innerId(10)) + 1;
        assertThat(c.keyOf(Long.toString(wrongJitter))).isNotEqualTo(c.keyOf(c.innerId(10)));
    }

    @Test
    void aHugeCatalogueCostsNoMemoryAndItsLastPageIsCheap() {
        long n = SandboxOptions.MAX_LISTINGS;
        long before = usedHeap();
        long t = System.nanoTime();
        Sandbox sandbox = Sandbox.create(SandboxOptions.builder().listings(n).days(1).changesPerDay(100)
                .endDate(FIRST_DAY).build());
        long pages = sandbox.pages();
        byte[] last = sandbox.offersPage(pages, Sandbox.MetaMode.NORMAL);
        byte[] middle = sandbox.offersPage(pages / 2, Sandbox.MetaMode.NORMAL);
        long millis = (System.nanoTime() - t) / 1_000_000;
        assertThat(pages).isGreaterThan(n / 20);
        assertThat(new String(last, java.nio.charset.StandardCharsets.UTF_8)).contains("\"page\":" + pages);
        assertThat(middle.length).isGreaterThan(20 * 2_000);
        assertThat(millis).as("a trillion listings, built and paged at both ends").isLessThan(10_000);
        assertThat(usedHeap() - before).as("heap grown").isLessThan(64L << 20);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
