package org.odsharvester.ods;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odsharvester.ods.OdsTestSupport.client;
import static org.odsharvester.ods.OdsTestSupport.datasetId;
import static org.odsharvester.ods.OdsTestSupport.properties;
import static org.odsharvester.ods.OdsTestSupport.v21Page;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class OdsCatalogReaderTest {

    @RegisterExtension
    static WireMockExtension portal = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    /** A catalog in memory: answers pages of its datasets, or the scripted answers first. */
    private static final class FakeCatalog implements OdsCatalogApi {
        final List<long[]> calls = new ArrayList<>();
        final Deque<Object> scripted = new ArrayDeque<>();
        final int size;
        long announcedTotal;

        FakeCatalog(int size) {
            this.size = size;
            this.announcedTotal = size;
        }

        @Override
        public String version() {
            return "fake";
        }

        @Override
        public CatalogPage fetchPage(long offset, int limit) {
            calls.add(new long[] {offset, limit});
            Object next = scripted.poll();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            if (next instanceof CatalogPage page) {
                return page;
            }
            int from = (int) Math.min(offset, size);
            int to = (int) Math.min(offset + limit, size);
            return new CatalogPage(announcedTotal, datasets(from, to), limit);
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

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(OdsTestSupport::datasetId).toList();
    }

    private static OdsCatalogReader opened(OdsCatalogApi api, int pageSize) {
        OdsCatalogReader reader = new OdsCatalogReader(api, pageSize);
        reader.open(new ExecutionContext());
        return reader;
    }

    private static int savedCount(OdsCatalogReader reader) {
        ExecutionContext context = new ExecutionContext();
        reader.update(context);
        return context.getInt("odsCatalogReader.read.count");
    }

    @Test
    void aRestartAsksForTheSavedOffsetFirstAndGoesOnFromThere() throws Exception {
        portal.stubFor(get(urlPathEqualTo("/api/explore/v2.1/catalog/datasets")).willReturn(okJson(v21Page(250, 150, 250))));
        OdsProperties props = properties("http://localhost:" + portal.getPort(), "v2.1", null);
        OdsCatalogReader reader = new OdsCatalogReader(new ExploreV21CatalogApi(client(props), props), 100);
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
        OdsCatalogReader reader = opened(catalog, 100);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(reader.read().datasetId());
        }
        catalog.scripted.add(new OdsException("portal down"));

        assertThatThrownBy(reader::read).hasMessage("portal down");
        assertThat(savedCount(reader)).isEqualTo(100);
        ids.addAll(readAll(reader));

        assertThat(ids).containsExactlyElementsOf(ids(0, 250));
        assertThat(catalog.calls).extracting(call -> call[0]).containsExactly(0L, 100L, 100L, 200L);
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
    void theExecutionContextHoldsTheReadCountAndTheTotalFirstAnnounced() throws Exception {
        OdsCatalogReader reader = opened(new FakeCatalog(250), 100);
        reader.read();
        ExecutionContext context = new ExecutionContext();

        reader.update(context);

        assertThat(context.entrySet()).extracting(e -> e.getKey()).containsExactlyInAnyOrder(
                "odsCatalogReader.read.count", "odsCatalogReader.announced.total");
        assertThat(context.getLong("odsCatalogReader.announced.total")).isEqualTo(250);
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
        catalog.scripted.add(new CatalogPage(250, datasets(0, 100), 100));
        // one dataset before offset 100 was deleted: dataset 100 is now at offset 99 and is never read
        catalog.scripted.add(new CatalogPage(249, datasets(101, 201), 100));
        catalog.scripted.add(new CatalogPage(249, datasets(201, 250), 100));
        OdsCatalogReader reader = opened(catalog, 100);

        assertThat(readAll(reader)).hasSize(249);

        assertThat(reader.catalogChangedWhileReading()).isTrue();
        assertThat(reader.incompleteReadReason()).isEqualTo("the ODS catalog changed while it was read");
    }

    @Test
    void aResumedReadComparesTheTotalWithTheOneAnnouncedBeforeTheRestart() throws Exception {
        FakeCatalog catalog = new FakeCatalog(249);
        OdsCatalogReader reader = new OdsCatalogReader(catalog, 100);
        ExecutionContext saved = new ExecutionContext();
        saved.putInt("odsCatalogReader.read.count", 100);
        saved.putLong("odsCatalogReader.announced.total", 250);
        reader.open(saved);

        readAll(reader);

        assertThat(reader.catalogChangedWhileReading()).isTrue();
    }

    @Test
    void aChangeSeenBeforeARestartIsNotForgottenByIt() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        catalog.scripted.add(new CatalogPage(250, datasets(0, 100), 100));
        catalog.scripted.add(new CatalogPage(249, datasets(101, 201), 100));
        OdsCatalogReader reader = opened(catalog, 100);
        for (int i = 0; i < 150; i++) {
            reader.read();
        }
        ExecutionContext saved = new ExecutionContext();
        reader.update(saved);
        reader.close();

        OdsCatalogReader resumed = new OdsCatalogReader(new FakeCatalog(250), 100);
        resumed.open(saved);
        readAll(resumed);

        assertThat(resumed.catalogChangedWhileReading()).isTrue();
    }

    @Test
    void aLimitedReadIsIncompleteEvenWhenTheRelaunchDoesNotRepeatTheLimit() throws Exception {
        OdsCatalogReader limited = new OdsCatalogReader(new FakeCatalog(250), 100);
        limited.setMaxItemCount(150);
        limited.open(new ExecutionContext());
        for (int i = 0; i < 100; i++) {
            limited.read();
        }
        ExecutionContext saved = new ExecutionContext();
        limited.update(saved);
        assertThat(limited.incompleteReadReason()).contains("harvest.max-items");

        OdsCatalogReader resumed = new OdsCatalogReader(new FakeCatalog(250), 100);
        resumed.open(saved);

        assertThat(readAll(resumed)).hasSize(50);
        assertThat(resumed.incompleteReadReason()).contains("harvest.max-items");
    }

    @Test
    void aReadThatStoppedBeforeTheEndIsIncomplete() throws Exception {
        OdsCatalogReader reader = opened(new FakeCatalog(250), 100);
        reader.read();

        assertThat(reader.incompleteReadReason()).isEqualTo("the harvest did not read the ODS catalog to its end");
    }

    @Test
    void aShortPageWhileThePortalAnnouncesMoreEndsTheRead() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        catalog.scripted.add(new CatalogPage(250, datasets(0, 100), 100));
        catalog.scripted.add(new CatalogPage(250, datasets(100, 130), 100)); // 120 datasets vanished meanwhile
        OdsCatalogReader reader = opened(catalog, 100);

        List<String> ids = readAll(reader);

        assertThat(ids).containsExactlyElementsOf(ids(0, 130));
        assertThat(catalog.calls).hasSize(2);
        assertThat(reader.catalogChangedWhileReading()).isTrue();
    }

    @Test
    void anEmptyPageEndsTheRead() throws Exception {
        FakeCatalog catalog = new FakeCatalog(250);
        catalog.scripted.add(new CatalogPage(250, datasets(0, 100), 100));
        catalog.scripted.add(new CatalogPage(250, List.of(), 100));
        OdsCatalogReader reader = opened(catalog, 100);

        assertThat(readAll(reader)).hasSize(100);
        assertThat(reader.read()).isNull();
        assertThat(catalog.calls).hasSize(2);
    }

    @Test
    void noPageIsAskedForOnceTheAnnouncedTotalIsReached() throws Exception {
        FakeCatalog catalog = new FakeCatalog(200);
        OdsCatalogReader reader = opened(catalog, 100);

        assertThat(readAll(reader)).containsExactlyElementsOf(ids(0, 200));
        assertThat(catalog.calls).extracting(call -> call[0]).containsExactly(0L, 100L);
        assertThat(reader.catalogChangedWhileReading()).isFalse();
    }

    @Test
    void aPortalThatKeepsAnnouncingMoreButSendsNothingDoesNotLoop() throws Exception {
        FakeCatalog catalog = new FakeCatalog(100);
        catalog.announcedTotal = 1_000_000;
        OdsCatalogReader reader = opened(catalog, 100);

        assertThat(readAll(reader)).hasSize(100);
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
        OdsCatalogReader reader = new OdsCatalogReader(new FakeCatalog(250), 100);
        reader.setMaxItemCount(5);
        reader.open(new ExecutionContext());

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
}
