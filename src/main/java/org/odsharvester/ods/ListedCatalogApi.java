package org.odsharvester.ods;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog as a run listed it ({@link OdsCatalogApi#listCatalog()}, saved for the run before the harvest step),
 * walked in listing order: each page is 100 listed datasets, of which those {@link UnchangedSources} finds unchanged
 * come out as {@linkplain OdsDataset#unchanged identities only} (no request, nothing to map), and the others are
 * fetched whole with one {@link OdsCatalogApi#fetchByIds} (100 ids a request). A dataset listed but gone when fetched
 * is on no page: not seen by this run, it is archived after the grace period like any other that left the portal.
 * <p>
 * A position is {@code L<n>}: the n first listed datasets have been handed out. The listing is saved for the run,
 * so a restart goes on from the saved position without listing again; the read is complete when the last listed
 * dataset was handed out (the listing came back whole, and every fetch was done).
 */
public class ListedCatalogApi implements OdsCatalogApi {

    private static final Logger log = LoggerFactory.getLogger(ListedCatalogApi.class);
    private static final String PREFIX = "L";
    /** Listed datasets per page at most, however few of them are fetched: a bounded page in memory. */
    static final int MAX_SCANNED = 10_000;

    /** The saved listing of the run. */
    public interface Listing {
        long size();

        /** Up to {@code count} entries from the {@code from}-th (0-based), in listing order. */
        List<CatalogListing.Entry> entries(long from, int count);
    }

    private final OdsCatalogApi api;
    private final Listing listing;
    private final UnchangedSources sources;
    private final long toFetch;

    /**
     * @param api     the API that listed the catalog, to fetch records by id
     * @param toFetch how many listed datasets were new or changed when listed, for the quota estimate
     */
    public ListedCatalogApi(OdsCatalogApi api, Listing listing, UnchangedSources sources, long toFetch) {
        this.api = api;
        this.listing = listing;
        this.sources = sources;
        this.toFetch = toFetch;
    }

    @Override
    public String version() {
        return api.version();
    }

    @Override
    public @Nullable OdsRateLimit rateLimit() {
        return api.rateLimit();
    }

    /** One fetch per 100 of the datasets left to fetch, in proportion to what is left of the listing. */
    @Override
    public long requestsAfter(CatalogPage page, long datasets, int limit) {
        long size = Math.max(1, listing.size());
        return OdsCatalogApi.ceilDiv((long) Math.ceil((double) toFetch * datasets / size),
                ExploreV21CatalogApi.IDS_PER_FETCH);
    }

    /**
     * From {@code position} on: the listed datasets up to the 100th one to fetch (or {@value #MAX_SCANNED} listed
     * ones, or the end), the unchanged ones as identities, the others fetched in one request. So a run costs one fetch
     * per 100 datasets to fetch, wherever they sit in the listing, and a page may hold more datasets than asked for.
     */
    @Override
    public CatalogPage fetchPage(@Nullable String position, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, not " + limit);
        }
        long from = position == null ? 0 : ordinal(position);
        long size = listing.size();
        while (true) {
            List<CatalogListing.Entry> entries = new ArrayList<>();
            Map<String, UnchangedSources.Unchanged> unchanged = new HashMap<>();
            List<String> ids = new ArrayList<>();
            long next = from;
            while (next < size && ids.size() < ExploreV21CatalogApi.IDS_PER_FETCH && entries.size() < MAX_SCANNED) {
                int want = (int) Math.min(ExploreV21CatalogApi.IDS_PER_FETCH - ids.size(), MAX_SCANNED - entries.size());
                List<CatalogListing.Entry> batch = listing.entries(next, want);
                if (batch.isEmpty()) {
                    break;
                }
                List<UnchangedSources.Candidate> candidates = new ArrayList<>();
                for (CatalogListing.Entry entry : batch) {
                    if (entry.signals() != null) {
                        candidates.add(new UnchangedSources.Candidate(entry.datasetId(), null, entry.signals()));
                    }
                }
                Map<String, UnchangedSources.Unchanged> same = candidates.isEmpty() ? Map.of()
                        : sources.bySignals(candidates);
                unchanged.putAll(same);
                for (CatalogListing.Entry entry : batch) {
                    if (!same.containsKey(entry.datasetId())) {
                        ids.add(entry.datasetId());
                    }
                }
                entries.addAll(batch);
                next += batch.size();
            }
            if (entries.isEmpty()) {
                return new CatalogPage(List.of(), List.of(), true, 0);
            }
            Map<String, OdsDataset> fetched = new HashMap<>();
            List<OdsDataset> unmatched = new ArrayList<>();
            if (!ids.isEmpty()) {
                for (OdsDataset dataset : api.fetchByIds(ids)) {
                    if (dataset.datasetId() == null || !ids.contains(dataset.datasetId())
                            || fetched.putIfAbsent(dataset.datasetId(), dataset) != null) {
                        unmatched.add(dataset); // rejected downstream with its reason, not lost
                    }
                }
            }
            List<OdsDataset> datasets = new ArrayList<>();
            List<String> positions = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                CatalogListing.Entry entry = entries.get(i);
                UnchangedSources.Unchanged same = unchanged.get(entry.datasetId());
                OdsDataset dataset = same != null
                        ? OdsDataset.unchanged(entry.datasetId(), same.datasetUid(), same.udataId())
                        : fetched.get(entry.datasetId());
                if (dataset == null) {
                    log.info("{} was listed but is no longer served (deleted, or no longer kept by the facet filters,"
                            + " since the listing): not seen by this run", entry.datasetId());
                    continue;
                }
                datasets.add(dataset);
                positions.add(PREFIX + (from + i + 1));
            }
            for (OdsDataset dataset : unmatched) {
                datasets.add(dataset);
                positions.add(PREFIX + next);
            }
            boolean last = next >= size;
            if (datasets.isEmpty() && !last) {
                from = next; // every one of them gone: an empty page would end the read
                continue;
            }
            return new CatalogPage(datasets, positions, last, size - from);
        }
    }

    private static long ordinal(String position) {
        if (position.startsWith(PREFIX)) {
            try {
                return Long.parseLong(position.substring(PREFIX.length()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("not a position in the catalog listing: " + position);
    }
}
