package org.odsharvester.ods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    static final String EXPORT_PATH = "/api/explore/v2.1/catalog/exports/json";
    /** The labels the listing's signals are selected under. */
    static final String LABEL_PREFIX = "signal_";
    /**
     * The listing's select: identity and change signals only, each signal under a label of its own ("a select
     * expression can define a label with the keyword AS. This label will be used in the output of the API as key for
     * the select expression result", ODSQL "Select clause", explore-v2.1-openapi.json), so that the key is the one
     * documented; {@link #listed} also reads them flat or nested under {@code metas.default}, as full items carry them.
     */
    static final String LISTING_SELECT = "dataset_id, metadata_processed as " + LABEL_PREFIX + "metadata_processed, "
            + "data_processed as " + LABEL_PREFIX + "data_processed";
    /** The ids of one fetch by id: the Explore API's largest page. */
    static final int IDS_PER_FETCH = 100;
    /**
     * A fetch's query stays under this many characters once encoded: 100 ids of up to 100 characters would make a URL
     * of about 12 KB, past the 8 KB many proxies accept; longer lists are split.
     */
    static final int MAX_ENCODED_WHERE = 6000;
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

    /**
     * {@code GET /api/explore/v2.1/catalog/exports/json?select=…&order_by=dataset_id} with the facet filters: one
     * request, no 10,000 ceiling (the export has none). Refused when the portal answers 400 (a portal whose export
     * refuses {@code select}), 404 (no export), something that is not an array, or items without the signals; access
     * refused and an exhausted quota propagate. A dataset listed twice (seen in a recording) is kept once.
     */
    @Override
    public CatalogListing listCatalog() {
        QueryString query = new QueryString().add("select", LISTING_SELECT).add("order_by", BY_ID);
        addFacets(query, "refine", properties.refine());
        addFacets(query, "exclude", properties.exclude());
        JsonNode body;
        try {
            body = client.getJson(EXPORT_PATH + "?" + query);
        } catch (OdsAccessDeniedException | OdsQuotaExceededException e) {
            throw e;
        } catch (OdsException e) {
            return CatalogListing.refused(e.getMessage());
        }
        if (!body.isArray()) {
            return CatalogListing.refused(client.systemName() + " answered " + EXPORT_PATH
                    + " with JSON that is not an array");
        }
        Map<String, CatalogListing.Entry> entries = new LinkedHashMap<>();
        boolean anySignals = false;
        for (JsonNode item : body) {
            CatalogListing.Entry entry = listed(item);
            if (entry == null) {
                return CatalogListing.refused(client.systemName() + " listed a dataset without dataset_id in "
                        + EXPORT_PATH);
            }
            anySignals |= entry.signals() != null;
            entries.putIfAbsent(entry.datasetId(), entry);
        }
        if (!entries.isEmpty() && !anySignals) {
            return CatalogListing.refused(client.systemName() + " listed its catalog in " + EXPORT_PATH
                    + " without metadata_processed: nothing tells a change");
        }
        return CatalogListing.of(List.copyOf(entries.values()));
    }

    /** A listed item, flat (labelled, or named as selected) or nested like a full item; null without dataset_id. */
    static CatalogListing.Entry listed(JsonNode item) {
        String id = OdsDatasetParser.text(item.get(BY_ID));
        if (id == null || id.isBlank()) {
            id = OdsDatasetParser.text(item.get("datasetid"));
        }
        if (id == null || id.isBlank()) {
            return null;
        }
        return new CatalogListing.Entry(id, SourceSignature.signals(id, signal(item, "metadata_processed"),
                signal(item, "data_processed")));
    }

    private static String signal(JsonNode item, String name) {
        for (JsonNode value : List.of(item.path(LABEL_PREFIX + name), item.path(name), item.path("default." + name),
                item.path("metas").path("default").path(name), item.path("metas").path(name))) {
            String text = OdsDatasetParser.text(value);
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    /**
     * {@code GET /api/explore/v2.1/catalog/datasets?where=dataset_id in ("a", "b", …)&limit=100&order_by=dataset_id}
     * with the facet filters, 100 ids at a time (fewer when long ids would make the URL too long).
     */
    @Override
    public List<OdsDataset> fetchByIds(List<String> datasetIds) {
        List<OdsDataset> datasets = new ArrayList<>(datasetIds.size());
        for (String where : idFilters(datasetIds, IDS_PER_FETCH, MAX_ENCODED_WHERE)) {
            Answer answer = query(where, BY_ID, 0, IDS_PER_FETCH);
            datasets.addAll(parse(answer.items()));
        }
        return datasets;
    }

    /**
     * ODSQL filters {@code dataset_id IN ("a", "b")} ("IN filter" on a list of literals, explore-v2.1-openapi.json)
     * covering these ids in order, at most {@code maxIds} each and, past the first id, at most {@code maxEncoded}
     * characters once percent-encoded. Each id is a string literal in double quotes, {@code \} and {@code "} escaped
     * with a backslash ("String literal").
     */
    static List<String> idFilters(List<String> ids, int maxIds, int maxEncoded) {
        List<String> filters = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        int inFilter = 0;
        int encoded = 0;
        for (String id : ids) {
            String literal = "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            int cost = QueryString.encode(literal + ", ").length();
            if (inFilter > 0 && (inFilter == maxIds || encoded + cost > maxEncoded)) {
                filters.add(where.append(")").toString());
                where.setLength(0);
                inFilter = 0;
                encoded = 0;
            }
            where.append(inFilter == 0 ? BY_ID + " IN (" : ", ").append(literal);
            inFilter++;
            encoded += cost;
        }
        if (inFilter > 0) {
            filters.add(where.append(")").toString());
        }
        return filters;
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
