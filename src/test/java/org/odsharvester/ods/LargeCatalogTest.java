package org.odsharvester.ods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odsharvester.ods.OdsTestSupport.client;
import static org.odsharvester.ods.OdsTestSupport.properties;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.odsharvester.support.GeneratedOdsPortal;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Catalogs over the Explore API v2.1's paging ceiling ({@code offset + limit <= 10000}), against a portal stub
 * that enforces it and models the {@code where} / {@code order_by} the harvester sends.
 */
class LargeCatalogTest {

    private GeneratedOdsPortal portal;

    @AfterEach
    void stop() {
        if (portal != null) {
            portal.close();
        }
    }

    private ExploreV21CatalogApi api(int size) {
        return api(new GeneratedOdsPortal(size));
    }

    private ExploreV21CatalogApi api(GeneratedOdsPortal generated) {
        portal = generated;
        OdsProperties props = properties(portal.url(), "v2.1", null);
        return new ExploreV21CatalogApi(client(props), props);
    }

    private static List<String> readAll(OdsCatalogReader reader) throws Exception {
        List<String> ids = new ArrayList<>();
        for (OdsDataset item = reader.read(); item != null; item = reader.read()) {
            ids.add(item.datasetId());
        }
        return ids;
    }

    /** Identifiers read more than once (a short list in a failure message, unlike the whole catalog). */
    private static List<String> duplicates(List<String> ids) {
        Set<String> seen = new HashSet<>();
        return ids.stream().filter(id -> !seen.add(id)).toList();
    }

    private static List<String> missing(List<String> expected, List<String> read) {
        Set<String> got = new HashSet<>(read);
        return expected.stream().filter(id -> !got.contains(id)).toList();
    }

    private static OdsCatalogReader opened(OdsCatalogApi api, ExecutionContext context) {
        OdsCatalogReader reader = new OdsCatalogReaderBuilder().api(api).build();
        reader.open(context);
        return reader;
    }

    @Test
    void readsEveryDatasetOfA25000CatalogOnceWithoutPassingTheCeiling() throws Exception {
        OdsCatalogReader reader = opened(api(25_000), new ExecutionContext());

        List<String> ids = readAll(reader);

        assertThat(duplicates(ids)).isEmpty();
        assertThat(missing(portal.liveIds(), ids)).isEmpty();
        assertThat(ids).hasSize(25_000);
        assertThat(portal.refusedCount()).isZero();
        assertThat(portal.highestWindow()).isLessThanOrEqualTo(10_000);
        assertThat(reader.totalCount()).isEqualTo(25_000);
        // one probe by offset, one for undated datasets, then pages of 99 new datasets (each page begins with
        // the last dataset handed out, to check the position still holds)
        assertThat(portal.requestCount()).isLessThanOrEqualTo(2 + 25_000 / 99 + 1);
    }

    /** At most {@code max} datasets: a walk that re-reads pages forever shows as duplicates, not as a hang. */
    private static List<String> readAtMost(OdsCatalogReader reader, int max) throws Exception {
        List<String> ids = new ArrayList<>();
        for (OdsDataset item = reader.read(); item != null && ids.size() < max; item = reader.read()) {
            ids.add(item.datasetId());
        }
        return ids;
    }

    @Test
    void microsecondDatesAreWalkedWithoutReReadingTheLastDatasetOfEachPage() throws Exception {
        OdsCatalogReader reader = opened(api(12_000), new ExecutionContext());
        assertThat(portal.modified(1)).matches("2020-01-01T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00");

        List<String> ids = readAtMost(reader, 13_000);

        assertThat(duplicates(ids)).isEmpty();
        assertThat(missing(portal.liveIds(), ids)).isEmpty();
        assertThat(portal.refusedCount()).isZero();
        // every query's lower bound is a whole second, as ODS's documented date literals are
        assertThat(portal.queries()).filteredOn(q -> q.contains("%3E%3D")) // ">="
                .isNotEmpty()
                .allMatch(q -> q.matches(".*date%27\\d{4}-\\d{2}-\\d{2}T\\d{2}%3A\\d{2}%3A\\d{2}Z%27.*"), "whole seconds");
    }

