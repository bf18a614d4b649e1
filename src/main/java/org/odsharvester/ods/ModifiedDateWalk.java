package org.odsharvester.ods;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Walks a v2.1 catalog of any size without an offset past the API's 10,000 ceiling: by modification date
 * ({@code metas.default.modified}), the one catalog field whose {@code where} accepts ranges (text fields
 * only have {@code =}).
 * <ol>
 * <li>The datasets without a modification date: {@code where=default.modified is null}, by offset in
 * {@code dataset_id} order. Usually none (the platform dates every dataset): one request.</li>
 * <li>The dated ones, by keyset: {@code where=default.modified >= date'<T>'} ordered by
 * {@code default.modified,dataset_id}, where T is the date of the last dataset handed out. The position
 * remembers T, that dataset's identifier and how many datasets of date T were handed out (k): the next
 * query starts at offset k − 1 and must begin with that dataset. Offsets therefore stay within the datasets
 * that share one date, far below the ceiling.</li>
 * </ol>
 * Why this order: an edit moves a dataset to the end (its date becomes the newest), where it is read (again,
 * harmlessly); a deletion behind the position shifts nothing. Only a change among the datasets of date T
 * before the position shifts the offset; then the query does not begin with the expected dataset, and the
 * walk re-reads the datasets of date T from the first, skipping those up to the last one handed out (by
 * identifier). A restart resumes from the saved position, computed against the catalog as it is then.
 * <p>
 * Limits: more than 10,000 datasets sharing one date (or without a date) cannot be paged through, and raise
 * {@link OdsCatalogTooLargeException}. A dataset whose date is set back by hand during the run, behind the
 * position, is missed by this run.
 * <p>
 * Positions: {@code u:<offset>} in the undated phase, {@code d} at the start of the dated one,
 * {@code d:<T in epoch ms>:<k>:<dataset_id>} after a dated dataset.
 */
final class ModifiedDateWalk {

    static final String FIELD = "default.modified";
    static final String START = "u:0";
    static final String BY_DATE = FIELD + "," + ExploreV21CatalogApi.BY_ID;
    private static final String UNDATED = "u:";
    private static final String DATED = "d";

    private final ExploreV21CatalogApi api;

    ModifiedDateWalk(ExploreV21CatalogApi api) {
        this.api = api;
    }

    CatalogPage fetch(String position, int limit) {
        if (position.startsWith(UNDATED)) {
            return undated(parseLong(position.substring(UNDATED.length()), position), limit);
        }
        if (position.equals(DATED)) {
            return dated(null, 0, null, limit);
        }
        String[] parts = position.split(":", 4);
        if (parts.length != 4 || !parts[0].equals(DATED)) {
            throw new IllegalArgumentException("not a position of the Explore API v2.1 catalog: " + position);
        }
        Instant date = Instant.ofEpochMilli(parseLong(parts[1], position));
        long count = parseLong(parts[2], position);
        return dated(date, count, parts[3].isEmpty() ? null : parts[3], limit);
    }

    private CatalogPage undated(long offset, int limit) {
        if (offset >= ExploreV21CatalogApi.MAX_WINDOW) {
            throw new OdsCatalogTooLargeException(api.systemName() + " lists more than 10,000 datasets without a"
                    + " modification date matching the filters; the Explore API v2.1 cannot page through them:"
                    + " narrow the harvest with --ods.refine.<facet>=<value> / --ods.exclude.<facet>=<value>", -1);
        }
        int asked = ExploreV21CatalogApi.clamp(offset, limit);
        ExploreV21CatalogApi.Answer answer = api.query(FIELD + " is null", ExploreV21CatalogApi.BY_ID, offset, asked);
        List<JsonNode> items = answer.items();
        if (items.isEmpty()) {
            return dated(null, 0, null, limit);
        }
        boolean phaseEnds = items.size() < asked || offset + items.size() >= answer.total();
        List<String> positions = new ArrayList<>(items.size());
        for (int i = 1; i <= items.size(); i++) {
            positions.add(phaseEnds && i == items.size() ? DATED : UNDATED + (offset + i));
        }
        // the dated datasets come after these: the page is never the last, and how many remain is unknown
        return new CatalogPage(api.parse(items), positions, false, -1);
    }

