package org.odsharvester.ods;

/**
 * The catalog of one ODS portal, behind which the differences of the Explore API v2.1 and the
 * legacy v1 API stay hidden.
 */
public interface OdsCatalogApi {

    /** {@code v2.1} or {@code v1}: for the report only. */
    String version();

    /**
     * Fetches the datasets at positions {@code offset .. offset+limit-1} of the catalog, in the most
     * stable order the API offers (v2.1: by {@code dataset_id}; v1 has no unique sort key, see
     * {@link LegacyV1CatalogApi}), with the configured facet filters applied. The API may ask the
     * portal for fewer than {@code limit} datasets (its own maximum, a paging ceiling): the page's
     * {@link CatalogPage#limit()} says how many were asked for.
     *
     * @throws OdsException (or a subclass) when the portal cannot be read
     */
    CatalogPage fetchPage(long offset, int limit);
}
