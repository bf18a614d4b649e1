package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.GeneratedOdsPortal;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A catalog of 25,000 datasets, past the Explore API v2.1's {@code offset + limit <= 10000} ceiling, which the
 * portal stub enforces: the real job reads it whole, and resumes it after a failure in the middle (a dry run,
 * so that the test is about the catalog, not about 25,000 writes).
 */
@ExtendWith(OutputCaptureExtension.class)
class LargeCatalogEndToEndTest {

    private static final Pattern REMOTE_ID = Pattern.compile("\"harvest:remote_id\":\"([^\"]+)\"");

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness();

    private final GeneratedOdsPortal portal = new GeneratedOdsPortal(25_000);

    @AfterEach
    void stop() {
        portal.close();
    }

    private HarvestRun dryRun() {
        return world.run("--ods.url=" + portal.url(), "--harvest.dry-run=true");
    }

    /** The source identifiers of the payloads a dry run wrote, in the order written. */
    private static List<String> remoteIds(HarvestRun run) throws Exception {
        List<String> written = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(run.report().path("dryRunPayloads").asString()))) {
            Matcher id = REMOTE_ID.matcher(line);
            assertThat(id.find()).as(line).isTrue();
            written.add(id.group(1));
        }
        return written;
    }

    @Test
    void aCatalogOf25000IsHarvestedWholeAndResumedAfterAFailureInTheMiddle() throws Exception {
        portal.setKeepQueries(false);
        portal.failFrom(150); // past the ceiling: about 15,000 datasets read, then the portal is down

        HarvestRun failed = dryRun();
        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);

        portal.heal();
        HarvestRun resumed = dryRun();

        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.output()).contains("Resuming run 1");
        assertThat(resumed.report().path("counts").path("dryRun").asLong()).isEqualTo(25_000);
        List<String> written = remoteIds(resumed);
        Set<String> distinct = new HashSet<>(written);
        assertThat(distinct).hasSize(25_000);
        assertThat(written.size() - distinct.size()).as("payloads written twice (the chunk that failed)")
                .isLessThanOrEqualTo(100);
        assertThat(portal.refusedCount()).as("requests past the ceiling or not understood").isZero();
        assertThat(portal.highestWindow()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void sharedMicrosecondInstantsAndHandSetMidnightsAreHarvestedOnceAcrossAFailure() throws Exception {
        try (GeneratedOdsPortal bulk = new GeneratedOdsPortal(12_000, 250)) {
            // 250 datasets per microsecond instant (bulk imports), and 600 dated by hand to one midnight, last
            bulk.setModified(0, 600, "2024-03-01T00:00:00+00:00");
            bulk.setKeepQueries(false);
            bulk.failFrom(121); // within the 600 of the same midnight (about 116 pages of 99 come before)
            String[] options = {"--ods.url=" + bulk.url(), "--harvest.dry-run=true"};

            HarvestRun failed = world.run(options);
            assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
            bulk.heal();
            HarvestRun resumed = world.run(options);

            assertThat(resumed.exitCode()).as(resumed.output()).isZero();
            assertThat(resumed.report().path("counts").path("dryRun").asLong()).isEqualTo(12_000);
            assertThat(new HashSet<>(remoteIds(resumed))).hasSize(12_000);
            assertThat(bulk.refusedCount()).as("requests past the ceiling or not understood").isZero();
        }
    }
}
