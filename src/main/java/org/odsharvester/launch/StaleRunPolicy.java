package org.odsharvester.launch;

import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * What to do with an execution the repository still shows as running. With the HSQLDB file
 * repository, this JVM holds the database's file lock, which proves the process that ran it is dead
 * (kill -9, power cut): it is recovered (marked FAILED) so it can be restarted. With a shared
 * repository nothing proves it, so the launch is refused (exit 4).
 */
public class StaleRunPolicy {

    private static final Logger log = LoggerFactory.getLogger(StaleRunPolicy.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final boolean repositoryHeldExclusively;

    public StaleRunPolicy(JobOperator jobOperator, JobRepository jobRepository, boolean repositoryHeldExclusively) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.repositoryHeldExclusively = repositoryHeldExclusively;
    }

    public JobExecution recoverOrRefuse(JobExecution execution) throws JobExecutionAlreadyRunningException {
        if (!repositoryHeldExclusively) {
            throw new JobExecutionAlreadyRunningException("execution " + execution.getId() + " of this source and"
                    + " target is " + execution.getStatus() + " since " + execution.getStartTime());
        }
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
