package org.odsharvester.launch;

/** The process exit codes a scheduler acts on (SPEC §2). */
public enum ExitCode {
    /** Completed; every eligible dataset is in udata. */
    COMPLETED(0),
    /** Failed (remote errors beyond retries, repository error…): relaunch the same command to resume. */
    FAILED(1),
    /** Invalid arguments or configuration; nothing was done. */
    INVALID_CONFIGURATION(2),
    /** Completed, but some datasets were rejected: read the report. */
    COMPLETED_WITH_REJECTIONS(3),
    /** Another run for the same source and target is in progress. */
    ALREADY_RUNNING(4),
    /** Stopped because the ODS portal's API quota is exhausted: relaunch after the reset time. */
    QUOTA_EXHAUSTED(5),
    /**
     * Completed, but the mass-archive guard held back archiving: nothing was archived. Its own code because it
     * asks for a decision (a filter typo to fix, or a count to confirm with {@code harvest.confirm-archive}) and
     * comes back at every run until one is made; exit 3 is often left to a report reader.
     */
    ARCHIVE_HELD(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
