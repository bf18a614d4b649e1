package org.odsharvester.launch;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.odsharvester.job.CurrentExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;

/**
 * On SIGTERM (a scheduler cancelling the job, a host shutting down), asks the running job to stop
 * at the next chunk boundary and waits for it, so the run ends STOPPED with its last chunk committed
 * and the next launch resumes it. Without this, the JVM would die mid-chunk and leave the run
 * STARTED (which the next launch then has to recover).
 */
public class GracefulShutdown {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

    private final JobOperator jobOperator;
    private final CurrentExecution currentExecution;
    private final Duration grace;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopRunningJob, "ods-harvester-shutdown");
    private volatile AutoCloseable lease;

    public GracefulShutdown(JobOperator jobOperator, CurrentExecution currentExecution, Duration grace) {
        this.jobOperator = jobOperator;
        this.currentExecution = currentExecution;
        this.grace = grace;
    }

    public void install() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * The run lease the launcher holds: given back at once if termination comes before any job runs, so that
     * a shared repository does not wait {@code harvest.stale-after} for a run that never started.
     */
    public void holding(AutoCloseable runLease) {
        this.lease = runLease;
    }

    /** Called by the launcher once the job has ended and its report is written. */
    public void jobFinished() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running and waiting for us: the countDown above releases it
        }
    }

    private void releaseLease() {
        AutoCloseable held = lease;
        if (held != null) {
            try {
                held.close();
            } catch (Exception e) {
                log.warn("Could not give the run lease back: {}", e.getMessage());
            }
        }
    }

    /** What the shutdown hook does; package-private for tests. */
    void stopRunningJob() {
        JobExecution execution = currentExecution.get();
        if (execution == null) {
            releaseLease();
            return;
        }
        log.warn("Termination requested: stopping the harvest at the next chunk boundary (up to {} s)",
                grace.toSeconds());
        try {
            jobOperator.stop(execution);
        } catch (Exception e) {
            log.warn("Could not ask the job to stop: {}", e.getMessage());
            return;
        }
        try {
            if (!finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The harvest did not stop within {} s; the next launch will recover it", grace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
