package com.che168sync.application.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.application.port.in.api.OfferFilter;
import com.che168sync.application.port.in.api.SearchOffersResult;
import com.che168sync.application.port.in.api.SearchOffersQuery;
import com.che168sync.application.port.out.api.FilterValues;
import com.che168sync.application.port.out.api.Keyset;
import com.che168sync.application.port.out.api.LoadDataVersionPort;
import com.che168sync.application.port.out.api.LoadFilterValuesPort;
import com.che168sync.application.port.out.api.OfferCriteria;
import com.che168sync.application.port.out.api.OfferRow;
import com.che168sync.application.port.out.api.OfferSort;
import com.che168sync.application.port.out.api.RawJson;
import com.che168sync.application.port.out.api.SearchOffersPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How {@link SearchOffersService} gets the total of a search: from the page, a bounded count, or the estimate. */
class SearchOffersServiceTest {
    private final FakeOffers offers = new FakeOffers();
    private final SearchOffersService service = new SearchOffersService(offers,
            new FilterValuesService(new NoFilterValues(), new DataVersionService(new OneDataVersion(),
                    Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Duration.ofSeconds(5))),
            OfferCursorCodec.fromSecret("test"), 100);

    /** Data that never changes: version 1. */
    private static final class OneDataVersion implements LoadDataVersionPort {
        @Override
        public long lastDrawn() {
            return 1;
        }

        @Override
        public OptionalLong settled() {
            return OptionalLong.of(1);
        }
    }

    @Test
    void aPageThatReachesTheEndGivesTheExactTotalOfItsRows() {
        offers.matching = 7;
        offers.countError = 3; // a count taken with the page is not what the total of a complete page comes from
        SearchOffersResult page = service.search(query(null, 20));
        assertThat(page.total()).isEqualTo(7);
        assertThat(page.totalExact()).isTrue();
        assertThat(offers.estimates).isZero();
        assertThat(service.search(query(null, 5)).total()).isEqualTo(7);
        assertThat(offers.counts).as("the total of the complete page was kept for the data version").isEqualTo(1);
    }

    @Test
    void aLastOffsetPageAddsTheRowsBeforeIt() {
        offers.matching = 45;
        offers.countError = 3;
        SearchOffersResult page = service.search(query(3, 20));
        assertThat(page.items()).hasSize(5);
        assertThat(page.total()).isEqualTo(45);
        assertThat(page.totalExact()).isTrue();
    }

    @Test
    void upToTheCapTheTotalIsCountedExactlyOncePerDataVersion() {
        offers.matching = SearchOffersService.EXACT_COUNT_CAP;
        SearchOffersResult first = service.search(query(null, 20));
        SearchOffersResult again = service.search(query(2, 20));
        assertThat(first.total()).isEqualTo(SearchOffersService.EXACT_COUNT_CAP);
        assertThat(first.totalExact()).isTrue();
        assertThat(again.total()).isEqualTo(SearchOffersService.EXACT_COUNT_CAP);
        assertThat(offers.counts).isEqualTo(1);
        assertThat(offers.lastCap).isEqualTo(SearchOffersService.EXACT_COUNT_CAP + 1);
        assertThat(offers.estimates).isZero();
    }

    @Test
    void aboveTheCapTheTotalIsTheEstimateFlaggedAndNeverBelowWhatWasCounted() {
        offers.matching = 50_000;
        offers.estimate = 120;
        SearchOffersResult page = service.search(query(null, 20));
        assertThat(page.totalExact()).isFalse();
        assertThat(page.total()).isEqualTo(SearchOffersService.EXACT_COUNT_CAP + 1);
        offers.estimate = 48_000;
        SearchOffersResult other = service.search(new SearchOffersQuery(filter(2010), OfferSort.PRICE, null, 20, null));
        assertThat(other.totalExact()).isFalse();
        assertThat(other.total()).isEqualTo(48_000);
    }

    private static SearchOffersQuery query(Integer page, int limit) {
        return new SearchOffersQuery(filter(2015), OfferSort.PRICE, page, limit, null);
    }

    private static OfferFilter filter(int yearFrom) {
        return new OfferFilter(null, null, yearFrom, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** {@code matching} listings with prices 1, 2, 3, … */
    private static final class FakeOffers implements SearchOffersPort {
        long matching;
        long estimate;
        int counts;
        int estimates;
        long lastCap;
        long countError;

        @Override
        public List<OfferRow> findPage(OfferCriteria criteria, OfferSort sort, Keyset after, int offset, int limit) {
            List<OfferRow> rows = new ArrayList<>();
            long from = after == null ? offset + 1 : after.id() + 1;
            for (long id = from; id <= matching && rows.size() < limit; id++) {
                rows.add(new OfferRow(id, "i" + id, id, RawJson.of("{}"), Instant.EPOCH));
            }
            return rows;
        }

        @Override
        public long countUpTo(OfferCriteria criteria, long cap) {
            counts++;
            lastCap = cap;
            return Math.min(matching + countError, cap);
        }

        @Override
        public long estimateCount(OfferCriteria criteria) {
            estimates++;
            return estimate;
        }
    }

    private static final class NoFilterValues implements LoadFilterValuesPort {
        @Override
        public Optional<Instant> dataVersion() {
            return Optional.of(Instant.EPOCH);
        }

        @Override
        public FilterValues load(Instant dataVersion) {
            FilterValues.Range none = new FilterValues.Range(null, null);
            return new FilterValues(dataVersion, 0, List.of(), Map.of(), List.of(), List.of(), none, none, none);
        }
    }
}
