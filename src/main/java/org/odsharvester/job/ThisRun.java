package org.odsharvester.job;

import org.jspecify.annotations.Nullable;

/**
 * The run the job's beans belong to, read from the job execution in one place: the run-scoped beans take it
 * instead of each repeating the expression. A class, not a record: job-scoped beans are proxied by subclassing.
 */
class ThisRun {

    /** The job instance's id, and the job parameters that name it; see {@link RunParameters}. */
    static final String ID = "#{jobExecution.jobInstance.instanceId}";
    static final String NUMBER = "#{jobParameters['" + RunParameters.RUN + "']}";
    static final String API = "#{jobParameters['" + RunParameters.API + "']}";

    private final long id;
    private final @Nullable Long number;
    private final @Nullable String api;

    ThisRun(long id, @Nullable Long number, @Nullable String api) {
        this.id = id;
        this.number = number;
        this.api = api;
    }

    /** The job instance's id: the key of the run's outcomes. */
    long id() {
        return id;
    }

    /** The run number of this source and target ({@link RunParameters#run()}). */
    @Nullable Long number() {
        return number;
    }

    /** The ODS API version chosen at the run's first start, or null before it is known. */
    @Nullable String api() {
        return api;
    }
}
