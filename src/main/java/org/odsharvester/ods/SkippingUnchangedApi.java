package org.odsharvester.ods;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The catalog paged as before (where there is no listing: the legacy v1 API, a v2.1 export that refuses
 * {@code select}), each page's datasets compared, by the hash of their raw JSON, with what the harvester last wrote:
 * an unchanged one, untouched in udata, comes out as its {@linkplain OdsDataset#unchanged identity only}, so that it
 * is not mapped again nor compared with udata. Positions, totals and order are the wrapped API's.
 */
public class SkippingUnchangedApi implements OdsCatalogApi {

    private final OdsCatalogApi api;
    private final UnchangedSources sources;

    public SkippingUnchangedApi(OdsCatalogApi api, UnchangedSources sources) {
        this.api = api;
        this.sources = sources;
    }

    @Override
    public String version() {
        return api.version();
    }

    @Override
    public boolean stableOrder() {
        return api.stableOrder();
    }

    @Override
    public @Nullable OdsRateLimit rateLimit() {
        return api.rateLimit();
    }

    @Override
    public long requestsAfter(CatalogPage page, long datasets, int limit) {
        return api.requestsAfter(page, datasets, limit);
    }

    @Override
    public CatalogPage fetchPage(@Nullable String position, int limit) {
        CatalogPage page = api.fetchPage(position, limit);
        List<UnchangedSources.Candidate> candidates = new ArrayList<>();
        for (OdsDataset dataset : page.datasets()) {
            if (dataset.isUsable() && dataset.signature() != null && dataset.signature().rawHash() != null) {
                candidates.add(new UnchangedSources.Candidate(dataset.datasetId(), dataset.datasetUid(),
                        dataset.signature().rawHash()));
            }
        }
        if (candidates.isEmpty()) {
            return page;
        }
        Map<String, UnchangedSources.Unchanged> unchanged = sources.byRawHash(candidates);
        if (unchanged.isEmpty()) {
            return page;
        }
        List<OdsDataset> datasets = new ArrayList<>(page.datasets().size());
        for (OdsDataset dataset : page.datasets()) {
            UnchangedSources.Unchanged same = dataset.isUsable() ? unchanged.get(dataset.datasetId()) : null;
            datasets.add(same == null ? dataset : OdsDataset.builder().datasetId(dataset.datasetId())
                    .datasetUid(dataset.datasetUid() != null ? dataset.datasetUid() : same.datasetUid())
                    // the reader tells a moved head of the catalog by id and modification date
                    .modified(dataset.modified()).signature(dataset.signature()).unchangedIn(same.udataId()).build());
        }
        return new CatalogPage(datasets, page.positions(), page.last(), page.remaining());
    }
}
