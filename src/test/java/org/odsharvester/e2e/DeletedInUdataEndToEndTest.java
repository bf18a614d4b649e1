package org.odsharvester.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.udata.UdataDatasetWriter;

/**
 * A dataset a person deleted in udata stays deleted, also once udata's purge-datasets job removed every trace of
 * it, until an operator asks for it again with {@code udata.restore-deleted}.
 */
class DeletedInUdataEndToEndTest {

    @TempDir
    Path dataDir;

    private HarvestWorld world;
    private List<CatalogGenerator.Dataset> catalog;

    @BeforeEach
    void start() {
        world = new HarvestWorld(dataDir);
        catalog = world.ods.generator().datasets(5);
        world.serve(catalog);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private HarvestRun harvest(String... extra) {
        HarvestRun run = world.harvest(extra);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run;
    }

    @Test
    void aDeletedDatasetIsNotRecreatedAfterThePurgeUntilAnOperatorAsksForIt() {
        harvest();
        CatalogGenerator.Dataset deleted = catalog.get(2);
        String deletedId = world.byUid(deleted.uid).path("id").asString();
        world.udata.deleteDataset(deletedId);
        harvest(); // sees it deleted
        world.udata.purgeDeleted();

        HarvestRun afterPurge = harvest();

        assertThat(world.udata.datasetsWithExtra("ods:dataset_uid", deleted.uid)).isEmpty();
        assertThat(world.harvested()).hasSize(4);
        assertThat(afterPurge.report().path("filtered")).anySatisfy(entry -> {
            assertThat(entry.path("datasetUid").asString()).isEqualTo(deleted.uid);
            assertThat(entry.path("reason").asString()).isEqualTo(UdataDatasetWriter.DELETED_REASON);
        });

        HarvestRun asked = harvest("--udata.restore-deleted=other-id," + deleted.id);

        assertThat(world.byUid(deleted.uid).path("id").asString()).isNotEqualTo(deletedId);
        assertThat(HarvestWorld.listed(asked.report(), "created")).containsExactly(deleted.id);
        assertThat(world.harvested()).hasSize(5);
    }
}
