package org.odsharvester.ods;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The catalog through the legacy Search API v1 (deprecated since 2021, still served):
 * {@code GET /api/datasets/1.0/search/?start=<o>&rows=<n>&interopmetas=true&sort=modified} plus one
 * {@code refine.<facet>=<value>} / {@code exclude.<facet>=<value>} parameter per configured value.
 * <p>
 * <b>Order.</b> The v1 API has no stable sort to page with. Its documentation lists the sortable
 * fields of the dataset search as {@code modified}, {@code issued}, {@code created} and
 * {@code records_count} (plus text fields carrying a {@code sortable} annotation, which catalog
 * metadata do not); {@code datasetid} is not one of them, and none of those is unique:
 * {@code issued}/{@code created} are optional DCAT metadata often typed by hand at day precision,
 * {@code records_count} changes with the data. Without {@code sort} the order is not documented at
 * all. This class sends {@code sort=modified} (descending, newest first — the portal's own default
 * catalog order), which is the least harmful choice for offset paging: a dataset modified or created
 * after it was read moves to the front and only causes a duplicate read (the writer is idempotent).
 * What remains unavoidable: a dataset not yet read that is modified during the run jumps ahead of the
 * cursor and is missed by this run, and a deletion shifts the rest back by one (one dataset missed).
 * Prefer the Explore API v2.1 ({@code order_by=dataset_id}) whenever the portal serves it.
 */
public class LegacyV1CatalogApi implements OdsCatalogApi {

    static final String PATH = "/api/datasets/1.0/search/";
    /** The dataset search serves at most 1000 rows per call. */
    static final int MAX_ROWS = 1000;
    static final String SORT = "modified";

    private final OdsClient client;
    private final OdsProperties properties;
    private final OdsDatasetParser parser;

    public LegacyV1CatalogApi(OdsClient client, OdsProperties properties) {
        this.client = client;
        this.properties = properties;
        this.parser = new OdsDatasetParser(properties.url());
    }

    /** Sorted by modification date, the only order v1 offers: a dataset changed during the read moves. */
    @Override
    public boolean stableOrder() {
        return false;
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public OdsRateLimit rateLimit() {
        return client.rateLimit();
    }

    /** Pages of up to 1000, and one request for the head of the catalog at the end (the order is not stable). */
    @Override
    public long requestsAfter(CatalogPage page, long datasets, int limit) {
        return OdsCatalogApi.ceilDiv(datasets, Math.min(limit, MAX_ROWS)) + 1;
    }

    @Override
    public CatalogPage fetchPage(String position, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, not " + limit);
        }
        long offset = OffsetPages.offset(position);
        int rows = Math.min(limit, MAX_ROWS);
        QueryString query = new QueryString()
                .add("start", offset)
                .add("rows", rows)
                .add("interopmetas", "true")
                .add("sort", SORT);
        addFacets(query, "refine.", properties.refine());
        addFacets(query, "exclude.", properties.exclude());
        String pathAndQuery = PATH + "?" + query;
        JsonNode body = client.getJson(pathAndQuery);
        JsonNode items = body.get("datasets");
        JsonNode total = body.get("nhits");
        if (items == null || !items.isArray() || total == null || !total.isIntegralNumber()) {
            throw new OdsUnexpectedResponseException(client.systemName() + " answered " + pathAndQuery
                    + " without the datasets array and nhits of the API v1");
        }
        List<OdsDataset> datasets = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            // a broken item becomes an unusable dataset, named by its position when it has no id
            datasets.add(OdsDataset.namedByPosition(parser.fromLegacyV1(item), offset + datasets.size()));
        }
        return OffsetPages.page(client.systemName(), offset, datasets, rows, total.asLong());
    }

    private static void addFacets(QueryString query, String prefix, Map<String, List<String>> facets) {
        facets.forEach((facet, values) -> {
            if (values != null) {
                values.stream()
                        .filter(value -> value != null && !value.isBlank())
                        .forEach(value -> query.add(prefix + facet, value));
            }
        });
    }
}
