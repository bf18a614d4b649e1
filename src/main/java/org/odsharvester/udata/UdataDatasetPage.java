package org.odsharvester.udata;

import java.util.List;

/**
 * One page of {@code GET /api/1/datasets/}.
 *
 * @param data     the datasets of this page
 * @param page     page number, from 1
 * @param pageSize page size asked for
 * @param total    total number of datasets matching
 * @param hasNext  true when udata announces a next page
 */
public record UdataDatasetPage(List<UdataDataset> data, int page, int pageSize, long total, boolean hasNext) {

    public UdataDatasetPage {
        data = data == null ? List.of() : List.copyOf(data);
    }
}
