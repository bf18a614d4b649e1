package org.odsharvester.ods;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paging by offset, shared by the v1 API and the v2.1 API below its ceiling: a position is the offset of the
 * next dataset, written in decimal (so a count of datasets read, which is what earlier versions saved, is
 * a valid position too).
 * <p>
 * End of the catalog: an empty page, a page with fewer datasets than asked for, or the announced total
 * reached. A short page while the portal still announces more datasets means the catalog changed during the
 * read: the read ends there (logged) rather than chase a moving target.
 */
final class OffsetPages {

    private static final Logger log = LoggerFactory.getLogger(OffsetPages.class);

    private OffsetPages() {
    }

    static boolean isOffset(String position) {
        return position == null || !position.isEmpty() && position.chars().allMatch(Character::isDigit);
    }

    /** The offset a position stands for; null is the start. */
    static long offset(String position) {
        if (!isOffset(position)) {
            throw new IllegalArgumentException("not an offset position: " + position);
        }
        return position == null ? 0 : Long.parseLong(position);
    }

    static CatalogPage page(String systemName, long offset, List<OdsDataset> datasets, int asked, long total) {
        List<String> positions = new ArrayList<>(datasets.size());
        for (int i = 1; i <= datasets.size(); i++) {
            positions.add(String.valueOf(offset + i));
        }
        boolean shortPage = datasets.size() < asked;
        long end = offset + datasets.size();
        if (shortPage && end < total) {
            log.warn("The catalog of {} changed while it was read: the page at offset {} holds {} datasets where {}"
                    + " were asked for and the portal announces {}; stopping after it", systemName, offset,
                    datasets.size(), asked, total);
        }
        boolean last = datasets.isEmpty() || shortPage || end >= total;
        return new CatalogPage(datasets, positions, last, Math.max(0, total - offset));
    }
}
