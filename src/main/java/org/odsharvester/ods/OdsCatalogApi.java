package org.odsharvester.ods;

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
}
