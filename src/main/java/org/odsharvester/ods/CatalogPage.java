package org.odsharvester.ods;

import java.util.List;

/**
 * One page of the ODS catalog.
 *
 * @param totalCount the number of datasets the portal says match the query
 * @param datasets   the page's datasets, in catalog order (unusable items included)
 */
public record CatalogPage(long totalCount, List<OdsDataset> datasets) {
    public CatalogPage {
        datasets = List.copyOf(datasets);
    }
}
