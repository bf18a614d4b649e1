package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odsharvester.support.HarvestHarness.isArchived;
import static org.odsharvester.support.HarvestHarness.listed;
import static org.odsharvester.support.HarvestHarness.resourceIdsByKey;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.udata.UdataDatasetWriter;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The life of harvested datasets across runs, end to end against the udata fake: one identity per source
 * dataset (slug renames, lost job repository), only our datasets and resources touched, no write when
 * nothing changed, and a dataset deleted in udata left deleted, also once udata purged it.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatasetLifecycleEndToEndTest {

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(40);

    private void firstHarvest() {
        HarvestRun first = world.harvest();
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(world.harvested()).hasSize(40);
        world.udata().clearRequests();
    }

    @Test
    void slugRenamedAtTheSourceUpdatesTheSameUdataDataset() {
        firstHarvest();
        CatalogGenerator.Dataset renamed = world.catalog().get(5); // has an attachment
        JsonNode before = world.byUid(renamed.uid);

        renamed.renameTo("velos-en-libre-service");
        world.serve(world.catalog());
        HarvestRun second = world.harvest();

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(world.udata().requestCount("POST", "/")).isZero();
        assertThat(world.harvested()).hasSize(40).containsKey("velos-en-libre-service")
                .doesNotContainKey("dataset-00005");
        JsonNode after = world.byUid(renamed.uid);
        assertThat(after.path("id").asString()).isEqualTo(before.path("id").asString());
        assertThat(after.path("extras").path("harvest:remote_id").asString()).isEqualTo("velos-en-libre-service");
        assertThat(after.path("extras").path("ods:url").asString())
                .isEqualTo(world.ods().url() + "/explore/dataset/velos-en-libre-service/");
        assertThat(after.path("resources").get(0).path("url").asString()).contains("/velos-en-libre-service/");
        assertThat(resourceIdsByKey(after)).isEqualTo(resourceIdsByKey(before));
        assertThat(isArchived(after)).isFalse();
        JsonNode report = second.report();
        assertThat(listed(report, "updated")).containsExactly("velos-en-libre-service");
        assertThat(report.path("counts").path("archived").asLong()).isZero();
        assertThat(report.path("counts").path("created").asLong()).isZero();
    }

    @Test
    void deletingTheDataDirectoryCreatesNoDuplicateBecauseTheIndexIsRebuiltFromUdata() {
        firstHarvest();
        Map<String, String> udataIds = new HashMap<>();
        world.harvested().forEach((remoteId, d) -> udataIds.put(remoteId, d.path("id").asString()));
        // invisible to an anonymous listing: only the authenticated one finds them
        world.udata().archiveDataset(udataIds.get("dataset-00004"));
        world.udata().editDataset(udataIds.get("dataset-00006"), d -> d.put("private", true));

        world.deleteDataDir();
        HarvestRun second = world.harvest();

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(world.udata().requestCount("POST", "/")).isZero();
        Map<String, JsonNode> after = world.harvested(); // fails on a duplicate
        assertThat(after).hasSize(40);
        after.forEach((remoteId, d) -> assertThat(d.path("id").asString()).as(remoteId)
                .isEqualTo(udataIds.get(remoteId)));
        assertThat(world.udata().datasets()).hasSize(40);
        assertThat(isArchived(after.get("dataset-00004"))).isFalse();
        JsonNode counts = second.report().path("counts");
        assertThat(counts.path("created").asLong()).isZero();
        assertThat(counts.path("unchanged").asLong()).isEqualTo(38);
        assertThat(counts.path("unarchived").asLong()).isEqualTo(1);
        assertThat(counts.path("updated").asLong()).isEqualTo(1); // private again → public, as mapped
        assertThat(counts.path("archived").asLong()).isZero();
        // the only writes are the two datasets a person changed
        assertThat(world.udata().requestCount("PUT", "/")).isEqualTo(2);
    }

    @Test
    void datasetsWithoutOurExtrasOrOfAnotherDomainAreNeverTouched() {
        String handMade = world.udata().addForeignDataset("Jeu de données 1");
        String otherPortal = world.udata().addForeignDataset("Jeu de données 2", Map.of(
                "harvest:domain", "data.other.example.org", "harvest:remote_id", world.catalog().get(2).id,
                "ods:dataset_uid", world.catalog().get(2).uid));
        String otherTool = world.udata().addForeignDataset("Jeu de données 3", Map.of("harvest:remote_id",
                world.catalog().get(3).id, "origin", "another harvester"));
        JsonNode handMadeBefore = world.udata().dataset(handMade);
        JsonNode otherPortalBefore = world.udata().dataset(otherPortal);
        JsonNode otherToolBefore = world.udata().dataset(otherTool);

        firstHarvest();
        world.catalog().remove(3);
        world.catalog().remove(2);
        world.catalog().get(1).title = "Jeu de données 1, renommé";
        world.serve(world.catalog());
        HarvestRun second = world.harvest("--harvest.archive-after=0");

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.report().path("counts").path("archived").asLong()).isEqualTo(2);
        assertThat(world.udata().dataset(handMade)).isEqualTo(handMadeBefore);
        assertThat(world.udata().dataset(otherPortal)).isEqualTo(otherPortalBefore);
        assertThat(world.udata().dataset(otherTool)).isEqualTo(otherToolBefore);
        assertThat(world.udata().requests()).noneMatch(r -> r.path().contains(handMade)
                || r.path().contains(otherPortal) || r.path().contains(otherTool));
        assertThat(world.harvested()).hasSize(40);
    }

    @Test
    void resourceAddedByHandIsKeptWhenTheDatasetIsUpdatedAndDoesNotCauseAWrite() {
        firstHarvest();
        JsonNode changed = world.harvested().get("dataset-00001");
        JsonNode untouched = world.harvested().get("dataset-00002");
        String changedId = changed.path("id").asString();
        String untouchedId = untouched.path("id").asString();
        String manual = world.udata().addHandMadeResource(changedId, "Guide d'utilisation", "https://example.org/guide.pdf");
        world.udata().addHandMadeResource(untouchedId, "Schéma", "https://example.org/schema.json");
        JsonNode untouchedBefore = world.udata().dataset(untouchedId);

        world.catalog().get(1).description = "<p>Nouvelle description.</p>";
        world.serve(world.catalog());
        HarvestRun second = world.harvest();

        assertThat(second.exitCode()).as(second.output()).isZero();
        JsonNode after = world.udata().dataset(changedId);
        assertThat(after.path("description").asString()).isEqualTo("Nouvelle description.");
        Map<String, String> ids = resourceIdsByKey(after);
        Map<String, String> expected = resourceIdsByKey(changed);
        expected.put("(hand-made)", manual);
        assertThat(ids).isEqualTo(expected);
        JsonNode kept = after.path("resources").get(2);
        assertThat(kept.path("url").asString()).isEqualTo("https://example.org/guide.pdf");
        assertThat(kept.path("title").asString()).isEqualTo("Guide d'utilisation");
        assertThat(kept.path("extras").path("check:status").asInt()).isEqualTo(200);
        assertThat(kept.path("filesize").asInt()).isEqualTo(12345);
        // a hand-made resource is not ours: it does not make the dataset differ from the source
        assertThat(world.udata().dataset(untouchedId)).isEqualTo(untouchedBefore);
        assertThat(world.udata().requestCount("PUT", "/")).isEqualTo(1);
        assertThat(listed(second.report(), "updated")).containsExactly("dataset-00001");
    }

    @Test
    void resourcesThatDisappearedAtTheSourceAreRemovedAndTheOthersKeepTheirIds() {
        firstHarvest();
        JsonNode before = world.harvested().get("dataset-00000"); // geo, with an attachment
        assertThat(resourceIdsByKey(before)).containsOnlyKeys("export:csv", "export:json",
                "export:geojson", "export:shp", "attachment:notice_pdf");

        world.catalog().get(0).attachments.clear();
        world.catalog().get(0).recordsCount = 60_000; // above the Shapefile limit
        world.serve(world.catalog());
        HarvestRun second = world.harvest();

        assertThat(second.exitCode()).as(second.output()).isZero();
        JsonNode after = world.harvested().get("dataset-00000");
        Map<String, String> expected = resourceIdsByKey(before);
        expected.remove("attachment:notice_pdf");
        expected.remove("export:shp");
        assertThat(resourceIdsByKey(after)).isEqualTo(expected);
        assertThat(after.path("id").asString()).isEqualTo(before.path("id").asString());
        assertThat(listed(second.report(), "updated")).containsExactly("dataset-00000");
    }

    @Test
    void reHarvestOfAnUnchangedPortalSendsNoWriteAndKeepsLastModified() {
        firstHarvest();
        Map<String, String> lastModified = new HashMap<>();
        world.harvested().forEach((id, d) -> lastModified.put(id, d.path("last_modified").asString()));

        HarvestRun second = world.harvest();

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(world.udata().writeCount()).isZero();
        assertThat(world.udataRequestsByKind()).doesNotContainKeys("GET dataset", "POST", "PUT", "DELETE");
        world.harvested().forEach((id, d) -> assertThat(d.path("last_modified").asString()).as(id)
                .isEqualTo(lastModified.get(id)));
        JsonNode report = second.report();
        assertThat(report.path("counts").path("unchanged").asLong()).isEqualTo(40);
        assertThat(report.path("counts").path("updated").asLong()).isZero();
        assertThat(report.path("counts").path("created").asLong()).isZero();
        assertThat(listed(report, "unchanged")).hasSize(40).contains("dataset-00000", "dataset-00039");
    }

    @Test
    void reHarvestOfAnUnchangedThousandDatasetPortalMakesOnlyListingRequests() {
        world.serve(world.ods().generator().datasets(1000));
        HarvestRun first = world.harvest();
        assertThat(first.exitCode()).as(first.output()).isZero();
        world.udata().clearRequests();
        world.ods().server().resetRequests();

        HarvestRun second = world.harvest();

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.report().path("counts").path("unchanged").asLong()).isEqualTo(1000);
        Map<String, Integer> udata = world.udataRequestsByKind();
        Map<String, Integer> ods = world.odsRequestsByKind();
        System.out.println("Requests of an unchanged re-harvest of 1,000 datasets: udata " + udata + ", ODS " + ods);
        // one listing of the organization (pages of 100) rebuilds the index; nothing per dataset, no write, and not
        // even the licences: nothing is mapped again
        assertThat(udata).containsExactlyInAnyOrderEntriesOf(Map.of("GET me", 1, "GET organization", 1,
                "GET list", 10));
        // this stub serves no catalog export (404): the catalog is paged, its unchanged items are not mapped (the
        // listing path, one request, is IncrementalHarvestEndToEndTest's)
        assertThat(ods).containsExactlyInAnyOrderEntriesOf(Map.of(
                OdsPortalStub.V21_PATH + " limit=1", 1, OdsPortalStub.V21_PATH + " limit=100", 10,
                "/api/explore/v2.1/catalog/exports/json limit=-", 1));
        assertThat(second.report().path("catalogRead").path("notMapped").asLong()).isEqualTo(1000);
    }

    @Test
    void aDatasetDeletedInUdataIsNotRecreatedAfterThePurgeUntilAnOperatorAsksForIt() {
        firstHarvest();
        CatalogGenerator.Dataset deleted = world.catalog().get(2);
        String deletedId = world.byUid(deleted.uid).path("id").asString();
        world.udata().deleteDataset(deletedId);
        assertThat(world.harvest().exitCode()).isZero(); // sees it deleted
        world.udata().purgeDeleted();

        HarvestRun afterPurge = world.harvest();

        assertThat(afterPurge.exitCode()).as(afterPurge.output()).isZero();
        assertThat(world.udata().datasetsWithExtra("ods:dataset_uid", deleted.uid)).isEmpty();
        assertThat(world.harvested()).hasSize(39);
        assertThat(afterPurge.report().path("filtered")).anySatisfy(entry -> {
            assertThat(entry.path("datasetUid").asString()).isEqualTo(deleted.uid);
            assertThat(entry.path("reason").asString()).isEqualTo(UdataDatasetWriter.DELETED_REASON);
        });

        HarvestRun asked = world.harvest("--udata.restore-deleted=other-id," + deleted.id);

        assertThat(asked.exitCode()).as(asked.output()).isZero();
        assertThat(world.byUid(deleted.uid).path("id").asString()).isNotEqualTo(deletedId);
        assertThat(listed(asked.report(), "created")).containsExactly(deleted.id);
        assertThat(world.harvested()).hasSize(40);
    }
}
