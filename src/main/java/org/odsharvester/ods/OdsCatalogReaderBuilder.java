package org.odsharvester.ods;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Builds an {@link OdsCatalogReader}, in the manner of Spring Batch's own reader builders: every setting has a
 * default but the API, and {@link #build()} says which one is wrong.
 */
public class OdsCatalogReaderBuilder {

    private @Nullable OdsCatalogApi api;
    private int pageSize = 100;
    private String name = OdsCatalogReader.NAME;
    private boolean saveState = true;
    private @Nullable Integer maxItemCount;
    private int pagesAhead = 1;
    private @Nullable Consumer<List<OdsDataset>> pageListener;
    private @Nullable Executor prefetchExecutor;

    /** The catalog to read, whichever API version is behind it. Required. */
    public OdsCatalogReaderBuilder api(OdsCatalogApi api) {
        this.api = api;
        return this;
    }

    /** Datasets per catalog request (default 100, the Explore API's largest page). */
    public OdsCatalogReaderBuilder pageSize(int pageSize) {
        this.pageSize = pageSize;
        return this;
    }

    /** The prefix of the reader's keys in the execution context (default {@code odsCatalogReader}). */
    public OdsCatalogReaderBuilder name(String name) {
        this.name = name;
        return this;
    }

    /** Whether the position is saved in the execution context for a restart (default true). */
    public OdsCatalogReaderBuilder saveState(boolean saveState) {
        this.saveState = saveState;
        return this;
    }

    /** Stop after this many datasets (a trial run); unlimited when not set. */
    public OdsCatalogReaderBuilder maxItemCount(int maxItemCount) {
        this.maxItemCount = maxItemCount;
        return this;
    }

    /** How many pages to fetch in the background ahead of the one being read (default 1; 0: none). */
    public OdsCatalogReaderBuilder pagesAhead(int pagesAhead) {
        this.pagesAhead = pagesAhead;
        return this;
    }

    /** Called with each page fetched ahead, on the prefetch thread, before any of its datasets is read. */
    public OdsCatalogReaderBuilder pageListener(Consumer<List<OdsDataset>> pageListener) {
        this.pageListener = pageListener;
        return this;
    }

    /** Runs the fetches ahead, one after the other, instead of a thread of the reader's own. */
    public OdsCatalogReaderBuilder prefetchExecutor(Executor prefetchExecutor) {
        this.prefetchExecutor = prefetchExecutor;
        return this;
    }

    public OdsCatalogReader build() {
        Assert.notNull(api, "An OdsCatalogApi is required");
        Assert.isTrue(pageSize > 0, "pageSize must be at least 1");
        Assert.isTrue(pagesAhead >= 0, "pagesAhead must not be negative");
        if (saveState) {
            Assert.hasText(name, "A name is required when saveState is set to true");
        }
        if (maxItemCount != null) {
            Assert.isTrue(maxItemCount >= 0, "maxItemCount must not be negative");
        }
        OdsCatalogReader reader = new OdsCatalogReader(api, pageSize);
        reader.setName(name);
        reader.setSaveState(saveState);
        reader.setPagesAhead(pagesAhead);
        if (maxItemCount != null) {
            reader.setMaxItemCount(maxItemCount);
        }
        if (pageListener != null) {
            reader.setPageListener(pageListener);
        }
        if (prefetchExecutor != null) {
            reader.setPrefetchExecutor(prefetchExecutor);
        }
        return reader;
    }
}
