package org.odsharvester.ods;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odsharvester.ods.OdsTestSupport.client;
import static org.odsharvester.support.OdsSamples.datasetId;
import static org.odsharvester.ods.OdsTestSupport.properties;
import static org.odsharvester.support.OdsSamples.json;
import static org.odsharvester.support.OdsSamples.v1Page;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.odsharvester.support.OdsSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class LegacyV1CatalogApiTest {

    private static final String PATH = "/api/datasets/1.0/search/";

    @RegisterExtension
    static WireMockExtension portal = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static LegacyV1CatalogApi api() {
        OdsProperties props = properties("http://localhost:" + portal.getPort(), "v1", null);
        return new LegacyV1CatalogApi(client(props), props);
    }

    private static void stubPage(long start, String body) {
        portal.stubFor(get(urlPathEqualTo(PATH))
                .withQueryParam("start", equalTo(String.valueOf(start)))
                .withQueryParam("rows", equalTo("100"))
                .willReturn(okJson(body)));
    }

    @Test
    void readsAWholeCatalogOverSeveralPages() throws Exception {
        stubPage(0, v1Page(250, 0, 100));
        stubPage(100, v1Page(250, 100, 200));
        stubPage(200, v1Page(250, 200, 250));
        // the head of the catalog, asked for once more at the end: v1's order moves with modifications
        portal.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("start", equalTo("0"))
                .withQueryParam("rows", equalTo("1")).willReturn(okJson(v1Page(250, 0, 1))));
        OdsCatalogReader reader = new OdsCatalogReaderBuilder().api(api()).build();
        reader.open(new ExecutionContext());

        List<String> ids = new ArrayList<>();
        for (OdsDataset item = reader.read(); item != null; item = reader.read()) {
            ids.add(item.datasetId());
        }

        assertThat(ids).containsExactlyElementsOf(IntStream.range(0, 250).mapToObj(OdsSamples::datasetId).toList());
        assertThat(reader.totalCount()).isEqualTo(250);
        portal.verify(3, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("rows", equalTo("100")));
        portal.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("rows", equalTo("1")));
        assertThat(reader.incompleteReadReason()).isNull();
    }

    @Test
    void asksForInteropMetadataInTheModifiedOrder() {
        stubPage(0, v1Page(1, 0, 1));

        api().fetchPage(null, 100);

        portal.verify(getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("interopmetas", equalTo("true"))
                .withQueryParam("sort", equalTo("modified")));
    }

    @Test
    void sendsOneRefineOrExcludeParameterPerFacetValue() {
        OdsProperties props = properties("http://localhost:" + portal.getPort(), "v1", null,
                Map.of("keyword", List.of("Santé publique", "AVC, mortalité")),
                Map.of("publisher", List.of("ACSS \"Lisboa\"", "R&D")));
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(v1Page(0, 0, 0))));

        new LegacyV1CatalogApi(client(props), props).fetchPage(null, 100);

        LoggedRequest request = portal.getAllServeEvents().get(0).getRequest();
        assertThat(request.queryParameter("refine.keyword").values()).containsExactly("Santé publique", "AVC, mortalité");
        assertThat(request.queryParameter("exclude.publisher").values()).containsExactly("ACSS \"Lisboa\"", "R&D");
        assertThat(request.getUrl()).contains("refine.keyword=Sant%C3%A9%20publique").doesNotContain("+");
    }

    @Test
    void parsesTheVerbatimSearchAnswer() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(
                json(OdsSamples.V1_SNS).toString())));

        CatalogPage page = api().fetchPage(null, 100);

        assertThat(page.remaining()).isEqualTo(1);
        OdsDataset dataset = page.datasets().get(0);
        assertThat(dataset.datasetId()).isEqualTo("taxa-de-mortalidade-por-avc-isquemico-e-hemorragico");
        assertThat(dataset.title()).isEqualTo("Mortalidade por AVC Isquémico e Hemorrágico");
        assertThat(dataset.keywords()).containsExactly("Mortalidade", "AVC", "Cuidados Hospitalares");
        assertThat(page.last()).isTrue();
        assertThat(page.positions()).containsExactly("1");
    }

    @Test
    void asksForAtMostAThousandRows() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(v1Page(0, 0, 0))));

        api().fetchPage(null, 5000);

        portal.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("rows", equalTo("1000")));
    }

    @Test
    void aPositionIsTheOffsetOfTheNextDataset() {
        stubPage(100, v1Page(250, 100, 200));

        CatalogPage page = api().fetchPage("100", 100);

        assertThat(page.datasets().get(0).datasetId()).isEqualTo(datasetId(100));
        assertThat(page.positions()).first().isEqualTo("101");
        assertThat(page.positions()).last().isEqualTo("200");
        assertThat(page.last()).isFalse();
        assertThat(page.remaining()).isEqualTo(150);
    }

    @Test
    void aPositionOfAnotherApiIsRefused() {
        assertThatThrownBy(() -> api().fetchPage("d:0:1:x", 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAnswerWithoutDatasetsIsAnError() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"nhits\": 1, \"results\": []}")));

        assertThatThrownBy(() -> api().fetchPage(null, 100))
                .isInstanceOf(OdsUnexpectedResponseException.class)
                .hasMessageContaining("datasets");
    }

    @Test
    void itemsKeepTheirV1DownloadUrls() {
        stubPage(0, v1Page(1, 0, 1));

        OdsDataset dataset = api().fetchPage(null, 100).datasets().get(0);

        assertThat(dataset.exportUrls().get("csv")).isEqualTo("http://localhost:" + portal.getPort()
                + "/explore/dataset/" + datasetId(0) + "/download?format=csv&timezone=Europe/Berlin&use_labels_for_header=false");
    }
}
