package org.odsharvester.udata;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.Outcome;
import org.odsharvester.report.OutcomeRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Archives in udata the datasets of this source that the run did not see at the source
 * ({@link DatasetIndex#notSeenInRun}): {@code archived} set to now, index updated at once, ARCHIVED
 * recorded. Works by batches of {@value #BATCH} per tasklet iteration; archived entries leave the query,
 * so a restart goes on where it stopped. A dataset deleted meanwhile is marked deleted, a purged one is
 * forgotten; neither is an error.
 * <p>
 * The job runs it last, so never after a failed run (a resumed run reaches it when it completes). It
 * archives nothing when an earlier step of this execution put a reason under {@link #SKIP_REASON_KEY} in
 * the job execution context (the harvest did not read the whole catalog: trial run, catalog changed while
 * it was read): it logs the reason and leaves it, as {@code skipped: <reason>}, under {@link #STATUS_KEY}
 * for the report; {@code done} otherwise.
 */
public class ArchiveMissingTasklet implements Tasklet {

    static final int BATCH = 100;
    /** Job execution context key: why this run must not archive (absent when it may). */
    public static final String SKIP_REASON_KEY = "archiveMissing.skipReason";
    /** Job execution context key: what the archive step did ({@code done}, or {@code skipped: <reason>}). */
    public static final String STATUS_KEY = "archiveMissing.status";
    private static final Logger log = LoggerFactory.getLogger(ArchiveMissingTasklet.class);

    private final UdataClient client;
    private final DatasetIndex index;
    private final OutcomeRecorder recorder;
    private final String domain;
    private final long runId;

    public ArchiveMissingTasklet(UdataClient client, DatasetIndex index, OutcomeRecorder recorder, String domain,
            long runId) {
        this.client = client;
        this.index = index;
        this.recorder = recorder;
        this.domain = domain;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution()
                .getExecutionContext();
        if (job.containsKey(SKIP_REASON_KEY)) {
            String reason = job.getString(SKIP_REASON_KEY);
            log.warn("Nothing archived in udata after this run: {}. Datasets no longer at the source are archived"
                    + " after the next complete run", reason);
            job.putString(STATUS_KEY, "skipped: " + reason);
            return RepeatStatus.FINISHED;
        }
        List<IndexEntry> missing = index.notSeenInRun(domain, runId, BATCH + 1);
        String now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        int done = 0;
        for (IndexEntry entry : missing.subList(0, Math.min(BATCH, missing.size()))) {
            contribution.incrementReadCount();
            try {
                UdataDataset archived = client.archive(entry.udataId(), now);
                if (!archived.isArchived()) {
                    log.warn("udata accepted archiving dataset {} but does not show it archived", archived.id());
                }
                // marked archived whatever the answer said, so that this step always ends; the next index
                // rebuild reads the truth again
                index.save(IndexEntry.of(archived,
                        new DatasetIdentity(entry.datasetUid(), entry.remoteId(), entry.domain())).withArchived(true));
                recorder.record(new DatasetOutcome(entry.remoteId(), entry.datasetUid(), Outcome.ARCHIVED, null,
                        archived.id()));
                done++;
            } catch (UdataDatasetNotFoundException e) {
                if (e.deleted()) {
                    index.save(entry.withDeleted(true));
                } else {
                    index.removePurged(entry); // only a deleted dataset is purged: it stays deleted
                }
            }
        }
        contribution.incrementWriteCount(done);
        if (done > 0) {
            log.info("archived {} udata dataset(s) no longer in {}", done, domain);
        }
        if (missing.size() > BATCH) {
            return RepeatStatus.CONTINUABLE;
        }
        job.putString(STATUS_KEY, "done");
        return RepeatStatus.FINISHED;
    }
}
