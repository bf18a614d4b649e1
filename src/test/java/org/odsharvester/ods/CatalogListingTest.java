package org.odsharvester.ods;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odsharvester.ods.OdsTestSupport.JSON;
import static org.odsharvester.ods.OdsTestSupport.client;
import static org.odsharvester.ods.OdsTestSupport.properties;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.OdsSamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The v2.1 catalog listing (catalog/exports/json with select) and the fetch by id that follows it. */
class CatalogListingTest {

    private static final String EXPORT = ExploreV21CatalogApi.EXPORT_PATH;

    @RegisterExtension
    static WireMockExtension portal = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static ExploreV21CatalogApi api() {
        OdsProperties props = properties("http://localhost:" + portal.getPort(), "v2.1", null,
                Map.of("keyword", List.of("vélo")), Map.of());
        return new ExploreV21CatalogApi(client(props), props);
    }

    @Test
    void aLabelledFlatItemAndAFullItemNestedUnderMetasDefaultGiveTheSameSignals() {
        ObjectNode flat = JSON.createObjectNode().put("dataset_id", "velos")
                .put("signal_metadata_processed", "2023-09-21T14:29:10.013000+00:00")
                .put("signal_data_processed", "2023-09-21T14:29:09+00:00");
        ObjectNode nested = JSON.createObjectNode().put("dataset_id", "velos");
        nested.putObject("metas").putObject("default").put("metadata_processed", "2023-09-21T14:29:10.013Z")
                .put("data_processed", "2023-09-21T14:29:09Z").put("modified", "2020-01-01T00:00:00+00:00");

        assertThat(ExploreV21CatalogApi.listed(flat)).isEqualTo(ExploreV21CatalogApi.listed(nested));
        assertThat(ExploreV21CatalogApi.listed(flat).signals()).isNotNull();
    }

    @Test
    void theRealParisExportIsReadAsAListingWithoutItsRepeatedDataset() {
        JsonNode paris = OdsSamples.json(OdsSamples.PARIS_EXPORT); // 4 items, one dataset twice, no dataset_uid
        portal.stubFor(get(urlPathEqualTo(EXPORT)).willReturn(okJson(paris.toString())));

        CatalogListing listing = api().listCatalog();

        assertThat(listing.isRefused()).isFalse();
        assertThat(listing.datasets()).extracting(CatalogListing.Entry::datasetId).containsExactly(
                "concertation-numerique-embellir-votre-quartier-republique-saint-ambroise-11e-boi",
                "plan-de-voirie-murs", "comptage-velo-historique-donnees-compteurs");
        // the dates nested under metas.default, as the real export carries them
        assertThat(listing.datasets().get(1).signals()).contains("2023-09-12T06:55:00.64Z");
        portal.verify(getRequestedFor(urlPathEqualTo(EXPORT))
                .withQueryParam("select", equalTo(ExploreV21CatalogApi.LISTING_SELECT))
                .withQueryParam("order_by", equalTo("dataset_id"))
                .withQueryParam("refine", equalTo("keyword:vélo")));
    }

    @Test
    void anExportThatRefusesSelectOrIsNotServedIsARefusalNotAFailure() {
        portal.stubFor(get(urlPathEqualTo(EXPORT)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\":\"ODSQLError\",\"message\":\"select is not allowed\"}")));
        assertThat(api().listCatalog().refusal()).contains("HTTP 400");

        portal.stubFor(get(urlPathEqualTo(EXPORT)).willReturn(aResponse().withStatus(404)));
        assertThat(api().listCatalog().refusal()).contains("HTTP 404");

        portal.stubFor(get(urlPathEqualTo(EXPORT)).willReturn(okJson("[{\"dataset_id\":\"a\"},{\"dataset_id\":\"b\"}]")));
        assertThat(api().listCatalog().refusal()).as("no signal at all: nothing tells a change")
                .contains("without metadata_processed");
    }

    @Test
    void anExhaustedQuotaIsNoRefusal() {
        portal.stubFor(get(urlPathEqualTo(EXPORT)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody("{\"errorcode\":10002,\"reset_time\":"
                        + "\"2026-12-03T00:00:00Z\",\"call_limit\":1000,\"limit_time_unit\":\"day\"}")));

        assertThatThrownBy(() -> api().listCatalog()).isInstanceOf(OdsQuotaExceededException.class);
    }

    @Test
    void idsAreQuotedAsOdsqlStringLiteralsAndSplitByHundredAndByLength() {
        assertThat(ExploreV21CatalogApi.idFilters(List.of("a", "b\"c", "d\\e"), 100, 6000))
                .containsExactly("dataset_id IN (\"a\", \"b\\\"c\", \"d\\\\e\")");
        List<String> ids = IntStream.range(0, 250).mapToObj(i -> "id-" + i).toList();
        assertThat(ExploreV21CatalogApi.idFilters(ids, 100, 6000)).hasSize(3)
                .allSatisfy(where -> assertThat(where).startsWith("dataset_id IN (\"id-"));
        String longId = "x".repeat(100);
        List<String> filters = ExploreV21CatalogApi.idFilters(IntStream.range(0, 100).mapToObj(i -> longId + i)
                .toList(), 100, 6000);
        assertThat(filters).hasSizeGreaterThan(1)
                .allSatisfy(where -> assertThat(QueryString.encode(where).length()).isLessThan(6100));
        assertThat(String.join("", filters)).contains(longId + "0\"", longId + "99\"");
    }

    @Test
    void theFetchByIdAsksForTheIdsInOneRequestAndSkipsTheOnesGone() {
        List<ObjectNode> items = List.of(OdsSamples.v21Item(1), OdsSamples.v21Item(3));
        portal.stubFor(get(urlPathEqualTo(ExploreV21CatalogApi.PATH)).willReturn(okJson(OdsSamples.v21Page(2, items))));

        List<OdsDataset> fetched = api().fetchByIds(List.of(OdsSamples.datasetId(1), OdsSamples.datasetId(2),
                OdsSamples.datasetId(3)));

        assertThat(fetched).extracting(OdsDataset::datasetId).containsExactly(OdsSamples.datasetId(1),
                OdsSamples.datasetId(3));
        portal.verify(1, getRequestedFor(urlPathEqualTo(ExploreV21CatalogApi.PATH))
                .withQueryParam("where", equalTo("dataset_id IN (\"" + OdsSamples.datasetId(1) + "\", \""
                        + OdsSamples.datasetId(2) + "\", \"" + OdsSamples.datasetId(3) + "\")"))
                .withQueryParam("limit", equalTo("100")).withQueryParam("order_by", equalTo("dataset_id")));
    }
}
