package org.odsharvester.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.odsharvester.InvalidConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * How the harvest runs: {@code harvest.*} options.
 *
 * @param dryRun         read, filter and map, but write the udata payloads to a JSON Lines file instead of udata
 * @param plan           read the portal and udata without writing to udata, and report what a real run would do
 *                       (create, update with the fields that would change, archive…); not a run: the next run
 *                       is unaffected; exit 0, or 3 when some datasets would be rejected
 * @param maxItems       stop after this many datasets (a trial run; archives nothing); no limit by default
 * @param dataDir        where the HSQLDB job repository and the reports live
 * @param language       language of generated texts: {@code fr} or {@code en}
 * @param defaultLicense udata license id used when none can be guessed
 * @param skipLimit      rejected datasets tolerated before the run fails
 * @param concurrency    udata writes in flight at once (1 to 64)
 * @param chunkSize      datasets per committed chunk (1 to 1000)
 * @param archiveMissing archive, after a complete run, the datasets of this source no longer in the portal
 * @param staleAfter     a run whose process sent no heartbeat for this long is taken for dead: the next launch
 *                       takes its place and resumes it (see {@code guard.RunGuard})
 * @param archiveAfter   grace period: a dataset of this source is archived only once it has been absent from every
 *                       complete read of the catalog for this long (until then the report lists it as missing); 7
 *                       days like udata's {@code HARVEST_AUTOARCHIVE_GRACE_DAYS}; 0 archives it at the first
 *                       complete read without it
 * @param archiveGuardPercent  a run that would archive more than this share (in %) of the source's harvested
 *                       datasets, and more than {@code archiveGuardMinimum} of them, archives none and ends with
 *                       exit 6 until confirmed
 * @param archiveGuardMinimum  the guard leaves alone a run that archives this many datasets or fewer (unless the
 *                       catalog read was empty, or every harvested dataset would go)
 * @param confirmArchive confirms, for one run, that it may archive exactly this many datasets although the guard
 *                       holds it; a different count is held again; null when not given
 * @param history        prints the last N runs of the {@code ods.url} source from the job repository (run, status,
 *                       start, end, counts, exit code, report) instead of harvesting, and exits 0
 * @param full           this run is a full pass: every dataset is fetched, mapped and compared with udata, as if
 *                       nothing had been harvested before (a nightly run fetches and maps only what changed)
 * @param fullEvery      a run makes a full pass by itself when the last full pass of this source into this target
 *                       completed this long ago or more (7 days: what the change signals cannot see, such as a
 *                       licence or zone added in udata, is caught within a week for about one request per 100
 *                       datasets); 0 makes every run a full pass
 */
@ConfigurationProperties("harvest")
public record HarvestProperties(
        @DefaultValue("false") boolean dryRun,
        @DefaultValue("false") boolean plan,
        Long maxItems,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("fr") String language,
        @DefaultValue("lov2") String defaultLicense,
        @DefaultValue("100") int skipLimit,
        @DefaultValue("8") int concurrency,
        @DefaultValue("200") int chunkSize,
        @DefaultValue("true") boolean archiveMissing,
        @DefaultValue("15m") Duration staleAfter,
        @DefaultValue("7d") @DurationUnit(ChronoUnit.DAYS) Duration archiveAfter,
        @DefaultValue("20") int archiveGuardPercent,
        @DefaultValue("10") int archiveGuardMinimum,
        Long confirmArchive,
        Integer history,
        @DefaultValue("false") boolean full,
        @DefaultValue("7d") @DurationUnit(ChronoUnit.DAYS) Duration fullEvery) {

    public static final List<String> LANGUAGES = List.of("fr", "en");

    public HarvestProperties {
        language = language == null ? "fr" : language.trim().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            throw new InvalidConfigurationException("harvest.language must be fr or en, not '" + language + "'");
        }
        if (dryRun && plan) {
            throw new InvalidConfigurationException("harvest.plan and harvest.dry-run cannot be used together: a plan"
                    + " reads udata to say what a run would change there, a dry run never looks at udata; choose one");
        }
        if (maxItems != null && maxItems < 1) {
            throw new InvalidConfigurationException("harvest.max-items must be a positive number");
        }
        if (skipLimit < 0) {
            throw new InvalidConfigurationException("harvest.skip-limit must be zero or more");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new InvalidConfigurationException("harvest.concurrency must be between 1 and 64");
        }
        if (chunkSize < 1 || chunkSize > 1000) {
            throw new InvalidConfigurationException("harvest.chunk-size must be between 1 and 1000");
        }
        if (staleAfter == null || staleAfter.toMillis() < 1000) {
            throw new InvalidConfigurationException("harvest.stale-after must be at least 1s (default 15m)");
        }
        if (archiveAfter == null || archiveAfter.isNegative()) {
            throw new InvalidConfigurationException("harvest.archive-after must be zero or more (default 7d; 0"
                    + " archives a dataset at the first complete read without it)");
        }
        if (archiveGuardPercent < 0 || archiveGuardPercent > 100) {
            throw new InvalidConfigurationException("harvest.archive-guard-percent must be between 0 and 100"
                    + " (default 20)");
        }
        if (fullEvery == null || fullEvery.isNegative()) {
            throw new InvalidConfigurationException("harvest.full-every must be zero or more (default 7d; 0 makes"
                    + " every run a full pass)");
        }
        if (archiveGuardMinimum < 0) {
            throw new InvalidConfigurationException("harvest.archive-guard-minimum must be zero or more (default 10)");
        }
        if (confirmArchive != null && confirmArchive < 1) {
            throw new InvalidConfigurationException("harvest.confirm-archive must be the number of datasets the"
                    + " run would archive, as its message said (1 or more)");
        }
        if (history != null && history < 1) {
            throw new InvalidConfigurationException("harvest.history must be the number of runs to list (1 or more)");
        }
        if (defaultLicense == null || defaultLicense.isBlank()) {
            defaultLicense = "lov2";
        }
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** Where the JSON reports go. */
    public Path reportsDir() {
        return dataDir.resolve("reports");
    }

    /** The JSON Lines file of a dry run's payloads, next to the reports. */
    public Path dryRunFile(String portalDomain, long run) {
        return reportsDir().resolve("dry-run-" + portalDomain + "-run" + run + ".jsonl");
    }
}
