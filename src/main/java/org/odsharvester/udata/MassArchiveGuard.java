package org.odsharvester.udata;

import java.util.Optional;

/**
 * Refuses to let one run archive a large share of a source at once: an empty catalog, a filter typo or a portal
 * that lost its datasets for a while look like that, real removals rarely do. The operator confirms one run by
 * naming the count it would archive ({@code harvest.confirm-archive=N}), so that a confirmation left in a
 * scheduler's command line cannot archive another, larger number later.
 *
 * @param percent   share of the source's live datasets above which a run is held (with {@code minimum})
 * @param minimum   a run is held only when it would archive more than this many datasets, unless the catalog
 *                  read was empty or every live dataset would go
 * @param confirmed the count the operator confirmed for this run, or null
 */
public record MassArchiveGuard(int percent, int minimum, Long confirmed) {

    /**
     * Why a run that would archive {@code due} of the {@code live} datasets of {@code domain} must archive none,
     * in one sentence; empty when it may archive them.
     *
     * @param readNothing the complete read of the catalog gave no dataset at all
     */
    public Optional<String> holdReason(long due, long live, boolean readNothing, String domain) {
        if (due == 0 || (confirmed != null && confirmed == due)) {
            return Optional.empty();
        }
        String why;
        if (readNothing) {
            why = "the catalog read was empty";
        } else if (due >= live) {
            why = "that is all of them";
        } else if (due > minimum && due * 100 > (long) percent * live) {
            why = "that is more than " + percent + " % of them and more than " + minimum
                    + " (harvest.archive-guard-percent, harvest.archive-guard-minimum)";
        } else {
            return Optional.empty();
        }
        String given = confirmed == null ? "" : " (harvest.confirm-archive=" + confirmed + " confirms " + confirmed
                + ", not " + due + ")";
        return Optional.of("Nothing was archived: this run would archive " + due + " of the " + live + " datasets"
                + " harvested from " + domain + ", and " + why + ", which looks more like a filter typo or an outage"
                + " of the portal than like real removals" + given + "; check the report's missing list and the"
                + " filters, and if these datasets are really gone relaunch once with --harvest.confirm-archive="
                + due + ".");
    }
}
