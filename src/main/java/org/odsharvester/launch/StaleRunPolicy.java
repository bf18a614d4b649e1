package org.odsharvester.launch;

import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * What to do with an execution the repository still shows as running (STARTING, STARTED, STOPPING) or
 * UNKNOWN. It is only ever asked by a launcher that holds the run lease of the source and target
 * ({@link org.odsharvester.guard.RunGuard}); every live run holds that lease while its execution runs, so
 * the execution belongs to a process that is gone (kill -9, power cut, SIGTERM that outlasted its grace
 * period): it is marked FAILED, which makes it restartable from its last committed chunk.
 */
public class StaleRunPolicy {

    private static final Logger log = LoggerFactory.getLogger(StaleRunPolicy.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;

    public StaleRunPolicy(JobOperator jobOperator, JobRepository jobRepository) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    /** Marks the dead execution FAILED (its running steps too) and returns it. */
    public JobExecution recover(JobExecution execution) {
        log.warn("Execution {} was left {} by a process that is gone (killed or powered off); marking it failed"
                + " so that it can be resumed", execution.getId(), execution.getStatus());
        if (execution.getStatus() == BatchStatus.UNKNOWN) {
            // JobOperator.recover leaves UNKNOWN executions alone; a SIGTERM'd run can end that way
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStatus().isRunning() || step.getStatus() == BatchStatus.UNKNOWN) {
                    step.setStatus(BatchStatus.FAILED);
                    step.setEndTime(LocalDateTime.now());
                    jobRepository.update(step);
                }
            }
            execution.setStatus(BatchStatus.FAILED);
            execution.setEndTime(LocalDateTime.now());
            jobRepository.update(execution);
            return execution;
        }
        return jobOperator.recover(execution);
    }
}
