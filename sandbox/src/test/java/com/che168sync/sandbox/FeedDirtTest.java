package com.che168sync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The feed's dirt ({@link FeedDirt}): poison, retention, live today; and a dead {@code /offer}. */
class FeedDirtTest {
    private static final LocalDate END = LocalDate.of(2026, 11, 23);

    private static SandboxOptions.Builder options(long seed) {
        return SandboxOptions.builder().listings(1_500).days(3).endDate(END).seed(seed).changesPerDay(400);
    }

    private static Sandbox poisoned(long seed, double rate) {
        return Sandbox.create(options(seed).dirt(FeedDirt.none().withPoison(rate)).build());
    }

    /** What a correct mirror quarantines, as {@link ReferenceMirror#quarantine} notes it. */
    private static Set<String> expectedQuarantine(Sandbox sandbox, LocalDate date) {
        return sandbox.poisonedItems(date).filter(PoisonedItem::quarantined)
                .map(p -> p.endpoint() + "|" + (p.endpoint().equals("/offers") ? null : p.changeId()) + "|"
                        + (p.kind() == PoisonKind.NO_INNER_ID ? "?" : p.innerId()) + "|" + p.stored())
                .collect(Collectors.toSet());
    }

    @Test
    void aMirrorThatRepairsWhatItCanAndQuarantinesTheRestHoldsExactlyTheGroundTruth() {
        for (long seed : new long[]{42, 7}) {
            Sandbox sandbox = poisoned(seed, 0.1);
            ReferenceMirror mirror = new ReferenceMirror();
            mirror.replayAndCheck(new InProcessFetcher(sandbox), sandbox);
            assertThat(new HashSet<>(mirror.quarantine)).as("seed %d: the items a mirror quarantines", seed)
                    .containsExactlyInAnyOrderElementsOf(expectedQuarantine(sandbox, END));
            List<PoisonedItem> items = sandbox.poisonedItems(END).toList();
            assertThat(items).extracting(PoisonedItem::kind).as("every kind met").containsAll(EnumSet.allOf(PoisonKind.class));
            assertThat(items).extracting(PoisonedItem::endpoint).contains("/offers", "/changes");
            assertThat(sandbox.poisonedServed()).isPositive();
        }
    }

    @Test
    void theGroundTruthHoldsTheRepairedTextAndLeavesOutWhatCannotBeStored() {
        Sandbox sandbox = poisoned(42, 0.2);
        Map<String, GroundTruthEntry> initial = sandbox.initialGroundTruth()
                .collect(Collectors.toMap(GroundTruthEntry::innerId, e -> e));
        Map<PoisonKind, Integer> seen = new EnumMap<>(PoisonKind.class);
        sandbox.poisonedItems(END.minusDays(10)).forEach(p -> {
            assertThat(p.endpoint()).isEqualTo("/offers");
            assertThat(sandbox.catalogue().keysOnPage(p.page())).as("%s is served on page %d", p.innerId(), p.page())
                    .contains(sandbox.catalogue().keyOf(p.innerId()).getAsLong());
            seen.merge(p.kind(), 1, Integer::sum);
            GroundTruthEntry e = initial.get(p.innerId());
            switch (p.kind()) {
                case NO_INNER_ID -> assertThat(e).as("no row for %s", p.innerId()).isNull();
                case LONE_SURROGATE -> assertThat(e.dataJson()).contains("\uFFFD").doesNotContain("\\u");
                case REVERSED_SURROGATES -> assertThat(e.dataJson()).contains("\uFFFD\uFFFD");
                case NUL -> assertThat(e.dataJson()).doesNotContain("\\u0000").doesNotContain("\uFFFD")
                        .isEqualTo(SandboxJson.write(sandbox.baseData(sandbox.catalogue().keyOf(p.innerId()).getAsLong())));
                case HUGE_TEXT -> assertThat(e.dataJson().length()).isGreaterThan(Poison.HUGE_CHARS);
                case DATA_NOT_OBJECT -> assertThat(e.dataJson()).doesNotStartWith("{");
                case BAD_CREATED_AT -> assertThat(e.createdAt()).isNull();
            }
        });
        assertThat(seen.keySet()).containsAll(EnumSet.allOf(PoisonKind.class));
        assertThat(initial).hasSize(1_500 - seen.get(PoisonKind.NO_INNER_ID));
    }

