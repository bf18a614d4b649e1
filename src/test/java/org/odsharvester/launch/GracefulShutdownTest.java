package org.odsharvester.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.odsharvester.job.CurrentExecution;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;

class GracefulShutdownTest {

    private final JobOperator jobOperator = mock(JobOperator.class);
    private final CurrentExecution current = new CurrentExecution();

    @Test
    void terminationBeforeAnyJobRunsGivesTheRunLeaseBackAtOnce() throws Exception {
        GracefulShutdown shutdown = new GracefulShutdown(jobOperator, current, Duration.ofSeconds(5));
        AtomicBoolean released = new AtomicBoolean();
        shutdown.holding(() -> released.set(true));

        shutdown.stopRunningJob();

        assertThat(released).isTrue();
        verify(jobOperator, never()).stop(org.mockito.ArgumentMatchers.any(JobExecution.class));
    }

    @Test
    void terminationDuringAJobAsksItToStopAndWaitsForTheLauncherToFinish() throws Exception {
        GracefulShutdown shutdown = new GracefulShutdown(jobOperator, current, Duration.ofSeconds(30));
        AtomicBoolean released = new AtomicBoolean();
        shutdown.holding(() -> released.set(true));
        JobExecution running = new JobExecution(1L, new JobInstance(1L, "odsHarvest"), new JobParameters());
        current.beforeJob(running);
        Thread hook = new Thread(shutdown::stopRunningJob);

        hook.start();
        Awaitility.await("the stop request").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> verify(jobOperator).stop(running));
        assertThat(hook.isAlive()).as("waits for the launcher").isTrue();
        shutdown.jobFinished();
        hook.join(10_000);

        assertThat(hook.isAlive()).isFalse();
        assertThat(released).as("the launcher gives the lease back itself, after its report").isFalse();
    }
}
