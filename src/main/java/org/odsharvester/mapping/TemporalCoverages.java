package org.odsharvester.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.odsharvester.udata.UdataDataset.TemporalCoverage;

/**
 * The udata {@code temporal_coverage} of ODS's {@code temporal_coverage_start} / {@code temporal_coverage_end}.
 * <p>
 * Each date is a date ({@code 2013-01-01}) or a date-time ({@code 2013-01-01T00:00:00+00:00}), of which the date
 * as written is kept, as udata's {@code DateRangeField} keeps it (dateutil's {@code parse(…).date()}). The result
 * is what udata stores and answers, so that it compares equal to it on the next run: {@code YYYY-MM-DD}, start
 * and end swapped when the start is later (udata's {@code DateRange.clean} swaps them too), a start alone for an
 * open period (udata's {@code end} is optional).
 * <p>
 * Null, meaning "the source does not tell", when there is no start (udata needs one), or when a date is there but
 * is not a full date: a year alone would be completed by udata with today's month and day, a different period
 * every day; free text such as {@code metas.dcat.temporal} is not read at all.
 */
public final class TemporalCoverages {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private TemporalCoverages() {
    }

    public static @Nullable TemporalCoverage of(@Nullable String start, @Nullable String end) {
        if (start == null || start.isBlank()) {
            return null;
        }
        LocalDate from = date(start);
        LocalDate to = end == null || end.isBlank() ? null : date(end);
        if (from == null || to == null && end != null && !end.isBlank()) {
            return null;
        }
        if (to != null && from.isAfter(to)) {
            LocalDate later = from;
            from = to;
            to = later;
        }
        return new TemporalCoverage(from.toString(), to == null ? null : to.toString());
    }

    /** The date as written in a date or ISO date-time, or null. */
    static @Nullable LocalDate date(String text) {
        String value = text.strip();
        try {
            if (DATE.matcher(value).matches()) {
                return LocalDate.parse(value);
            }
            if (value.length() > 10 && DATE.matcher(value.substring(0, 10)).matches()) {
                value = value.charAt(10) == ' ' ? value.substring(0, 10) + 'T' + value.substring(11) : value;
                try {
                    return OffsetDateTime.parse(value).toLocalDate();
                } catch (DateTimeException noOffset) {
                    return LocalDateTime.parse(value).toLocalDate();
                }
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }
}
