package org.odsharvester.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.odsharvester.ods.CatalogListing;
import org.odsharvester.ods.OdsCatalogApi;
import org.odsharvester.ods.UnchangedSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Decides, once per run, how the harvest step reads the catalog, and saves it with the listing it reads
 * ({@link CatalogPasses}), in this step's transaction: a restart of the run keeps the decision and the listing (this
 * step is not run again once completed, and finds the pass saved when it is).
 * <ul>
 * <li>A <b>full pass</b> (every dataset fetched, mapped and compared with udata, as before the incremental harvest)
 * when {@code harvest.full=true}, when this source was never fully passed into this target, or when its last full
 * pass completed {@code harvest.full-every} ago or more.</li>
 * <li>Else the <b>listing</b>: the whole catalog in one request ({@link OdsCatalogApi#listCatalog()}), saved; the
 * harvest step fetches only what is new, changed or edited in udata.</li>
 * <li>Else, when the portal has no listing (the legacy v1 API, an export that refuses {@code select}),
 * <b>paging</b> as before, where an item whose raw JSON is the one last written is not mapped again.</li>
 * </ul>
 */
public class CatalogListingTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(CatalogListingTasklet.class);
    private static final int BATCH = 500;

    private final CatalogPasses passes;
    private final OdsCatalogApi api;
    private final UnchangedSources sources;
    private final long runId;
    private final String targetKey;
    private final String domain;
    private final boolean full;
    private final Duration fullEvery;
    private final Clock clock;
    private final java.util.function.Predicate<ChunkContext> harvestStarted;

    /**
     * @param harvestStarted true when the run's harvest step has an execution already: a run resumed after an
     *                       upgrade, whose reader position is not one of a listing
     */
    public CatalogListingTasklet(CatalogPasses passes, OdsCatalogApi api, UnchangedSources sources, long runId,
            String targetKey, String domain, boolean full, Duration fullEvery, Clock clock,
            java.util.function.Predicate<ChunkContext> harvestStarted) {
        this.harvestStarted = harvestStarted;
        this.passes = passes;
        this.api = api;
        this.sources = sources;
        this.runId = runId;
        this.targetKey = targetKey;
        this.domain = domain;
        this.full = full;
        this.fullEvery = fullEvery;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        CatalogPasses.Pass decided = passes.find(runId);
        if (decided != null) {
            log.info("Catalog read as decided when the run started: {}", decided.reason());
            return RepeatStatus.FINISHED;
        }
        if (harvestStarted.test(chunkContext)) {
            // a run started by a version without this step: its reader's saved position is a paging one
            save(new CatalogPasses.Pass(false, false, 0, 0, "paging through the catalog, as the run did when it"
                    + " started (an earlier version of the harvester); items unchanged since the last write are not"
                    + " mapped again"), List.of());
            return RepeatStatus.FINISHED;
        }
        String fullReason = fullPassReason();
        if (fullReason != null) {
            save(new CatalogPasses.Pass(true, false, 0, 0, "full pass (" + fullReason + "): every dataset is read,"
                    + " mapped and compared with udata"), List.of());
            return RepeatStatus.FINISHED;
        }
        CatalogListing listing = api.listCatalog();
        if (listing.isRefused()) {
            save(new CatalogPasses.Pass(false, false, 0, 0, "paging through the catalog, the portal has no listing"
                    + " to compare (" + listing.refusal() + "); items unchanged since the last write are not mapped"
                    + " again"), List.of());
            return RepeatStatus.FINISHED;
        }
        List<CatalogListing.Entry> entries = listing.datasets();
        long toFetch = toFetch(entries);
        contribution.incrementReadCount();
        save(new CatalogPasses.Pass(false, true, entries.size(), toFetch, "listing: " + entries.size()
                + " datasets listed in one request, " + toFetch + " of them new, changed at the source or edited in"
                + " udata: fetched in " + OdsCatalogApi.ceilDiv(toFetch, 100) + " request(s); the others are neither"
                + " fetched nor mapped"), entries);
        return RepeatStatus.FINISHED;
    }

    private void save(CatalogPasses.Pass pass, List<CatalogListing.Entry> entries) {
        passes.save(runId, pass, entries);
        log.info("Catalog read: {}", pass.reason());
    }

    /** Why this run is a full pass, or null when it is not one. */
    private @Nullable String fullPassReason() {
        if (full) {
            return "harvest.full=true";
        }
        Instant last = passes.lastFullPass(targetKey, domain);
        if (last == null) {
            return "the first of this source into this target";
        }
        if (!last.plus(fullEvery).isAfter(clock.instant())) {
            return "the last one completed " + last + ", harvest.full-every=" + fullEvery.toDays() + "d";
        }
        return null;
    }

    /** How many listed datasets are not unchanged: the fetches the harvest step makes. */
    private long toFetch(List<CatalogListing.Entry> entries) {
        long unchanged = 0;
        for (int from = 0; from < entries.size(); from += BATCH) {
            List<UnchangedSources.Candidate> candidates = new ArrayList<>();
            for (CatalogListing.Entry entry : entries.subList(from, Math.min(entries.size(), from + BATCH))) {
                if (entry.signals() != null) {
                    candidates.add(new UnchangedSources.Candidate(entry.datasetId(), null, entry.signals()));
                }
            }
            unchanged += candidates.isEmpty() ? 0 : sources.bySignals(candidates).size();
        }
        return entries.size() - unchanged;
    }
}
