package org.odsharvester.ods;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The whole catalog in one answer, with only what tells a change ({@link OdsCatalogApi#listCatalog()}), or why the
 * portal could not give it.
 *
 * @param datasets each listed dataset once, in the order listed; empty when refused
 * @param refusal  why there is no listing (the portal refused the query, the API has none), or null
 */
public record CatalogListing(List<Entry> datasets, @Nullable String refusal) {

    /**
     * One listed dataset.
     *
     * @param datasetId its {@code dataset_id}
     * @param signals   its change signals ({@link SourceSignature#signals}), null when it has none: always fetched
     */
    public record Entry(String datasetId, @Nullable String signals) {
    }

    public CatalogListing {
        datasets = List.copyOf(datasets);
    }

    public static CatalogListing of(List<Entry> datasets) {
        return new CatalogListing(datasets, null);
    }

    public static CatalogListing refused(String reason) {
        return new CatalogListing(List.of(), reason);
    }

    public boolean isRefused() {
        return refusal != null;
    }
}
