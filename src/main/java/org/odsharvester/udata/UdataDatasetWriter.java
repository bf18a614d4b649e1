package org.odsharvester.udata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.odsharvester.mapping.HarvestItem;
import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.DatasetRejectedException;
import org.odsharvester.report.Outcome;
import org.odsharvester.report.OutcomeRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import tools.jackson.databind.node.ObjectNode;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Creates or updates the datasets of a chunk in udata, several at once.
 * <p>
 * The index entries of a chunk's items are looked up at once ({@link DatasetIndex#findAll}). For each item:
 * not in the index → created; in the index with the same {@link OwnedContent} fingerprint and not
 * archived → UNCHANGED without any request; otherwise the current dataset is read, compared again (with
 * {@link OwnedContent#fingerprint(UdataDataset, DatasetPayload)}: a frequency or temporal coverage a person set
 * where the source says nothing is no difference) and, when it differs, one PUT makes it hold the payload
 * ({@link UdataBodies#updateBody}: resource ids kept, hand-made resources kept, foreign extras kept, a person's
 * frequency and coverage kept where the source has none, unarchived when archived).
 * <p>
 * A dataset that a person deleted in udata is left alone (FILTERED, "{@value #DELETED_REASON}"): deleting
 * a harvested dataset is the way a udata editor says "not this one", and recreating it at every run would
 * fight them. It comes back when someone restores it in udata, or when an operator names it in
 * {@code udata.restore-deleted} (restored with a PUT of {@code "deleted": null}, or created again when udata
 * purged it). That stays true once udata purged it (GET 404, not listed): the deletion is remembered in the
 * job repository ({@link DatasetIndex#deletedInUdata}), and a 404 where the index knew a dataset means
 * someone removed it, so it is remembered too.
 * <p>
 * A source dataset that udata holds already under another address of the portal ({@link OtherAddresses}: another
 * {@code harvest:domain}, not named in {@code ods.previous-urls}) is not written at all (OTHER_ADDRESS, with the
 * address in the reason): creating it would make a second copy, and taking it over is the operator's decision.
 * <p>
 * The writer is idempotent: when the step re-sends a chunk (retry, scan after a skippable error, restart
 * after a crash) the items already written are found in the index with their fingerprint and come out
 * UNCHANGED with no request. Items of one chunk that share an identity are written one after the other,
 * never concurrently (two concurrent creates would make a duplicate).
 * <p>
 * In a plan ({@code harvest.plan}, {@link #planning}) the same decisions are taken on the same reads (index,
 * GET of the current dataset), but nothing is sent: a create is recorded CREATED "{@value #PLAN_CREATE}", an update
 * UPDATED (or UNARCHIVED) "{@value #PLAN_UPDATE}" followed by the owned fields that would change
 * ({@link OwnedContent#changedFields}); the index it saves to is the plan's scratch copy.
 * <p>
 * {@code write} returns when every item has ended, and after it saved, whatever failed, what they did: the
 * index entries ({@link DatasetIndex#saveAll}), then the outcomes ({@link OutcomeRecorder#recordAll}), each
 * in one transaction of its own, committed outside the chunk's. A re-sent chunk therefore finds every
 * dataset its first pass created; a process killed in the middle of a chunk leaves that to the index rebuild
 * of the next execution, which reads udata. When items failed, one exception is thrown after all
 * ended: a failure that is not a rejection (udata down, key refused…) first, since it concerns the run;
 * else the first {@link DatasetRejectedException} in chunk order, which the step's skip policy skips (the
 * step then re-sends the items one by one, each rejected item throwing its own). Other failures are
 * attached as suppressed. REJECTED outcomes are recorded by whoever handles the skip, not here.
 * <p>
 * <b>Organizations</b> ({@code udata.organizations-file}, {@link #organizations}). A dataset is created in the
 * organization of its payload (its publisher's). An existing one is updated where it is: udata keeps a dataset's
 * organization, a PUT never sends it, and the contact points it gets are those of the organization it is in. When
 * the mapping names another organization than the one it is in (the file changed, or a person transferred it), it
 * stays there: the log says so and the run records it ({@link DatasetOrganizations#recordMismatches}) for the
 * report's {@code organizationMismatch}; the organization is no part of the fingerprint, so this costs no write.
 */
public class UdataDatasetWriter implements ItemWriter<HarvestItem>, AutoCloseable {

    /** Reason recorded for a harvested dataset that was deleted in udata. */
    public static final String DELETED_REASON = "deleted in udata by a person; not recreated";

    /**
     * Reason of the UNCHANGED outcome of a dataset found unchanged at the source and untouched in udata since the last
     * write ({@link SourceStates}): not mapped, not compared with udata, and on the listing path not even fetched.
     */
    public static final String NOT_MAPPED_REASON = "unchanged at the source and in udata since the last harvest";

    /** Reason of a create in a plan. */
    public static final String PLAN_CREATE = "would create";
    /** Start of the reason of an update in a plan; the names of the fields follow. */
    public static final String PLAN_UPDATE = "would update: ";

    private static final Logger log = LoggerFactory.getLogger(UdataDatasetWriter.class);

    private final UdataClient client;
    private final DatasetIndex index;
    private final OutcomeRecorder recorder;
    private final ExecutorService pool;
    /** ODS dataset ids and uids an operator asked for again although a person deleted them in udata. */
    private final Set<String> restoreDeleted;
    /** The datasets of other addresses of the portal; null: not looked up (no index rebuild noted them). */
    private final OtherAddresses otherAddresses;
    private final KnownZones zones;
    private final KnownContacts contacts;
    /** A plan: decide and record, send nothing to udata. */
    private boolean plan;
    /** Where the datasets are, and the run's mismatches; null: not recorded. */
    private DatasetOrganizations organizations;
    private long runId;
    /** Where what was written or confirmed is remembered, to skip it at the next run while unchanged; null: nowhere. */
    private SourceStates sourceStates;

    public UdataDatasetWriter(UdataClient client, DatasetIndex index, OutcomeRecorder recorder, int concurrency) {
        this(client, index, recorder, concurrency, Set.of());
    }

    public UdataDatasetWriter(UdataClient client, DatasetIndex index, OutcomeRecorder recorder, int concurrency,
            Set<String> restoreDeleted) {
        this(client, index, recorder, concurrency, restoreDeleted, null);
    }

    public UdataDatasetWriter(UdataClient client, DatasetIndex index, OutcomeRecorder recorder, int concurrency,
            Set<String> restoreDeleted, OtherAddresses otherAddresses) {
        this.otherAddresses = otherAddresses;
        this.restoreDeleted = Set.copyOf(restoreDeleted);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        this.client = client;
        this.zones = new KnownZones(client);
        this.contacts = new KnownContacts(client);
        this.index = index;
        this.recorder = recorder;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("udata-writer-");
        threads.setDaemon(true);
        this.pool = Executors.newFixedThreadPool(concurrency, threads);
    }

    /**
     * Remembers, with the index entries of each chunk, the source signature and udata fingerprint of every dataset
     * written or found unchanged (not of a rejected one, nor in a plan): what lets the next run skip it.
     */
    public UdataDatasetWriter rememberingSources(SourceStates states) {
        this.sourceStates = states;
        return this;
    }

    /** Makes this writer a plan's: what it would send is recorded, nothing is sent. */
    public UdataDatasetWriter planning() {
        this.plan = true;
        this.contacts.planning();
        return this;
    }

    /** Records where each dataset is, and those of run {@code runId} that are not where the mapping says. */
    public UdataDatasetWriter organizations(DatasetOrganizations datasetOrganizations, long run) {
        this.organizations = datasetOrganizations;
        this.runId = run;
        return this;
    }

    @Override
    public void write(Chunk<? extends HarvestItem> chunk) throws Exception {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        List<HarvestItem> items = new ArrayList<>(chunk.getItems());
        for (int i = 0; i < items.size(); i++) {
            groups.computeIfAbsent(groupKey(items.get(i)), k -> new ArrayList<>()).add(i);
        }
        // the ones found unchanged since the last write need no lookup: nothing is written for them
        Map<DatasetIdentity, IndexEntry> known = index.findAll(items.stream().filter(item -> !item.isUnchanged())
                .map(HarvestItem::identity).toList());
        Map<DatasetIdentity, OtherAddresses.Match> elsewhere = otherAddresses == null ? Map.of()
                : otherAddresses.findAll(items.stream().map(HarvestItem::identity).distinct().toList());
        // the ones udata no longer holds at all, but that a person deleted there: not created again
        Map<DatasetIdentity, String> deleted = index.deletedInUdata(items.stream().filter(item -> !item.isUnchanged())
                .map(HarvestItem::identity).filter(id -> !known.containsKey(id)).distinct().toList());
        // where the known ones are (the index rebuild recorded it): one query per chunk
        Map<String, String> heldIn = organizations == null ? Map.of()
                : organizations.of(known.values().stream().map(IndexEntry::udataId).toList());
        ChunkWrites writes = new ChunkWrites();
        Throwable[] failures = new Throwable[items.size()];
        List<Future<?>> futures = new ArrayList<>();
        for (List<Integer> group : groups.values()) {
            futures.add(pool.submit(() -> {
                IndexEntry held = null; // what an earlier item of the group left in udata
                for (int i : group) {
                    HarvestItem item = items.get(i);
                    OtherAddresses.Match other = elsewhere.get(item.identity());
                    if (other != null) {
                        writes.record(item, Outcome.OTHER_ADDRESS, other.reason(), other.dataset().udataId());
                        continue;
                    }
                    if (item.isUnchanged()) {
                        writes.record(item, Outcome.UNCHANGED, NOT_MAPPED_REASON, item.source().unchangedIn());
                        continue;
                    }
                    try {
                        IndexEntry entry = held != null ? held : known.get(item.identity());
                        IndexEntry now = writeOne(item, entry,
                                held != null ? null : deleted.get(item.identity()),
                                entry == null ? null : heldIn.get(entry.udataId()), writes);
                        held = now != null ? now : held;
                    } catch (Throwable e) {
                        failures[i] = e;
                    }
                }
            }));
        }
        try {
            awaitAll(futures);
        } finally {
            flush(writes, failures);
        }
        throwFailures(failures);
    }

    /**
     * Saves what the chunk's items did, whatever failed: the index entries first (they are what keeps a re-sent
     * chunk from creating a dataset twice), then the outcomes. A failure to save is the chunk's failure.
     */
    private void flush(ChunkWrites writes, Throwable[] failures) {
        try {
            index.saveAll(List.copyOf(writes.entries));
            if (organizations != null) {
                organizations.saveAll(Map.copyOf(writes.located));
                organizations.recordMismatches(runId, List.copyOf(writes.mismatches));
            }
            if (sourceStates != null && !plan) {
                sourceStates.saveAll(List.copyOf(writes.states));
            }
            recorder.recordAll(List.copyOf(writes.outcomes));
        } catch (RuntimeException | Error e) {
            for (Throwable failure : failures) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
            }
            throw e;
        }
    }

    private void awaitAll(List<Future<?>> futures) throws InterruptedException {
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw e;
            } catch (ExecutionException e) {
                // writeOne failures are collected per item; this is a bug of the writer itself
                throw new IllegalStateException("udata writer task failed", e.getCause());
            }
        }
    }

    private static void throwFailures(Throwable[] failures) throws Exception {
        Throwable chosen = null;
        for (Throwable failure : failures) {
            if (failure != null && !(failure instanceof DatasetRejectedException)) {
                chosen = failure;
                break;
            }
        }
        if (chosen == null) {
            for (Throwable failure : failures) {
                if (failure != null) {
                    chosen = failure;
                    break;
                }
            }
        }
        if (chosen == null) {
            return;
        }
        for (Throwable failure : failures) {
            if (failure != null && failure != chosen) {
                chosen.addSuppressed(failure);
            }
        }
        if (chosen instanceof Exception e) {
            throw e;
        }
        throw (Error) chosen;
    }

    /**
     * Writes one item, given the index entry of its dataset (null: not in udata) and, when there is none, the udata
     * id it had when a person deleted it (null: never deleted) and the organization the dataset is in (null:
     * unknown); returns the entry the dataset has now, or null when it has none.
     */
    private IndexEntry writeOne(HarvestItem mapped, IndexEntry entry, String deletedId, String heldIn,
            ChunkWrites writes) {
        DatasetIdentity identity = mapped.identity();
        try {
            // the zones this target knows, else the bounding box: what udata gets and what is compared. The contact
            // points are compared by name, email and role, and looked up (their ids) only when a write is due
            HarvestItem item = mapped.withDataset(zones.resolve(mapped.dataset()));
            String wanted = OwnedContent.fingerprint(item.dataset());
            if (entry == null && deletedId != null && !restoreRequested(identity)) {
                writes.record(item, Outcome.FILTERED, DELETED_REASON, deletedId);
                return null;
            }
            if (entry == null) {
                if (deletedId != null) {
                    log.info("{} was deleted in udata and purged; created again as udata.restore-deleted asks",
                            identity.remoteId());
                    index.forgetDeletion(identity);
                }
                return create(item, writes);
            }
            if (entry.deleted() && !restoreRequested(identity)) {
                writes.record(item, Outcome.FILTERED, DELETED_REASON, entry.udataId());
                return entry;
            }
            if (!entry.deleted() && !entry.archived() && wanted.equals(entry.contentHash())) {
                // the entry's fingerprint is the one this execution's index rebuild read in udata's listing
                writes.remember(item, entry.udataId(), entry.contentHash());
                writes.record(item, Outcome.UNCHANGED, null, entry.udataId());
                noteOrganization(item, entry.udataId(), heldIn, writes);
                return entry;
            }
            return update(item, entry, writes);
        } catch (UdataRejectedException e) {
            throw new DatasetRejectedException(identity.remoteId(), identity.datasetUid(), e.udataMessage());
        }
    }

    private IndexEntry create(HarvestItem unresolved, ChunkWrites writes) {
        HarvestItem item = unresolved.withDataset(contacts.resolve(unresolved.dataset()));
        if (plan) {
            writes.record(item, Outcome.CREATED, PLAN_CREATE + contactPointsToCreate(item), null);
            return null;
        }
        String wanted = OwnedContent.fingerprint(item.dataset());
        UdataDataset created = client.create(item.dataset());
        String stored = OwnedContent.fingerprint(created, item.dataset());
        IndexEntry entry = IndexEntry.of(created, item.identity(), stored);
        writes.save(entry); // saved before write() returns or throws: a re-sent chunk must find it
        writes.locate(created.id(), created.organization() != null ? created.organization()
                : item.dataset().organization());
        writes.remember(item, created.id(), created.ownedFingerprint());
        warnIfStoredDifferently(created.id(), stored, wanted);
        log.debug("created udata dataset {} for {}", created.id(), item.identity().remoteId());
        writes.record(item, Outcome.CREATED, null, created.id());
        return entry;
    }

    private IndexEntry update(HarvestItem unresolved, IndexEntry entry, ChunkWrites writes) {
        UdataDataset current;
        try {
            current = client.get(entry.udataId());
        } catch (UdataDatasetNotFoundException e) {
            return goneDuringWrite(unresolved, entry, OwnedContent.fingerprint(unresolved.dataset()), e, writes);
        }
        // updated where it is (udata keeps the organization): the contact points of that organization, with their
        // ids, those udata refuses left out
        DatasetPayload where = current.organization() == null ? unresolved.dataset()
                : unresolved.dataset().toBuilder().organization(current.organization()).build();
        HarvestItem item = unresolved.withDataset(contacts.resolve(where));
        String wanted = OwnedContent.fingerprint(item.dataset());
        if (!current.isDeleted()) {
            writes.locate(current.id(), current.organization());
            noteOrganization(unresolved, current.id(), current.organization(), writes);
        }
        boolean restore = current.isDeleted() && restoreRequested(item.identity());
        if (current.isDeleted() && !restore) {
            IndexEntry deleted = IndexEntry.of(current, item.identity());
            writes.save(deleted);
            writes.record(item, Outcome.FILTERED, DELETED_REASON, current.id());
            return deleted;
        }
        // udata's frequency and coverage count only where the source gives them: a person's are no difference
        String held = OwnedContent.fingerprint(current, item.dataset());
        if (!restore && !current.isArchived() && wanted.equals(held)) {
            // udata already holds it (the index was stale): no PUT, it would only bump last_modified
            IndexEntry refreshed = IndexEntry.of(current, item.identity(), held);
            writes.save(refreshed);
            writes.remember(item, current.id(), current.ownedFingerprint());
            writes.record(item, Outcome.UNCHANGED, null, current.id());
            return refreshed;
        }
        if (plan) {
            String reason = restore ? "would restore (udata.restore-deleted); " + PLAN_UPDATE
                    : current.isArchived() ? "would unarchive; " + PLAN_UPDATE : PLAN_UPDATE;
            List<String> changed = OwnedContent.changedFields(current, item.dataset());
            writes.record(item, current.isArchived() ? Outcome.UNARCHIVED : Outcome.UPDATED,
                    reason + (changed.isEmpty() ? "nothing but its state" : String.join(", ", changed))
                            + contactPointsToCreate(item), current.id());
            return entry;
        }
        UdataDataset updated;
        try {
            ObjectNode body = UdataBodies.updateBody(item.dataset(), current);
            if (restore) {
                body.putNull("deleted"); // udata restores a deleted dataset on a PUT with "deleted": null
            }
            updated = client.update(current.id(), body);
        } catch (UdataDatasetNotFoundException e) {
            // created again (udata.restore-deleted) in its publisher's organization, as any new dataset
            return goneDuringWrite(unresolved, entry, wanted, e, writes);
        }
        if (restore) {
            log.info("udata dataset {} of {} restored as udata.restore-deleted asks", updated.id(),
                    item.identity().remoteId());
            index.forgetDeletion(item.identity());
        }
        String stored = OwnedContent.fingerprint(updated, item.dataset());
        IndexEntry saved = IndexEntry.of(updated, item.identity(), stored);
        writes.save(saved);
        writes.remember(item, updated.id(), updated.ownedFingerprint());
        warnIfStoredDifferently(updated.id(), stored, wanted);
        log.debug("updated udata dataset {} for {}", updated.id(), item.identity().remoteId());
        writes.record(item, current.isArchived() ? Outcome.UNARCHIVED : Outcome.UPDATED, null, updated.id());
        return saved;
    }

    private IndexEntry goneDuringWrite(HarvestItem item, IndexEntry entry, String wanted,
            UdataDatasetNotFoundException e, ChunkWrites writes) {
        if (e.deleted()) {
            IndexEntry deleted = entry.withDeleted(true);
            writes.save(deleted);
            writes.record(item, Outcome.FILTERED, DELETED_REASON, entry.udataId());
            return deleted;
        }
        if (restoreRequested(item.identity())) {
            log.info("udata dataset {} of {} no longer exists (purged); created again as udata.restore-deleted asks",
                    entry.udataId(), item.identity().remoteId());
            index.remove(entry.udataId());
            index.forgetDeletion(item.identity());
            return create(item, writes);
        }
        // only a deleted dataset is purged (udata's purge-datasets job): someone removed it, it stays removed
        log.info("udata dataset {} of {} no longer exists (deleted, then purged); not created again",
                entry.udataId(), item.identity().remoteId());
        index.removePurged(entry);
        writes.record(item, Outcome.FILTERED, DELETED_REASON, entry.udataId());
        return null;
    }

    /**
     * A dataset in {@code heldIn} whose payload (its publisher's mapping) names another organization: it stays
     * where it is (udata cannot change the organization of a dataset); logged and recorded for the report.
     */
    private void noteOrganization(HarvestItem item, String udataId, String heldIn, ChunkWrites writes) {
        String mapped = item.dataset().organization();
        if (heldIn == null || mapped == null || heldIn.equals(mapped)) {
            return;
        }
        log.info("udata dataset {} of {} is in organization {}, the mapping says {}: it stays and is harvested where"
                + " it is (udata cannot change a dataset's organization; transfer it in udata to move it)", udataId,
                item.identity().remoteId(), heldIn, mapped);
        writes.mismatches.add(new DatasetOrganizations.Mismatch(item.identity().remoteId(),
                item.identity().datasetUid(), udataId, heldIn, mapped));
    }

    /** In a plan, the contact points of the organization a run would create for this dataset, as a reason's tail. */
    private static String contactPointsToCreate(HarvestItem item) {
        List<String> missing = item.dataset().contactPoints().stream().filter(c -> c.id() == null)
                .map(c -> c.name() + (c.email() == null ? "" : " <" + c.email() + ">") + " (" + c.role() + ")")
                .toList();
        return missing.isEmpty() ? "" : "; would create the contact points " + String.join(", ", missing);
    }

    private boolean restoreRequested(DatasetIdentity identity) {
        return restoreDeleted.contains(identity.remoteId())
                || identity.datasetUid() != null && restoreDeleted.contains(identity.datasetUid());
    }

    private static void warnIfStoredDifferently(String udataId, String stored, String wanted) {
        if (!wanted.equals(stored)) {
            log.warn("udata stored dataset {} differently from what was sent (it normalised a value the harvester"
                    + " does not expect); it will be rewritten at every run", udataId);
        }
    }

    /** The index entries and outcomes of one chunk's items, saved together once all of them ended. */
    private static final class ChunkWrites {
        final Queue<IndexEntry> entries = new ConcurrentLinkedQueue<>();
        final Queue<DatasetOutcome> outcomes = new ConcurrentLinkedQueue<>();
        final Map<String, String> located = new java.util.concurrent.ConcurrentHashMap<>();
        final Queue<DatasetOrganizations.Mismatch> mismatches = new ConcurrentLinkedQueue<>();
        final Queue<SourceStates.State> states = new ConcurrentLinkedQueue<>();

        void save(IndexEntry entry) {
            entries.add(entry);
        }

        void locate(String udataId, String organization) {
            if (udataId != null && organization != null) {
                located.put(udataId, organization);
            }
        }

        /** What udata's listing will show of it (its owned fingerprint) and what the source published. */
        void remember(HarvestItem item, String udataId, String udataFingerprint) {
            if (item.source() != null && item.source().signature() != null && udataFingerprint != null) {
                states.add(new SourceStates.State(udataId, item.source().signature(), udataFingerprint));
            }
        }

        void record(HarvestItem item, Outcome outcome, String reason, String udataId) {
            outcomes.add(new DatasetOutcome(item.identity().remoteId(), item.identity().datasetUid(), outcome, reason,
                    udataId));
        }
    }

    private static String groupKey(HarvestItem item) {
        DatasetIdentity id = item.identity();
        return id.datasetUid() != null ? "uid\u0000" + id.domain() + "\u0000" + id.datasetUid()
                : "rid\u0000" + id.domain() + "\u0000" + id.remoteId();
    }

    /** Stops the writer threads, letting writes in flight end (up to 60 s). */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
