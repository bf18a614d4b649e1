package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.udata.FakeUdata;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * SPEC §2: a missing or invalid option ends with exit 2 and one clear sentence, before any dataset is touched.
 * An option that is wrong on its face is refused before any request to either system and before any job
 * execution; a udata key or organization that udata refuses, after asking udata and before any write.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupValidationTest {

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(3);

    /** Exit 2 with the sentence, and nothing done: no request to ODS or udata, no job execution. */
    private void assertRefusedBeforeAnything(HarvestRun run, String sentence) {
        assertRefused(run, sentence);
        world.assertNoRequestReachedEitherSystem();
        assertThat(world.jobExecutions()).as("job executions in the job repository").isZero();
    }

    /** Exit 2 with the sentence, and no write to udata (udata was asked about the key). */
    private void assertRefused(HarvestRun run, String sentence) {
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains(sentence);
        assertThat(world.udata().writeCount()).isZero();
    }

    @Test
    void odsUrlIsRequired() {
        assertRefusedBeforeAnything(world.run("--harvest.dry-run=true"), "ods.url is required");
    }

    @Test
    void odsUrlMustBeHttp() {
        assertRefusedBeforeAnything(world.run("--ods.url=ftp://data.example.org", "--harvest.dry-run=true"),
                "ods.url must be an http(s) URL");
    }

    @Test
    void odsApiMustBeAutoV21OrV1() {
        assertRefusedBeforeAnything(world.run("--ods.url=" + world.ods().url(), "--ods.api=v3", "--harvest.dry-run=true"),
                "ods.api must be one of auto, v2.1 or v1");
    }

    @Test
    void udataUrlIsRequiredUnlessDryRun() {
        assertRefusedBeforeAnything(world.run("--ods.url=" + world.ods().url()), "udata.url is required");
    }

    @Test
    void udataApiKeyIsRequiredUnlessDryRun() {
        assertRefusedBeforeAnything(world.run("--ods.url=" + world.ods().url(), "--udata.url=" + world.udata().url(),
                "--udata.organization=" + world.udata().organization()), "udata.api-key is required");
    }

    @Test
    void udataOrganizationIsRequiredUnlessDryRun() {
        assertRefusedBeforeAnything(world.run("--ods.url=" + world.ods().url(), "--udata.url=" + world.udata().url(),
                "--udata.api-key=" + world.udata().apiKey()), "udata.organization is required (or run with"
                + " --harvest.dry-run=true): give the id of the organization that will own the datasets");
    }

    @Test
    void aNumberOptionThatIsNoNumberIsRefused() {
        assertRefusedBeforeAnything(world.run("--ods.url=" + world.ods().url(), "--harvest.dry-run=true",
                "--harvest.max-items=many"), "harvest.max-items");
    }

    @Test
    void aUdataKeyThatTheInstanceRejectsIsRefusedWithoutPrintingIt() {
        HarvestRun run = world.harvest("--udata.api-key=wrong-key");

        assertRefused(run, "API key");
        assertThat(run.output()).doesNotContain("wrong-key");
        assertThat(world.udata().requestCount("*", "/api/1/datasets")).isZero();
    }

    @Test
    void anOrganizationTheKeyCannotPublishInIsRefused() {
        HarvestRun run = world.harvest("--udata.organization=" + FakeUdata.FOREIGN_ORGANIZATION);

        assertRefused(run, "not a member of organization " + FakeUdata.FOREIGN_ORGANIZATION);
    }

    @Test
    void aPartialEditorsKeyIsRefusedBeforeAnythingIsWritten() {
        world.udata().setUserRole(world.udata().organization(), "partial_editor");

        HarvestRun run = world.harvest("--udata.organization=ville-de-test");

        assertRefused(run, "partial editor of organization ville-de-test");
        assertThat(world.udata().requestCount("*", "/api/1/datasets")).isZero();
    }

    @Test
    void anEditorsKeyIsAccepted() {
        world.udata().setUserRole(world.udata().organization(), "editor");

        HarvestRun run = world.harvest();

        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void anOrganizationGivenByItsSlugIsHarvestedUnderItsIdAndIsTheSameRunAsTheId() {
        // GIVEN a first harvest naming the organization by its slug
        HarvestRun first = world.harvest("--udata.organization=ville-de-test");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(world.udata().datasets()).hasSize(3).allSatisfy(d -> assertThat(
                d.path("organization").path("id").asString()).isEqualTo(world.udata().organization()));
        assertThat(first.report().path("organization").asString()).isEqualTo(world.udata().organization());
        world.udata().clearRequests();

        // WHEN the next runs name it by its id, then by its slug again
        long secondRun = world.harvest().report().path("run").asLong();
        HarvestRun third = world.harvest("--udata.organization=ville-de-test");

        // THEN they are the runs that follow, of one source and target, and nothing is written again
        assertThat(secondRun).isEqualTo(2);
        assertThat(third.report().path("run").asLong()).isEqualTo(3);
        assertThat(third.report().path("counts").path("unchanged").asLong()).isEqualTo(3);
        assertThat(world.udata().writeCount()).isZero();
    }
}
