package org.odsharvester.report;

/** What a run did with one dataset. */
public enum Outcome {
    CREATED, UPDATED, UNCHANGED, UNARCHIVED, ARCHIVED, FILTERED, REJECTED;

    /** True when the dataset was seen at the source and is in udata after this run. */
    public boolean isPresentInUdata() {
        return this == CREATED || this == UPDATED || this == UNCHANGED || this == UNARCHIVED;
    }
}
