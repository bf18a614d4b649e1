package org.odsharvester.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The udata license id of an ODS dataset, from its free-text {@code license} and its {@code license_url}
 * (SPEC §3 "license"). Modelled on udata's own {@code License.guess}, which does the same against its
 * license collection.
 * <p>
 * The candidates are the license text, the license URL, and — like udata's {@code extract_first_url} —
 * the first URL found inside the text and the text without it. Each step is tried on every candidate
 * before the next step:
 * <ol>
 *   <li><b>exact</b>, against the licenses the target udata knows: the id (case-insensitive), the title or
 *       an alternate title compared as slugs (so case, accents and punctuation do not matter:
 *       {@code "Licence Ouverte / Open Licence"} = {@code "licence-ouverte-open-licence"}), the URL or an
 *       alternate URL compared without scheme, {@code www.}, trailing slash or case;</li>
 *   <li><b>the SPEC table</b> ({@link #TABLE}), compared as slugs;</li>
 *   <li><b>near match</b> on the slugs of the titles, alternate titles and table names, with the
 *       Levenshtein distance udata uses ({@code MAX_DISTANCE = 2}), made more conservative:
 *       at most 1 edit when the shorter slug has fewer than 12 characters, 0 below 6 (so that
 *       {@code cc-by-nc} never becomes {@code cc-by-sa}); the digits of both must be the same (a
 *       version is never guessed: {@code v1} is not {@code v2}); and, like udata, exactly one license
 *       may be within reach, else there is no guess;</li>
 *   <li>otherwise the {@code defaultLicense}.</li>
 * </ol>
 * <b>Unknown ids.</b> udata silently turns a license id it does not know into "no license". So when the
 * target's licenses are known ({@code known} not empty), a table entry — and a near match on a table
 * name — is used only if udata knows its id; otherwise the guess goes on. With an empty {@code known}
 * list (a dry run without udata) the table is used as it is. The default is returned as given.
 * <p>
 * Immutable and thread-safe; matching costs a few microseconds per dataset.
 */
public class LicenseGuesser {

    /** SPEC §3 license table (also the {@code udata-ods} plugin's): ODS license name → udata id. */
    public static final Map<String, String> TABLE = tableInOrder();

    /** A text longer than this is no license name: only its URL, if any, is looked at. */
    private static final int MAX_TEXT = 500;
    private static final Pattern URL = Pattern.compile("(?i)(https?://\\S+)");
    private static final Pattern DIGITS = Pattern.compile("[^0-9]+");

    private final List<KnownLicense> known;
    private final String defaultLicense;
    private final Set<String> knownIds;
    /** slug of id, title or alternate title → license id (first license wins). */
    private final Map<String, String> bySlug = new LinkedHashMap<>();
    /** normalised URL → license id. */
    private final Map<String, String> byUrl = new LinkedHashMap<>();
    /** slug of a table name → udata id, only the entries that may be used (never the empty slug). */
    private final Map<String, String> tableBySlug = new LinkedHashMap<>();
    /** all names a near match is tried on: slug → license id. */
    private final List<Map.Entry<String, String>> nearNames = new ArrayList<>();

    /**
     * @param known          the target's licenses ({@code GET /api/1/datasets/licenses/}); empty in a dry run
     * @param defaultLicense the id used when nothing can be guessed ({@code harvest.default-license})
     */
    public LicenseGuesser(List<KnownLicense> known, String defaultLicense) {
        this.known = known == null ? List.of() : List.copyOf(known);
        this.defaultLicense = defaultLicense;
        this.knownIds = new LinkedHashSet<>();
        for (KnownLicense license : this.known) {
            if (license.id() == null || license.id().isBlank()) {
                continue;
            }
            String id = license.id();
            knownIds.add(id.toLowerCase(Locale.ROOT));
            bySlug.putIfAbsent(UdataSlug.slug(id), id);
            addName(license.title(), id);
            license.alternateTitles().forEach(title -> addName(title, id));
            addUrl(license.url(), id);
            license.alternateUrls().forEach(url -> addUrl(url, id));
        }
        TABLE.forEach((name, id) -> {
            if (this.known.isEmpty() || knownIds.contains(id.toLowerCase(Locale.ROOT))) {
                String udataId = canonicalId(id);
                tableBySlug.putIfAbsent(UdataSlug.slug(name), udataId);
                nearNames.add(Map.entry(UdataSlug.slug(name), udataId));
            }
        });
    }

    /** The licenses this guesser matches against. */
    public List<KnownLicense> known() {
        return known;
    }

    /**
     * @param licenseText ODS {@code license}, free text, may be null
     * @param licenseUrl  ODS {@code license_url}, may be null
     * @return a udata license id, the default when nothing matched
     */
    public String guess(String licenseText, String licenseUrl) {
        List<String> candidates = candidates(licenseText, licenseUrl);
        for (String candidate : candidates) {
            String exact = exactKnown(candidate);
            if (exact != null) {
                return exact;
            }
        }
        for (String candidate : candidates) {
            String fromTable = tableBySlug.get(UdataSlug.slug(candidate));
            if (fromTable != null) {
                return fromTable;
            }
        }
        for (String candidate : candidates) {
            String near = near(candidate);
            if (near != null) {
                return near;
            }
        }
        return defaultLicense;
    }

    private static List<String> candidates(String licenseText, String licenseUrl) {
        List<String> candidates = new ArrayList<>();
        if (licenseText != null && !licenseText.isBlank()) {
            String text = licenseText.strip();
            Matcher url = URL.matcher(text);
            if (url.find()) {
                String found = url.group(1).replaceAll("[.,;)]+$", "");
                String rest = (text.substring(0, url.start()) + " " + text.substring(url.end())).strip();
                if (text.length() <= MAX_TEXT) {
                    candidates.add(text);
                }
                candidates.add(found);
                if (!rest.isEmpty() && rest.length() <= MAX_TEXT) {
                    candidates.add(rest);
                }
            } else if (text.length() <= MAX_TEXT) {
                candidates.add(text);
            }
        }
        if (licenseUrl != null && !licenseUrl.isBlank() && licenseUrl.length() <= MAX_TEXT) {
            candidates.add(licenseUrl.strip());
        }
        return candidates;
    }

    private String exactKnown(String candidate) {
        if (looksLikeUrl(candidate)) {
            String id = byUrl.get(normaliseUrl(candidate));
            if (id != null) {
                return id;
            }
        }
        for (KnownLicense license : known) {
            if (license.id() != null && license.id().equalsIgnoreCase(candidate)) {
                return license.id();
            }
        }
        String slug = UdataSlug.slug(candidate);
        return slug.isEmpty() ? null : bySlug.get(slug);
    }

    private String near(String candidate) {
        if (looksLikeUrl(candidate)) {
            return null;
        }
        String slug = UdataSlug.slug(candidate);
        if (slug.isEmpty()) {
            return null;
        }
        Set<String> reached = new LinkedHashSet<>();
        for (Map.Entry<String, String> name : nearNames) {
            if (isNear(slug, name.getKey())) {
                reached.add(name.getValue());
            }
        }
        return reached.size() == 1 ? reached.iterator().next() : null;
    }

    /** Levenshtein within the allowed distance, same digits. */
    static boolean isNear(String a, String b) {
        int shorter = Math.min(a.length(), b.length());
        int allowed = shorter >= 12 ? 2 : shorter >= 6 ? 1 : 0;
        if (allowed == 0 || Math.abs(a.length() - b.length()) > allowed) {
            return false;
        }
        if (!DIGITS.matcher(a).replaceAll("").equals(DIGITS.matcher(b).replaceAll(""))) {
            return false;
        }
        return LevenshteinDistance.getDefaultInstance().apply(a, b) <= allowed;
    }

    private void addName(String name, String id) {
        if (name == null || name.isBlank()) {
            return;
        }
        String slug = UdataSlug.slug(name);
        if (!slug.isEmpty()) {
            bySlug.putIfAbsent(slug, id);
            nearNames.add(Map.entry(slug, id));
        }
    }

    private void addUrl(String url, String id) {
        if (url != null && !url.isBlank()) {
            byUrl.putIfAbsent(normaliseUrl(url), id);
        }
    }

    /** The id as udata spells it when it knows it, else as the table spells it. */
    private String canonicalId(String id) {
        for (KnownLicense license : known) {
            if (id.equalsIgnoreCase(license.id())) {
                return license.id();
            }
        }
        return id;
    }

    private static boolean looksLikeUrl(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("www.");
    }

    /** {@code HTTPS://www.Example.org/a/} → {@code example.org/a}. */
    static String normaliseUrl(String url) {
        String value = url.strip().toLowerCase(Locale.ROOT);
        value = value.replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        value = value.replaceFirst("^www\\.", "");
        int fragment = value.indexOf('#');
        if (fragment >= 0) {
            value = value.substring(0, fragment);
        }
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        return value;
    }

    private static Map<String, String> tableInOrder() {
        Map<String, String> table = new LinkedHashMap<>();
        table.put("Open Database License (ODbL)", "odc-odbl");
        table.put("Licence Ouverte (Etalab)", "fr-lo");
        table.put("Licence ouverte / Open Licence", "fr-lo");
        table.put("CC BY-SA", "cc-by-sa");
        table.put("Public Domain", "other-pd");
        return java.util.Collections.unmodifiableMap(table);
    }
}