    @Test
    void poisonIsSentAsTheSourceSendsIt() {
        Sandbox sandbox = poisoned(42, 0.3);
        Map<PoisonKind, String> sent = new EnumMap<>(PoisonKind.class);
        for (long page = 1; page <= 20; page++) {
            String body = new String(sandbox.offersPage(page, Sandbox.MetaMode.NORMAL), StandardCharsets.UTF_8);
            for (long key : sandbox.catalogue().keysOnPage(page)) {
                PoisonKind kind = new Poison(42, sandbox.options().dirt()).ofItem(key);
                if (kind != null) {
                    sent.putIfAbsent(kind, body);
                }
            }
        }
        assertThat(sent.get(PoisonKind.NUL)).contains("\\u0000");
        assertThat(sent.get(PoisonKind.LONE_SURROGATE)).contains("\\ud800");
        assertThat(sent.get(PoisonKind.REVERSED_SURROGATES)).contains("\\udc00\\ud800");
        assertThat(sent.get(PoisonKind.BAD_CREATED_AT)).containsAnyOf("\"0000-00-00 00:00:00\"", "\"вчера\"",
                "\"2026-13-45T25:61:00Z\"");
        // still JSON: every page parses
        for (long page = 1; page <= 20; page++) {
            assertThat(parse(sandbox.offersPage(page, Sandbox.MetaMode.NORMAL)).get("result")).isNotEmpty();
        }
    }

    @Test
    void theRateIsHonouredByItemAndEventAndEveryKindFits() {
        Poison poison = new Poison(42, FeedDirt.none().withPoison(0.2));
        int items = 0;
        int events = 0;
        int removedText = 0;
        int offerOther = 0;
        int hugeOffFour = 0;
        for (long id = 0; id < 50_000; id++) {
            PoisonKind item = poison.ofItem(id);
            items += item != null ? 1 : 0;
            hugeOffFour += item == PoisonKind.HUGE_TEXT && id % 4 != 0 ? 1 : 0;
            PoisonKind event = poison.ofEvent(id, id % 2 == 0);
            events += event != null ? 1 : 0;
            removedText += id % 2 == 0 && event != null && event.inText() ? 1 : 0;
            PoisonKind offer = poison.ofOffer(id);
            offerOther += offer != null && !offer.inText() ? 1 : 0;
        }
        assertThat(items / 50_000.0).isBetween(0.19, 0.21);
        assertThat(events / 50_000.0).isBetween(0.19, 0.21);
        assertThat(removedText).as("a removed event gets no text dirt").isZero();
        assertThat(offerOther).as("/offer gets only text dirt").isZero();
        assertThat(hugeOffFour).as("a huge text only on every 4th id").isZero();
        Poison onlyNul = new Poison(42, FeedDirt.none().withPoison(1, EnumSet.of(PoisonKind.NUL)));
        for (long id = 0; id < 1_000; id++) {
            assertThat(onlyNul.ofItem(id)).isEqualTo(PoisonKind.NUL);
            assertThat(onlyNul.ofEvent(id, true)).as("nothing fits a removed event").isNull();
        }
    }

