package org.odsharvester.ods;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The catalog through the Explore API v2.1:
 * {@code GET /api/explore/v2.1/catalog/datasets?limit=<n>&offset=<o>&order_by=dataset_id} plus one
 * {@code refine=<facet>:<value>} / {@code exclude=<facet>:<value>} parameter per configured value.
 * <p>
 * Always ordered: without {@code order_by} the portal pages in an unstable order (duplicates and gaps were
 * observed). The API serves at most 100 datasets per call and refuses {@code offset + limit > 10000}:
 * <ul>
 * <li>a catalog of fewer than 10,000 datasets is paged by offset in {@code dataset_id} order (a position is the
 * offset);</li>
 * <li>one the portal announces at 10,000 or more (nothing documents that {@code total_count} stays exact
 * there) is walked by modification date ({@link ModifiedDateWalk}), which never needs an offset
 * past the ceiling. The first page of a run shows which case applies; a catalog that grows past 10,000
 * during an offset-paged run is re-walked by date from its start (the datasets already written come out
 * unchanged).</li>
 * </ul>
 */
public class ExploreV21CatalogApi implements OdsCatalogApi {

    private static final Logger log = LoggerFactory.getLogger(ExploreV21CatalogApi.class);

    static final String PATH = "/api/explore/v2.1/catalog/datasets";
    static final int MAX_LIMIT = 100;
    static final long MAX_WINDOW = 10_000;
    static final String BY_ID = "dataset_id";

    private final OdsClient client;
    private final OdsProperties properties;
    private final OdsDatasetParser parser;
    private final ModifiedDateWalk dateWalk;

    public ExploreV21CatalogApi(OdsClient client, OdsProperties properties) {
        this.client = client;
        this.properties = properties;
        this.parser = new OdsDatasetParser(properties.url());
        this.dateWalk = new ModifiedDateWalk(this);
    }

    @Override
    public String version() {
        return "v2.1";
    }

    @Override
    public CatalogPage fetchPage(String position, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, not " + limit);
        }
        if (!OffsetPages.isOffset(position)) {
            return dateWalk.fetch(position, limit);
        }
        long offset = OffsetPages.offset(position);
        if (offset < MAX_WINDOW) {
            int effectiveLimit = clamp(offset, limit);
            Answer answer = query(null, BY_ID, offset, effectiveLimit);
            // 10,000 itself is walked by date: nothing documents that total_count stays exact near the ceiling
            if (answer.total() < MAX_WINDOW) {
                return OffsetPages.page(client.systemName(), offset, parseAt(answer.items(), offset), effectiveLimit,
                        answer.total());
            }
            if (offset == 0) {
                log.info("{} lists {} datasets, at or past the 10,000 the Explore API v2.1 pages through by offset:"
                        + " walking the catalog by modification date", client.systemName(), answer.total());
            } else {
                log.warn("{} now lists {} datasets, at or past the 10,000 the Explore API v2.1 pages through by"
                        + " offset: reading the catalog again from its start, by modification date; the datasets"
                        + " already harvested come out unchanged", client.systemName(), answer.total());
            }
        } else {
            log.warn("{}: position {} is past the 10,000 paging ceiling of the Explore API v2.1; reading the catalog"
                    + " again from its start, by modification date", client.systemName(), offset);
        }
        return dateWalk.fetch(ModifiedDateWalk.START, limit);
    }

    @Override
    public OdsRateLimit rateLimit() {
        return client.rateLimit();
    }

    /**
     * By offset, pages of up to 100. The walk by date asks each page from the last dataset it handed out, to
     * check that nothing moved: 99 new datasets per page of 100.
     */
    @Override
    public long requestsAfter(CatalogPage page, long datasets, int limit) {
        int perPage = Math.min(limit, MAX_LIMIT);
        boolean byOffset = page.positions().isEmpty() || OffsetPages.isOffset(page.positions().get(0));
        return OdsCatalogApi.ceilDiv(datasets, byOffset || perPage == 1 ? perPage : perPage - 1);
    }

    /** The portal's answer to one catalog query: the announced total and the raw items. */
    record Answer(long total, List<JsonNode> items) {
    }

    /** At most 100 datasets, and never past the ceiling. */
    static int clamp(long offset, int limit) {
        return (int) Math.min(Math.min(limit, MAX_LIMIT), MAX_WINDOW - offset);
    }

    /**
     * One catalog query with the configured facet filters.
     *
     * @param where   ODSQL, or null
     * @param orderBy ODSQL order, never null
     */
    Answer query(String where, String orderBy, long offset, int limit) {
        QueryString query = new QueryString().add("limit", limit).add("offset", offset);
        if (where != null) {
            query.add("where", where);
        }
        query.add("order_by", orderBy);
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
        List<JsonNode> items = new ArrayList<>(results.size());
        results.forEach(items::add);
        return new Answer(total.asLong(), items);
    }

    /** A broken item becomes an unusable dataset, rejected with its reason downstream. */
    OdsDataset parse(JsonNode item) {
        return parser.fromExploreV21(item);
    }

    List<OdsDataset> parse(List<JsonNode> items) {
        List<OdsDataset> datasets = new ArrayList<>(items.size());
        items.forEach(item -> datasets.add(parse(item)));
        return datasets;
    }

    /** Items read by offset: one without id is named by its position, so a re-read rejects it only once. */
    List<OdsDataset> parseAt(List<JsonNode> items, long offset) {
        List<OdsDataset> datasets = new ArrayList<>(items.size());
        items.forEach(item -> datasets.add(OdsDataset.namedByPosition(parse(item), offset + datasets.size())));
        return datasets;
    }

    String systemName() {
        return client.systemName();
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
}
