package org.odsharvester.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The recorded ODS payloads of {@code src/test/resources/ods-samples/} (a copy of the shared samples, README
 * there), and catalog items and pages made from them.
 */
public final class OdsSamples {

    /** 01: the v2.1 catalog list example (world boundaries; geonames with attachment cities1000.zip). */
    public static final String V21_CATALOG = "01_v2.1_catalog_datasets__openapi_example.json";
    /** 02: the v2.1 single dataset example (geonames, theme with commas). */
    public static final String V21_SINGLE = "02_v2.1_catalog_dataset_single__openapi_example.json";
    /** 04: opendata.paris.fr's catalog export, 4 datasets. */
    public static final String PARIS_EXPORT = "04_v2.1_catalog_exports_json__opendata.paris.fr_2023-10__TRIMMED_4_of_501.json";
    /** 05: a verbatim v1 search result from transparencia.sns.gov.pt. */
    public static final String V1_SNS = "05_v1_datasets_search__transparencia.sns.gov.pt_2026-09-23__VERBATIM.json";
    /** 08: a v2.0 catalog of data.opendatasoft.com (2016). */
    public static final String V20_OPENDATASOFT = "08_v2.0_catalog_datasets__data.opendatasoft.com_2016__from_SingularData_test.json";
    /** 10: the error bodies of 400 and 429 answers, documented and observed. */
    public static final String ERROR_BODIES = "10_error_bodies__400_429__docs_and_observed.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OdsSamples() {
    }

    /** One sample, parsed. */
    public static JsonNode json(String name) {
        try (InputStream in = OdsSamples.class.getResourceAsStream("/ods-samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code dataset-00042}: identifiers that sort in catalog order. */
    public static String datasetId(int index) {
        return String.format("dataset-%05d", index);
    }

    /** The first item of the v2.1 catalog sample (with records, geo, one attachment), renamed {@code dataset-<index>}. */
    public static ObjectNode v21Item(int index) {
        ObjectNode item = (ObjectNode) json(V21_CATALOG).get("results").get(0).deepCopy();
        item.put("dataset_id", datasetId(index));
        item.put("dataset_uid", "da_" + index);
        return item;
    }

    /** The verbatim v1 search item, renamed {@code dataset-<index>}. */
    public static ObjectNode v1Item(int index) {
        ObjectNode item = (ObjectNode) json(V1_SNS).get("datasets").get(0).deepCopy();
        item.put("datasetid", datasetId(index));
        return item;
    }

    /** A v2.1 page holding datasets {@code from .. to-1} of a catalog of {@code total}. */
    public static String v21Page(long total, int from, int to) {
        return v21Page(total, IntStream.range(from, to).mapToObj(OdsSamples::v21Item).toList());
    }

    /** A v2.1 page holding these items of a catalog of {@code total}. */
    public static String v21Page(long total, List<? extends JsonNode> items) {
        ObjectNode page = JSON.createObjectNode();
        page.put("total_count", total);
        ArrayNode results = page.putArray("results");
        items.forEach(results::add);
        return page.toString();
    }

    /** A v1 page holding datasets {@code from .. to-1} of a catalog of {@code total}. */
    public static String v1Page(long total, int from, int to) {
        ObjectNode page = JSON.createObjectNode();
        page.put("nhits", total);
        ArrayNode datasets = page.putArray("datasets");
        IntStream.range(from, to).forEach(i -> datasets.add(v1Item(i)));
        return page.toString();
    }
}