    @Test
    void poisonIsDeterministicBySeedAndOffChangesNoByte() {
        Sandbox a = poisoned(42, 0.1);
        Sandbox b = poisoned(42, 0.1);
        Sandbox other = poisoned(43, 0.1);
        Sandbox clean = Sandbox.create(options(42).build());
        Sandbox zero = Sandbox.create(options(42).dirt(FeedDirt.none().withPoison(0)).build());
        long first = clean.calendar().days().getFirst().firstChangeId();
        for (long page = 1; page <= 10; page++) {
            assertThat(a.offersPage(page, Sandbox.MetaMode.NORMAL)).isEqualTo(b.offersPage(page, Sandbox.MetaMode.NORMAL));
            assertThat(zero.offersPage(page, Sandbox.MetaMode.NORMAL))
                    .isEqualTo(clean.offersPage(page, Sandbox.MetaMode.NORMAL));
            long cursor = first + (page - 1) * 20;
            assertThat(a.changesPage(cursor, Sandbox.MetaMode.NORMAL)).isEqualTo(b.changesPage(cursor, Sandbox.MetaMode.NORMAL));
            assertThat(zero.changesPage(cursor, Sandbox.MetaMode.NORMAL))
                    .isEqualTo(clean.changesPage(cursor, Sandbox.MetaMode.NORMAL));
        }
        assertThat(a.poisonedItems(END).toList()).isEqualTo(b.poisonedItems(END).toList())
                .isNotEqualTo(other.poisonedItems(END).toList());
        assertThat(a.groundTruth(END).toList()).isEqualTo(b.groundTruth(END).toList());
        assertThat(zero.groundTruth(END).toList()).isEqualTo(clean.groundTruth(END).toList());
        assertThat(clean.poisonedItems(END)).isEmpty();
    }

    @Test
    void theSiteTruthIsWhatAMirrorStoresFromThePoisonedCatalogue() {
        Sandbox sandbox = Sandbox.create(options(42).site(SiteDrift.live()).clock(new SandboxClock(
                END.minusDays(5).atStartOfDay().toInstant(ZoneOffset.UTC))).dirt(FeedDirt.none().withPoison(0.2)).build());
        ReferenceMirror mirror = new ReferenceMirror();
        mirror.load(new InProcessFetcher(sandbox));
        Map<String, String> truth = sandbox.siteTruth().collect(Collectors.toMap(SiteListing::innerId, SiteListing::dataJson));
        assertThat(truth).hasSize(mirror.rows.size());
        mirror.rows.forEach((id, row) -> assertThat(parse(truth.get(id).getBytes(StandardCharsets.UTF_8)))
                .as(id).isEqualTo(row.data()));
    }

    @Test
    void pastTheRetentionChangeIdAnswersZero() {
        Sandbox sandbox = Sandbox.create(options(42).days(5).dirt(FeedDirt.none().withRetentionDays(2)).build());
        Sandbox keepAll = Sandbox.create(options(42).days(5).build());
        assertThat(sandbox.changeIdFor(END.minusDays(3))).isZero();
        assertThat(sandbox.changeIdFor(END.minusDays(4))).isZero();
        assertThat(sandbox.changeIdFor(END.minusDays(30))).isZero();
        for (int back = 0; back <= 2; back++) {
            assertThat(sandbox.changeIdFor(END.minusDays(back))).isEqualTo(keepAll.changeIdFor(END.minusDays(back)))
                    .isPositive();
        }
        assertThat(sandbox.changeIdFor(END.plusDays(1))).isEqualTo(keepAll.changeIdFor(END.plusDays(1)));
        for (int back = 0; back <= 30; back++) {
            assertThat(keepAll.changeIdFor(END.minusDays(back))).isPositive();
        }
        // /changes still serves the old events
        long first = keepAll.calendar().days().getFirst().firstChangeId();
        assertThat(sandbox.changesPage(first, Sandbox.MetaMode.NORMAL)).isEqualTo(keepAll.changesPage(first,
                Sandbox.MetaMode.NORMAL));
        assertThatThrownBy(() -> FeedDirt.none().withRetentionDays(-1)).hasMessageContaining("retention-days");
    }

