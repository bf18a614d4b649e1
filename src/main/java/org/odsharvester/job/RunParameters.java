package org.odsharvester.job;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The job parameters of a harvest run. A run is identified by the source, the target, the
 * organization and a run number the launcher assigns — never by wall-clock time — so relaunching the
 * same command finds the run to resume. Secrets are configuration, never parameters.
 *
 * @param source       normalised {@code ods.url}
 * @param target       normalised {@code udata.url}, or {@code dry-run}
 * @param organization {@code udata.organization}, or {@code none} in a dry run
 * @param run          run number of this source/target pair
 * @param api          the ODS API version chosen at the first start ({@code v2.1}/{@code v1}); not identifying,
 *                     kept so that a restart reads the catalog the same way
 */
public record RunParameters(String source, String target, String organization, long run, String api) {

    public static final String SOURCE = "source";
    public static final String TARGET = "target";
    public static final String ORGANIZATION = "organization";
    public static final String RUN = "run";
    public static final String API = "api";

    public static final String DRY_RUN_TARGET = "dry-run";
    public static final String NO_ORGANIZATION = "none";
    /** Start of the target of a plan ({@code harvest.plan}): its runs are numbered apart from the real ones. */
    public static final String PLAN_PREFIX = "plan:";

    /** Whether a run with this target is a plan. */
    public static boolean isPlan(String target) {
        return target != null && target.startsWith(PLAN_PREFIX);
    }

    public JobParameters toJobParameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(SOURCE, source)
                .addString(TARGET, target)
                .addString(ORGANIZATION, organization)
                .addLong(RUN, run);
        if (api != null) {
            // null while looking a run up: only identifying parameters matter there
            builder.addString(API, api, false);
        }
        return builder.toJobParameters();
    }

    public static RunParameters from(JobParameters parameters) {
        return new RunParameters(parameters.getString(SOURCE), parameters.getString(TARGET),
                parameters.getString(ORGANIZATION), parameters.getLong(RUN), parameters.getString(API));
    }

    public RunParameters withRun(long newRun) {
        return new RunParameters(source, target, organization, newRun, api);
    }

    public RunParameters withApi(String newApi) {
        return new RunParameters(source, target, organization, run, newApi);
    }

    /** The key of this source/target pair in {@code HARVEST_SOURCE_RUN}. */
    public String sourceKey() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((source + "\n" + target + "\n" + organization).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
