package org.odsharvester.ods;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.odsharvester.ods.OdsTestSupport.client;
import static org.odsharvester.support.OdsSamples.datasetId;
import static org.odsharvester.ods.OdsTestSupport.properties;
import static org.odsharvester.support.OdsSamples.v21Item;
import static org.odsharvester.support.OdsSamples.v21Page;

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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class ExploreV21CatalogApiTest {

    private static final String PATH = "/api/explore/v2.1/catalog/datasets";

    @RegisterExtension
    static WireMockExtension portal = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static OdsProperties props(Map<String, List<String>> refine, Map<String, List<String>> exclude) {
        return properties("http://localhost:" + portal.getPort(), "v2.1", null, refine, exclude);
    }

    private static ExploreV21CatalogApi api() {
        OdsProperties props = props(Map.of(), Map.of());
        return new ExploreV21CatalogApi(client(props), props);
    }

    private static void stubPage(long offset, int limit, String body) {
        portal.stubFor(get(urlPathEqualTo(PATH))
                .withQueryParam("offset", equalTo(String.valueOf(offset)))
                .withQueryParam("limit", equalTo(String.valueOf(limit)))
                .willReturn(okJson(body)));
    }

    private static List<OdsDataset> readAll(OdsCatalogReader reader) throws Exception {
        List<OdsDataset> read = new ArrayList<>();
        for (OdsDataset item = reader.read(); item != null; item = reader.read()) {
            read.add(item);
        }
        return read;
    }

    @Test
    void readsAWholeCatalogOverSeveralPages() throws Exception {
        stubPage(0, 100, v21Page(250, 0, 100));
        stubPage(100, 100, v21Page(250, 100, 200));
        stubPage(200, 100, v21Page(250, 200, 250));
        OdsCatalogReader reader = new OdsCatalogReaderBuilder().api(api()).build();
        reader.open(new ExecutionContext());

        List<OdsDataset> read = readAll(reader);

        assertThat(read).extracting(OdsDataset::datasetId)
                .containsExactlyElementsOf(IntStream.range(0, 250).mapToObj(OdsSamples::datasetId).toList());
        assertThat(read).allMatch(OdsDataset::isUsable);
        assertThat(read.get(0).exportUrls().get("csv")).isEqualTo("http://localhost:" + portal.getPort()
                + PATH + "/" + datasetId(0) + "/exports/csv");
        portal.verify(3, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void alwaysOrdersByDatasetId() {
        stubPage(0, 100, v21Page(250, 0, 100));
        stubPage(100, 100, v21Page(250, 100, 200));

        api().fetchPage(null, 100);
        api().fetchPage("100", 100);

        portal.verify(2, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("order_by", equalTo("dataset_id")));
    }

    @Test
    void sendsOneRefineOrExcludeParameterPerValueEncodedStrictly() {
        OdsProperties props = props(
                Map.of("keyword", List.of("Transport, mobilité \"urbaine\"", "vélo & co", "1+1=2")),
                Map.of("publisher", List.of("Ville de Paris", "ACME")));
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(v21Page(0, 0, 0))));

        new ExploreV21CatalogApi(client(props), props).fetchPage(null, 100);

        LoggedRequest request = portal.getAllServeEvents().get(0).getRequest();
        assertThat(request.queryParameter("refine").values()).containsExactly(
                "keyword:Transport, mobilité \"urbaine\"", "keyword:vélo & co", "keyword:1+1=2");
        assertThat(request.queryParameter("exclude").values()).containsExactly("publisher:Ville de Paris", "publisher:ACME");
        assertThat(request.getUrl())
                .contains("refine=keyword%3ATransport%2C%20mobilit%C3%A9%20%22urbaine%22")
                .contains("refine=keyword%3A1%2B1%3D2")
                .doesNotContain("+");
    }

    @Test
    void aResultThatIsNotAnObjectBecomesAnUnusableDatasetAndTheReadGoesOn() throws Exception {
        ObjectNode page = OdsTestSupport.JSON.createObjectNode();
        page.put("total_count", 3);
        ArrayNode results = page.putArray("results");
        results.add(v21Item(0));
        results.add("not a dataset");
        results.add(v21Item(2));
        stubPage(0, 100, page.toString());
        OdsCatalogReader reader = new OdsCatalogReaderBuilder().api(api()).build();
        reader.open(new ExecutionContext());

        List<OdsDataset> read = readAll(reader);

        assertThat(read).hasSize(3);
        assertThat(read.get(1).isUsable()).isFalse();
        assertThat(read.get(1).unusableReason()).contains("not a JSON object");
        assertThat(read.get(1).datasetId()).as("named by its position in the catalog").isEqualTo("#2");
        assertThat(read.get(2).datasetId()).isEqualTo(datasetId(2));
    }

    @Test
    void anAnswerWithoutResultsIsAnError() {
        portal.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"total_count\": 3, \"datasets\": []}")));

        assertThatThrownBy(() -> api().fetchPage(null, 100))
                .isInstanceOf(OdsUnexpectedResponseException.class)
                .hasMessageContaining("results");
    }

    @Test
    void asksForAtMostOneHundredDatasetsPerPage() {
        stubPage(0, 100, v21Page(250, 0, 100));

        CatalogPage page = api().fetchPage(null, 500);

        assertThat(page.datasets()).hasSize(100);
        assertThat(page.last()).isFalse();
        portal.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("limit", equalTo("100")));
    }

    @Test
    void clampsTheLastPageBelowTheTenThousandCeiling() {
        stubPage(9950, 50, v21Page(9_999, 9950, 9_999));

        CatalogPage page = api().fetchPage("9950", 100);

        assertThat(page.datasets()).hasSize(49);
        assertThat(page.last()).isTrue();
        assertThat(page.positions()).last().isEqualTo("9999");
        portal.verify(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("limit", equalTo("50")));
    }

    @Test
    void positionsAreOffsetsBelowTheCeiling() {
        stubPage(100, 100, v21Page(250, 100, 200));

        CatalogPage page = api().fetchPage("100", 100);

        assertThat(page.positions()).hasSize(100).startsWith("101").endsWith("200");
        assertThat(page.remaining()).isEqualTo(150);
        assertThat(page.last()).isFalse();
    }

    @Test
    void aCatalogJustUnderTenThousandEndsNormally() throws Exception {
        stubPage(9950, 50, v21Page(9_999, 9950, 9_999));
        OdsCatalogReader reader = new OdsCatalogReaderBuilder().api(api()).build();
        ExecutionContext restart = new ExecutionContext();
        restart.putInt("odsCatalogReader.read.count", 9950);
        reader.open(restart);

        assertThat(readAll(reader)).hasSize(49);
        portal.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }
}
