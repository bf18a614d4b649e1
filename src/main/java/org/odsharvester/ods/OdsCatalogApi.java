package org.odsharvester.ods;

/**
 * The catalog of one ODS portal, behind which the differences of the Explore API v2.1 and the
 * legacy v1 API stay hidden.
 */
public interface OdsCatalogApi {

    /** {@code v2.1} or {@code v1}: for the report only. */
    String version();

    /**
     * Fetches the datasets at positions {@code offset .. offset+limit-1} of the catalog, in a stable
     * order, with the configured facet filters applied.
     *
     * @throws OdsException (or a subclass) when the portal cannot be read
     */
    CatalogPage fetchPage(long offset, int limit);
}
