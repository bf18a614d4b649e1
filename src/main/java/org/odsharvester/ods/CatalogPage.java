package org.odsharvester.ods;

import java.util.List;

/**
 * One page of the ODS catalog.
 *
 * @param totalCount the number of datasets the portal says match the query
 * @param datasets   the page's datasets, in catalog order (unusable items included)
 * @param limit      how many datasets were asked for, after the API clamped the caller's limit to
 *                   what it can serve (v2.1: at most 100, and never past its 10,000 ceiling). A page
 *                   with fewer datasets than this is the last one the portal has.
 */
public record CatalogPage(long totalCount, List<OdsDataset> datasets, int limit) {
    public CatalogPage {
        datasets = List.copyOf(datasets);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    /** A page whose limit is not known: it is taken as the number of datasets it holds. */
    public CatalogPage(long totalCount, List<OdsDataset> datasets) {
        this(totalCount, datasets, datasets.size());
    }

    /** Fewer datasets than asked for: the portal has no more after these. */
    public boolean isShort() {
        return datasets.size() < limit;
    }
}