    @Test
    void morePagesOfDatasetsSharingOneInstantThanOneAreReadOnce() throws Exception {
        // groups of 250 datasets with one microsecond instant each: a bulk import
        OdsCatalogReader reader = opened(api(new GeneratedOdsPortal(10_500, 250)), new ExecutionContext());

        List<String> ids = readAtMost(reader, 11_000);

        assertThat(duplicates(ids)).isEmpty();
        assertThat(missing(portal.liveIds(), ids)).isEmpty();
        assertThat(portal.refusedCount()).isZero();
        assertThat(portal.highestWindow()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void midnightDatesSetByHandAndSharedByHundredsSurviveARestartInTheirMiddle() throws Exception {
        ExploreV21CatalogApi api = api(12_000);
        portal.setModified(0, 700, "2024-03-01T00:00:00+00:00");
        portal.setModified(700, 1_000, "2023-06-15T00:00:00+00:00");
        assertThat(portal.modified(0)).isEqualTo("2024-03-01T00:00:00+00:00");
        OdsCatalogReader first = opened(api, new ExecutionContext());
        // the hand-set dates come last (the 300 of 2023 first); stop 350 datasets into the 700 of 2024-03-01
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 11_000 + 300 + 350; i++) {
            ids.add(first.read().datasetId());
        }
        ExecutionContext saved = new ExecutionContext();
        first.update(saved);
        String next = first.read().datasetId();
        first.close();

        List<String> resumed = readAtMost(opened(api, saved), 2_000);
        assertThat(resumed).as("the restart goes on with the dataset after the last one handed out").first()
                .isEqualTo(next);
        ids.addAll(resumed);

        assertThat(duplicates(ids)).isEmpty();
        assertThat(missing(portal.liveIds(), ids)).isEmpty();
        assertThat(ids).hasSize(12_000);
        assertThat(portal.refusedCount()).isZero();
    }

    @Test
    void aPositionSavedInMillisecondsByAnEarlierVersionResumesWithoutLosingADataset() {
        ExploreV21CatalogApi api = api(12_000);
        CatalogPage first = api.fetchPage(null, 100);
        OdsDataset last = first.datasets().get(99);
        String[] saved = first.positions().get(99).split(":", 4);
        long millis = OffsetDateTime.parse(last.modified()).toInstant().toEpochMilli();
        String expected = api.fetchPage(first.positionAfter(null), 1).datasets().get(0).datasetId();

        CatalogPage next = api.fetchPage("d:" + millis + ":" + saved[2] + ":" + saved[3], 100);

        assertThat(next.datasets().get(0).datasetId()).isEqualTo(expected);
        assertThat(portal.refusedCount()).isZero();
    }

    @Test
    void aCatalogOfExactlyTenThousandIsWalkedByDate() throws Exception {
        ExploreV21CatalogApi api = api(10_000);

        CatalogPage page = api.fetchPage(null, 100);
        List<String> ids = readAtMost(opened(api, new ExecutionContext()), 11_000);

        assertThat(page.positions()).allMatch(p -> p.startsWith("d:"), "date positions");
        assertThat(duplicates(ids)).isEmpty();
        assertThat(ids).hasSize(10_000);
        assertThat(portal.refusedCount()).isZero();
    }

    @Test
    void theRequestsTheQuotaWarningCountsForTheWalkByDateAreTheRequestsItSends() {
        ExploreV21CatalogApi api = api(10_500);
        CatalogPage first = api.fetchPage(null, 100);
        int forTheFirstPage = portal.requestCount();
        long estimate = api.requestsAfter(first, first.remaining() - first.datasets().size(), 100);

        CatalogPage page = first;
        while (!page.last()) {
            page = api.fetchPage(page.positionAfter(null), 100);
        }

        assertThat(forTheFirstPage).as("by offset, then the undated datasets, then the first dated page").isEqualTo(3);
        assertThat(portal.requestCount() - forTheFirstPage).isEqualTo(estimate);
        assertThat(estimate).as("99 new datasets per page of 100").isEqualTo(106);
    }

    @Test
    void aRestartResumesFromTheSavedPosition() throws Exception {
        ExploreV21CatalogApi api = api(25_000);
        OdsCatalogReader first = opened(api, new ExecutionContext());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12_345; i++) {
            ids.add(first.read().datasetId());
        }
        ExecutionContext saved = new ExecutionContext();
        first.update(saved);
        String next = first.read().datasetId();
        first.close();
        int requestsBefore = portal.requestCount();

        List<String> resumed = readAll(opened(api, saved));
        assertThat(resumed).as("the restart goes on with the dataset after the last one handed out").first()
                .isEqualTo(next);
        // past the ceiling: an offset would be refused, a restart from the first page would read ~124 more pages
        assertThat(portal.requestCount() - requestsBefore).isLessThanOrEqualTo(2 + (25_000 - 12_345) / 99 + 1);
        ids.addAll(resumed);

        assertThat(duplicates(ids)).isEmpty();
        assertThat(missing(portal.liveIds(), ids)).isEmpty();
        assertThat(portal.refusedCount()).isZero();
    }

    @Test
    void editsAndDeletionsDuringTheWalkLoseNoDataset() throws Exception {
        ExploreV21CatalogApi api = api(12_000);
        OdsCatalogReader reader = opened(api, new ExecutionContext());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            ids.add(reader.read().datasetId());
        }
        Set<String> readSoFar = new HashSet<>(ids);
        List<Integer> unread = new ArrayList<>();
        List<Integer> read = new ArrayList<>();
        for (int i = 0; i < portal.size(); i++) {
            (readSoFar.contains(GeneratedOdsPortal.id(i)) ? read : unread).add(i);
        }
        portal.touch(Integer.parseInt(ids.get(ids.size() - 1).substring("dataset-".length())));
        for (int n = 0; n < 50; n++) {
            portal.touch(read.get(n * 97 % read.size()));
            portal.touch(unread.get(n * 89 % unread.size()));
        }
        for (int n = 0; n < 20; n++) {
            portal.delete(read.get(n * 131 % read.size() + 1));
            portal.delete(unread.get(n * 127 % unread.size() + 1));
        }

