package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A mistyped option never runs a harvest (issue 17): with the udata options present, as in every scheduler
 * definition, a typo in {@code harvest.dry-run} would otherwise write to production. Each refused launch
 * sends no request to either system and leaves the data directory empty.
 */
@ExtendWith(OutputCaptureExtension.class)
class MistypedOptionEndToEndTest {

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(3);

    private void assertNothingWasDone(HarvestRun run, String sentence) throws IOException {
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains(sentence);
        world.assertNoRequestReachedEitherSystem();
        try (Stream<Path> files = Files.list(world.dataDir())) {
            assertThat(files).as("files in the data directory (job repository, reports)").isEmpty();
        }
    }

    @Test
    void aDryRunTypoWithTheUdataOptionsPresentWritesNothing() throws IOException {
        HarvestRun run = world.harvest("--harvest.dry-runn=true");

        assertNothingWasDone(run, "Unknown option `harvest.dry-runn` on the command line; did you mean"
                + " `harvest.dry-run`?");
    }

    @Test
    void aMisspeltKeyInAPropertiesFileIsRefusedNamingFileAndLine() throws IOException {
        Path source = Files.writeString(world.workDir().resolve("paris.properties"), """
                # a source file as in jobs/sources/
                ods.url=%s
                udata.url=%s
                udata.organization=%s
                harvest.concurency=2
                """.formatted(world.ods().url(), world.udata().url(), world.udata().organization()));

        HarvestRun run = world.run("--udata.api-key=" + world.udata().apiKey(),
                "--spring.config.additional-location=file:" + source);

        assertNothingWasDone(run, "Unknown option `harvest.concurency` in " + source + " line 5; did you mean"
                + " `harvest.concurrency`?");
    }

    @Test
    void aValueThatDoesNotParseIsRefusedBeforeAnyRequest() throws IOException {
        HarvestRun run = world.harvest("--harvest.concurrency=eight");

        assertNothingWasDone(run, "Invalid value 'eight' for harvest.concurrency: expected a whole number.");
    }

    @Test
    void aBooleanThatDoesNotParseIsRefusedBeforeAnyRequest() throws IOException {
        HarvestRun run = world.harvest("--ods.inspire=yes please");

        assertNothingWasDone(run, "Invalid value 'yes please' for ods.inspire: expected true or false.");
    }

    @Test
    void relaxedFormsOfAKeyStillWork() {
        HarvestRun run = world.harvest("--harvest.dryRun=true", "--harvest.max_items=2");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(world.udata().writeCount()).as("a dry run writes nothing to udata").isZero();
        assertThat(run.report().path("counts").path("read").asLong()).isEqualTo(2);
    }
}
