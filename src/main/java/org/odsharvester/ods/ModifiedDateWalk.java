package org.odsharvester.ods;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Walks a v2.1 catalog of any size without an offset past the API's 10,000 ceiling: by modification date
 * ({@code metas.default.modified}), the one catalog field whose {@code where} accepts ranges (text fields
 * only have {@code =}).
 * <ol>
 * <li>The datasets without a modification date: {@code where=default.modified is null}, by offset in
 * {@code dataset_id} order. Usually none (the platform dates every dataset): one request.</li>
 * <li>The dated ones, by keyset: {@code where=default.modified >= date'<S>'} ordered by
 * {@code default.modified,dataset_id}, where T is the date of the last dataset handed out and S is T cut to
 * the whole second. The position remembers T exactly (portals stamp microseconds, and hundreds of datasets
 * often share one instant), that dataset's identifier and how many datasets of second S were handed out (k):
 * the next query starts at offset k − 1 and must begin with that dataset at instant T. Offsets therefore stay
 * within the datasets of one second, far below the ceiling.</li>
 * </ol>
 * Why this order: an edit moves a dataset to the end (its date becomes the newest), where it is read (again,
 * harmlessly); a deletion behind the position shifts nothing. Only a change among the datasets of second S
 * before the position shifts the offset; then the query does not begin with the expected dataset, and the
 * walk re-reads the datasets of second S from the first, skipping those up to the last one handed out (by
 * instant, then identifier, the order the portal sorts in as far as its dates show). A restart resumes from the
 * saved position, computed against the catalog as it is then.
 * <p>
 * Limits: more than 10,000 datasets within one second (or without a date) cannot be paged through, and raise
 * {@link OdsCatalogTooLargeException}. A dataset whose date is set back by hand during the run, behind the
 * position, is missed by this run.
 * <p>
 * Positions: {@code u:<offset>} in the undated phase, {@code d} at the start of the dated one,
 * {@code d:<T in epoch seconds>.<nanoseconds>:<k>:<dataset_id>} after a dated dataset (earlier versions saved
 * T in epoch milliseconds: such a position is still read, and resumes within its second comparing dates to
 * the millisecond).
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
            return dated(null, 0, null, ChronoUnit.NANOS, limit);
        }
        String[] parts = position.split(":", 4);
        if (parts.length != 4 || !parts[0].equals(DATED)) {
            throw new IllegalArgumentException("not a position of the Explore API v2.1 catalog: " + position);
        }
        Instant date = instant(parts[1], position);
        long count = parseLong(parts[2], position);
        // a position of an earlier version holds milliseconds: compare the portal's dates at that precision
        ChronoUnit precision = parts[1].indexOf('.') < 0 ? ChronoUnit.MILLIS : ChronoUnit.NANOS;
        return dated(date, count, parts[3].isEmpty() ? null : parts[3], precision, limit);
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
            return dated(null, 0, null, ChronoUnit.NANOS, limit);
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
     * The dated datasets after the position (last, count, lastId); a null {@code last} is the start of the phase.
     * A null lastId (an item without identifier was handed out last) trusts the count alone.
     * <p>
     * The query's lower bound is {@code last} cut to the whole second: that literal has the precision of ODS's
     * documented examples, and it is below the portal's instant whatever precision the portal compares at. The
     * count is therefore of the datasets handed out within that second, in the portal's order.
     */
    private CatalogPage dated(Instant last, long count, String lastId, ChronoUnit precision, int limit) {
        Instant second = last == null ? null : last.truncatedTo(ChronoUnit.SECONDS);
        String where = second == null ? FIELD + " is not null" : FIELD + " >= " + literal(second);
        long offset = second == null ? 0 : lastId != null ? count - 1 : count;
        boolean verify = lastId != null;
        boolean reread = false; // the answer is read from the second's first dataset after a change
        while (true) {
            if (offset >= ExploreV21CatalogApi.MAX_WINDOW) {
                throw new OdsCatalogTooLargeException(api.systemName() + " lists more than 10,000 datasets modified"
                        + " within " + second + " matching the filters; the Explore API v2.1 cannot page through"
                        + " them: narrow the harvest with --ods.refine.<facet>=<value> /"
                        + " --ods.exclude.<facet>=<value>", -1);
            }
            int asked = ExploreV21CatalogApi.clamp(offset, limit);
            ExploreV21CatalogApi.Answer answer = api.query(where, BY_DATE, offset, asked);
            List<JsonNode> items = answer.items();
            int skipped = 0;
            if (verify) {
                verify = false;
                if (!items.isEmpty() && lastId.equals(text(items.get(0).get("dataset_id")))
                        && last.equals(truncated(modified(items.get(0)), precision))) {
                    skipped = 1; // the last dataset handed out, where the position said: the rest is new
                } else if (offset > 0) {
                    // the datasets of this second changed since the position was taken: read them from the first
                    offset = 0;
                    reread = true;
                    continue;
                } else {
                    reread = true;
                }
            }
            boolean endOfDates = items.size() < asked || offset + items.size() >= answer.total();
            List<JsonNode> kept = new ArrayList<>(items.size());
            List<String> positions = new ArrayList<>(items.size());
            Map<Instant, Long> seenPerSecond = new HashMap<>();
            Instant previous = last;
            long previousCount = count;
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                Instant itemDate = modified(item);
                String id = text(item.get("dataset_id"));
                if (itemDate == null) {
                    itemDate = previous; // not in a "modified >= T" answer; count it with its predecessor
                }
                Instant itemSecond = itemDate == null ? Instant.EPOCH : itemDate.truncatedTo(ChronoUnit.SECONDS);
                long before = seenPerSecond.merge(itemSecond, 1L, Long::sum) - 1;
                if (i < skipped || reread && handedOut(truncated(itemDate, precision), id, second, last, lastId)) {
                    continue;
                }
                long itemCount;
                if (itemDate == null) {
                    itemCount = previousCount + 1;
                } else {
                    // the datasets of the position's second come first in the answer, from its offset; any later
                    // second starts within this page
                    itemCount = (itemSecond.equals(second) ? offset : 0) + before + 1;
                }
                kept.add(item);
                positions.add(position(itemDate, itemCount, id));
                previous = itemDate;
                previousCount = itemCount;
            }
            skipped = items.size() - kept.size();
            if (kept.isEmpty() && !endOfDates) {
                offset += items.size(); // a full page of datasets handed out already
                continue;
            }
            return new CatalogPage(api.parse(kept), positions, endOfDates,
                    Math.max(0, answer.total() - offset - skipped));
        }
    }

    /**
     * After a change among the datasets of the position's second: whether a dataset of the answer was handed
     * out already, by the order the portal sorts in (its instant, then its identifier).
     */
    private static boolean handedOut(Instant itemDate, String id, Instant second, Instant last, String lastId) {
        if (itemDate == null || last == null || lastId == null || id == null
                || !itemDate.truncatedTo(ChronoUnit.SECONDS).equals(second)) {
            return false;
        }
        int byDate = itemDate.compareTo(last);
        return byDate < 0 || byDate == 0 && id.compareTo(lastId) <= 0;
    }

    private static Instant truncated(Instant date, ChronoUnit precision) {
        return date == null ? null : date.truncatedTo(precision);
    }

    /**
     * An ODSQL date literal for a whole second, in UTC: ISO 8601 as the ODSQL documentation asks ("Date literal",
     * Explore API v2.1 reference), with no fraction (its examples have none).
     */
    static String literal(Instant second) {
        return "date'" + DateTimeFormatter.ISO_INSTANT.format(second.truncatedTo(ChronoUnit.SECONDS)) + "'";
    }

    /** {@code d:<seconds>.<nanoseconds>:<count>:<dataset_id>}: the portal's instant exactly, not cut to ms. */
    private static String position(Instant date, long count, String id) {
        String instant = date == null ? "0.000000000"
                : date.getEpochSecond() + "." + String.format(Locale.ROOT, "%09d", date.getNano());
        return DATED + ":" + instant + ":" + count + ":" + (id == null ? "" : id);
    }

    /** The instant of a position: {@code <seconds>.<nanoseconds>}, or epoch milliseconds (saved by earlier versions). */
    private static Instant instant(String text, String position) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            return Instant.ofEpochMilli(parseLong(text, position));
        }
        String nanos = text.substring(dot + 1);
        if (nanos.length() != 9) {
            throw new IllegalArgumentException("not a position of the Explore API v2.1 catalog: " + position);
        }
        return Instant.ofEpochSecond(parseLong(text.substring(0, dot), position), parseLong(nanos, position));
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
