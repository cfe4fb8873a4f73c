package com.che168sync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The site drifting away from its feed: a live catalogue, missed events, listings moving while a scan runs. */
class SiteDriftTest {
    private static final LocalDate END = LocalDate.of(2026, 11, 23);

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(SandboxOptions.SOURCE_ZONE).toInstant();
    }

    private static Sandbox sandbox(SiteDrift site, Clock clock) {
        return Sandbox.create(SandboxOptions.builder().listings(1_200).days(3).endDate(END).seed(11).changesPerDay(300)
                .clock(clock).site(site).build());
    }

    /** inner_id → data of every item of every /offers page, following next_page. */
    private static Map<String, JsonNode> scan(InProcessFetcher fetcher) {
        Map<String, JsonNode> seen = new LinkedHashMap<>();
        long page = 1;
        while (true) {
            JsonNode doc = fetcher.get("/offers?page=" + page);
            for (JsonNode item : doc.get("result")) {
                seen.put(item.get("inner_id").asText(), item.get("data"));
            }
            JsonNode next = doc.get("meta").get("next_page");
            if (next == null || next.isNull() || next.asLong() == 0) {
                return seen;
            }
            page = next.asLong();
        }
    }

    private static Map<String, JsonNode> truth(Sandbox sandbox) {
        Map<String, JsonNode> truth = new HashMap<>();
        sandbox.siteTruth().forEach(l -> {
            try {
                truth.put(l.innerId(), ReferenceMirror.MAPPER.readTree(l.dataJson()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return truth;
    }

    @Test
    void aLiveCatalogueServesTheSiteAsItIsNow() {
        SandboxClock clock = new SandboxClock(startOf(END.minusDays(2)).minusSeconds(3600));
        Sandbox live = sandbox(SiteDrift.live(), clock);
        Sandbox classic = sandbox(SiteDrift.none(), clock);

        // before the first change day: the catalogue, as the classic sandbox serves it
        Map<String, JsonNode> before = scan(new InProcessFetcher(live));
        assertThat(before).hasSize(1_200).isEqualTo(truth(live));
        Set<String> initial = classic.initialGroundTruth().map(GroundTruthEntry::innerId).collect(Collectors.toSet());
        assertThat(before.keySet()).isEqualTo(initial);

        // halfway through the second day: some events have happened, later ones not yet
        clock.set(startOf(END.minusDays(1)).plusSeconds(12 * 3600));
        Map<String, JsonNode> midway = scan(new InProcessFetcher(live));
        assertThat(midway).isEqualTo(truth(live)).isNotEqualTo(before);

        // after the last day: the active listings of the feed's ground truth, with their data
        clock.set(startOf(END.plusDays(1)));
        Map<String, JsonNode> after = scan(new InProcessFetcher(live));
        assertThat(after).isEqualTo(truth(live));
        Map<String, JsonNode> expected = new HashMap<>();
        classic.groundTruth(END).filter(GroundTruthEntry::active).forEach(e -> {
            try {
                expected.put(e.innerId(), ReferenceMirror.MAPPER.readTree(e.dataJson()));
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        });
        assertThat(after).isEqualTo(expected);
        assertThat(truth(classic)).as("a classic sandbox's site is the one after the last day").isEqualTo(expected);
    }

    @Test
    void removedListingsAnswer404OrSayTheyAreGone() {
        SandboxClock clock = new SandboxClock(startOf(END.plusDays(1)));
        Sandbox live = sandbox(SiteDrift.live(), clock);
        InProcessFetcher fetcher = new InProcessFetcher(live);
        Set<String> listed = truth(live).keySet();
        int gone404 = 0;
        int goneSaid = 0;
        for (GroundTruthEntry e : live.groundTruth(END).filter(x -> !x.active()).toList()) {
            JsonNode answer = fetcher.get("/offer?inner_id=" + e.innerId());
            if (answer == null) {
                gone404++;
            } else {
                assertThat(answer.path("result").path(0).path("change_type").asText()).as(e.innerId())
                        .isEqualTo("removed");
                goneSaid++;
            }
            assertThat(listed).doesNotContain(e.innerId());
        }
        assertThat(gone404).isPositive();
        assertThat(goneSaid).isPositive();
    }

    @Test
    void missedEventsHappenOnTheSiteButNeverAppearInTheFeed() {
        SandboxClock clock = new SandboxClock(startOf(END.plusDays(1)));
        Sandbox sandbox = sandbox(SiteDrift.live().withMissedShare(0.1), clock);
        long missed = sandbox.missedEvents();
        int total = sandbox.calendar().days().stream().mapToInt(SandboxCalendar.ChangeDay::events).sum();
        assertThat(missed).isBetween(total / 20L, total / 5L);

        // the feed serves every other event, in id order, and replaying it gives the (feed's) ground truth
        InProcessFetcher fetcher = new InProcessFetcher(sandbox);
        long served = 0;
        long id = sandbox.calendar().days().getFirst().firstChangeId();
        while (true) {
            JsonNode page = fetcher.get("/changes?change_id=" + id);
            if (page.get("result").isEmpty()) {
                break;
            }
            served += page.get("result").size();
            id = page.get("meta").get("next_change_id").asLong();
        }
        assertThat(served).isEqualTo(total - missed);

        // what the site holds differs from what the feed tells
        Map<String, JsonNode> fromFeed = new HashMap<>();
        sandbox.groundTruth(END).filter(GroundTruthEntry::active).forEach(e -> {
            try {
                fromFeed.put(e.innerId(), ReferenceMirror.MAPPER.readTree(e.dataJson()));
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        });
        assertThat(truth(sandbox)).isNotEqualTo(fromFeed);
    }

    @Test
    void theFeedWithMissedEventsStillReplaysToItsGroundTruth() {
        Sandbox sandbox = Sandbox.create(SandboxOptions.builder().listings(1_500).days(3).endDate(END).seed(42)
                .changesPerDay(300).site(SiteDrift.none().withMissedShare(0.15)).build());
        new ReferenceMirror().replayAndCheck(new InProcessFetcher(sandbox), sandbox);
    }

    @Test
    void aShiftingCatalogueHidesListingsFromAScanButNotFromOffer() {
        SandboxClock clock = new SandboxClock(startOf(END.plusDays(1)));
        Sandbox sandbox = sandbox(SiteDrift.live().withShiftEveryPages(4), clock);
        InProcessFetcher fetcher = new InProcessFetcher(sandbox);
        Map<String, JsonNode> truth = truth(sandbox);
        Map<String, JsonNode> seen = scan(fetcher);
        assertThat(truth.keySet()).containsAll(seen.keySet());
        Set<String> unseen = new HashSet<>(truth.keySet());
        unseen.removeAll(seen.keySet());
        assertThat(unseen).as("moved listings a scan missed").hasSizeGreaterThan(5);
        for (String innerId : unseen) {
            JsonNode offer = fetcher.get("/offer?inner_id=" + innerId);
            assertThat(offer).as(innerId).isNotNull();
            JsonNode data = offer.has("result") ? offer.get("result").get(0).get("data") : offer;
            assertThat(data).isEqualTo(truth.get(innerId));
        }
        seen.forEach((innerId, data) -> assertThat(data).as(innerId).isEqualTo(truth.get(innerId)));
        assertThat(truth(sandbox)).as("moving changes nothing the site holds").isEqualTo(truth);
        List<String> second = List.copyOf(scan(fetcher).keySet());
        assertThat(second).isNotEmpty();
    }
}
