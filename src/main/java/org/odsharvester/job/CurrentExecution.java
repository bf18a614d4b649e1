package org.odsharvester.job;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/** The job execution this process is running, if any, so that a SIGTERM can stop it at a chunk boundary. */
public class CurrentExecution implements JobExecutionListener {

    private final AtomicReference<JobExecution> running = new AtomicReference<>();

    @Override
    public void beforeJob(JobExecution jobExecution) {
        running.set(jobExecution);
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        running.compareAndSet(jobExecution, null);
    }

    /** The running execution, or null. */
    public JobExecution get() {
        return running.get();
    }
}
