package org.odsharvester.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An ODS portal on loopback (WireMock) serving a catalog in pages of 100, in the v2.1 or v1 shape.
 * {@link #serve} replaces the catalog, so a test can change the portal between two runs.
 */
public class OdsPortalStub implements AutoCloseable {

    public static final String V21_PATH = "/api/explore/v2.1/catalog/datasets";
    public static final String V1_PATH = "/api/datasets/1.0/search/";
    private static final int PAGE = 100;

    private final WireMockServer server;
    private final CatalogGenerator generator = new CatalogGenerator();
    private final JsonMapper mapper = JsonMapper.builder().build();

    private final String host;

    public OdsPortalStub() {
        this("127.0.0.1");
    }

    /** A portal on another loopback address (127.0.0.2…), i.e. another {@code harvest:domain}. */
    public OdsPortalStub(String loopbackAddress) {
        host = loopbackAddress;
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress(loopbackAddress));
        server.start();
    }

    public String url() {
        return "http://" + host + ":" + server.port();
    }

    public WireMockServer server() {
        return server;
    }

    public CatalogGenerator generator() {
        return generator;
    }

    /** Serves these datasets through the v2.1 API (and answers 404 on v1), or through v1 only. */
    public void serve(List<CatalogGenerator.Dataset> datasets, boolean v21) {
        server.resetAll();
        if (v21) {
            for (int offset = 0; offset < Math.max(datasets.size(), 1); offset += PAGE) {
                server.stubFor(v21Page(offset, PAGE).willReturn(json(v21Body(datasets, offset, PAGE))));
            }
            server.stubFor(get(urlPathEqualTo(V21_PATH)).withQueryParam("limit", equalTo("1"))
                    .atPriority(1).willReturn(json(v21Body(datasets, 0, 1))));
        } else {
            server.stubFor(get(urlPathEqualTo(V21_PATH)).willReturn(aResponse().withStatus(404)
                    .withHeader("Content-Type", "text/html").withBody("<html>Not found</html>")));
            for (int offset = 0; offset < Math.max(datasets.size(), 1); offset += PAGE) {
                server.stubFor(get(urlPathEqualTo(V1_PATH)).withQueryParam("start", equalTo(String.valueOf(offset)))
                        .withQueryParam("rows", equalTo(String.valueOf(PAGE)))
                        .willReturn(json(v1Body(datasets, offset, PAGE))));
            }
            server.stubFor(get(urlPathEqualTo(V1_PATH)).withQueryParam("rows", equalTo("1")).atPriority(1)
                    .willReturn(json(v1Body(datasets, 0, 1))));
        }
    }

    /**
     * Serves these datasets through the v2.1 API as {@link #serve} does, each item as the generator makes it and then
     * changed by {@code edit} (metas the generator does not write: {@code metas.dcat}, spatial keys…).
     */
    public void serveEdited(List<CatalogGenerator.Dataset> datasets, BiConsumer<CatalogGenerator.Dataset, ObjectNode> edit) {
        server.resetAll();
        List<ObjectNode> items = datasets.stream().map(d -> {
            ObjectNode item = generator.v21(d);
            edit.accept(d, item);
            return item;
        }).toList();
        for (int offset = 0; offset < Math.max(items.size(), 1); offset += PAGE) {
            server.stubFor(v21Page(offset, PAGE).willReturn(json(body("total_count", "results",
                    items.stream().skip(offset).limit(PAGE), items.size()))));
        }
        server.stubFor(get(urlPathEqualTo(V21_PATH)).withQueryParam("limit", equalTo("1")).atPriority(1)
                .willReturn(json(body("total_count", "results", items.stream().limit(1), items.size()))));
    }

    /** Serves these datasets through v2.1, those named in {@code dcatById} with that {@code metas.dcat}. */
    public void serveWithDcat(List<CatalogGenerator.Dataset> datasets, Map<String, ObjectNode> dcatById) {
        serveEdited(datasets, (d, item) -> {
            if (dcatById.containsKey(d.id)) {
                ((ObjectNode) item.path("metas")).set("dcat", dcatById.get(d.id).deepCopy());
            }
        });
    }

    /**
     * After {@link #serve} in v2.1: also answers the pages that start at every multiple of {@code step}, as a run
     * resumed after chunks of {@code step} datasets asks for (the reader fetches from the last committed item).
     */
    public void alsoServeV21PagesEvery(List<CatalogGenerator.Dataset> datasets, int step) {
        for (int offset = step; offset < datasets.size(); offset += step) {
            if (offset % PAGE != 0) {
                server.stubFor(v21Page(offset, PAGE).willReturn(json(v21Body(datasets, offset, PAGE))));
            }
        }
    }

    /** The v2.1 page of 100 at {@code offset} answers this until the catalog is served again. */
    public void pageAnswers(int offset, ResponseDefinitionBuilder answer) {
        server.stubFor(v21Page(offset, PAGE).atPriority(1).willReturn(answer));
    }

    /** The v2.1 page of 100 at {@code offset} answers this JSON body until the catalog is served again. */
    public void pageAnswers(int offset, String body) {
        pageAnswers(offset, json(body));
    }

    public MappingBuilder v21Page(int offset, int limit) {
        return get(urlPathEqualTo(V21_PATH)).withQueryParam("offset", equalTo(String.valueOf(offset)))
                .withQueryParam("limit", equalTo(String.valueOf(limit)));
    }

    public String v21Body(List<CatalogGenerator.Dataset> datasets, int offset, int limit) {
        return body("total_count", "results", datasets.stream().skip(offset).limit(limit).map(generator::v21),
                datasets.size());
    }

    public String v1Body(List<CatalogGenerator.Dataset> datasets, int offset, int limit) {
        return body("nhits", "datasets", datasets.stream().skip(offset).limit(limit).map(generator::v1),
                datasets.size());
    }

    private String body(String countName, String itemsName, Stream<ObjectNode> items, int count) {
        ObjectNode body = mapper.createObjectNode();
        body.put(countName, count);
        ArrayNode results = body.putArray(itemsName);
        items.forEach(results::add);
        return body.toString();
    }

    public static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    @Override
    public void close() {
        server.stop();
    }
}
