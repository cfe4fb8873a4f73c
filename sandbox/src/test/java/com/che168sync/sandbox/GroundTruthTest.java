package com.che168sync.sandbox;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroundTruthTest {

    private static final LocalDate END = LocalDate.of(2026, 11, 23);

    private static Sandbox sandbox(long seed) {
        return Sandbox.create(SandboxOptions.builder().listings(3_000).days(3).endDate(END).seed(seed)
                .changesPerDay(700).build());
    }

    @Test
    void replayingTheServedFeedOntoTheServedCatalogueGivesTheGroundTruthOfEveryDay() {
        for (long seed : new long[]{42, 7}) {
            Sandbox sandbox = sandbox(seed);
            InProcessFetcher fetcher = new InProcessFetcher(sandbox);
            ReferenceMirror mirror = new ReferenceMirror();
            mirror.replayAndCheck(fetcher, sandbox);
            assertThat(sandbox.initialGroundTruth().count()).as("the load matched all 3,000 listings").isEqualTo(3_000);
            assertThat(mirror.offerFetches).as("changed events of unknown listings fetch /offer").isPositive();
        }
    }

    @Test
    void groundTruthCoversEveryKindOfRow() {
        Sandbox sandbox = sandbox(42);
        List<GroundTruthEntry> truth = sandbox.groundTruth(END).toList();
        assertThat(truth).anyMatch(e -> e.source().equals("initial_load") && e.lastChangeId() == null);
        assertThat(truth).anyMatch(e -> e.source().equals("daily_update") && e.changeType().equals("added"));
        assertThat(truth).anyMatch(e -> e.source().equals("daily_update") && e.changeType().equals("removed")
                && e.dataJson().equals("{}"));
        assertThat(truth).anyMatch(e -> e.source().equals("daily_update") && e.changeType().equals("changed")
                && e.dataJson().length() > 1000);
        assertThat(truth).as("ghost whose /offer answered 404: built from the event only")
                .anyMatch(e -> e.source().equals("daily_update") && e.changeType().equals("changed")
                        && e.dataJson().length() < 200 && !e.dataJson().equals("{}"));
        assertThat(truth).anyMatch(e -> e.activeStatus() == 1 && e.source().equals("initial_load"));
        assertThat(truth).noneMatch(e -> e.dataJson().contains("\"new_"));
        assertThat(truth).extracting(GroundTruthEntry::innerId).doesNotHaveDuplicates();
    }

    @Test
    void groundTruthBeforeTheFirstDayIsTheCatalogueAndAfterTheLastDayTheFinalState() {
        Sandbox sandbox = sandbox(42);
        assertThat(sandbox.groundTruth(LocalDate.of(2020, 1, 1)).toList())
                .isEqualTo(sandbox.initialGroundTruth().toList())
                .allMatch(e -> e.source().equals("initial_load") && e.active());
        assertThat(sandbox.groundTruth(END.plusDays(30)).toList()).isEqualTo(sandbox.groundTruth(END).toList());
    }

    @Test
    void oneListingsGroundTruthEqualsItsLineInTheStream() {
        Sandbox sandbox = sandbox(42);
        LocalDate day = END.minusDays(1);
        sandbox.groundTruth(day).limit(50).forEach(e ->
                assertThat(sandbox.groundTruthOf(e.innerId(), day)).contains(e));
        assertThat(sandbox.groundTruthOf("12345", day)).isEmpty();
    }

    @Test
    void jsonLinesCarryEveryField() throws Exception {
        Sandbox sandbox = sandbox(42);
        GroundTruthEntry e = sandbox.groundTruth(END).filter(x -> x.lastChangeId() != null).findFirst().orElseThrow();
        var node = ReferenceMirror.MAPPER.readTree(e.toJsonLine());
        assertThat(node.get("inner_id").asText()).isEqualTo(e.innerId());
        assertThat(node.get("api_id").isNull()).isEqualTo(e.apiId() == null);
        assertThat(node.get("active_status").asInt()).isEqualTo(e.activeStatus());
        assertThat(node.get("last_change_id").asLong()).isEqualTo(e.lastChangeId());
        assertThat(ReferenceMirror.instant(node.get("created_at").asText())).isEqualTo(e.createdAt());
        assertThat(node.get("data")).isEqualTo(ReferenceMirror.MAPPER.readTree(e.dataJson()));
    }
}
