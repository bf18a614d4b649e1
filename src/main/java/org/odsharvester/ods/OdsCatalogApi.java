package org.odsharvester.ods;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The catalog of one ODS portal, behind which the differences of the Explore API v2.1 and the
 * legacy v1 API stay hidden, and so does the way a catalog is walked (by offset, or by modification
 * date past the v2.1 paging ceiling): callers only pass back the positions the API gave them.
 * <p>
 * Implementations are stateless between calls, so that a reader may fetch the next page from another
 * thread.
 */
public interface OdsCatalogApi {

    /** {@code v2.1} or {@code v1}: for the report only. */
    String version();

    /**
     * False when a dataset can move within the catalog's order while it is read (an order by modification
     * date): the reader then checks at the end that the head of the catalog did not change.
     */
    default boolean stableOrder() {
        return true;
    }

    /**
     * The quota the portal announced in its latest answer ({@code X-RateLimit-Remaining}…), or null when it
     * announced none.
     */
    default @Nullable OdsRateLimit rateLimit() {
        return null;
    }

    /**
     * How many more requests reading {@code datasets} more datasets after {@code page} takes, asking
     * {@code limit} at a time: an estimate for the quota warning, counting what the API sends on its own
     * (a final check included) but not retries.
     *
     * @param page a page this API returned
     */
    default long requestsAfter(CatalogPage page, long datasets, int limit) {
        return ceilDiv(datasets, limit);
    }

    /** {@code ceil(a / b)} for a count of pages. */
    static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }

    /**
     * Fetches up to {@code limit} datasets from {@code position} on, in the most stable order the API
     * offers, with the configured facet filters applied. The API may return fewer (its own maximum per
     * request, a paging ceiling, datasets it skipped because they were read already): a page says itself
     * whether it is the last one, and one that is not must end past {@code position} (the reader refuses to
     * fetch the same page forever).
     *
     * @param position null for the start of the catalog, else a position of a page this API returned
     * @throws OdsException (or a subclass) when the portal cannot be read
     * @throws IllegalArgumentException when the position is not one of this API's
     */
    CatalogPage fetchPage(@Nullable String position, int limit);

    /**
     * The whole catalog in one request, with the configured facet filters, each dataset with its change signals only
     * ({@code catalog/exports/json} with {@code select} in v2.1): what a nightly run compares with what it harvested
     * before, to fetch only the new and changed datasets with {@link #fetchByIds}. Refused (not an exception) when the
     * API has no such listing or the portal does not serve it; access refused and an exhausted quota propagate.
     */
    default CatalogListing listCatalog() {
        return CatalogListing.refused("the " + version() + " API has no catalog listing");
    }

    /**
     * The full records of these datasets (by {@code dataset_id}), as many requests as their number needs (100 ids at
     * most each); a dataset the portal no longer has (or that the facet filters no longer keep) is simply absent.
     *
     * @throws UnsupportedOperationException when {@link #listCatalog()} is always refused
     */
    default List<OdsDataset> fetchByIds(List<String> datasetIds) {
        throw new UnsupportedOperationException("the " + version() + " API cannot fetch datasets by id");
    }
}
