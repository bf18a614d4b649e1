package org.odsharvester.report;

/** What a run did with one dataset. */
public enum Outcome {
    CREATED, UPDATED, UNCHANGED, UNARCHIVED, ARCHIVED,
    /**
     * No longer at the source (or filtered out), but not archived by this run: its grace period
     * ({@code harvest.archive-after}) is not over, or the mass-archive guard held the run. Like {@link #ARCHIVED}, what
     * the archive step found of a udata dataset, kept in its own table ({@code HARVEST_RUN_MISSING}).
     */
    MISSING,
    FILTERED, REJECTED,
    /**
     * Not written: udata holds this source dataset already, harvested under another address of the portal (another
     * {@code harvest:domain}) that {@code ods.previous-urls} does not name. Still at the source, so never missing.
     */
    OTHER_ADDRESS,
    /** Dry run: the payload went to the JSON Lines file instead of udata. */
    DRY_RUN;

    /** Recorded by the archive step about a udata dataset rather than by the harvest about a source dataset. */
    public boolean isOfArchiveStep() {
        return this == ARCHIVED || this == MISSING;
    }

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
            case FILTERED, REJECTED, OTHER_ADDRESS, ARCHIVED, MISSING -> 0;
        };
    }
}
