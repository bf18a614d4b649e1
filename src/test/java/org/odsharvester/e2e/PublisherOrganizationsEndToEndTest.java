package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.udata.FakeUdata;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 12 item 7, datasets published under an organization of their own ({@code udata.organizations-file}): each
 * dataset is created in its publisher's organization (else in udata.organization) with that organization's contact
 * points; an unchanged portal makes no write, also once the job repository is lost; archiving covers the mapped
 * organizations; a mapping change neither moves nor duplicates a dataset and is reported; every organization of the
 * file is checked at start-up.
 */
@ExtendWith(OutputCaptureExtension.class)
class PublisherOrganizationsEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A third organization the key's user administers. */
    private static final String AGENCY = "5f0c0ffee0c0ffee0c0ffe04";
    private static final String ARS = "Agence Régionale de Santé";
    private static final String ACSS = "ACSS";

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness();
    private List<CatalogGenerator.Dataset> catalog;
    private Path mapping;

    @BeforeEach
    void start() throws IOException {
        world.udata().addMemberOrganization(AGENCY, "Agence", "agence");
        catalog = world.ods().generator().datasets(6);
        serve(catalog);
        mapping = world.workDir().resolve("organizations.txt");
        // the second organization by its slug, as a data team would write it
        writeMapping("# publisher = organization\n" + ARS + " = syndicat-mixte\n  acss =   " + AGENCY + "\n");
    }

    /** dataset-00000 and -00001 published by ARS, -00002 and -00003 by ACSS, the others by Ville de Test. */
    private void serve(List<CatalogGenerator.Dataset> datasets) {
        world.ods().serveEdited(datasets, (d, item) -> {
            ObjectNode meta = (ObjectNode) item.path("metas").path("default");
            int n = Integer.parseInt(d.id.substring(d.id.length() - 5));
            if (n < 2) {
                meta.put("publisher", ARS);
            } else if (n < 4) {
                meta.put("publisher", ACSS);
            }
        });
    }

    private void writeMapping(String text) throws IOException {
        Files.writeString(mapping, text, StandardCharsets.UTF_8);
    }

    private HarvestRun harvest(String... extra) {
        List<String> options = new ArrayList<>(List.of(extra));
        options.add(0, "--udata.organizations-file=" + mapping);
        HarvestRun run = world.harvest(options.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run;
    }

    /** dataset id → the organization udata holds it in. */
    private Map<String, String> organizations() {
        Map<String, String> where = new TreeMap<>();
        world.harvested().forEach((id, d) -> where.put(id, d.path("organization").path("id").asString()));
        return where;
    }

    private static final Map<String, String> AS_MAPPED = Map.of(
            "dataset-00000", FakeUdata.OTHER_MEMBER_ORGANIZATION, "dataset-00001", FakeUdata.OTHER_MEMBER_ORGANIZATION,
            "dataset-00002", AGENCY, "dataset-00003", AGENCY,
            "dataset-00004", FakeUdata.DEFAULT_ORGANIZATION, "dataset-00005", FakeUdata.DEFAULT_ORGANIZATION);

    private static Map<String, String> mismatches(HarvestRun run) {
        Map<String, String> found = new TreeMap<>();
        run.report().path("organizationMismatch").forEach(m -> found.put(m.path("datasetId").asString(),
                m.path("organization").asString() + " -> " + m.path("mappedOrganization").asString()));
        return found;
    }

    @Test
    void datasetsLandInTheirPublishersOrganizationsWithThatOrganizationsContactPoints() {
        HarvestRun first = harvest();

        assertThat(first.report().path("counts").path("created").asLong()).isEqualTo(6);
        assertThat(organizations()).isEqualTo(AS_MAPPED);
        // each dataset names the publisher contact point of the organization it is in, created there once
        world.harvested().forEach((id, d) -> {
            JsonNode contact = d.path("contact_points").get(0);
            assertThat(contact.path("organization").path("id").asString()).as(id)
                    .isEqualTo(d.path("organization").path("id").asString());
        });
        assertThat(world.udata().contactPoints()).extracting(c -> c.path("organization").path("id").asString() + ":"
                + c.path("name").asString()).containsExactlyInAnyOrder(
                        FakeUdata.OTHER_MEMBER_ORGANIZATION + ":" + ARS, AGENCY + ":" + ACSS,
                        FakeUdata.DEFAULT_ORGANIZATION + ":Ville de Test");
        assertThat(first.report().path("organizationMismatch")).isEmpty();
        // the run is still named by udata.organization
        assertThat(first.report().path("organization").asString()).isEqualTo(FakeUdata.DEFAULT_ORGANIZATION);
    }

    @Test
    void anUnchangedPortalMakesNoWriteAlsoOnceTheJobRepositoryIsLost() {
        harvest();

        for (boolean lost : new boolean[] {false, true}) {
            if (lost) {
                world.deleteDataDir();
            }
            world.udata().clearRequests();
            HarvestRun again = harvest();
            String which = lost ? "after the job repository was lost" : "with the job repository";
            assertThat(world.udata().writeCount()).as(which).isZero();
            assertThat(world.udataRequestsByKind()).as(which).doesNotContainKey("GET dataset");
            assertThat(again.report().path("counts").path("unchanged").asLong()).as(which).isEqualTo(6);
            // each organization of the run listed
            for (String organization : List.of(FakeUdata.DEFAULT_ORGANIZATION, FakeUdata.OTHER_MEMBER_ORGANIZATION,
                    AGENCY)) {
                assertThat(world.udata().requests()).as(which).anyMatch(r -> r.path().equals("/api/1/datasets/")
                        && organization.equals(r.query().get("organization")));
            }
        }
        world.assertEachSourceDatasetOnce(6);
        assertThat(organizations()).isEqualTo(AS_MAPPED);
    }

    @Test
    void aDatasetGoneFromTheSourceIsArchivedInItsMappedOrganization() {
        harvest();
        serve(catalog.stream().filter(d -> !d.id.equals("dataset-00002")).toList());

        HarvestRun second = harvest("--harvest.archive-after=0");

        assertThat(second.report().path("archive").asString()).isEqualTo("done");
        assertThat(HarvestHarness.listed(second.report(), "archived")).containsExactly("dataset-00002");
        JsonNode archived = world.harvested().get("dataset-00002");
        assertThat(HarvestHarness.isArchived(archived)).isTrue();
        assertThat(archived.path("organization").path("id").asString()).isEqualTo(AGENCY);
    }

    @Test
    void aPublisherMovedToAnotherOrganizationStaysWhereItIsIsReportedAndATransferMovesIt() throws IOException {
        harvest();
        writeMapping(ARS + " = " + AGENCY + "\nACSS = " + AGENCY + "\n");

        world.udata().clearRequests();
        HarvestRun moved = harvest();

        // nothing created, nothing moved, nothing written: udata cannot change a dataset's organization
        assertThat(world.udata().writeCount()).isZero();
        assertThat(organizations()).isEqualTo(AS_MAPPED);
        String change = FakeUdata.OTHER_MEMBER_ORGANIZATION + " -> " + AGENCY;
        assertThat(mismatches(moved)).isEqualTo(Map.of("dataset-00000", change, "dataset-00001", change));
        assertThat(moved.output()).contains("is in organization " + FakeUdata.OTHER_MEMBER_ORGANIZATION
                + ", the mapping says " + AGENCY).contains("2 dataset(s) are in another organization than"
                        + " udata.organizations-file names");

        // changed at the source: updated where it is, with the contact point of that organization (udata refuses
        // another organization's)
        catalog.get(0).title = "Un titre revu";
        serve(catalog);
        HarvestRun updated = harvest();
        assertThat(updated.report().path("counts").path("updated").asLong()).isEqualTo(1);
        JsonNode d0 = world.harvested().get("dataset-00000");
        assertThat(d0.path("title").asString()).isEqualTo("Un titre revu");
        assertThat(d0.path("organization").path("id").asString()).isEqualTo(FakeUdata.OTHER_MEMBER_ORGANIZATION);
        assertThat(d0.path("contact_points").get(0).path("organization").path("id").asString())
                .isEqualTo(FakeUdata.OTHER_MEMBER_ORGANIZATION);
        assertThat(world.udata().contactPoints()).noneMatch(c -> c.path("name").asString().equals(ARS)
                && c.path("organization").path("id").asString().equals(AGENCY));

        // a person transfers it in udata: the next run that maps it (a full pass: both are unchanged at the
        // source) finds it there, and it is no longer reported
        world.udata().transferDataset(world.harvested().get("dataset-00001").path("id").asString(), AGENCY);
        HarvestRun transferred = harvest("--harvest.full=true");
        assertThat(mismatches(transferred)).containsOnlyKeys("dataset-00000");
        assertThat(transferred.report().path("counts").path("created").asLong()).isZero();
        world.assertEachSourceDatasetOnce(6);
    }

    @Test
    void anOrganizationTakenOutOfTheFileKeepsItsDatasetsNeitherDuplicatedNorArchived() throws IOException {
        harvest();
        writeMapping("ACSS = " + AGENCY + "\n");

        world.udata().clearRequests();
        HarvestRun without = harvest("--harvest.archive-after=0");

        assertThat(world.udata().writeCount()).isZero();
        assertThat(without.report().path("counts").path("unchanged").asLong()).isEqualTo(6);
        assertThat(HarvestHarness.listed(without.report(), "archived")).isEmpty();
        assertThat(organizations()).isEqualTo(AS_MAPPED);
        String change = FakeUdata.OTHER_MEMBER_ORGANIZATION + " -> " + FakeUdata.DEFAULT_ORGANIZATION;
        assertThat(mismatches(without)).isEqualTo(Map.of("dataset-00000", change, "dataset-00001", change));
        world.assertEachSourceDatasetOnce(6);
    }

    @Test
    void theDataserviceOfUdataOrganizationLinksTheDatasetsOfEveryOrganization() {
        harvest("--udata.dataservice=true");

        List<JsonNode> dataservices = world.udata().dataservices();
        assertThat(dataservices).hasSize(1);
        assertThat(dataservices.get(0).path("organization").path("id").asString())
                .isEqualTo(FakeUdata.DEFAULT_ORGANIZATION);
        assertThat(world.udata().dataserviceDatasetIds(dataservices.get(0).path("id").asString()))
                .containsExactlyInAnyOrderElementsOf(world.harvested().values().stream()
                        .map(d -> d.path("id").asString()).toList());
    }

    @Test
    void aPlanReportsAMappingChangeAndWritesNothing() throws IOException {
        harvest();
        writeMapping(ARS + " = " + AGENCY + "\nACSS = " + AGENCY + "\n");
        world.udata().clearRequests();

        HarvestRun plan = harvest("--harvest.plan=true");

        assertThat(world.udata().writeCount()).isZero();
        String change = FakeUdata.OTHER_MEMBER_ORGANIZATION + " -> " + AGENCY;
        assertThat(mismatches(plan)).isEqualTo(Map.of("dataset-00000", change, "dataset-00001", change));
        assertThat(plan.report().path("counts").path("unchanged").asLong()).isEqualTo(6);
    }

    @Test
    void anOrganizationOfTheFileTheKeyCannotPublishInIsRefusedBeforeAnything() throws IOException {
        writeMapping(ARS + " = syndicat-mixte\nACSS = " + FakeUdata.FOREIGN_ORGANIZATION + "\n");

        HarvestRun run = world.harvest("--udata.organizations-file=" + mapping);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("not a member of organization " + FakeUdata.FOREIGN_ORGANIZATION)
                .contains("line 2 of the organizations file " + mapping + " (publisher 'ACSS')");
        assertThat(world.ods().server().getAllServeEvents()).as("requests to the ODS portal").isEmpty();
        assertThat(world.udata().requestCount("*", "/api/1/datasets")).isZero();
        assertThat(world.udata().writeCount()).isZero();
        assertThat(world.jobExecutions()).isZero();
    }

    @Test
    void aPartialEditorOfAnOrganizationOfTheFileIsRefused() {
        world.udata().setUserRole(AGENCY, "partial_editor");

        HarvestRun run = world.harvest("--udata.organizations-file=" + mapping);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("partial editor of organization " + AGENCY).contains("line 3 of");
        assertThat(world.ods().server().getAllServeEvents()).isEmpty();
        assertThat(world.jobExecutions()).isZero();
    }

    @Test
    void aBadFileIsRefusedBeforeAnyRequestAlsoInADryRun() throws IOException {
        writeMapping(ARS + " = syndicat-mixte\nACSS\n");

        for (String dryRun : List.of("--harvest.dry-run=false", "--harvest.dry-run=true")) {
            HarvestRun run = world.harvest("--udata.organizations-file=" + mapping, dryRun);
            assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
            assertThat(run.output()).contains("The organizations file " + mapping
                    + " (udata.organizations-file), line 2: expected 'publisher = organization id or slug', found 'ACSS'.");
            world.assertNoRequestReachedEitherSystem();
            assertThat(world.jobExecutions()).isZero();
        }
        HarvestRun missing = world.harvest("--udata.organizations-file=" + mapping + ".missing");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains(mapping + ".missing (udata.organizations-file) does not exist.");
        world.assertNoRequestReachedEitherSystem();
    }

    @Test
    void aDryRunShowsEachPayloadsOrganizationAsTheFileNamesIt() throws IOException {
        HarvestRun run = world.run("--ods.url=" + world.ods().url(), "--harvest.dry-run=true",
                "--udata.organization=ville-de-test", "--udata.organizations-file=" + mapping);
        assertThat(run.exitCode()).as(run.output()).isZero();

        Map<String, String> organizations = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of(run.report().path("dryRunPayloads").asString()))) {
            JsonNode payload = JSON.readTree(line);
            organizations.put(payload.path("extras").path("harvest:remote_id").asString(),
                    payload.path("organization").asString());
        }
        assertThat(organizations).isEqualTo(Map.of("dataset-00000", "syndicat-mixte", "dataset-00001",
                "syndicat-mixte", "dataset-00002", AGENCY, "dataset-00003", AGENCY, "dataset-00004", "ville-de-test",
                "dataset-00005", "ville-de-test"));
        assertThat(world.udata().requests()).isEmpty();
    }
}
