package org.odsharvester.ods;

import java.util.List;

/**
 * One page of the ODS catalog, as an {@link OdsCatalogApi} fetched it.
 *
 * @param datasets  the page's datasets, in catalog order (unusable items included)
 * @param positions for each dataset, the position right after it: where reading goes on once that dataset
 *                  has been handed out. Opaque and short (a reader saves it in its execution context); only
 *                  the API that made it can interpret it
 * @param last      true when the catalog has nothing after this page
 * @param remaining how many datasets the portal announces from the first of this page to the end of the
 *                  catalog, for progress; -1 when unknown
 */
public record CatalogPage(List<OdsDataset> datasets, List<String> positions, boolean last, long remaining) {

    public CatalogPage {
        datasets = List.copyOf(datasets);
        positions = List.copyOf(positions);
        if (datasets.size() != positions.size()) {
            throw new IllegalArgumentException("one position per dataset: " + datasets.size() + " datasets, "
                    + positions.size() + " positions");
        }
    }

    /** The position after the last dataset of this page, or {@code fallback} when the page is empty. */
    public String positionAfter(String fallback) {
        return positions.isEmpty() ? fallback : positions.get(positions.size() - 1);
    }

    public boolean isEmpty() {
        return datasets.isEmpty();
    }
}
