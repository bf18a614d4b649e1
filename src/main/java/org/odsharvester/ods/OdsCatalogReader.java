package org.odsharvester.ods;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the ODS catalog page by page, whichever API version is behind {@link OdsCatalogApi}.
 * <p>
 * The position is the base class's item count (saved as {@code odsCatalogReader.read.count}): the next page is fetched at offset = datasets handed out so
 * far. State changes only after a page was fetched; a failed fetch leaves the count where it was
 * (the base class counts an item before reading it, this class takes that back), so retrying or
 * restarting reads neither a dataset twice nor one too few. A restart jumps straight to the saved
 * offset without fetching the pages before it.
 * <p>
 * End of the catalog: an empty page, a page with fewer datasets than asked for, or the announced
 * total reached. A short page while the portal still announces more datasets means the catalog
 * changed during the read: the reader stops there (logged, and {@link #catalogChangedWhileReading()})
 * rather than chase a moving target. A total that differs from the one the first page announced
 * (restarts included: it is saved with the position, as is the fact that the catalog changed) means
 * the same: a dataset removed before the current offset moves the next ones up by one, so one of them
 * is on no page the reader fetches. The reader goes on, but {@link #incompleteReadReason()} tells the
 * archive step not to trust what the run did not see.
 */
public class OdsCatalogReader extends AbstractItemCountingItemStreamItemReader<OdsDataset> {

    private static final Logger log = LoggerFactory.getLogger(OdsCatalogReader.class);
    private static final String ANNOUNCED_TOTAL = "announced.total";
    private static final String CATALOG_CHANGED = "catalog.changed";
    private static final String READ_COUNT_MAX = "read.count.max"; // the base class's key of the item limit

    private final OdsCatalogApi api;
    private final int pageSize;

    private List<OdsDataset> page = List.of();
    private long pageOffset;
    private boolean lastPageShort;
    private boolean exhausted;
    private boolean catalogChanged;
    private boolean reachedEnd;
    private boolean limited;
    private long announcedTotal = -1;
    private volatile long totalCount = -1;

    public OdsCatalogReader(OdsCatalogApi api, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        this.api = api;
        this.pageSize = pageSize;
        setName("odsCatalogReader");
    }

    /** The number of datasets the portal announced on the last page fetched; -1 before the first. */
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
        limited = true;
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
    protected @Nullable OdsDataset doRead() {
        long index = getCurrentItemCount() - 1L; // the base class has already counted this item
        if (exhausted) {
            return null;
        }
        if (index >= pageOffset && index < pageOffset + page.size()) {
            return page.get((int) (index - pageOffset));
        }
        if (index == pageOffset + page.size() && !page.isEmpty()) {
            // the buffered page is used up: is there anything after it?
            if (lastPageShort || totalCount >= 0 && index >= totalCount) {
                exhausted = true;
                reachedEnd = true;
                return null;
            }
        }
        CatalogPage next = api.fetchPage(index, pageSize); // throws before any state changes
        page = next.datasets();
        pageOffset = index;
        totalCount = next.totalCount();
        lastPageShort = next.isShort();
        if (announcedTotal < 0) {
            announcedTotal = next.totalCount();
        } else if (next.totalCount() != announcedTotal && !catalogChanged) {
            catalogChanged = true;
            log.warn("The ODS catalog changed while it was read: the portal announced {} datasets, and {} at offset"
                    + " {}; datasets may have moved between pages, so nothing is archived after this run",
                    announcedTotal, next.totalCount(), index);
        }
        if (lastPageShort && index + page.size() < next.totalCount()) {
            catalogChanged = true;
            log.warn("The ODS catalog changed while it was read: the page at offset {} holds {} datasets where {}"
                    + " were asked for and the portal announces {}; stopping after it", index, page.size(),
                    next.limit(), next.totalCount());
        }
        if (page.isEmpty()) {
            exhausted = true;
            reachedEnd = true;
            return null;
        }
        return page.get(0);
    }

    @Override
    protected void jumpToItem(int itemIndex) {
        // the position is the item count itself: the next read fetches the page at itemIndex
        resetBuffer();
    }

    @Override
    protected void doOpen() {
        resetBuffer();
        totalCount = -1;
        catalogChanged = false;
        reachedEnd = false;
        announcedTotal = -1;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        super.open(executionContext);
        String announced = getExecutionContextKey(ANNOUNCED_TOTAL);
        if (executionContext.containsKey(announced)) {
            announcedTotal = executionContext.getLong(announced);
        }
        catalogChanged |= executionContext.containsKey(getExecutionContextKey(CATALOG_CHANGED));
        // a limit restored from the run's start applies even when the relaunch does not repeat it
        limited |= executionContext.containsKey(getExecutionContextKey(READ_COUNT_MAX));
    }

    @Override
    public void update(ExecutionContext executionContext) {
        super.update(executionContext);
        if (announcedTotal >= 0) {
            executionContext.putLong(getExecutionContextKey(ANNOUNCED_TOTAL), announcedTotal);
        }
        if (catalogChanged) {
            executionContext.putString(getExecutionContextKey(CATALOG_CHANGED), "true");
        }
    }

    @Override
    protected void doClose() {
        resetBuffer();
    }

    private void resetBuffer() {
        page = List.of();
        pageOffset = 0;
        lastPageShort = false;
        exhausted = false;
    }
}
