package org.odsharvester.mapping;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The udata {@code format} and {@code mime} of an ODS attachment or alternative export, from the
 * mimetype the portal declares and the original file name (SPEC §3: {@code application/xls} +
 * {@code extra.xls} → {@code xls}, {@code application/vnd.ms-excel}).
 * <p>
 * Rules:
 * <ul>
 *   <li><b>format</b>: the file extension when it is a known one (it is the most specific:
 *       {@code .geojson} under {@code application/json}, {@code .xlsx} under
 *       {@code application/octet-stream}); else the format of a known mimetype (also its common
 *       aliases such as {@code application/xls}); else the unknown extension as it is (lower-cased);
 *       else none.</li>
 *   <li><b>mime</b>: the declared mimetype when it is a registered one (its parameters such as
 *       {@code ;charset=} dropped); else the registered mimetype of the known extension, or of the
 *       known alias; else the declared mimetype as given (possibly null).</li>
 * </ul>
 * Generic mimetypes ({@code application/octet-stream}, {@code application/force-download}…) carry no
 * format and are replaced by the extension's mimetype when there is one.
 */
public class FormatGuesser {

    /** A guessed udata format (lower-case extension) and mimetype; either may be null. */
    public record Guess(String format, String mime) {
    }

    /** Extension → registered mimetype ({@code jpeg}, {@code htm}… are spellings of the same format). */
    private static final Map<String, String> MIME_BY_EXTENSION = Map.ofEntries(
            Map.entry("csv", "text/csv"), Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("json", "application/json"), Map.entry("geojson", "application/vnd.geo+json"),
            Map.entry("jsonld", "application/ld+json"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("odp", "application/vnd.oasis.opendocument.presentation"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("pdf", "application/pdf"), Map.entry("rtf", "application/rtf"),
            Map.entry("txt", "text/plain"), Map.entry("md", "text/markdown"),
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"),
            Map.entry("xml", "application/xml"), Map.entry("rdf", "application/rdf+xml"),
            Map.entry("ttl", "text/turtle"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("7z", "application/x-7z-compressed"), Map.entry("tar", "application/x-tar"),
            Map.entry("kml", "application/vnd.google-earth.kml+xml"),
            Map.entry("kmz", "application/vnd.google-earth.kmz"),
            Map.entry("gpx", "application/gpx+xml"), Map.entry("gpkg", "application/geopackage+sqlite3"),
            Map.entry("parquet", "application/vnd.apache.parquet"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("svg", "image/svg+xml"),
            Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"));

    /** Other spellings of an extension above: never chosen as the format of a mimetype. */
    private static final Set<String> ALTERNATIVE_SPELLINGS = Set.of("htm", "jpeg", "tiff");

    /** Registered mimetypes → their usual extension. */
    private static final Map<String, String> EXTENSION_BY_MIME = extensionsByMime();

    /** Unregistered spellings seen in the wild → extension. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("application/xls", "xls"), Map.entry("application/excel", "xls"),
            Map.entry("application/x-excel", "xls"), Map.entry("application/x-msexcel", "xls"),
            Map.entry("application/msexcel", "xls"), Map.entry("application/x-xls", "xls"),
            Map.entry("application/x-zip-compressed", "zip"), Map.entry("application/x-zip", "zip"),
            Map.entry("multipart/x-zip", "zip"), Map.entry("application/x-gzip", "gz"),
            Map.entry("application/geo+json", "geojson"), Map.entry("text/xml", "xml"),
            Map.entry("application/csv", "csv"), Map.entry("text/comma-separated-values", "csv"),
            Map.entry("application/x-pdf", "pdf"), Map.entry("text/json", "json"),
            Map.entry("image/jpg", "jpg"));

    private static final Set<String> GENERIC = Set.of(
            "application/octet-stream", "binary/octet-stream", "application/force-download",
            "application/x-download", "application/download", "application/unknown", "application/binary");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,10}");

    private static Map<String, String> extensionsByMime() {
        Map<String, String> byMime = new HashMap<>();
        MIME_BY_EXTENSION.forEach((extension, mime) -> {
            if (!ALTERNATIVE_SPELLINGS.contains(extension)) {
                byMime.put(mime, extension);
            }
        });
        return Map.copyOf(byMime);
    }

    /**
     * @param mimetype as declared by the portal, may be null
     * @param fileName the original file name ({@code extra.xls}), may be null
     */
    public Guess guess(String mimetype, String fileName) {
        String declared = mimetype == null || mimetype.isBlank() ? null : mimetype.trim();
        String mime = declared == null ? null : declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (mime != null && GENERIC.contains(mime)) {
            mime = null;
        }
        String extension = extension(fileName);
        boolean knownExtension = extension != null && MIME_BY_EXTENSION.containsKey(extension);
        String mimeFormat = mime == null ? null : EXTENSION_BY_MIME.getOrDefault(mime, ALIASES.get(mime));

        String format = knownExtension ? extension : mimeFormat != null ? mimeFormat : extension;

        String guessedMime;
        if (mime != null && EXTENSION_BY_MIME.containsKey(mime)) {
            guessedMime = mime;
        } else if (knownExtension) {
            guessedMime = MIME_BY_EXTENSION.get(extension);
        } else if (mimeFormat != null) {
            guessedMime = MIME_BY_EXTENSION.get(mimeFormat);
        } else {
            guessedMime = declared;
        }
        return new Guess(format, guessedMime);
    }

    /** The lower-case extension of a file name, or null when it has none that looks like one. */
    static String extension(String fileName) {
        if (fileName == null) {
            return null;
        }
        String name = fileName.trim();
        int query = name.indexOf('?');
        if (query >= 0) {
            name = name.substring(0, query);
        }
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return null;
        }
        String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return EXTENSION.matcher(extension).matches() ? extension : null;
    }
}
