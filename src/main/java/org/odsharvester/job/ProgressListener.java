package org.odsharvester.job;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.odsharvester.mapping.HarvestItem;
import org.odsharvester.ods.OdsDataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Logs, at most every {@code interval}, how many datasets are done out of the catalog's total, the
 * rate and the time left. Counts what earlier executions of the run already did, so a resumed run
 * shows its true position.
 */
public class ProgressListener implements ChunkListener<OdsDataset, HarvestItem>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);
    static final String READ_COUNT_KEY = "odsCatalogReader.read.count";

    private final LongSupplier catalogTotal;
    private final long intervalNanos;
    private StepExecution stepExecution;
    private long alreadyDone;
    private long startNanos;
    private long lastLogNanos;

    public ProgressListener(LongSupplier catalogTotal, Duration interval) {
        this.catalogTotal = catalogTotal;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
        this.alreadyDone = stepExecution.getExecutionContext().getInt(READ_COUNT_KEY, 0);
        this.startNanos = System.nanoTime();
        this.lastLogNanos = startNanos;
    }

    @Override
    public void afterChunk(Chunk<HarvestItem> chunk) {
        long now = System.nanoTime();
        if (now - lastLogNanos < intervalNanos) {
            return;
        }
        lastLogNanos = now;
        log.info(progressLine(stepExecution.getReadCount(), now - startNanos));
    }

    String progressLine(long readThisExecution, long elapsedNanos) {
        long done = alreadyDone + readThisExecution;
        long total = catalogTotal.getAsLong();
        double seconds = Math.max(elapsedNanos / 1e9, 0.001);
        double rate = readThisExecution / seconds;
        StringBuilder line = new StringBuilder("Progress: ").append(done);
        if (total >= 0) {
            line.append('/').append(total);
        }
        line.append(" datasets, ").append(String.format(java.util.Locale.ROOT, "%.1f", rate)).append("/s");
        if (total > done && rate > 0) {
            long etaSeconds = Math.round((total - done) / rate);
            line.append(", ETA ").append(Duration.ofSeconds(etaSeconds).toString().substring(2).toLowerCase());
        }
        return line.toString();
    }
}
