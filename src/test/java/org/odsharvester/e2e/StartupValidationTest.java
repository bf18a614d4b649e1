package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.udata.FakeUdata;

/** Every invalid option ends with exit 2 and one sentence, before any dataset is touched. */
class StartupValidationTest {

    @TempDir
    Path dataDir;

    private OdsPortalStub ods;
    private FakeUdata udata;

    @BeforeEach
    void start() {
        ods = new OdsPortalStub();
        ods.serve(ods.generator().datasets(3), true);
        udata = new FakeUdata();
    }

    @AfterEach
    void stop() {
        ods.close();
        udata.close();
    }

    private HarvestRun run(String... args) {
        return HarvestRun.of(dataDir, new ArrayList<>(List.of(args)));
    }

    private void assertRefused(HarvestRun run, String sentence) {
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains(sentence);
        assertThat(udata.writeCount()).isZero();
    }

    @Test
    void missingOdsUrl() {
        assertRefused(run("--harvest.dry-run=true"), "ods.url is required");
    }

    @Test
    void odsUrlThatIsNotHttp() {
        assertRefused(run("--ods.url=ftp://data.example.org", "--harvest.dry-run=true"),
                "ods.url must be an http(s) URL");
    }

    @Test
    void unknownApiVersion() {
        assertRefused(run("--ods.url=" + ods.url(), "--ods.api=v3", "--harvest.dry-run=true"),
                "ods.api must be one of auto, v2.1 or v1");
    }

    @Test
    void missingUdataOptionsOutsideADryRun() {
        assertRefused(run("--ods.url=" + ods.url()), "udata.url is required");
        assertRefused(run("--ods.url=" + ods.url(), "--udata.url=" + udata.url(),
                "--udata.organization=" + udata.organization()), "udata.api-key is required");
    }

    @Test
    void udataKeyRejected() {
        HarvestRun run = run("--ods.url=" + ods.url(), "--udata.url=" + udata.url(), "--udata.api-key=wrong-key",
                "--udata.organization=" + udata.organization());
        assertRefused(run, "API key");
        assertThat(run.output()).doesNotContain("wrong-key");
        assertThat(udata.requestCount("*", "/api/1/datasets")).isZero();
    }

    @Test
    void organizationTheKeyCannotPublishIn() {
        HarvestRun run = run("--ods.url=" + ods.url(), "--udata.url=" + udata.url(),
                "--udata.api-key=" + udata.apiKey(), "--udata.organization=" + FakeUdata.FOREIGN_ORGANIZATION);
        assertRefused(run, "not a member of organization " + FakeUdata.FOREIGN_ORGANIZATION);
    }

    @Test
    void aPartialEditorsKeyIsRefusedBeforeAnythingIsWritten() {
        udata.setUserRole(udata.organization(), "partial_editor");

        HarvestRun run = run("--ods.url=" + ods.url(), "--udata.url=" + udata.url(),
                "--udata.api-key=" + udata.apiKey(), "--udata.organization=ville-de-test");

        assertRefused(run, "partial editor of organization ville-de-test");
        assertThat(udata.requestCount("*", "/api/1/datasets")).isZero();
    }

    @Test
    void anEditorsKeyIsAccepted() {
        udata.setUserRole(udata.organization(), "editor");

        HarvestRun run = HarvestRun.of(dataDir, ods, udata);

        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void anOrganizationGivenByItsSlugIsHarvestedUnderItsIdAndIsTheSameRunAsTheId() {
        List<String> bySlug = List.of("--ods.url=" + ods.url(), "--udata.url=" + udata.url(),
                "--udata.api-key=" + udata.apiKey(), "--udata.organization=ville-de-test");

        HarvestRun first = run(bySlug.toArray(String[]::new));

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(udata.datasets()).hasSize(3)
                .allSatisfy(d -> assertThat(d.path("organization").path("id").asString()).isEqualTo(udata.organization()));
        assertThat(first.report().path("organization").asString()).isEqualTo(udata.organization());
        udata.clearRequests();

        HarvestRun second = HarvestRun.of(dataDir, ods, udata); // the same organization, by id
        assertThat(second.report().path("run").asLong()).isEqualTo(2);
        HarvestRun third = run(bySlug.toArray(String[]::new));

        assertThat(third.report().path("run").asLong()).isEqualTo(3);
        assertThat(third.report().path("counts").path("unchanged").asLong()).isEqualTo(3);
        assertThat(udata.writeCount()).isZero();
    }

    @Test
    void invalidNumber() {
        assertRefused(run("--ods.url=" + ods.url(), "--harvest.dry-run=true", "--harvest.max-items=many"),
                "harvest.max-items");
    }
}
