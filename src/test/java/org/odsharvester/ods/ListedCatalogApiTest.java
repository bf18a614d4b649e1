package org.odsharvester.ods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The walk of a saved listing: unchanged datasets as identities, the others fetched 100 at a time. */
class ListedCatalogApiTest {

    private final List<List<String>> fetches = new ArrayList<>();
    private Set<String> gone = Set.of();

    private static String id(int i) {
        return String.format("ds-%05d", i);
    }

    private ListedCatalogApi api(int size, Set<Integer> changed) {
        List<CatalogListing.Entry> entries = IntStream.range(0, size)
                .mapToObj(i -> new CatalogListing.Entry(id(i), "signals " + i)).toList();
        ListedCatalogApi.Listing listing = new ListedCatalogApi.Listing() {
            @Override
            public long size() {
                return entries.size();
            }

            @Override
            public List<CatalogListing.Entry> entries(long from, int count) {
                return entries.subList((int) Math.min(from, size), (int) Math.min(size, from + count));
            }
        };
        UnchangedSources sources = new UnchangedSources() {
            @Override
            public Map<String, Unchanged> bySignals(Collection<Candidate> candidates) {
                Map<String, Unchanged> unchanged = new HashMap<>();
                candidates.stream().filter(c -> !changed.contains(Integer.parseInt(c.datasetId().substring(3))))
                        .forEach(c -> unchanged.put(c.datasetId(), new Unchanged("udata-" + c.datasetId(), null)));
                return unchanged;
            }

            @Override
            public Map<String, Unchanged> byRawHash(Collection<Candidate> candidates) {
                throw new AssertionError("the listing compares signals");
            }
        };
        OdsCatalogApi v21 = new OdsCatalogApi() {
            @Override
            public String version() {
                return "v2.1";
            }

            @Override
            public CatalogPage fetchPage(String position, int limit) {
                throw new AssertionError("no paging on the listing path");
            }

            @Override
            public List<OdsDataset> fetchByIds(List<String> ids) {
                fetches.add(ids);
                return ids.stream().filter(id -> !gone.contains(id))
                        .map(id -> OdsDataset.builder().datasetId(id).title("t").build()).toList();
            }
        };
        return new ListedCatalogApi(v21, listing, sources, changed.size());
    }

    private List<OdsDataset> readAll(ListedCatalogApi api) {
        List<OdsDataset> read = new ArrayList<>();
        String position = null;
        for (CatalogPage page = api.fetchPage(null, 100); ; page = api.fetchPage(position, 100)) {
            read.addAll(page.datasets());
            position = page.positionAfter(position);
            if (page.last()) {
                return read;
            }
        }
    }

    @Test
    void theChangedDatasetsAreFetchedAHundredAtATimeWhereverTheySit() {
        Set<Integer> changed = Set.copyOf(IntStream.range(0, 150).map(i -> i * 20).boxed().toList());

        List<OdsDataset> read = readAll(api(3000, changed));

        assertThat(read).hasSize(3000);
        assertThat(fetches).extracting(List::size).containsExactly(100, 50);
        assertThat(read.stream().filter(OdsDataset::isUnchanged)).hasSize(3000 - 150)
                .allSatisfy(d -> assertThat(d.unchangedIn()).isEqualTo("udata-" + d.datasetId()));
        assertThat(read.get(20).isUnchanged()).isFalse();
        assertThat(read).extracting(OdsDataset::datasetId).isEqualTo(IntStream.range(0, 3000).mapToObj(
                ListedCatalogApiTest::id).toList());
    }

    @Test
    void aDatasetGoneAtFetchTimeIsOnNoPageAndAPageOfGoneDatasetsDoesNotEndTheRead() {
        Set<Integer> changed = Set.copyOf(IntStream.range(0, 250).boxed().toList());
        gone = Set.copyOf(IntStream.range(100, 200).mapToObj(ListedCatalogApiTest::id).toList());

        List<OdsDataset> read = readAll(api(300, changed));

        assertThat(read).hasSize(200);
        assertThat(read).extracting(OdsDataset::datasetId).doesNotContain(id(150)).contains(id(99), id(200), id(299));
    }

    @Test
    void aRestartGoesOnFromItsPositionWithoutFetchingWhatWasHandedOut() {
        ListedCatalogApi api = api(300, Set.copyOf(IntStream.range(0, 300).boxed().toList()));

        CatalogPage page = api.fetchPage("L200", 100);

        assertThat(page.datasets()).extracting(OdsDataset::datasetId).first().isEqualTo(id(200));
        assertThat(page.last()).isTrue();
        assertThat(page.remaining()).isEqualTo(100);
        assertThat(fetches).hasSize(1);
        assertThat(fetches.get(0)).first().isEqualTo(id(200));
        assertThatThrownBy(() -> api.fetchPage("1200", 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theQuotaEstimateCountsTheFetchesLeftNotPages() {
        ListedCatalogApi api = api(5000, Set.copyOf(IntStream.range(0, 250).map(i -> i * 20).boxed().toList()));
        CatalogPage page = new CatalogPage(List.of(), List.of(), false, 5000);

        assertThat(api.requestsAfter(page, 5000, 100)).as("250 to fetch: 3 fetches").isEqualTo(3);
        assertThat(api.requestsAfter(page, 1000, 100)).as("a fifth of the listing left").isEqualTo(1);
        assertThat(api.requestsAfter(page, 0, 100)).isZero();
    }
}
