package com.che168sync.adapter.che168;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.application.port.out.source.ChangePage;
import com.che168sync.application.port.out.source.FetchChangesPort;
import com.che168sync.application.port.out.source.FetchOfferPagePort;
import com.che168sync.application.port.out.source.ListingCheck;
import com.che168sync.application.port.out.source.OfferPage;
import com.che168sync.application.port.out.source.SourceAuthException;
import com.che168sync.application.port.out.source.SourceChange;
import com.che168sync.application.port.out.source.SourceOffer;
import com.che168sync.application.retry.RetryListener;
import com.che168sync.application.retry.RetryPolicy;
import com.che168sync.application.retry.RetrySettings;
import com.che168sync.sandbox.GroundTruthEntry;
import com.che168sync.sandbox.SandboxCalendar;
import com.che168sync.sandbox.SandboxFaults;
import com.che168sync.sandbox.SandboxOptions;
import com.che168sync.sandbox.SandboxServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The client against the sandbox over real HTTP: the same contract as the fixtures (paging to the end, the
 * change feed day by day, {@code /offer}, {@code /filters}, a wrong key), then the whole catalogue and calendar
 * through the retry policy with transient faults, compared with the sandbox's ground truth.
 */
class Che168SourceSandboxIT {
    private static final String KEY = "sandbox-it-key-5e1d";
    private static final LocalDate END = LocalDate.of(2026, 11, 22);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SandboxOptions.Builder options(long listings) {
        return SandboxOptions.builder().port(0).listings(listings).days(3).endDate(END).seed(7).apiKey(KEY)
                .changesPerDay(300).clock(Clock.fixed(END.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    private static com.fasterxml.jackson.databind.JsonNode jsonTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Che168Source client(SandboxServer server, Duration timeout, String key) {
        return Che168Source.create(Che168ClientSettings.of(URI.create(server.baseUrl()), key)
                .withTimeouts(timeout, timeout, timeout.multipliedBy(2)));
    }

    @Test
    void contractHoldsAgainstTheSandbox() throws Exception {
        try (SandboxServer server = SandboxServer.start(options(300).build());
                Che168Source source = client(server, Duration.ofSeconds(10), KEY)) {
            SandboxCalendar calendar = server.calendar();

            Map<String, SourceOffer> catalogue = pageTheCatalogue(source, ONCE, calendar.pages());
            Map<String, GroundTruthEntry> truth = server.sandbox().initialGroundTruth()
                    .collect(Collectors.toMap(GroundTruthEntry::innerId, e -> e, (a, b) -> a, LinkedHashMap::new));
            assertThat(catalogue.keySet()).isEqualTo(truth.keySet());
            for (SourceOffer offer : catalogue.values()) {
                assertThat(JSON.readTree(offer.dataJson())).as(offer.innerId())
                        .isEqualTo(JSON.readTree(truth.get(offer.innerId()).dataJson()));
                assertThat(offer.apiId()).isEqualTo(truth.get(offer.innerId()).apiId());
            }

            for (SandboxCalendar.ChangeDay day : calendar.days()) {
                assertThat(source.firstChangeId(day.date())).as("first change id of " + day.date())
                        .isEqualTo(day.firstChangeId());
                List<SourceChange> events = readDay(source, day, calendar, ONCE);
                assertThat(events).hasSize(day.events());
                assertThat(events).extracting(SourceChange::changeType).containsOnly("added", "changed", "removed");
                assertThat(events.stream().filter(e -> e.changeType().equals("added")).count()).isEqualTo(day.added());
            }
            assertThat(source.fetchChanges(calendar.endOfFeedId()).isEnd()).isTrue();

            String someId = catalogue.keySet().iterator().next();
            assertThat(source.fetchOffer(someId)).hasValueSatisfying(data ->
                    assertThat(String.valueOf(data.get("inner_id"))).isEqualTo(someId));
            assertThat(source.fetchOffer("1")).isEmpty();
            assertThat(source.fetchFilters()).containsKey("mark");

            // a removal check: alive with the listing's current data; gone on a 404 or an answer saying removed
            List<GroundTruthEntry> finalTruth = server.sandbox().groundTruth(END).toList();
            GroundTruthEntry alive = finalTruth.stream().filter(GroundTruthEntry::active).findFirst().orElseThrow();
            assertThat(source.checkListing(alive.innerId())).isInstanceOfSatisfying(ListingCheck.Alive.class,
                    a -> assertThat(jsonTree(a.dataJson())).isEqualTo(jsonTree(alive.dataJson())));
            assertThat(source.checkListing("1")).isEqualTo(new ListingCheck.Gone("404"));
            Map<String, Long> goneBy = finalTruth.stream().filter(e -> !e.active()).map(e -> source.checkListing(
                    e.innerId())).collect(Collectors.groupingBy(c -> c instanceof ListingCheck.Gone g ? g.reason()
                    : "alive", Collectors.counting()));
            assertThat(goneBy).containsOnlyKeys("404", "change_type removed");

            try (Che168Source wrongKey = client(server, Duration.ofSeconds(5), "not-the-key")) {
                assertThatThrownBy(() -> wrongKey.fetchOfferPage(1)).isInstanceOf(SourceAuthException.class)
                        .hasMessageNotContaining("not-the-key");
            }
        }
    }

    @Test
    void wholeCatalogueAndCalendarThroughTransientFaultsMatchTheGroundTruth() {
        SandboxFaults faults = SandboxFaults.none()
                .withErrorRate(0.04)
                .withRateLimit(0.02, 1)
                .withTruncateRate(0.02)
                .withBrokenMetaRate(0.01)
                .withStall(0.01, 2_500);
        try (SandboxServer server = SandboxServer.start(options(10_000).faults(faults).build());
                Che168Source source = client(server, Duration.ofMillis(800), KEY)) {
            SandboxCalendar calendar = server.calendar();
            List<Duration> sleeps = new ArrayList<>();
            AtomicInteger failures = new AtomicInteger();
            RetryPolicy policy = new RetryPolicy(RetrySettings.defaults(), sleeps::add, Clock.systemUTC(),
                    new RetryListener() {
                        @Override
                        public void attemptFailed(com.che168sync.application.retry.FailedAttempt attempt) {
                            failures.incrementAndGet();
                            assertThat(attempt.summary()).doesNotContain(KEY);
                        }
                    });

            Map<String, SourceOffer> catalogue = pageTheCatalogue(source, policy::call, calendar.pages());
            Set<String> truth = server.sandbox().initialGroundTruth().map(GroundTruthEntry::innerId)
                    .collect(Collectors.toSet());
            assertThat(catalogue.keySet()).hasSize(truth.size()).isEqualTo(truth);

            for (SandboxCalendar.ChangeDay day : calendar.days()) {
                List<SourceChange> events = readDay(source, day, calendar, policy::call);
                assertThat(events).extracting(SourceChange::id).doesNotHaveDuplicates().hasSize(day.events());
            }
            var stats = server.stats();
            assertThat(stats.errors()).as("5xx served").isPositive();
            assertThat(stats.rateLimited()).as("429 served").isPositive();
            assertThat(stats.truncated()).as("truncated bodies served").isPositive();
            assertThat(stats.brokenMeta() + stats.stalled()).as("broken meta or stalls served").isPositive();
            // every 5xx, 429 and truncated body fails an attempt (a broken meta on the feed's closing empty page
            // need not; a loaded machine may add timeouts of its own)
            assertThat((long) failures.get()).as("injected faults met and retried")
                    .isGreaterThanOrEqualTo(stats.errors() + stats.rateLimited() + stats.truncated());
            assertThat(sleeps).hasSize(failures.get()).containsOnly(Duration.ofMinutes(12));
        }
    }

    /** How each request is made: once, or through the retry policy. */
    interface Attempt {
        <T> T call(String operation, Supplier<T> action);
    }

    private static final Attempt ONCE = new Attempt() {
        @Override
        public <T> T call(String operation, Supplier<T> action) {
            return action.get();
        }
    };

    /** Pages /offers from 1 until next_page is empty, first occurrence of a listing kept (as the load does). */
    private static Map<String, SourceOffer> pageTheCatalogue(FetchOfferPagePort source, Attempt attempt, long expectedPages) {
        Map<String, SourceOffer> seen = new LinkedHashMap<>();
        Integer next = 1;
        int pages = 0;
        while (next != null) {
            int page = next;
            OfferPage result = attempt.call("page " + page, () -> source.fetchOfferPage(page));
            for (SourceOffer offer : result.offers()) {
                seen.putIfAbsent(offer.innerId(), offer);
            }
            next = result.nextPage();
            pages++;
            assertThat((long) pages).as("pages read").isLessThanOrEqualTo(expectedPages);
        }
        assertThat((long) pages).isEqualTo(expectedPages);
        return seen;
    }

    /** A day's events: from its first change id up to the next day's first id (or the end of the feed). */
    private static List<SourceChange> readDay(FetchChangesPort source, SandboxCalendar.ChangeDay day,
            SandboxCalendar calendar, Attempt attempt) {
        List<SandboxCalendar.ChangeDay> days = calendar.days();
        int index = days.indexOf(day);
        long stopAt = index + 1 < days.size() ? days.get(index + 1).firstChangeId() : calendar.endOfFeedId();
        List<SourceChange> events = new ArrayList<>();
        long cursor = day.firstChangeId();
        long lastId = -1;
        while (cursor < stopAt) {
            long at = cursor;
            ChangePage page = attempt.call("changes from " + at, () -> source.fetchChanges(at));
            for (SourceChange event : page.changes()) {
                assertThat(event.id()).as("change ids increase").isGreaterThan(lastId);
                lastId = event.id();
                if (event.id() < stopAt) {
                    events.add(event);
                }
            }
            if (page.isEnd()) {
                break;
            }
            cursor = page.nextChangeId();
        }
        return events;
    }
}
