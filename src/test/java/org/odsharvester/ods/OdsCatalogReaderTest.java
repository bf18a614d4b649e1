package org.odsharvester.ods;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odsharvester.ods.OdsTestSupport.client;
import static org.odsharvester.support.OdsSamples.datasetId;
import static org.odsharvester.ods.OdsTestSupport.properties;
import static org.odsharvester.support.OdsSamples.v21Page;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.awaitility.Awaitility;
import org.odsharvester.support.OdsSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

class OdsCatalogReaderTest {

    @RegisterExtension
    static WireMockExtension portal = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    /** One call of the catalog: where, and whether in the background (not on the thread that reads). */
    private record Call(String position, boolean inBackground) {
        static Call reading(String position) {
            return new Call(position, false);
        }

        static Call ahead(String position) {
            return new Call(position, true);
        }
    }

    /**
     * Runs the reader's fetches ahead on one thread and knows when all it was given has run: a check that a
     * page was <em>not</em> fetched waits for that first, so that it cannot pass because the fetch is still
     * on its way.
     */
    private static final class PrefetchJournal implements Executor {
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final AtomicInteger given = new AtomicInteger();
        private final AtomicInteger ran = new AtomicInteger();

        @Override
        public void execute(Runnable task) {
            given.incrementAndGet();
            thread.execute(() -> {
                try {
                    task.run();
                } finally {
                    ran.incrementAndGet();
                }
            });
        }

        /** Waits until every fetch ahead the reader asked for so far has ended. */
        void awaitIdle() {
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> ran.get() == given.get());
        }

