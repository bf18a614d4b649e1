package org.odsharvester.mapping;

import java.util.Locale;
import java.util.Map;

/**
 * The texts the harvester writes itself, in the language of {@code harvest.language} ({@code fr} or
 * {@code en}): export resource titles and the description of a dataset that has none.
 * <p>
 * The title of an untitled attachment or alternative export is {@code No title} in both languages, as
 * SPEC §3 says (and as the {@code udata-ods} plugin wrote it, so resources it created keep their title).
 */
public final class GeneratedTexts {

    /** Title of a file that has none (SPEC §3: {@code No title}, whatever the language). */
    public static final String NO_TITLE = "No title";

    private static final Map<String, String> FORMAT_LABELS = Map.of(
            "csv", "CSV", "json", "JSON", "geojson", "GeoJSON", "shp", "Shapefile");

    private final boolean french;

    /** @param language {@code fr} or {@code en} (case-insensitive) */
    public GeneratedTexts(String language) {
        String code = language == null ? "" : language.trim().toLowerCase(Locale.ROOT);
        if (!code.equals("fr") && !code.equals("en")) {
            throw new IllegalArgumentException("language must be fr or en, not '" + language + "'");
        }
        this.french = code.equals("fr");
    }

    public String language() {
        return french ? "fr" : "en";
    }

    /** {@code Export au format CSV} / {@code CSV format export}, for {@code csv json geojson shp}. */
    public String exportTitle(String format) {
        String label = FORMAT_LABELS.getOrDefault(format, format.toUpperCase(Locale.ROOT));
        return french ? "Export au format " + label : label + " format export";
    }

    /** The title of an untitled file. */
    public String untitled() {
        return NO_TITLE;
    }

    /**
     * The description of a dataset that has none (udata refuses an empty description): names the
     * source portal and the dataset identifier, and links to the dataset on the portal.
     */
    public String fallbackDescription(String portalUrl, String datasetId, String odsUrl) {
        if (french) {
            return "Jeu de données `" + datasetId + "` moissonné depuis le portail Opendatasoft " + portalUrl
                    + ", où il n'a pas de description.\n\nPage d'origine : " + odsUrl;
        }
        return "Dataset `" + datasetId + "` harvested from the Opendatasoft portal " + portalUrl
                + ", where it has no description.\n\nOriginal page: " + odsUrl;
    }
}
