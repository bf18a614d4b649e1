package org.odsharvester.ods;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The catalog through the Explore API v2.1:
 * {@code GET /api/explore/v2.1/catalog/datasets?limit=<n>&offset=<o>&order_by=dataset_id} plus one
 * {@code refine=<facet>:<value>} / {@code exclude=<facet>:<value>} parameter per configured value.
 * <p>
 * Always ordered by {@code dataset_id}: without {@code order_by} the portal pages in an unstable
 * order (duplicates and gaps were observed). The API serves at most 100 datasets per call and
 * refuses {@code offset + limit > 10000}; the limit is clamped to both, so the last page below the
 * ceiling is served, and a request at the ceiling raises {@link OdsCatalogTooLargeException} rather
 * than ending the catalog silently.
 */
public class ExploreV21CatalogApi implements OdsCatalogApi {

    static final String PATH = "/api/explore/v2.1/catalog/datasets";
    static final int MAX_LIMIT = 100;
    static final long MAX_WINDOW = 10_000;

    private final OdsClient client;
    private final OdsProperties properties;
    private final OdsDatasetParser parser;
    private volatile long lastTotalCount = -1;

    public ExploreV21CatalogApi(OdsClient client, OdsProperties properties) {
        this.client = client;
        this.properties = properties;
        this.parser = new OdsDatasetParser(properties.url());
    }

    @Override
    public String version() {
        return "v2.1";
    }

    @Override
    public CatalogPage fetchPage(long offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1, not " + offset + ", " + limit);
        }
        if (offset >= MAX_WINDOW) {
            throw tooLarge();
        }
        int effectiveLimit = (int) Math.min(Math.min(limit, MAX_LIMIT), MAX_WINDOW - offset);
        QueryString query = new QueryString()
                .add("limit", effectiveLimit)
                .add("offset", offset)
                .add("order_by", "dataset_id");
        addFacets(query, "refine", properties.refine());
        addFacets(query, "exclude", properties.exclude());
        String pathAndQuery = PATH + "?" + query;
        JsonNode body = client.getJson(pathAndQuery);
        JsonNode results = body.get("results");
        JsonNode total = body.get("total_count");
        if (results == null || !results.isArray() || total == null || !total.isIntegralNumber()) {
            throw new OdsUnexpectedResponseException(client.systemName() + " answered " + pathAndQuery
                    + " without the results array and total_count of the Explore API v2.1");
        }
        List<OdsDataset> datasets = new ArrayList<>(results.size());
        for (JsonNode item : results) {
            // a broken item becomes an unusable dataset, named by its position when it has no id
            datasets.add(OdsDataset.namedByPosition(parser.fromExploreV21(item), offset + datasets.size()));
        }
        lastTotalCount = total.asLong();
        return new CatalogPage(lastTotalCount, datasets, effectiveLimit);
    }

    private static void addFacets(QueryString query, String parameter, Map<String, List<String>> facets) {
        facets.forEach((facet, values) -> {
            if (values != null) {
                values.stream()
                        .filter(value -> value != null && !value.isBlank())
                        .forEach(value -> query.add(parameter, facet + ":" + value));
            }
        });
    }

    private OdsCatalogTooLargeException tooLarge() {
        long total = lastTotalCount;
        String count = total > MAX_WINDOW ? String.format("%,d datasets", total) : "more than 10,000 datasets";
        return new OdsCatalogTooLargeException(client.systemName() + " lists " + count
                + " matching the filters, more than the Explore API v2.1 can page through (offset + limit <= 10,000);"
                + " the datasets past the 10,000th cannot be read: narrow the harvest with"
                + " --ods.refine.<facet>=<value> / --ods.exclude.<facet>=<value> so that each run stays under 10,000",
                total);
    }
}