        void shutdown() {
            thread.shutdownNow();
        }
    }

    private final PrefetchJournal journal = new PrefetchJournal();

    @AfterEach
    void stopPrefetching() {
        journal.shutdown();
    }

    /**
     * A catalog in memory, paged by offset like the real APIs: answers pages of its datasets, or the scripted
     * answers first. Thread-safe: the reader fetches ahead from another thread; {@link #fetched} counts the
     * fetches that ended.
     */
    private static final class FakeCatalog implements OdsCatalogApi {
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final Deque<Object> scripted = new ConcurrentLinkedDeque<>();
        final int size;
        volatile long announcedTotal;
        final Semaphore fetched = new Semaphore(0);
        private final Thread reading = Thread.currentThread();

        FakeCatalog(int size) {
            this.size = size;
            this.announcedTotal = size;
        }

        @Override
        public String version() {
            return "fake";
        }

        volatile boolean stableOrder = true;
        /** What the portal announces of its quota once {@link #quotaFromCall} fetches have been made. */
        volatile OdsRateLimit quota;
        volatile int quotaFromCall = 1;

        @Override
        public OdsRateLimit rateLimit() {
            return calls.size() >= quotaFromCall ? quota : null;
        }

        @Override
        public boolean stableOrder() {
            return stableOrder;
        }

        @Override
        public CatalogPage fetchPage(String position, int limit) {
            calls.add(new Call(position, Thread.currentThread() != reading));
            try {
                Object next = scripted.poll();
                if (next instanceof RuntimeException e) {
                    throw e;
                }
                long offset = OffsetPages.offset(position);
                if (next instanceof List<?> datasets) {
                    @SuppressWarnings("unchecked")
                    List<OdsDataset> page = (List<OdsDataset>) datasets;
                    return OffsetPages.page("fake", offset, page, limit, announcedTotal);
                }
                int from = (int) Math.min(offset, size);
                int to = (int) Math.min(offset + limit, size);
                return OffsetPages.page("fake", offset, datasets(from, to), limit, announcedTotal);
            } finally {
                fetched.release();
            }
        }

        List<String> positions() {
            return calls.stream().map(Call::position).toList();
        }
    }

    private static List<OdsDataset> datasets(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> OdsDataset.unusable(datasetId(i), "test")).toList();
    }

    private static List<String> readAll(OdsCatalogReader reader) throws Exception {
        List<String> ids = new ArrayList<>();
        for (OdsDataset item = reader.read(); item != null; item = reader.read()) {
            ids.add(item.datasetId());
        }
        return ids;
    }

    private static List<String> read(OdsCatalogReader reader, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(reader.read().datasetId());
        }
        return ids;
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(OdsSamples::datasetId).toList();
    }

    /** A reader of pages of 100 fetching one page ahead through the journal, not opened yet. */
    private OdsCatalogReaderBuilder reader(OdsCatalogApi api) {
        return new OdsCatalogReaderBuilder().api(api).pageSize(100).prefetchExecutor(journal);
    }

    /** A reader of pages of 100 that keeps {@code pages} fetched ahead, not opened yet. */
    private OdsCatalogReader readerAhead(OdsCatalogApi api, int pages) {
        return reader(api).pagesAhead(pages).build();
    }

    private OdsCatalogReader opened(OdsCatalogApi api, int pageSize) {
        return opened(reader(api).pageSize(pageSize).build());
    }

    private static OdsCatalogReader opened(OdsCatalogApi api, int pageSize, boolean prefetch) {
        return opened(new OdsCatalogReaderBuilder().api(api).pageSize(pageSize).pagesAhead(prefetch ? 1 : 0).build());
    }

    private static OdsCatalogReader opened(OdsCatalogReader reader) {
        reader.open(new ExecutionContext());
        return reader;
    }

    private static OdsCatalogReader resumed(OdsCatalogApi api, ExecutionContext saved) {
        OdsCatalogReader reader = new OdsCatalogReaderBuilder().api(api).pagesAhead(0).build();
        reader.open(saved);
        return reader;
    }

    private static ExecutionContext saved(OdsCatalogReader reader) {
        ExecutionContext context = new ExecutionContext();
        reader.update(context);
        return context;
    }

    private static int savedCount(OdsCatalogReader reader) {
        return saved(reader).getInt("odsCatalogReader.read.count");
    }

    @Test
    void aRestartAsksForTheSavedOffsetFirstAndGoesOnFromThere() throws Exception {
        portal.stubFor(get(urlPathEqualTo("/api/explore/v2.1/catalog/datasets")).willReturn(okJson(v21Page(250, 150, 250))));
        OdsProperties props = properties("http://localhost:" + portal.getPort(), "v2.1", null);
        OdsCatalogReader reader = new OdsCatalogReaderBuilder().api(new ExploreV21CatalogApi(client(props), props))
                .build();
        ExecutionContext saved = new ExecutionContext();
        saved.putInt("odsCatalogReader.read.count", 150);

        reader.open(saved);
        OdsDataset next = reader.read();

        assertThat(next.datasetId()).isEqualTo(datasetId(150));
        var requests = portal.getAllServeEvents();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getRequest().queryParameter("offset").firstValue()).isEqualTo("150");
        assertThat(savedCount(reader)).isEqualTo(151);
    }

    @Test
    void aFailedPageFetchNeitherSkipsNorRepeatsADataset() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        OdsCatalogReader reader = opened(catalog, 100, false);
        List<String> ids = read(reader, 100);
        catalog.scripted.add(new OdsException("portal down"));

        assertThatThrownBy(reader::read).hasMessage("portal down");
        assertThat(savedCount(reader)).isEqualTo(100);
        assertThat(resumed(new FakeCatalog(250), saved(reader)).read().datasetId())
                .as("a restart from what the failed read left saved reads the next dataset").isEqualTo(datasetId(100));
        ids.addAll(readAll(reader));

        assertThat(ids).containsExactlyElementsOf(ids(0, 250));
        assertThat(catalog.positions()).containsExactly(null, "100", "100", "200");
        assertThat(savedCount(reader)).isEqualTo(250);
    }

    @Test
    void theEndOfTheCatalogIsNotCountedAsAnItem() throws Exception {
        OdsCatalogReader reader = opened(new FakeCatalog(30), 100);

        readAll(reader);

        assertThat(reader.read()).isNull();
        assertThat(savedCount(reader)).isEqualTo(30);
    }

    @Test
    void whatIsSavedResumesAtTheNextDatasetAndRemembersTheTotalFirstAnnounced() throws Exception {
        OdsCatalogReader reader = opened(new FakeCatalog(250), 100);
        reader.read();

        ExecutionContext context = saved(reader);
        // one dataset was deleted meanwhile: the total announced at the restart is one less
        OdsCatalogReader resumed = resumed(new FakeCatalog(249), context);

        assertThat(resumed.read().datasetId()).isEqualTo(datasetId(1));
        assertThat(readAll(resumed)).containsExactlyElementsOf(ids(2, 249));
        assertThat(resumed.catalogChangedWhileReading()).as("the total saved before the restart was compared").isTrue();
        assertThat(context.entrySet()).as("only a few small values, every one under the reader's name").hasSize(4)
                .allSatisfy(entry -> assertThat(entry.getKey()).startsWith("odsCatalogReader."));
    }

    @Test
    void theBuilderNamesTheSavedKeysAndAReaderOfAnotherNameStartsOver() throws Exception {
        OdsCatalogReader reader = opened(reader(new FakeCatalog(250)).name("portalA").build());
        read(reader, 130);

        ExecutionContext context = saved(reader);

        assertThat(context.entrySet()).isNotEmpty().allSatisfy(entry -> assertThat(entry.getKey()).startsWith("portalA."));
        OdsCatalogReader sameName = reader(new FakeCatalog(250)).name("portalA").build();
        sameName.open(context);
        assertThat(sameName.read().datasetId()).isEqualTo(datasetId(130));
        assertThat(resumed(new FakeCatalog(250), context).read().datasetId()).isEqualTo(datasetId(0));
    }

    @Test
    void aReaderThatDoesNotSaveStateLeavesTheContextEmpty() throws Exception {
        OdsCatalogReader reader = opened(reader(new FakeCatalog(250)).saveState(false).build());
        read(reader, 130);

        assertThat(saved(reader).isEmpty()).isTrue();
    }

    @Test
    void theBuilderSaysWhichSettingIsWrong() {
        assertThatThrownBy(() -> new OdsCatalogReaderBuilder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An OdsCatalogApi is required");
        FakeCatalog catalog = new FakeCatalog(1);
        assertThatThrownBy(() -> new OdsCatalogReaderBuilder().api(catalog).pageSize(0).build())
                .hasMessage("pageSize must be at least 1");
        assertThatThrownBy(() -> new OdsCatalogReaderBuilder().api(catalog).pagesAhead(-1).build())
                .hasMessage("pagesAhead must not be negative");
        assertThatThrownBy(() -> new OdsCatalogReaderBuilder().api(catalog).name("").build())
                .hasMessage("A name is required when saveState is set to true");
        assertThatThrownBy(() -> new OdsCatalogReaderBuilder().api(catalog).maxItemCount(-1).build())
                .hasMessage("maxItemCount must not be negative");
        assertThat(new OdsCatalogReaderBuilder().api(catalog).name("").saveState(false).build()).isNotNull();
    }

    @Test
    void aReadToTheEndOfAStableCatalogIsComplete() throws Exception {
        OdsCatalogReader reader = opened(new FakeCatalog(250), 100);

        readAll(reader);

        assertThat(reader.catalogChangedWhileReading()).isFalse();
        assertThat(reader.incompleteReadReason()).isNull();
    }

    @Test
    void aTotalThatChangesBetweenPagesMeansTheCatalogChangedButTheReadGoesOn() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        OdsCatalogReader reader = opened(catalog, 100, false);
        read(reader, 100);
        // one dataset before offset 100 was deleted: the portal now announces one less
        catalog.announcedTotal = 249;

        assertThat(readAll(reader)).as("the read goes on to the end").hasSize(150);

        assertThat(reader.catalogChangedWhileReading()).isTrue();
        assertThat(reader.incompleteReadReason()).isEqualTo("the ODS catalog changed while it was read");
    }

    @Test
    void aResumedReadComparesTheTotalWithTheOneAnnouncedBeforeTheRestart() throws Exception {
        OdsCatalogReader first = opened(new FakeCatalog(250), 100, false);
        read(first, 100);
        ExecutionContext saved = saved(first);
        assertThat(first.catalogChangedWhileReading()).isFalse();
        first.close();

        OdsCatalogReader reader = resumed(new FakeCatalog(249), saved);
        readAll(reader);

        assertThat(reader.catalogChangedWhileReading()).isTrue();
    }

    @Test
    void aChangeSeenBeforeARestartIsNotForgottenByIt() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        OdsCatalogReader reader = opened(catalog, 100, false);
        read(reader, 100);
        catalog.announcedTotal = 249;
        read(reader, 50);
        ExecutionContext saved = saved(reader);
        reader.close();

        OdsCatalogReader resumed = resumed(new FakeCatalog(250), saved);
        readAll(resumed);

        assertThat(resumed.catalogChangedWhileReading()).isTrue();
    }

    @Test
    void aLimitedReadIsIncompleteEvenWhenTheRelaunchDoesNotRepeatTheLimit() throws Exception {
        OdsCatalogReader limited = opened(reader(new FakeCatalog(250)).maxItemCount(150).build());
        read(limited, 100);
        ExecutionContext saved = saved(limited);
        assertThat(limited.incompleteReadReason()).contains("harvest.max-items");

        OdsCatalogReader resumed = resumed(new FakeCatalog(250), saved);

        assertThat(readAll(resumed)).hasSize(50);
        assertThat(resumed.incompleteReadReason()).contains("harvest.max-items");
    }

    @Test
    void aDatasetModifiedDuringTheReadMovesToTheHeadAndMakesTheReadIncomplete() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        catalog.stableOrder = false;
        OdsCatalogReader reader = opened(catalog, 100, false);
        read(reader, 201); // the three pages are fetched
        // sorted by modification date (v1), a dataset changed meanwhile is now first
        catalog.scripted.add(List.of(OdsDataset.unusable(datasetId(180), "test")));

        assertThat(readAll(reader)).hasSize(49);

        assertThat(catalog.positions()).last().isNull(); // the head of the catalog, asked for once at the end
        assertThat(reader.catalogChangedWhileReading()).isTrue();
        assertThat(reader.incompleteReadReason()).isEqualTo("the ODS catalog changed while it was read");
    }

    @Test
    void aReadThatStoppedBeforeTheEndIsIncomplete() throws Exception {
        OdsCatalogReader reader = opened(new FakeCatalog(250), 100);
        reader.read();

        assertThat(reader.incompleteReadReason()).isEqualTo("the harvest did not read the ODS catalog to its end");
    }

    @Test
    void aRestartFetchesFromTheSavedPosition() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        OdsCatalogReader first = opened(catalog, 100);
        List<String> ids = read(first, 130);
        ExecutionContext context = saved(first);
        first.close();

        OdsCatalogReader second = reader(catalog).build();
        second.open(context);
        ids.addAll(readAll(second));

        assertThat(ids).containsExactlyElementsOf(ids(0, 250));
        assertThat(catalog.positions()).contains("130");
        assertThat(savedCount(second)).isEqualTo(250);
    }

    @Test
    void aContextWithOnlyACountResumesAtThatOffset() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        ExecutionContext olderVersion = new ExecutionContext();
        olderVersion.putInt("odsCatalogReader.read.count", 150);
        OdsCatalogReader reader = reader(catalog).build();

        reader.open(olderVersion);

        assertThat(readAll(reader)).containsExactlyElementsOf(ids(150, 250));
        assertThat(catalog.positions()).first().isEqualTo("150");
    }

    @Test
    void theNextPageIsFetchedInTheBackgroundOnceAPageStarts() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        OdsCatalogReader reader = opened(catalog, 100);

        reader.read();

        journal.awaitIdle();
        assertThat(catalog.calls).containsExactly(Call.reading(null), Call.ahead("100"));
    }

    @Test
    void withoutAnExecutorTheReaderFetchesAheadOnAThreadOfItsOwn() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        OdsCatalogReader reader = opened(new OdsCatalogReaderBuilder().api(catalog).build());

        reader.read();

        assertThat(catalog.fetched.tryAcquire(2, 10, TimeUnit.SECONDS)).as("two pages fetched").isTrue();
        assertThat(catalog.calls).startsWith(Call.reading(null), Call.ahead("100"));
        assertThat(readAll(reader)).containsExactlyElementsOf(ids(1, 250));
        reader.close();
    }

    @Test
    void eachPageIsFetchedOnceTheReaderUsingThePrefetchedOnes() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        OdsCatalogReader reader = opened(catalog, 100);

        assertThat(readAll(reader)).containsExactlyElementsOf(ids(0, 250));
        journal.awaitIdle();
        assertThat(catalog.calls).containsExactly(Call.reading(null), Call.ahead("100"), Call.ahead("200"));
    }

    @Test
    void pagesAheadAreFetchedOneAfterTheOtherOnceAPageStartsAndEachOnlyOnce() throws Exception {
        FakeCatalog catalog = new FakeCatalog(450);
        OdsCatalogReader reader = readerAhead(catalog, 2);
        reader.open(new ExecutionContext());

        reader.read();
        journal.awaitIdle();
        assertThat(catalog.calls).as("two pages ahead").containsExactly(Call.reading(null), Call.ahead("100"),
                Call.ahead("200"));

        List<String> ids = new ArrayList<>(List.of(datasetId(0)));
        ids.addAll(readAll(reader));
        assertThat(ids).containsExactlyElementsOf(ids(0, 450));
        journal.awaitIdle();
        assertThat(catalog.positions()).containsExactly(null, "100", "200", "300", "400");
    }

    @Test
    void aFailedPrefetchAlsoDropsThePagesFetchedAfterIt() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        catalog.scripted.add(datasets(0, 100));
        catalog.scripted.add(new OdsException("portal down")); // the first page ahead
        OdsCatalogReader reader = readerAhead(catalog, 2);
        reader.open(new ExecutionContext());

        List<String> ids = read(reader, 100);
        journal.awaitIdle();

        assertThatThrownBy(reader::read).hasMessage("portal down");
        ids.addAll(readAll(reader));

        assertThat(ids).containsExactlyElementsOf(ids(0, 250));
        journal.awaitIdle();
        assertThat(catalog.positions()).as("nothing fetched after the failed page; it is fetched again")
                .containsExactly(null, "100", "100", "200");
    }

    @Test
    void nothingIsFetchedAheadPastTheMaximumItemCountWhateverThePagesAhead() throws Exception {
        FakeCatalog catalog = new FakeCatalog(450);
        OdsCatalogReader reader = opened(reader(catalog).pagesAhead(3).maxItemCount(150).build());

        assertThat(readAll(reader)).containsExactlyElementsOf(ids(0, 150));
        journal.awaitIdle();
        assertThat(catalog.positions()).containsExactly(null, "100");
    }

    @Test
    void aResumedTrialRunFetchesNothingAheadPastTheLimitItStartedWith() throws Exception {
        FakeCatalog catalog = new FakeCatalog(450);
        OdsCatalogReader first = opened(reader(catalog).pagesAhead(3).maxItemCount(150).build());
        List<String> ids = read(first, 100);
        journal.awaitIdle();
        assertThat(catalog.positions()).as("the page ahead was fetched").containsExactly(null, "100");
        ExecutionContext context = saved(first);
        first.close();

        OdsCatalogReader resumed = readerAhead(catalog, 3); // relaunched without harvest.max-items
        resumed.open(context);
        ids.addAll(readAll(resumed));
        journal.awaitIdle();

        assertThat(ids).containsExactlyElementsOf(ids(0, 150));
        assertThat(catalog.positions()).containsExactly(null, "100", "100");
    }

    @Test
    void aFailedPrefetchSurfacesAsTheFailureOfTheReadThatNeedsThePage() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        catalog.scripted.add(datasets(0, 100));
        catalog.scripted.add(new OdsException("portal down")); // the prefetch of the second page
        OdsCatalogReader reader = opened(catalog, 100);

        List<String> ids = read(reader, 100);
        journal.awaitIdle();
        assertThat(savedCount(reader)).as("the failed prefetch changed nothing").isEqualTo(100);

        assertThatThrownBy(reader::read).hasMessage("portal down");
        assertThat(savedCount(reader)).isEqualTo(100);
        ids.addAll(readAll(reader));
        journal.awaitIdle();

        assertThat(ids).containsExactlyElementsOf(ids(0, 250));
        assertThat(catalog.positions()).containsExactly(null, "100", "100", "200");
    }

    @Test
    void aPrefetchedPageIsDroppedOnCloseAndFetchedAgainOnRestart() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        OdsCatalogReader first = opened(catalog, 100);
        List<String> ids = read(first, 100);
        journal.awaitIdle();
        assertThat(catalog.positions()).as("the page ahead was fetched").containsExactly(null, "100");
        ExecutionContext context = saved(first);
        first.close();

        OdsCatalogReader second = reader(catalog).build();
        second.open(context);
        ids.addAll(readAll(second));
        journal.awaitIdle();

        assertThat(ids).containsExactlyElementsOf(ids(0, 250));
        assertThat(catalog.positions()).containsExactly(null, "100", "100", "200");
    }

    @Test
    void thePageListenerGetsEachPageFetchedAheadOnThePrefetchThread() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread reading = Thread.currentThread();
        // each page seen before its first dataset is handed out (and not on the thread that reads)
        OdsCatalogReader reader = opened(reader(catalog).pageListener(page -> seen.add(
                (Thread.currentThread() != reading) + " " + page.get(0).datasetId() + " " + page.size()
                        + " after " + catalog.calls.size() + " fetches")).build());

        assertThat(readAll(reader)).containsExactlyElementsOf(ids(0, 250));
        assertThat(seen).containsExactly("true " + datasetId(100) + " 100 after 2 fetches",
                "true " + datasetId(200) + " 50 after 3 fetches");
    }

    @Test
    void aFailingPageListenerDoesNotFailTheRead() throws Exception {
        OdsCatalogReader reader = opened(reader(new FakeCatalog(250)).pageListener(page -> {
            throw new IllegalStateException("preparing failed");
        }).build());

        assertThat(readAll(reader)).containsExactlyElementsOf(ids(0, 250));
    }

    @Test
    void nothingIsFetchedAheadOfTheMaximumItemCount() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        OdsCatalogReader reader = opened(reader(catalog).maxItemCount(60).build());

        assertThat(readAll(reader)).containsExactlyElementsOf(ids(0, 60));
        journal.awaitIdle();
        assertThat(catalog.positions()).containsExactly((String) null);
    }

    @Test
    void aShortPageWhileThePortalAnnouncesMoreEndsTheRead() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        catalog.scripted.add(datasets(0, 100));
        catalog.scripted.add(datasets(100, 130)); // 120 datasets vanished meanwhile
        OdsCatalogReader reader = opened(catalog, 100);

        List<String> ids = readAll(reader);
        journal.awaitIdle();

        assertThat(ids).containsExactlyElementsOf(ids(0, 130));
        assertThat(catalog.calls).hasSize(2);
    }

    @Test
    void anEmptyPageEndsTheRead() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        catalog.scripted.add(datasets(0, 100));
        catalog.scripted.add(List.of());
        OdsCatalogReader reader = opened(catalog, 100);

        assertThat(readAll(reader)).hasSize(100);
        assertThat(reader.read()).isNull();
        journal.awaitIdle();
        assertThat(catalog.calls).hasSize(2);
    }

    @Test
    void noPageIsAskedForOnceTheAnnouncedTotalIsReached() throws Exception {
        FakeCatalog catalog = new FakeCatalog(200);
        OdsCatalogReader reader = opened(catalog, 100);

        assertThat(readAll(reader)).containsExactlyElementsOf(ids(0, 200));
        journal.awaitIdle();
        assertThat(catalog.positions()).containsExactly(null, "100");
    }

    @Test
    void aPortalThatKeepsAnnouncingMoreButSendsNothingDoesNotLoop() throws Exception {
        FakeCatalog catalog = new FakeCatalog(100);
        catalog.announcedTotal = 1_000_000;
        OdsCatalogReader reader = opened(catalog, 100);

        assertThat(readAll(reader)).hasSize(100);
        journal.awaitIdle();
        assertThat(catalog.calls).hasSize(2);
    }

    @Test
    void theTotalIsUnknownBeforeTheFirstPageAndAnnouncedAfter() throws Exception {
        OdsCatalogReader reader = opened(new FakeCatalog(250), 100);
        assertThat(reader.totalCount()).isEqualTo(-1);

        reader.read();

        assertThat(reader.totalCount()).isEqualTo(250);
    }

    @Test
    void theMaximumItemCountStopsTheRead() throws Exception {
        OdsCatalogReader reader = opened(reader(new FakeCatalog(250)).maxItemCount(5).build());

        assertThat(readAll(reader)).containsExactlyElementsOf(ids(0, 5));
    }

    @Test
    void reopeningWithoutSavedStateStartsFromTheBeginning() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        OdsCatalogReader reader = opened(catalog, 100);
        readAll(reader);
        reader.close();

        reader.open(new ExecutionContext());

        assertThat(reader.read().datasetId()).isEqualTo(datasetId(0));
    }

    @Test
    void aPageThatEndsWhereItBeganStopsTheReadWithASentenceInsteadOfLooping() throws Exception {
        // a portal that answers the same page again whatever the position (what millisecond positions against
        // microsecond dates did): the next position is the one just fetched from
        List<OdsDataset> same = datasets(0, 3);
        OdsCatalogApi stuck = new OdsCatalogApi() {
            @Override
            public String version() {
                return "fake";
            }

            @Override
            public CatalogPage fetchPage(String position, int limit) {
                return new CatalogPage(same, List.of("d:1", "d:2", "d:3"), false, -1);
            }
        };
        OdsCatalogReader reader = opened(stuck, 3, false);

        assertThat(read(reader, 3)).containsExactly(datasetId(0), datasetId(1), datasetId(2));
        assertThatThrownBy(() -> read(reader, 30)).isInstanceOf(OdsPagingStalledException.class)
                .hasMessageContaining("ends where it began (position d:3)")
                .hasMessageContaining("so the harvest stopped");
    }

    private static final String QUOTA_WARNING = "more calls to the ODS portal";

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void fewerCallsLeftThanTheRestOfALimitedReadNeedsAreToldOnceAtTheFirstPage(CapturedOutput output)
            throws Exception {
        FakeCatalog catalog = new FakeCatalog(1000);
        catalog.quota = new OdsRateLimit(1, 1000L, "2026-12-02T00:00:00Z");
        OdsCatalogReader reader = opened(new OdsCatalogReaderBuilder().api(catalog).pagesAhead(0).maxItemCount(250)
                .build());

        assertThat(readAll(reader)).hasSize(250);

        assertThat(output.getAll()).contains("This run needs about 2 more calls to the ODS portal to read the 150"
                + " datasets left of the catalog, and the portal says 1 is left of 1000, reset at 2026-12-02T00:00:00Z");
        assertThat(output.getAll().indexOf(QUOTA_WARNING)).isEqualTo(output.getAll().lastIndexOf(QUOTA_WARNING));
        assertThat(reader.quotaAtStart()).isEqualTo(catalog.quota);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void asManyCallsLeftAsTheReadNeedsAreNotAWarning(CapturedOutput output) throws Exception {
        FakeCatalog catalog = new FakeCatalog(1000);
        catalog.quota = new OdsRateLimit(2, null, null);
        OdsCatalogReader reader = opened(new OdsCatalogReaderBuilder().api(catalog).pagesAhead(0).maxItemCount(250)
                .build());

        readAll(reader);

        assertThat(output.getAll()).doesNotContain(QUOTA_WARNING);
        assertThat(reader.quotaAtStart()).isEqualTo(catalog.quota);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aQuotaFirstAnnouncedOnALaterPageIsCheckedThere(CapturedOutput output) throws Exception {
        FakeCatalog catalog = new FakeCatalog(1000);
        catalog.quota = new OdsRateLimit(3, null, null);
        catalog.quotaFromCall = 2;
        OdsCatalogReader reader = opened(new OdsCatalogReaderBuilder().api(catalog).pagesAhead(0).build());

        readAll(reader);

        assertThat(output.getAll()).contains("This run needs about 8 more calls to the ODS portal to read the 800"
                + " datasets left of the catalog, and the portal says 3 are left (it does not say when they reset)");
    }

    @Test
    void aPortalAnnouncingNoQuotaHasNone() throws Exception {
        OdsCatalogReader reader = opened(new OdsCatalogReaderBuilder().api(new FakeCatalog(150)).pagesAhead(0).build());

        readAll(reader);

        assertThat(reader.quotaAtStart()).isNull();
    }
}
