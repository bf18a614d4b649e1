package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §5, report and progress: a progress line while running, and at the end a JSON report under
 * {@code <harvest.data-dir>/reports/} (path printed) with the source, API version, start and end, the counts
 * (filtered ones by reason) and an entry per filtered or rejected dataset with its reason. (The {@code .jsonl} of
 * a dry run next to the report: {@link HarvestEndToEndTest}.)
 */
@ExtendWith(OutputCaptureExtension.class)
class ReportEndToEndTest {

    private static final Pattern PROGRESS = Pattern.compile(
            "Progress: (\\d+)/300 datasets, \\d+\\.\\d/s, ETA [0-9hms.]+");

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness();

    @Test
    void whileRunningALogLineGivesTheDatasetsDoneOutOfTheTotalTheRateAndTheEta() {
        // GIVEN a harvest that lasts longer than the progress interval (5 s): 300 creations one at a time, each
        // answered after 25 ms, in chunks of 20
        world.serve(world.ods().generator().datasets(300));
        world.udata().setLatency(Duration.ofMillis(25));

        // WHEN it runs
        HarvestRun run = world.harvest("--harvest.concurrency=1", "--harvest.chunk-size=20");

        // THEN it logged its position (a chunk boundary before the end, as at least 5 s had passed), rate and ETA
        assertThat(run.exitCode()).as(run.output()).isZero();
        Matcher progress = PROGRESS.matcher(run.output());
        assertThat(progress.find()).as(run.output()).isTrue();
        int done = Integer.parseInt(progress.group(1));
        assertThat(done).isBetween(20, 280);
        assertThat(done % 20).as("done counts whole chunks: " + done).isZero();
    }

    @Test
    void theReportGivesTheSourceApiVersionStartEndCountsFilteredByReasonAndAnEntryPerFilteredDataset() {
        // GIVEN a catalog of 20 datasets, one with INSPIRE metadata and one without data: both filtered
        List<CatalogGenerator.Dataset> catalog = world.ods().generator().datasets(20);
        catalog.get(7).inspire = true;
        catalog.get(8).hasRecords = false;
        catalog.get(8).attachments.clear();
        world.serve(catalog);
        Instant before = Instant.now();

        // WHEN it is harvested
        HarvestRun run = world.harvest();

        // THEN the report, whose path is printed, says where from, when, and what became of each dataset
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.reportPath().getParent()).isEqualTo(world.dataDir().resolve("reports"));
        assertThat(run.output()).contains("Report: " + run.reportPath());
        JsonNode report = run.report();
        assertThat(report.path("source").asString()).isEqualTo(world.ods().url());
        assertThat(report.path("apiVersion").asString()).isEqualTo("v2.1");
        Instant start = Instant.parse(report.path("start").asString());
        Instant end = Instant.parse(report.path("end").asString());
        assertThat(start).isAfterOrEqualTo(before.minusSeconds(1)).isBeforeOrEqualTo(end);
        assertThat(end).isBeforeOrEqualTo(Instant.now());
        JsonNode counts = report.path("counts");
        assertThat(counts.path("read").asLong()).isEqualTo(20);
        assertThat(counts.path("created").asLong()).isEqualTo(18);
        assertThat(counts.path("filtered").asLong()).isEqualTo(2);
        assertThat(counts.path("updated").isNumber()).isTrue();
        assertThat(counts.path("unchanged").isNumber()).isTrue();
        assertThat(counts.path("archived").isNumber()).isTrue();
        assertThat(counts.path("rejected").isNumber()).isTrue();
        assertThat(counts.path("filteredByReason").properties()).hasSize(2)
                .allSatisfy(reason -> assertThat(reason.getValue().asLong()).as(reason.getKey()).isEqualTo(1));
        assertThat(HarvestHarness.listed(report, "filtered")).containsExactlyInAnyOrder("dataset-00007",
                "dataset-00008");
        report.path("filtered").forEach(entry -> assertThat(entry.path("reason").asString())
                .as(entry.toString()).isNotBlank());
    }
}
