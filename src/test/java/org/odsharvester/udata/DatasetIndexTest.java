package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.Outcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class DatasetIndexTest {

    private static final String DOMAIN = "data.example.org";
    private DataSource ds;
    private DatasetIndex index;

    @BeforeEach
    void setUp() {
        ds = UdataFixtures.database();
        index = new DatasetIndex(ds, DatasetIndex.targetKey("https://udata.example", "org1"));
    }

    private static IndexEntry entry(String udataId, String remoteId, String uid) {
        return new IndexEntry(udataId, DOMAIN, remoteId, uid, "hash-" + udataId, false, false);
    }

    @Test
    void findsByUidEvenAfterTheSlugWasRenamed() {
        index.save(entry("u1", "old-slug", "da_1"));

        assertThat(index.find(new DatasetIdentity("da_1", "new-slug", DOMAIN))).get()
                .extracting(IndexEntry::udataId).isEqualTo("u1");
    }

    @Test
    void findsByRemoteIdAndDomainWhenThereIsNoUid() {
        index.save(entry("u1", "slug", null));

        assertThat(index.find(new DatasetIdentity(null, "slug", DOMAIN))).get()
                .extracting(IndexEntry::udataId).isEqualTo("u1");
        // an entry harvested with v1 (no uid) is found by a v2.1 run that knows the uid
        assertThat(index.find(new DatasetIdentity("da_9", "slug", DOMAIN))).get()
                .extracting(IndexEntry::udataId).isEqualTo("u1");
    }

    @Test
    void aSlugReusedByAnotherUidIsNotTheSameDataset() {
        index.save(entry("u1", "slug", "da_1"));

        assertThat(index.find(new DatasetIdentity("da_2", "slug", DOMAIN))).isEmpty();
    }

    @Test
    void anotherDomainOrAnotherTargetIsNotFound() {
        index.save(entry("u1", "slug", "da_1"));
        DatasetIndex otherTarget = new DatasetIndex(ds, DatasetIndex.targetKey("https://udata.example", "org2"));

        assertThat(index.find(new DatasetIdentity("da_1", "slug", "other.example.org"))).isEmpty();
        assertThat(index.find(new DatasetIdentity(null, "slug", "other.example.org"))).isEmpty();
        assertThat(otherTarget.find(new DatasetIdentity("da_1", "slug", DOMAIN))).isEmpty();
    }

    @Test
    void aLiveDatasetIsPreferredToADeletedDuplicate() {
        index.save(new IndexEntry("u0", DOMAIN, "slug", "da_1", "h", false, true));
        index.save(entry("u1", "slug", "da_1"));

        assertThat(index.find(new DatasetIdentity("da_1", "slug", DOMAIN))).get()
                .extracting(IndexEntry::udataId).isEqualTo("u1");
    }

    @Test
    void saveReplacesTheEntryOfTheSameUdataDataset() {
        index.save(entry("u1", "slug", "da_1"));
        index.save(new IndexEntry("u1", DOMAIN, "renamed", "da_1", "h2", true, false));

        assertThat(index.findByUdataId("u1")).contains(new IndexEntry("u1", DOMAIN, "renamed", "da_1", "h2", true,
                false));
        assertThat(index.count(DOMAIN)).isEqualTo(1);
    }

    @Test
    void saveAllInsertsNewEntriesReplacesKnownOnesAndKeepsTheLastOfOneDataset() {
        index.save(entry("u1", "slug-1", "da_1"));

        index.saveAll(List.of(new IndexEntry("u1", DOMAIN, "slug-1", "da_1", "h1-new", false, false),
                entry("u2", "slug-2", "da_2"),
                new IndexEntry("u2", DOMAIN, "slug-2", "da_2", "h2-last", true, false)));

        assertThat(index.findByUdataId("u1")).get().extracting(IndexEntry::contentHash).isEqualTo("h1-new");
        assertThat(index.findByUdataId("u2")).contains(new IndexEntry("u2", DOMAIN, "slug-2", "da_2", "h2-last", true,
                false));
        assertThat(index.count(DOMAIN)).isEqualTo(2);
    }

    @Test
    void findAllAnswersForEachIdentityWhatFindAnswers() {
        index.save(entry("u1", "old-slug", "da_1"));
        index.save(entry("u2", "no-uid", null));
        index.save(entry("u3", "reused", "da_3"));
        index.save(new IndexEntry("u4", DOMAIN, "dup", "da_4", "h", false, true));
        index.save(entry("u5", "dup", "da_4"));
        index.save(new IndexEntry("u6", "other.example.org", "elsewhere", "da_6", "h", false, false));
        List<DatasetIdentity> identities = List.of(
                new DatasetIdentity("da_1", "new-slug", DOMAIN), // renamed: by uid
                new DatasetIdentity(null, "no-uid", DOMAIN), // v1: by remote id
                new DatasetIdentity("da_9", "no-uid", DOMAIN), // v2.1 meets an entry without uid
                new DatasetIdentity("da_8", "reused", DOMAIN), // slug of another dataset
                new DatasetIdentity("da_4", "dup", DOMAIN), // live preferred to deleted
                new DatasetIdentity("da_6", "elsewhere", DOMAIN), // another domain's
                new DatasetIdentity("da_7", "never-seen", DOMAIN));

        Map<DatasetIdentity, IndexEntry> found = index.findAll(identities);

        for (DatasetIdentity identity : identities) {
            assertThat(Optional.ofNullable(found.get(identity))).as(identity.toString()).isEqualTo(index.find(identity));
        }
        assertThat(found).hasSize(4);
    }

    @Test
    void writesSurviveARolledBackSurroundingTransaction() {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        TransactionTemplate chunk = new TransactionTemplate(new DataSourceTransactionManager(ds));

        chunk.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO HARVEST_SOURCE_RUN (SOURCE_KEY, LAST_RUN) VALUES ('k', 1)");
            assertThat(index.find(new DatasetIdentity("da_1", "slug", DOMAIN))).isEmpty();
            index.save(entry("u1", "slug", "da_1"));
            status.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM HARVEST_SOURCE_RUN", Integer.class))
                .as("the surrounding transaction did roll back").isZero();
        assertThat(index.find(new DatasetIdentity("da_1", "slug", DOMAIN))).isPresent();
    }

    @Test
    void notSeenInRunListsLiveEntriesWithoutAPresenceOutcomeInThatRun() {
        UdataFixtures.TestRecorder run7 = new UdataFixtures.TestRecorder(ds, 7);
        UdataFixtures.TestRecorder run6 = new UdataFixtures.TestRecorder(ds, 6);
        index.save(entry("a", "seen-by-udata-id", "da_a"));
        index.save(entry("b", "seen-by-remote-id", null));
        index.save(entry("c", "seen-by-uid", "da_c"));
        index.save(entry("d", "not-seen", "da_d"));
        index.save(entry("e", "only-filtered", "da_e"));
        index.save(entry("f", "seen-in-another-run", "da_f"));
        index.save(new IndexEntry("g", DOMAIN, "archived", "da_g", "h", true, false));
        index.save(new IndexEntry("h", DOMAIN, "deleted", "da_h", "h", false, true));
        index.save(new IndexEntry("i", "other.example.org", "other-domain", "da_i", "h", false, false));
        run7.record(new DatasetOutcome("slug-now-different", "da_zzz", Outcome.CREATED, null, "a"));
        run7.record(new DatasetOutcome("seen-by-remote-id", null, Outcome.UNCHANGED, null, null));
        run7.record(new DatasetOutcome("renamed-slug", "da_c", Outcome.REJECTED, "bad", null));
        run7.record(new DatasetOutcome("only-filtered", "da_e", Outcome.FILTERED, "inspire", null));
        run6.record(new DatasetOutcome("seen-in-another-run", "da_f", Outcome.UPDATED, null, "f"));

        List<IndexEntry> missing = index.notSeenInRun(DOMAIN, 7, 100);

        assertThat(missing).extracting(IndexEntry::udataId).containsExactly("d", "e", "f");
    }

    @Test
    void aSlugTakenOverByAnotherSourceDatasetDoesNotHideTheOldOne() {
        UdataFixtures.TestRecorder run7 = new UdataFixtures.TestRecorder(ds, 7);
        index.save(entry("old", "taken-slug", "da_old"));
        index.save(entry("v1", "v1-slug", null));
        run7.record(new DatasetOutcome("taken-slug", "da_new", Outcome.CREATED, null, "new"));
        run7.record(new DatasetOutcome("v1-slug", null, Outcome.UNCHANGED, null, null));

        assertThat(index.notSeenInRun(DOMAIN, 7, 100)).extracting(IndexEntry::udataId).containsExactly("old");
    }

    @Test
    void notSeenInRunReturnsAtMostTheLimitInUdataIdOrder() {
        for (String id : List.of("c", "a", "e", "b", "d")) {
            index.save(entry(id, "remote-" + id, "da_" + id));
        }

        assertThat(index.notSeenInRun(DOMAIN, 7, 2)).extracting(IndexEntry::udataId).containsExactly("a", "b");
    }

    @Test
    void notSeenByRebuildListsTheEntriesOfTheDomainTheRebuildDidNotSee() {
        index.save(entry("stale", "gone", "da_0"));
        index.saveSeen(List.of(entry("u1", "kept", "da_1")), "mark-1");
        index.save(new IndexEntry("other", "other.example.org", "x", null, "h", false, false));

        assertThat(index.notSeenByRebuild(DOMAIN, "mark-1", 10)).extracting(IndexEntry::udataId)
                .containsExactly("stale");
    }

    @Test
    void aDeletedEntryIsRememberedAfterItsRemovalUntilAnOperatorAsksForItAgain() {
        IndexEntry deleted = entry("u1", "velos", "da_1").withDeleted(true);
        index.save(deleted);
        index.removePurged(entry("u2", "bus", null));
        DatasetIdentity velos = new DatasetIdentity("da_1", "velos", DOMAIN);
        DatasetIdentity bus = new DatasetIdentity(null, "bus", DOMAIN);
        DatasetIdentity renamedBus = new DatasetIdentity("da_9", "bus", DOMAIN);
        DatasetIdentity other = new DatasetIdentity("da_2", "trams", DOMAIN);

        index.remove("u1"); // what the rebuild does once udata purged it

        assertThat(index.findByUdataId("u2")).isEmpty();
        assertThat(index.deletedInUdata(List.of(velos, bus, renamedBus, other)))
                .containsOnly(Map.entry(velos, "u1"), Map.entry(bus, "u2"), Map.entry(renamedBus, "u2"));
        index.forgetDeletion(velos);
        assertThat(index.deletedInUdata(List.of(velos, bus))).containsOnlyKeys(bus);
    }
}