    /**
     * The dated datasets after the position (date, count, lastId); a null date is the start of the phase. A
     * null lastId (an item without identifier was handed out last) trusts the count alone.
     */
    private CatalogPage dated(Instant date, long count, String lastId, int limit) {
        String where = date == null ? FIELD + " is not null" : FIELD + " >= date'" + date + "'";
        long offset = date == null ? 0 : lastId != null ? count - 1 : count;
        boolean verify = date != null && lastId != null && offset > 0;
        while (true) {
            if (offset >= ExploreV21CatalogApi.MAX_WINDOW) {
                throw new OdsCatalogTooLargeException(api.systemName() + " lists more than 10,000 datasets modified"
                        + " at " + date + " matching the filters; the Explore API v2.1 cannot page through them:"
                        + " narrow the harvest with --ods.refine.<facet>=<value> / --ods.exclude.<facet>=<value>",
                        -1);
            }
            int asked = ExploreV21CatalogApi.clamp(offset, limit);
            ExploreV21CatalogApi.Answer answer = api.query(where, BY_DATE, offset, asked);
            List<JsonNode> items = answer.items();
            if (verify) {
                verify = false;
                if (items.isEmpty() || !lastId.equals(text(items.get(0).get("dataset_id")))
                        || !date.equals(modified(items.get(0)))) {
                    // the datasets of this date changed since the position was taken: read them from the first
                    offset = 0;
                    continue;
                }
            }
            boolean endOfDates = items.size() < asked || offset + items.size() >= answer.total();
            List<JsonNode> kept = new ArrayList<>(items.size());
            List<String> positions = new ArrayList<>(items.size());
            Map<Instant, Long> seenPerDate = new HashMap<>();
            Instant previousDate = date;
            long previousCount = count;
            int skipped = 0;
            for (JsonNode item : items) {
                Instant itemDate = modified(item);
                String id = text(item.get("dataset_id"));
                if (itemDate == null) {
                    itemDate = previousDate; // not in a "modified >= T" answer; count it with its predecessor
                }
                long before = seenPerDate.merge(itemDate == null ? Instant.EPOCH : itemDate, 1L, Long::sum) - 1;
                if (date != null && date.equals(itemDate) && lastId != null && id != null && id.compareTo(lastId) <= 0) {
                    skipped++;
                    continue; // handed out already
                }
                long itemCount;
                if (itemDate == null) {
                    itemCount = previousCount + 1;
                } else {
                    // the datasets of date T come first in the answer, from its offset; any later date starts
                    // within this page
                    itemCount = (itemDate.equals(date) ? offset : 0) + before + 1;
                }
                kept.add(item);
                positions.add(DATED + ":" + (itemDate == null ? 0 : itemDate.toEpochMilli()) + ":" + itemCount + ":"
                        + (id == null ? "" : id));
                previousDate = itemDate;
                previousCount = itemCount;
            }
            if (kept.isEmpty() && !endOfDates) {
                offset += items.size(); // a full page of datasets handed out already
                continue;
            }
            return new CatalogPage(api.parse(kept), positions, endOfDates,
                    Math.max(0, answer.total() - offset - skipped));
        }
    }

    /** {@code metas.default.modified} as an instant; null when absent or unreadable. */
    static Instant modified(JsonNode item) {
        String text = text(item == null ? null : item.path("metas").path("default").get("modified"));
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
    }

    private static String text(JsonNode node) {
        return node == null || !node.isString() || node.asString().isBlank() ? null : node.asString();
    }

    private static long parseLong(String text, String position) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a position of the Explore API v2.1 catalog: " + position);
        }
    }
}
