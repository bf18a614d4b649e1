package org.odsharvester.ods;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * What the portal published for one dataset, to tell whether it changed since the harvester last wrote it. Two
 * views, each compared with its own kind only:
 * <ul>
 * <li>{@code signals}: the change signals the portal sets itself, {@code dataset_id} (a rename is a change),
 * {@code metadata_processed} (every (re)publication) and {@code data_processed}, the dates as instants (so that
 * {@code +00:00} and {@code Z}, or six and three fraction digits, are the same date). {@code modified} is not one:
 * a person sets it by hand on many portals. What the catalog listing gives, and what a full record gives too, so
 * that a full pass and the next listing agree. Null when the portal gives no {@code metadata_processed}: such a
 * dataset is always fetched.</li>
 * <li>{@code rawHash}: a hash of the item's JSON exactly as the portal answered it, where the whole item was read
 * (paging through the catalog, fetching a record): any byte that changed is a change.</li>
 * </ul>
 * Neither includes the version of the harvester's mapping: the comparison adds it (see
 * {@code udata.SourceStates}).
 *
 * @param signals the normalised change signals, or null when they are not enough to tell
 * @param rawHash {@link org.odsharvester.ContentHash} of the raw item, or null when the item was not read whole (a
 *                listing entry)
 */
public record SourceSignature(@Nullable String signals, @Nullable String rawHash) {

    /** The change signals of a dataset, or null when {@code metadataProcessed} is missing (nothing to tell by). */
    public static @Nullable String signals(@Nullable String datasetId, @Nullable String metadataProcessed,
            @Nullable String dataProcessed) {
        if (datasetId == null || metadataProcessed == null || metadataProcessed.isBlank()) {
            return null;
        }
        return datasetId + "\u0000" + instant(metadataProcessed) + "\u0000"
                + (dataProcessed == null ? "" : instant(dataProcessed));
    }

    /** An ISO 8601 date with offset as its UTC instant; anything else as given, trimmed. */
    static String instant(String date) {
        String trimmed = date.strip();
        String utc = trimmed.endsWith("+00:00") ? trimmed.substring(0, trimmed.length() - 6)
                : trimmed.endsWith("Z") ? trimmed.substring(0, trimmed.length() - 1) : null;
        if (utc != null && utc.length() >= 19 && utc.charAt(10) == 'T' && utc.indexOf('+') < 0) {
            // the way portals write UTC: the fraction without its trailing zeros is the instant, no parsing
            // (thousands of dates per run)
            int dot = utc.indexOf('.');
            if (dot >= 0) {
                int end = utc.length();
                while (end > dot + 1 && utc.charAt(end - 1) == '0') {
                    end--;
                }
                utc = utc.substring(0, end == dot + 1 ? dot : end);
            }
            return utc + "Z";
        }
        try {
            return instant(OffsetDateTime.parse(trimmed).toInstant().toString());
        } catch (DateTimeParseException e) {
            return trimmed;
        }
    }

    /** SHA-256 of a text, in hexadecimal. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