    @Test
    void liveTodayShowsTheEventsTheClockHasPassedAndTheTruthAsOfTheClock() {
        Instant twoAm = END.atTime(2, 0).atZone(SandboxOptions.SOURCE_ZONE).toInstant();
        SandboxClock clock = new SandboxClock(twoAm);
        Sandbox sandbox = Sandbox.create(options(42).clock(clock).dirt(FeedDirt.none().withLiveToday(true)).build());
        Sandbox all = Sandbox.create(options(42).build());
        SandboxCalendar.ChangeDay today = all.calendar().days().getLast();
        InProcessFetcher fetcher = new InProcessFetcher(sandbox);

        assertThat(sandbox.changeIdFor(END)).isEqualTo(today.firstChangeId());
        assertThat(sandbox.changeIdFor(END.plusDays(1))).as("tomorrow has not begun").isZero();
        assertThat(sandbox.changeIdFor(END.minusDays(1))).isEqualTo(all.changeIdFor(END.minusDays(1)));

        ReferenceMirror mirror = new ReferenceMirror();
        mirror.load(fetcher);
        mirror.applyDay(fetcher, END.minusDays(2));
        mirror.applyDay(fetcher, END.minusDays(1));
        long cursor = mirror.applyToTheEnd(fetcher, sandbox.changeIdFor(END));
        long night = cursor - today.firstChangeId();
        assertThat(night).as("the night's events: about 2/24 of the day").isBetween(today.events() / 24L,
                today.events() / 6L);
        for (long id = today.firstChangeId(); id < cursor; id++) {
            int pos = sandbox.feed().positionOf(id);
            assertThat(sandbox.feed().createdAt(pos)).isBeforeOrEqualTo(twoAm);
        }
        assertThat(sandbox.feed().createdAt(sandbox.feed().positionOf(cursor))).isAfter(twoAm);
        mirror.assertMatches(sandbox.groundTruth(END));
        assertThat(sandbox.groundTruth(END).toList()).isNotEqualTo(all.groundTruth(END).toList());

        clock.set(twoAm.plusSeconds(22 * 3600));
        long end = mirror.applyToTheEnd(fetcher, cursor);
        assertThat(end).isEqualTo(today.lastChangeId() + 1);
        mirror.assertMatches(sandbox.groundTruth(END));
        assertThat(sandbox.groundTruth(END).toList()).isEqualTo(all.groundTruth(END).toList());

        clock.set(END.minusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC));
        assertThat(sandbox.changeIdFor(END.minusDays(2))).as("a day not begun by the clock").isZero();
    }

    @Test
    void aDeadOfferIsDrawnFromTheSeedAndOnlyTouchesOffer() {
        FaultInjector some = new FaultInjector(42, SandboxFaults.none().withOfferErrorRate(0.3));
        FaultInjector same = new FaultInjector(42, SandboxFaults.none().withOfferErrorRate(0.3));
        List<Boolean> a = new ArrayList<>();
        List<Boolean> b = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < 10_000; i++) {
            boolean f = some.nextOfferFails();
            a.add(f);
            b.add(same.nextOfferFails());
            failed += f ? 1 : 0;
            assertThat(some.next().fault()).isEqualTo(FaultInjector.Fault.NONE);
        }
        assertThat(a).isEqualTo(b);
        assertThat(failed / 10_000.0).isBetween(0.28, 0.32);
        FaultInjector dead = new FaultInjector(42, SandboxFaults.none().withOfferErrorRate(1));
        for (int i = 0; i < 100; i++) {
            assertThat(dead.nextOfferFails()).isTrue();
        }
        assertThat(new FaultInjector(42, SandboxFaults.none()).nextOfferFails()).isFalse();
    }

    @Test
    void badOptionsAreRefusedNamingThem() {
        assertThatThrownBy(() -> FeedDirt.none().withPoison(1.5)).hasMessageContaining("poison-rate");
        assertThatThrownBy(() -> PoisonKind.parse("nul,mud")).hasMessageContaining("mud").hasMessageContaining("nul");
        assertThatThrownBy(() -> SandboxFaults.none().withOfferErrorRate(-0.1)).hasMessageContaining("offer-error-rate");
        assertThat(PoisonKind.parse("NUL, huge-text")).containsExactly(PoisonKind.NUL, PoisonKind.HUGE_TEXT);
        assertThat(PoisonKind.parse("all")).hasSize(PoisonKind.values().length);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return ReferenceMirror.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
