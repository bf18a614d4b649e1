package org.odsharvester.ods;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Reads the ODS catalog page by page, whichever API version is behind {@link OdsCatalogApi}, and fetches the
 * next page while the current one is being harvested.
 * <p>
 * <b>Position.</b> The execution context holds the position of the next dataset, as the API wrote it
 * ({@code odsCatalogReader.position}: an offset, or a date cursor past the v2.1 paging ceiling), and the
 * base class's count of datasets handed out ({@code odsCatalogReader.read.count}, for progress and
 * {@code harvest.max-items}). Both change only when a dataset is handed out: a failed fetch leaves them where
 * they were, so retrying or restarting reads neither a dataset twice nor one too few. A restart fetches from
 * the saved position directly. (A context that only has a count, from an earlier version, resumes at that
 * offset.)
 * <p>
 * <b>Completeness.</b> A page shorter than asked for while the portal still announces more datasets, or a
 * total different from the one the first page announced (restarts included: both are saved), means the
 * catalog changed during the read: a dataset removed before the current position moves the next ones up by
 * one, so one of them is on no page the reader fetches. {@link #incompleteReadReason()} then tells the archive
 * step not to trust what the run did not see; so does a read limited by {@code harvest.max-items} or one that
 * did not get to the end, or a catalog whose head changed during the read (see {@link #endOfCatalog()}).
 * <p>
 * <b>No loop.</b> A page that is not the last but ends at the position it was fetched from would be fetched
 * again forever: the read fails with {@link OdsPagingStalledException} instead.
 * <p>
 * <b>Prefetch.</b> When the first dataset of a page is handed out, the next pages are fetched in the
 * background ({@link #setPagesAhead one} by default; set it to cover a chunk so that a whole chunk is read
 * without waiting), one request at a time on one thread, so that waiting for the portal overlaps with writing
 * to udata. It changes nothing to the position: a prefetched page is only used when the reader gets there, is
 * dropped on close (a restart fetches it again), and a failed prefetch surfaces as the failure of the read
 * that needs that page, not earlier; that read clears it and the pages after it, so the step's retry fetches
 * again. A {@link #setPageListener page listener} may do work on a page fetched ahead, on the prefetch
 * thread, before it is handed out.
 * <p>
 * <b>Quota.</b> At the first page of a step execution whose answer announced the portal's quota
 * ({@code X-RateLimit-Remaining}, see {@link OdsCatalogApi#rateLimit()}), the requests the rest of the read needs
 * ({@link OdsCatalogApi#requestsAfter}, {@code harvest.max-items} included) are compared with the calls left: fewer
 * left is one warning. The read goes on regardless; a 429 ends it with {@link OdsQuotaExceededException}.
 * <p>
 * Build it with {@link OdsCatalogReaderBuilder}.
 */
public class OdsCatalogReader extends AbstractItemCountingItemStreamItemReader<OdsDataset> {

    static final String POSITION = "position";
    static final String NAME = "odsCatalogReader";
    private static final Logger log = LoggerFactory.getLogger(OdsCatalogReader.class);
    private static final String ANNOUNCED_TOTAL = "announced.total";
    private static final String CATALOG_CHANGED = "catalog.changed";
    private static final String FIRST_DATASET = "first.dataset";
    private static final String READ_COUNT_MAX = "read.count.max"; // the base class's key of the item limit

    private final OdsCatalogApi api;
    private final int pageSize;
    private int pagesAhead;

    private @Nullable String position;
    private @Nullable CatalogPage page;
    private int nextInPage;
    private long countBeforePage;
    private boolean exhausted;
    private int maxItemCount = Integer.MAX_VALUE;
    /** Where pages are fetched ahead: given, or a thread of the reader's own from open to close. */
    private @Nullable Executor prefetcher;
    private @Nullable Executor givenPrefetcher;
    private @Nullable ExecutorService ownPrefetcher;
    /** Pages being fetched in the background, in catalog order, the next one first. */
    private final Deque<Future<@Nullable Fetched>> pending = new ArrayDeque<>();
    private volatile long totalCount = -1;
    private long announcedTotal = -1;
    private @Nullable String firstDataset;
    private boolean catalogChanged;
    private boolean reachedEnd;
    private boolean limited;
    private boolean quotaChecked;
    private @Nullable OdsRateLimit quotaAtStart;
    private Consumer<List<OdsDataset>> pageListener = page -> { };

    /**
     * A page fetched in the background: the position it starts at, and how many datasets will have been handed
     * out at its end (to stop at {@code harvest.max-items}).
     */
    private record Fetched(String position, CatalogPage page, long handedOutAtEnd) {
    }

    public OdsCatalogReader(OdsCatalogApi api, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        this.api = api;
        this.pageSize = pageSize;
        this.pagesAhead = 1;
        setName(NAME);
    }

    /**
     * Runs the fetches ahead instead of a thread of the reader's own; they must run one after the other, in the
     * order given (each starts where the one before ended). Not shut down on close.
     */
    public void setPrefetchExecutor(Executor executor) {
        this.givenPrefetcher = executor;
    }

    /**
     * Called on the prefetch thread with each page fetched ahead, before any of its datasets is handed out: a
     * chance to prepare work on them while the current chunk is written. Its failure is only logged.
     */
    public void setPageListener(Consumer<List<OdsDataset>> listener) {
        this.pageListener = listener;
    }

    /**
     * How many pages to fetch ahead of the one being harvested (0: none). Still one request at a time: the
     * pages are fetched one after the other.
     */
    public void setPagesAhead(int pagesAhead) {
        if (pagesAhead < 0) {
            throw new IllegalArgumentException("pagesAhead must not be negative");
        }
        this.pagesAhead = pagesAhead;
    }

    /** How many datasets the catalog holds as the portal announces it; -1 before the first page or when unknown. */
    public long totalCount() {
        return totalCount;
    }

    /** The API version behind this reader ({@code v2.1} or {@code v1}), for the report. */
    public String apiVersion() {
        return api.version();
    }

    /**
     * True when the catalog changed while it was read (this step, restarts included): a page shorter than the
     * portal's own total, or a total different from the first one announced.
     */
    public boolean catalogChangedWhileReading() {
        return catalogChanged;
    }

    /**
     * Why this step's read did not cover the whole catalog, or null when it did: the catalog changed while it
     * was read, the read was limited ({@code harvest.max-items}, now or when the run started), or it did not
     * get to the end.
     */
    public @Nullable String incompleteReadReason() {
        if (catalogChanged) {
            return "the ODS catalog changed while it was read";
        }
        if (limited) {
            return "this is a trial run limited by harvest.max-items";
        }
        if (!reachedEnd) {
            return "the harvest did not read the ODS catalog to its end";
        }
        return null;
    }

    @Override
    public void setMaxItemCount(int count) {
        super.setMaxItemCount(count);
        this.maxItemCount = count;
        this.limited = true;
    }

    @Override
    public @Nullable OdsDataset read() throws Exception {
        int before = getCurrentItemCount();
        OdsDataset item;
        try {
            item = super.read();
        } catch (Exception | Error e) {
            setCurrentItemCount(before); // nothing was handed out
            throw e;
        }
        if (item == null) {
            setCurrentItemCount(before); // the end is not an item
        }
        return item;
    }

    @Override
    protected @Nullable OdsDataset doRead() throws Exception {
        if (exhausted) {
            return null;
        }
        if (page == null || nextInPage >= page.datasets().size()) {
            if (page != null && page.last()) {
                return endOfCatalog();
            }
            CatalogPage next = nextPage(); // throws before any state changes
            if (!next.isEmpty() && !next.last() && next.positionAfter(null).equals(position)) {
                // the next request would be this one again: the same page forever
                throw new OdsPagingStalledException("The ODS catalog (API " + api.version() + ") answered a page"
                        + " that ends where it began (position " + position + "): reading on would fetch the same page"
                        + " forever, so the harvest stopped; if a relaunch stops here again, narrow the harvest with"
                        + " --ods.refine.<facet>=<value> / --ods.exclude.<facet>=<value>");
            }
            countBeforePage = getCurrentItemCount() - 1L; // the base class has already counted this item
            page = next;
            nextInPage = 0;
            if (next.remaining() >= 0) {
                totalCount = countBeforePage + next.remaining();
                noticeCatalogChanges(next);
            }
            if (!quotaChecked) {
                checkQuota(next);
            }
            if (next.isEmpty()) {
                return endOfCatalog();
            }
        }
        OdsDataset item = page.datasets().get(nextInPage);
        if (countBeforePage == 0 && nextInPage == 0) {
            firstDataset = headKey(item);
        }
        position = page.positions().get(nextInPage);
        nextInPage++;
        if (nextInPage == 1) {
            prefetchAfter(page);
        }
        return item;
    }

    /**
     * At the first page whose answer announced a quota: warns when the calls the rest of the read needs are more
     * than the portal says are left. The run goes on: the portal may count otherwise, and a 429 stops it cleanly.
     */
    private void checkQuota(CatalogPage current) {
        OdsRateLimit quota = api.rateLimit();
        if (quota == null || current.remaining() < 0) {
            return; // a later page may tell
        }
        quotaChecked = true;
        quotaAtStart = quota;
        long handedOutAtEnd = countBeforePage + current.datasets().size();
        long after = current.last() ? 0 : Math.max(0, current.remaining() - current.datasets().size());
        if (limited) {
            after = Math.min(after, Math.max(0, maxItemCount - handedOutAtEnd));
        }
        long needed = api.requestsAfter(current, after, pageSize);
        if (needed <= quota.remaining()) {
            return;
        }
        log.warn("This run needs about {} more calls to the ODS portal to read the {} datasets left of the catalog,"
                + " and the portal says {} {} left{}{}: the run goes on, and stops with exit 5 when the portal refuses"
                + " a call (HTTP 429); relaunch the same command after the reset and it resumes where it stopped",
                needed, after, quota.remaining(), quota.remaining() == 1 ? "is" : "are",
                quota.limit() == null ? "" : " of " + quota.limit(),
                quota.reset() == null ? " (it does not say when they reset)" : ", reset at " + quota.reset());
    }

    /**
     * The quota the portal announced with the first page that carried one (this step execution), or null when no
     * answer did so far.
     */
    public @Nullable OdsRateLimit quotaAtStart() {
        return quotaAtStart;
    }

    /**
     * The end of the catalog. A dataset modified during the read can move in a catalog whose order is not
     * {@linkplain OdsCatalogApi#stableOrder() stable} (v1 sorts by modification date): it then sits on a page already read and is seen nowhere, with
     * the total unchanged. One more request for the head of the catalog tells: if it is no longer the dataset
     * (and modification date) the read started with, the catalog changed, and nothing is archived after this run.
     */
    private @Nullable OdsDataset endOfCatalog() {
        exhausted = true;
        reachedEnd = true;
        if (!api.stableOrder() && firstDataset != null && !catalogChanged) {
            try {
                CatalogPage head = api.fetchPage(null, 1);
                String now = head.isEmpty() ? null : headKey(head.datasets().get(0));
                if (!firstDataset.equals(now)) {
                    catalogChanged = true;
                    log.warn("The ODS catalog changed while it was read: it started with {} and now starts with {};"
                            + " a dataset may have moved past the read, so nothing is archived after this run",
                            firstDataset, now);
                }
            } catch (RuntimeException e) {
                catalogChanged = true;
                log.warn("Could not check that the ODS catalog stayed put while it was read ({}); nothing is archived"
                        + " after this run", e.getMessage());
            }
        }
        return null;
    }

    private static String headKey(OdsDataset dataset) {
        return dataset.datasetId() + " (modified " + dataset.modified() + ")";
    }

    /** Only pages read by offset tell a total to compare; the date walk past 10,000 has its own checks. */
    private void noticeCatalogChanges(CatalogPage next) {
        boolean byOffset = next.positions().isEmpty() || OffsetPages.isOffset(next.positions().get(0));
        if (catalogChanged || !byOffset) {
            return;
        }
        if (announcedTotal < 0) {
            announcedTotal = totalCount;
        } else if (totalCount != announcedTotal) {
            catalogChanged = true;
            log.warn("The ODS catalog changed while it was read: the portal announced {} datasets, and now {};"
                    + " datasets may have moved between pages, so nothing is archived after this run",
                    announcedTotal, totalCount);
            return;
        }
        if (next.last() && countBeforePage + next.datasets().size() < totalCount) {
            catalogChanged = true; // a short page while more are announced (logged where it was read)
        }
    }

    /** The page at the current position: the prefetched one when it is for that position. */
    private CatalogPage nextPage() throws Exception {
        Future<@Nullable Fetched> ahead = pending.poll();
        if (ahead != null) {
            Fetched fetched;
            try {
                fetched = ahead.get();
            } catch (ExecutionException e) {
                cancelPending(); // the pages after it were chained to it
                Throwable cause = e.getCause();
                if (cause instanceof Exception exception) {
                    throw exception;
                }
                throw (Error) cause;
            } catch (InterruptedException e) {
                ahead.cancel(true);
                cancelPending();
                Thread.currentThread().interrupt();
                throw e;
            }
            if (fetched != null && fetched.position().equals(String.valueOf(position))) {
                return fetched.page();
            }
        }
        cancelPending();
        return api.fetchPage(position, pageSize);
    }

    /**
     * Called when a page starts being harvested: tops the pages fetched ahead up to {@link #setPagesAhead}.
     * Each is fetched after the one before it (its position is the end of that page), on the one prefetch thread.
     */
    private void prefetchAfter(CatalogPage current) {
        if (prefetcher == null || pagesAhead == 0) {
            return;
        }
        Fetched base = new Fetched(String.valueOf(position), current, countBeforePage + current.datasets().size());
        Future<@Nullable Fetched> previous = pending.peekLast();
        while (pending.size() < pagesAhead) {
            Future<@Nullable Fetched> before = previous;
            Consumer<List<OdsDataset>> listener = pageListener;
            FutureTask<@Nullable Fetched> fetch = new FutureTask<>(() -> {
                // the task before this one ran first (the fetches run one after the other): get() does not wait
                Fetched last = before == null ? base : before.get();
                if (last == null || last.page().last() || last.handedOutAtEnd() >= maxItemCount) {
                    return null; // the catalog, or harvest.max-items, ends before
                }
                String after = last.page().positionAfter(null);
                CatalogPage next = api.fetchPage(after, pageSize);
                try {
                    listener.accept(next.datasets());
                } catch (RuntimeException e) {
                    log.warn("Preparing the datasets fetched ahead failed; they are prepared when processed", e);
                }
                return new Fetched(String.valueOf(after), next, last.handedOutAtEnd() + next.datasets().size());
            });
            pending.add(fetch);
            prefetcher.execute(fetch);
            previous = fetch;
        }
    }

    private void cancelPending() {
        for (Future<@Nullable Fetched> ahead; (ahead = pending.poll()) != null; ) {
            ahead.cancel(true);
        }
    }

    @Override
    protected void jumpToItem(int itemIndex) {
        // the saved position says where to go on (see open); nothing to skip here
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        super.open(executionContext);
        String key = getExecutionContextKey(POSITION);
        if (isSaveState() && executionContext.containsKey(key)) {
            position = executionContext.getString(key);
        } else if (getCurrentItemCount() > 0) {
            position = String.valueOf(getCurrentItemCount()); // saved by a version that paged by offset only
        }
        String announced = getExecutionContextKey(ANNOUNCED_TOTAL);
        if (executionContext.containsKey(announced)) {
            announcedTotal = executionContext.getLong(announced);
        }
        catalogChanged |= executionContext.containsKey(getExecutionContextKey(CATALOG_CHANGED));
        String first = getExecutionContextKey(FIRST_DATASET);
        if (executionContext.containsKey(first)) {
            firstDataset = executionContext.getString(first);
        }
        // a limit restored from the run's start applies even when the relaunch does not repeat it: the base
        // class restores it into its own field, the prefetch needs it too
        String max = getExecutionContextKey(READ_COUNT_MAX);
        if (executionContext.containsKey(max)) {
            limited = true;
            maxItemCount = Math.min(maxItemCount, executionContext.getInt(max));
        }
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        super.update(executionContext);
        if (isSaveState() && position != null) {
            executionContext.putString(getExecutionContextKey(POSITION), position);
        }
        if (isSaveState() && announcedTotal >= 0) {
            executionContext.putLong(getExecutionContextKey(ANNOUNCED_TOTAL), announcedTotal);
        }
        if (isSaveState() && firstDataset != null) {
            executionContext.putString(getExecutionContextKey(FIRST_DATASET), firstDataset);
        }
        if (isSaveState() && catalogChanged) {
            executionContext.putString(getExecutionContextKey(CATALOG_CHANGED), "true");
        }
    }

    @Override
    protected void doOpen() {
        reset();
        totalCount = -1;
        announcedTotal = -1;
        firstDataset = null;
        catalogChanged = false;
        reachedEnd = false;
        quotaChecked = false;
        quotaAtStart = null;
        if (pagesAhead > 0 && givenPrefetcher != null) {
            prefetcher = givenPrefetcher;
        } else if (pagesAhead > 0) {
            CustomizableThreadFactory threads = new CustomizableThreadFactory("ods-prefetch-");
            threads.setDaemon(true);
            ownPrefetcher = Executors.newSingleThreadExecutor(threads);
            prefetcher = ownPrefetcher;
        }
    }

    @Override
    protected void doClose() {
        reset();
        prefetcher = null;
        if (ownPrefetcher != null) {
            ownPrefetcher.shutdownNow();
            ownPrefetcher = null;
        }
    }

    private void reset() {
        cancelPending();
        position = null;
        page = null;
        nextInPage = 0;
        countBeforePage = 0;
        exhausted = false;
    }
}
