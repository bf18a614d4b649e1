package org.odsharvester.udata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Rebuilds the {@link DatasetIndex} of one source domain from what udata holds, at the start of every
 * execution (restarts too): a dataset created just before a crash, or a lost job repository, must never
 * lead to a duplicate.
 * <p>
 * Lists the organization's datasets, one page of {@value #PAGE_SIZE} per tasklet iteration (each commits,
 * and a stop request is honoured between pages; the next page is fetched in the background while one is
 * saved), and upserts an entry for each dataset whose
 * {@code harvest:domain} extra is this domain (identity from its extras, fingerprint from the listed
 * content, archived and deleted flags). Datasets without our extras or of another domain are ignored.
 * A page past the end answers 404 in udata (flask-mongoengine's {@code Pagination}): that is the end.
 * <p>
 * <b>No entry is dropped on the word of the listing alone.</b> udata pages by skip/limit in {@code created}
 * order, stored to the millisecond with ties not broken: while others write, a page can repeat a dataset of
 * the previous one and so miss another. When the listing has been read to its end, each entry of this
 * domain it did not contain is confirmed with a GET, {@value #PAGE_SIZE} per iteration: still ours → kept
 * (refreshed); deleted (200 with {@code deleted}, or 410) → kept as deleted; gone (404: deleted, then purged
 * by udata) → removed, and remembered as deleted in udata ({@link DatasetIndex#removePurged}) so that it is
 * not created again; moved to another organization or no longer of this source → removed. If the listing
 * fails midway nothing is removed.
 * <p>
 * <b>Duplicates.</b> A creation that udata completes after the harvester gave up waiting for it (a timeout
 * while udata was still working) cannot be told apart from one that never happened, and its retry makes a
 * second dataset of the same source dataset. The listing, oldest first, finds them: of the live datasets
 * with the same identity ({@code harvest:domain} with {@code ods:dataset_uid}, else with
 * {@code harvest:remote_id}) the oldest is kept — its id is the one that may already be linked to — and
 * the younger ones are deleted in udata (a soft delete an administrator can undo) and logged. The older
 * copy may be on an earlier page: it is looked up among the entries this rebuild already saved, so that
 * nothing in memory grows with the listing.
 * <p>
 * <b>A portal that changed its address.</b> The datasets whose {@code harvest:domain} is one of
 * {@code previousDomains} (the hosts of {@code ods.previous-urls}) are this source's: their entries, and the
 * deletions remembered under those domains, are moved to this domain when the rebuild starts, and each listed one
 * is saved as an entry of this domain (its extras still carry the old one until the harvest updates it). The
 * datasets an ODS harvest wrote under any other address are noted in {@link OtherAddresses}, so that the writer
 * does not create them a second time.
 * <p>
 * <b>Several organizations.</b> With {@code udata.organizations-file} a source's datasets live in several
 * organizations: each organization of the run is listed in turn under the same mark (the default first), so that
 * identity and duplicates hold across them (of two copies in different organizations the one with the smaller
 * udata id is kept: an ObjectId starts with its creation time, so it is the older), and an entry is confirmed
 * still ours when its dataset is in any of them. The organizations where an earlier run found datasets of this
 * source but that the run no longer names (removed from the mapping file) are listed too, as long as they hold
 * some and the key can still edit there ({@link DatasetOrganizations#holdingOtherThan}): taking the line out of the
 * file neither duplicates nor archives their datasets. Where each listed dataset is goes to
 * {@link DatasetOrganizations}.
 */
public class IndexRebuildTasklet implements Tasklet, AutoCloseable {

    static final int PAGE_SIZE = 100;
    private static final String MARK = IndexRebuildTasklet.class.getName() + ".mark";
    private static final String PAGE = IndexRebuildTasklet.class.getName() + ".page";
    private static final String SEEN = IndexRebuildTasklet.class.getName() + ".seen";
    /** Set once the listing was read to its end: the entries it did not contain are being confirmed. */
    private static final String CONFIRMING = IndexRebuildTasklet.class.getName() + ".confirming";
    private static final String ADOPTED = IndexRebuildTasklet.class.getName() + ".adopted";
    private static final String ELSEWHERE = IndexRebuildTasklet.class.getName() + ".elsewhere";
    /** The organizations this execution lists, and the position of the one being listed. */
    private static final String ORGANIZATIONS = IndexRebuildTasklet.class.getName() + ".organizations";
    private static final String LISTING = IndexRebuildTasklet.class.getName() + ".listing";
    private static final Logger log = LoggerFactory.getLogger(IndexRebuildTasklet.class);

    private final UdataClient client;
    private final DatasetIndex index;
    /** The organizations of the run (the default first), by id. */
    private final List<String> organizations;
    private final String domain;
    /** {@code harvest:domain} values of the addresses the portal had before: their datasets are this source's. */
    private final Set<String> previousDomains;
    /** Where the datasets of other addresses are noted; null: not noted. */
    private final @Nullable OtherAddresses otherAddresses;
    /** Where each dataset is; null: not recorded (a run of one organization without the table's reader). */
    private final @Nullable DatasetOrganizations datasetOrganizations;
    /** Fetches the next page of the listing while the current one is saved. */
    private final ExecutorService listing = Executors.newSingleThreadExecutor(listingThread());
    private @Nullable NextPage nextPage;

    /** The page {@code number} of the listing of the rebuild {@code mark}, being fetched. */
    private record NextPage(String mark, String organization, int number, Future<UdataDatasetPage> page) {
    }

    private static CustomizableThreadFactory listingThread() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("udata-listing-");
        threads.setDaemon(true);
        return threads;
    }

    public IndexRebuildTasklet(UdataClient client, DatasetIndex index, String organization, String domain) {
        this(client, index, organization, domain, Set.of(), null);
    }

    public IndexRebuildTasklet(UdataClient client, DatasetIndex index, String organization, String domain,
            Set<String> previousDomains, @Nullable OtherAddresses otherAddresses) {
        this(client, index, List.of(organization), domain, previousDomains, otherAddresses, null);
    }

    /** Over several organizations ({@code organizations}, the default first), recording where each dataset is. */
    public IndexRebuildTasklet(UdataClient client, DatasetIndex index, List<String> organizations, String domain,
            Set<String> previousDomains, @Nullable OtherAddresses otherAddresses,
            @Nullable DatasetOrganizations datasetOrganizations) {
        this.client = client;
        this.index = index;
        this.organizations = List.copyOf(organizations);
        this.datasetOrganizations = datasetOrganizations;
        this.domain = domain;
        this.previousDomains = Set.copyOf(previousDomains);
        this.otherAddresses = otherAddresses;
    }

    /** True when a dataset with this {@code harvest:domain} is this source's. */
    private boolean ours(String datasetDomain) {
        return datasetDomain != null && (domain.equals(datasetDomain) || previousDomains.contains(datasetDomain));
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        String mark = (String) chunkContext.getAttribute(MARK);
        if (mark == null) {
            mark = UUID.randomUUID().toString();
            chunkContext.setAttribute(MARK, mark);
            chunkContext.setAttribute(PAGE, 1);
            chunkContext.setAttribute(SEEN, 0L);
            chunkContext.setAttribute(ADOPTED, 0L);
            chunkContext.setAttribute(ELSEWHERE, 0L);
            if (!previousDomains.isEmpty()) {
                int moved = index.adopt(previousDomains, domain);
                if (moved > 0) {
                    log.info("{} index entr{} of {} moved to {} (ods.previous-urls)", moved, moved == 1 ? "y" : "ies",
                            String.join(", ", previousDomains), domain);
                }
            }
            if (otherAddresses != null) {
                otherAddresses.clear();
            }
            chunkContext.setAttribute(ORGANIZATIONS, List.copyOf(organizationsToList()));
            chunkContext.setAttribute(LISTING, 0);
        }
        @SuppressWarnings("unchecked")
        List<String> listedOrganizations = (List<String>) chunkContext.getAttribute(ORGANIZATIONS);
        String organization = listedOrganizations.get((Integer) chunkContext.getAttribute(LISTING));
        if (chunkContext.hasAttribute(CONFIRMING)) {
            return confirmNotListed(chunkContext, mark);
        }
        int page = (Integer) chunkContext.getAttribute(PAGE);
        UdataDatasetPage result = listed(mark, organization, page);
        if (result.hasNext() && !result.data().isEmpty()) {
            int next = page + 1;
            nextPage = new NextPage(mark, organization, next,
                    listing.submit(() -> client.listDatasets(organization, next, PAGE_SIZE)));
        }
        List<UdataDataset> listed = new ArrayList<>();
        List<OtherAddresses.Dataset> elsewhere = new ArrayList<>();
        long adopted = 0;
        for (UdataDataset dataset : result.data()) {
            contribution.incrementReadCount();
            String datasetDomain = dataset.extra(HarvestExtras.DOMAIN);
            if (!ours(datasetDomain)) {
                OtherAddresses.Dataset other = datasetDomain == null ? null : OtherAddresses.Dataset.of(dataset);
                if (other != null && otherAddresses != null) {
                    elsewhere.add(other);
                }
                continue;
            }
            if (dataset.extra(HarvestExtras.REMOTE_ID) == null && dataset.extra(HarvestExtras.DATASET_UID) == null) {
                log.warn("udata dataset {} has harvest:domain={} but neither harvest:remote_id nor"
                        + " ods:dataset_uid; ignored", dataset.id(), domain);
                continue;
            }
            listed.add(dataset);
            if (!domain.equals(datasetDomain)) {
                adopted++;
            }
        }
        if (otherAddresses != null) {
            otherAddresses.saveAll(elsewhere);
        }
        // the first live dataset of each identity: listed on an earlier page (in the index with this rebuild's
        // mark), else earlier on this one
        Map<String, String> firstByIdentity = new HashMap<>();
        Map<String, IndexEntry> earlierEntries = new HashMap<>();
        for (IndexEntry earlier : index.liveSeenByRebuild(domain, mark,
                listed.stream().map(d -> d.extra(HarvestExtras.DATASET_UID)).filter(Objects::nonNull).toList(),
                listed.stream().filter(d -> d.extra(HarvestExtras.DATASET_UID) == null)
                        .map(d -> d.extra(HarvestExtras.REMOTE_ID)).toList())) {
            firstByIdentity.putIfAbsent(identity(earlier.datasetUid(), earlier.remoteId()), earlier.udataId());
            earlierEntries.put(earlier.udataId(), earlier);
        }
        // an earlier copy listed in another organization of the run: the older of the two is kept
        Map<String, String> earlierOrganization = datasetOrganizations == null || listedOrganizations.size() == 1
                ? Map.of() : datasetOrganizations.of(earlierEntries.keySet());
        List<IndexEntry> ours = new ArrayList<>();
        for (UdataDataset dataset : listed) {
            String remoteId = dataset.extra(HarvestExtras.REMOTE_ID);
            // an adopted dataset still carries its old domain: its entry is of this one
            IndexEntry entry = IndexEntry.of(dataset, null).withDomain(domain);
            if (!dataset.isDeleted()) {
                String key = identity(dataset.extra(HarvestExtras.DATASET_UID), remoteId);
                String first = firstByIdentity.putIfAbsent(key, dataset.id());
                IndexEntry older = first == null ? null : earlierEntries.get(first);
                if (older != null && !organization.equals(earlierOrganization.get(first))
                        && earlierOrganization.containsKey(first) && dataset.id().compareTo(first) < 0) {
                    // this copy is the older one: the copy listed earlier, in another organization, goes
                    if (deleteDuplicate(first, dataset.id(), remoteId)) {
                        index.saveSeen(List.of(older.withDeleted(true)), mark);
                    }
                    firstByIdentity.put(key, dataset.id());
                } else if (first != null && !first.equals(dataset.id())
                        && deleteDuplicate(dataset.id(), first, remoteId)) {
                    entry = entry.withDeleted(true);
                }
            }
            ours.add(remoteId != null ? entry
                    : new IndexEntry(entry.udataId(), entry.domain(), "", entry.datasetUid(), entry.contentHash(),
                            entry.archived(), entry.deleted()));
        }
        index.saveSeen(ours, mark);
        if (datasetOrganizations != null) {
            Map<String, String> where = new HashMap<>();
            listed.forEach(d -> where.put(d.id(), d.organization() != null ? d.organization() : organization));
            datasetOrganizations.saveAll(where);
        }
        contribution.incrementWriteCount(ours.size());
        long seen = (Long) chunkContext.getAttribute(SEEN) + ours.size();
        chunkContext.setAttribute(SEEN, seen);
        chunkContext.setAttribute(ADOPTED, (Long) chunkContext.getAttribute(ADOPTED) + adopted);
        chunkContext.setAttribute(ELSEWHERE, (Long) chunkContext.getAttribute(ELSEWHERE) + elsewhere.size());
        if (result.hasNext() && !result.data().isEmpty()) {
            chunkContext.setAttribute(PAGE, page + 1);
            return RepeatStatus.CONTINUABLE;
        }
        int position = (Integer) chunkContext.getAttribute(LISTING);
        if (position + 1 < listedOrganizations.size()) {
            // the next organization of the run, under the same mark
            chunkContext.setAttribute(LISTING, position + 1);
            chunkContext.setAttribute(PAGE, 1);
            return RepeatStatus.CONTINUABLE;
        }
        chunkContext.setAttribute(CONFIRMING, 0);
        return confirmNotListed(chunkContext, mark);
    }

    /** One batch of the entries the listing did not contain, each confirmed with a GET; FINISHED when none is left. */
    private RepeatStatus confirmNotListed(ChunkContext chunkContext, String mark) {
        List<IndexEntry> unlisted = index.notSeenByRebuild(domain, mark, PAGE_SIZE);
        int removed = (Integer) chunkContext.getAttribute(CONFIRMING);
        @SuppressWarnings("unchecked")
        List<String> listedOrganizations = (List<String>) chunkContext.getAttribute(ORGANIZATIONS);
        for (IndexEntry entry : unlisted) {
            if (!confirm(entry, mark, listedOrganizations)) {
                removed++;
            }
        }
        chunkContext.setAttribute(CONFIRMING, removed);
        if (!unlisted.isEmpty()) {
            return RepeatStatus.CONTINUABLE;
        }
        log.info("index of {} rebuilt from udata: {} dataset(s) of this source in organization{} {}{}", domain,
                chunkContext.getAttribute(SEEN), listedOrganizations.size() == 1 ? "" : "s",
                String.join(", ", listedOrganizations), removed > 0 ? ", " + removed + " entr"
                        + (removed == 1 ? "y" : "ies") + " no longer in udata removed" : "");
        long adopted = (Long) chunkContext.getAttribute(ADOPTED);
        if (adopted > 0) {
            log.info("{} of them harvested under a previous address ({}): adopted, they move to {} in this run",
                    adopted, String.join(", ", previousDomains), domain);
        }
        long elsewhere = (Long) chunkContext.getAttribute(ELSEWHERE);
        if (elsewhere > 0) {
            log.info("{} dataset(s) of organization{} {} were harvested under other portal addresses; those of this"
                    + " catalog are not written again", elsewhere, listedOrganizations.size() == 1 ? "" : "s",
                    String.join(", ", listedOrganizations));
        }
        for (String attribute : List.of(MARK, PAGE, SEEN, CONFIRMING, ADOPTED, ELSEWHERE, ORGANIZATIONS, LISTING)) {
            chunkContext.removeAttribute(attribute);
        }
        return RepeatStatus.FINISHED;
    }

    /** True when the entry is kept (saved with this rebuild's mark), false when it was removed. */
    private boolean confirm(IndexEntry entry, String mark, List<String> listedOrganizations) {
        DatasetIdentity identity = new DatasetIdentity(entry.datasetUid(), entry.remoteId(), entry.domain());
        UdataDataset current;
        try {
            current = client.get(entry.udataId());
        } catch (UdataDatasetNotFoundException e) {
            if (e.deleted()) {
                index.saveSeen(List.of(entry.withDeleted(true)), mark);
                return true;
            }
            log.info("udata dataset {} of {} no longer exists (deleted, then purged); it is not created again",
                    entry.udataId(), entry.remoteId());
            index.removePurged(entry);
            return false;
        }
        if (!listedOrganizations.contains(current.organization()) || !ours(current.extra(HarvestExtras.DOMAIN))) {
            // moved to an organization outside the run, or no longer of this source: no longer ours
            index.remove(entry.udataId());
            return false;
        }
        if (datasetOrganizations != null) {
            datasetOrganizations.saveAll(Map.of(current.id(), current.organization()));
        }
        log.debug("udata dataset {} was not in the listing but is still there (paging missed it)", current.id());
        index.saveSeen(List.of(IndexEntry.of(current, identity).withDomain(domain)), mark);
        return true;
    }

    /** The page fetched ahead when it is that one, else the page fetched now. */
    private UdataDatasetPage listed(String mark, String organization, int page) {
        NextPage ahead = nextPage;
        nextPage = null;
        if (ahead != null && ahead.mark().equals(mark) && ahead.organization().equals(organization)
                && ahead.number() == page) {
            try {
                return ahead.page().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException("listing udata datasets failed", e.getCause());
            } catch (InterruptedException e) {
                ahead.page().cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while listing udata datasets", e);
            }
        }
        if (ahead != null) {
            ahead.page().cancel(true);
        }
        return client.listDatasets(organization, page, PAGE_SIZE);
    }

    @Override
    public void close() {
        listing.shutdownNow();
    }

    /**
     * The run's organizations, then those where the index knows datasets of this source that the run no longer
     * names, while the key can still edit there (else they are no longer this run's, like a dataset moved out).
     */
    private List<String> organizationsToList() {
        List<String> all = new ArrayList<>(organizations);
        if (datasetOrganizations == null) {
            return all;
        }
        List<String> domains = new ArrayList<>(previousDomains);
        domains.add(domain);
        List<String> held = datasetOrganizations.holdingOtherThan(domains, organizations);
        if (held.isEmpty()) {
            return all;
        }
        UdataUser user = client.me();
        for (String organization : held) {
            UdataUser.Organization membership = user.organization(organization);
            if (membership != null && !UdataOrganization.PARTIAL_EDITOR.equals(
                    client.organization(organization).roleOf(user.id()))) {
                log.info("organization {} holds datasets of {} but the run no longer names it (udata.organizations-file):"
                        + " listed too, so that its datasets are updated where they are, neither created again"
                        + " elsewhere nor archived", organization, domain);
                all.add(organization);
            } else {
                log.warn("organization {} holds datasets of {} that the key can no longer edit: they are no longer"
                        + " this run's", organization, domain);
            }
        }
        return all;
    }

    private static String identity(String datasetUid, String remoteId) {
        return datasetUid != null ? "uid:" + datasetUid : "remote:" + remoteId;
    }

    /** True when udata deleted it (or it was gone already). */
    private boolean deleteDuplicate(String duplicateId, String keptId, String remoteId) {
        log.warn("udata dataset {} duplicates dataset {} (same source dataset {} of {}; a creation udata completed"
                + " after the harvester had given up on it): deleting the younger one", duplicateId, keptId,
                remoteId, domain);
        try {
            client.delete(duplicateId);
            return true;
        } catch (UdataDatasetNotFoundException gone) {
            return true;
        }
    }
}
