package org.odsharvester.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.odsharvester.InvalidConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the harvest runs: {@code harvest.*} options.
 *
 * @param dryRun         read, filter and map, but write the udata payloads to a JSON Lines file instead of udata
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
 */
@ConfigurationProperties("harvest")
public record HarvestProperties(
        @DefaultValue("false") boolean dryRun,
        Long maxItems,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("fr") String language,
        @DefaultValue("lov2") String defaultLicense,
        @DefaultValue("100") int skipLimit,
        @DefaultValue("8") int concurrency,
        @DefaultValue("200") int chunkSize,
        @DefaultValue("true") boolean archiveMissing,
        @DefaultValue("15m") Duration staleAfter) {

    public static final List<String> LANGUAGES = List.of("fr", "en");

    public HarvestProperties {
        language = language == null ? "fr" : language.trim().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            throw new InvalidConfigurationException("harvest.language must be fr or en, not '" + language + "'");
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
