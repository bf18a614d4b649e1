package org.odsharvester.report;

/** What a run did with one dataset. */
public enum Outcome {
    CREATED, UPDATED, UNCHANGED, UNARCHIVED, ARCHIVED, FILTERED, REJECTED,
    /** Dry run: the payload went to the JSON Lines file instead of udata. */
    DRY_RUN;

    /** True when the dataset was seen at the source and is in udata after this run. */
    public boolean isPresentInUdata() {
        return this == CREATED || this == UPDATED || this == UNCHANGED || this == UNARCHIVED;
    }

    /** Rank used when one dataset gets several outcomes in one run (a retried chunk): the strongest stays. */
    int strength() {
        return switch (this) {
            case UNCHANGED, DRY_RUN -> 1;
            case UPDATED -> 2;
            case UNARCHIVED -> 3;
            case CREATED -> 4;
            case FILTERED, REJECTED, ARCHIVED -> 0;
        };
    }
}
