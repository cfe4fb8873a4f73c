package com.che168sync.sandbox;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FaultInjectorTest {
    private static final SandboxFaults FAULTS = SandboxFaults.none().withErrorRate(0.05).withRateLimit(0.03, 2)
            .withStall(0.01, 1_000).withTruncateRate(0.04).withBrokenMetaRate(0.02);

    @Test
    void theSameSeedGivesTheSameFaultSequenceAndAnotherSeedAnotherOne() {
        FaultInjector a = new FaultInjector(42, FAULTS);
        FaultInjector b = new FaultInjector(42, FAULTS);
        FaultInjector c = new FaultInjector(43, FAULTS);
        int differences = 0;
        for (int i = 0; i < 2_000; i++) {
            FaultInjector.Decision x = a.next();
            assertThat(b.next()).isEqualTo(x);
            if (c.next().fault() != x.fault()) {
                differences++;
            }
        }
        assertThat(differences).isPositive();
    }

    @Test
    void eachFaultComesAtItsRate() {
        FaultInjector injector = new FaultInjector(42, FAULTS);
        Map<FaultInjector.Fault, Integer> counts = new EnumMap<>(FaultInjector.Fault.class);
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts.merge(injector.next().fault(), 1, Integer::sum);
        }
        assertThat(counts.get(FaultInjector.Fault.ERROR_500) + counts.get(FaultInjector.Fault.ERROR_502))
                .isBetween(4_500, 5_500);
        assertThat(counts.get(FaultInjector.Fault.ERROR_500)).isBetween(2_000, 3_000);
        assertThat(counts.get(FaultInjector.Fault.RATE_LIMIT)).isBetween(2_600, 3_400);
        assertThat(counts.get(FaultInjector.Fault.STALL)).isBetween(800, 1_200);
        assertThat(counts.get(FaultInjector.Fault.TRUNCATE)).isBetween(3_600, 4_400);
        assertThat(counts.get(FaultInjector.Fault.BROKEN_META)).isBetween(1_700, 2_300);
    }

    @Test
    void noFaultsMeansNoFault() {
        FaultInjector injector = new FaultInjector(42, SandboxFaults.none().withLatencyMs(5));
        for (int i = 0; i < 10_000; i++) {
            assertThat(injector.next().fault()).isEqualTo(FaultInjector.Fault.NONE);
        }
    }
}