        ids.addAll(readAll(reader));

        assertThat(missing(portal.liveIds(), ids)).isEmpty();
        assertThat(portal.refusedCount()).isZero();
    }

    // The next query starts one dataset before the position (at the last one handed out), which absorbs one
    // dataset of the same date leaving; two leaving would shift past an unread one unless the walk notices.

    @Test
    void datasetsOfTheCurrentDateLeavingBeforeThePositionSkipNothing() {
        ExploreV21CatalogApi api = api(12_000);
        CatalogPage first = api.fetchPage(null, 100);
        int handedOut = thirdOfItsDate(first);
        portal.delete(index(first.datasets().get(handedOut - 2)));
        portal.delete(index(first.datasets().get(handedOut - 1)));

        CatalogPage next = api.fetchPage(first.positions().get(handedOut), 100);

        assertThat(next.datasets().get(0).datasetId()).isEqualTo(first.datasets().get(handedOut + 1).datasetId());
    }

    @Test
    void theLastDatasetHandedOutBeingEditedSkipsNothing() {
        ExploreV21CatalogApi api = api(12_000);
        CatalogPage first = api.fetchPage(null, 100);
        int handedOut = thirdOfItsDate(first);
        OdsDataset last = first.datasets().get(handedOut);
        portal.delete(index(first.datasets().get(handedOut - 2)));
        portal.touch(index(last)); // its date becomes the newest: it leaves its date group for the end

        CatalogPage next = api.fetchPage(first.positions().get(handedOut), 100);

        assertThat(next.datasets().get(0).datasetId()).isEqualTo(first.datasets().get(handedOut + 1).datasetId());
        assertThat(next.datasets()).extracting(OdsDataset::datasetId)
                .doesNotContain(first.datasets().get(handedOut - 1).datasetId());
    }

    /** The index in the page of a dataset that is the third of its date (its position's count is 3). */
    private static int thirdOfItsDate(CatalogPage page) {
        for (int i = 2; i < page.datasets().size() - 1; i++) {
            if (page.positions().get(i).split(":")[2].equals("3")) {
                return i;
            }
        }
        throw new AssertionError("no three datasets of one date in " + page.positions());
    }

    private static int index(OdsDataset dataset) {
        return Integer.parseInt(dataset.datasetId().substring("dataset-".length()));
    }

    @Test
    void datasetsWithoutADateAreReadFirst() throws Exception {
        ExploreV21CatalogApi api = api(10_500);
        for (int i : List.of(3, 1, 500, 10_499)) {
            portal.undate(i);
        }

        List<String> ids = readAll(opened(api, new ExecutionContext()));

        assertThat(duplicates(ids)).isEmpty();
        assertThat(ids).hasSize(10_500);
        assertThat(ids.subList(0, 4)).containsExactly(GeneratedOdsPortal.id(1), GeneratedOdsPortal.id(3),
                GeneratedOdsPortal.id(500), GeneratedOdsPortal.id(10_499));
    }

    @Test
    void moreThanTenThousandDatasetsOfOneDateCannotBePagedThrough() throws Exception {
        OdsCatalogReader reader = opened(api(new GeneratedOdsPortal(10_200, 10_200)), new ExecutionContext());

        assertThatThrownBy(() -> readAll(reader)).isInstanceOf(OdsCatalogTooLargeException.class)
                .hasMessageContaining("more than 10,000 datasets modified within 2020-01-01T00:00:00Z")
                .hasMessageContaining("--ods.refine.<facet>=<value>");
        assertThat(portal.refusedCount()).isZero();
    }

    @Test
    void anOffsetPositionOfACatalogThatGrewPastTheCeilingRestartsTheWalkByDate() {
        ExploreV21CatalogApi api = api(12_000);
        CatalogPage fromStart = api.fetchPage(null, 100);

        CatalogPage resumed = api.fetchPage("5000", 100);

        assertThat(resumed.positions()).allMatch(p -> p.startsWith("d:"));
        assertThat(resumed.datasets()).extracting(OdsDataset::datasetId)
                .containsExactlyElementsOf(fromStart.datasets().stream().map(OdsDataset::datasetId).toList());
    }

    @Test
    void aCatalogUnderTheCeilingIsPagedByOffsetInIdentifierOrder() {
        ExploreV21CatalogApi api = api(9_999);

        CatalogPage page = api.fetchPage(null, 100);

        assertThat(page.positions()).startsWith("1", "2");
        assertThat(page.datasets().get(0).datasetId()).isEqualTo(GeneratedOdsPortal.id(0));
        assertThat(page.datasets().get(1).datasetId()).isEqualTo(GeneratedOdsPortal.id(1));
        assertThat(portal.requestCount()).isEqualTo(1);
    }

    @Test
    void theStubRefusesToPagePastTheCeilingLikeTheRealApi() {
        ExploreV21CatalogApi api = api(12_000);

        assertThatThrownBy(() -> api.query(null, ExploreV21CatalogApi.BY_ID, 9_950, 100))
                .isInstanceOf(OdsException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("InvalidRESTParameterError");
    }
}
