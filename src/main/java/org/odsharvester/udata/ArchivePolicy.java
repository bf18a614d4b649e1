package org.odsharvester.udata;

import java.time.Duration;
import java.util.Objects;

/**
 * When the archive step archives a dataset no longer at the source.
 *
 * @param enabled      archive at all ({@code harvest.archive-missing})
 * @param archiveAfter how long a dataset must have been absent from every complete read
 *                     ({@code harvest.archive-after}); zero archives it at the first complete read without it
 * @param guard        the mass-archive guard
 */
public record ArchivePolicy(boolean enabled, Duration archiveAfter, MassArchiveGuard guard) {

    public ArchivePolicy {
        Objects.requireNonNull(archiveAfter, "archiveAfter");
        Objects.requireNonNull(guard, "guard");
    }

    /** {@code 7d}, {@code 36h}, {@code 90m}: how the option is written, for messages. */
    public String archiveAfterText() {
        long seconds = archiveAfter.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
