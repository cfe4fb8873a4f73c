package com.che168sync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {
    @Test
    void anAnswerIsKeptForItsVersionOnlyAndANewerVersionDropsTheOlderOnes() {
        ResponseCache cache = new ResponseCache(1 << 20);
        cache.put("/offers?a", 7, new byte[100]);
        cache.put("/offers?b", 7, new byte[100]);
        assertThat(cache.get("/offers?a", 7)).isNotNull();
        assertThat(cache.get("/offers?a", 8)).isNull();
        cache.put("/offers?c", 8, new byte[100]);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get("/offers?b", 7)).isNull();
        cache.put("/offers?d", 7, new byte[100]);
        assertThat(cache.get("/offers?d", 7)).as("an answer of an outdated version is not kept").isNull();
    }

    @Test
    void theBytesHeldNeverExceedTheBoundAndTheLeastRecentlyUsedGoFirst() {
        ResponseCache cache = new ResponseCache(100_000);
        for (int i = 0; i < 100; i++) {
            ResponseCache.Entry e = cache.put("/offers/" + i, 1, new byte[5_000]);
            cache.addGzip(e, new byte[1_000]);
            cache.get("/offers/0", 1);
            assertThat(cache.bytes()).isLessThanOrEqualTo(100_000);
        }
        assertThat(cache.get("/offers/0", 1)).as("used all along").isNotNull();
        assertThat(cache.get("/offers/1", 1)).isNull();
        assertThat(cache.get("/offers/99", 1)).isNotNull();
        assertThat(cache.size()).as("16 entries of 6,220 bytes fit in 100,000").isEqualTo(16);
        assertThat(cache.put("/huge", 1, new byte[20_000]).body).hasSize(20_000);
        assertThat(cache.get("/huge", 1)).as("larger than an eighth of the bound: not kept").isNull();
    }

    @Test
    void aFullCacheTakesNoMoreHeapThanItsBound() {
        long bound = 48L << 20;
        long before = usedAfterGc();
        ResponseCache cache = new ResponseCache(bound);
        Random random = new Random(1);
        for (int i = 0; i < 3_000; i++) {
            byte[] body = new byte[10_000 + random.nextInt(50_000)];
            ResponseCache.Entry e = cache.put("/offers?mark=bmw&page=" + i + "&sort=price", 1, body);
            cache.addGzip(e, new byte[body.length / 5]);
        }
        long held = usedAfterGc() - before;
        assertThat(cache.bytes()).isLessThanOrEqualTo(bound).isGreaterThan(bound * 9 / 10);
        assertThat(held).as("heap held by the full cache").isLessThan(bound + (bound / 10));
        assertThat(cache.size()).isPositive();
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
