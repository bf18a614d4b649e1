package org.odsharvester.mapping;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The udata frequency of an ODS {@code accrualperiodicity}, only when it maps unambiguously; else null, which
 * means "the source does not tell" (udata's {@code unknown} is never sent over a value a person set).
 * <p>
 * Looked up in this order:
 * <ol>
 * <li>a Dublin Core ({@code http://purl.org/cld/freq/…}) or EU ({@code http://publications.europa.eu/resource/
 * authority/frequency/…}) frequency URI, http or https, with the table of udata 17.6's own
 * {@code frequency_from_rdf} ({@code udata/core/dataset/rdf.py}, {@code FREQ_TERM_TO_UDATA} and
 * {@code EUFREQ_TERM_TO_UDATA});</li>
 * <li>the fixed list of French labels ODS offers in its DCAT template ({@code Mensuelle}, {@code Sans
 * régularité}…);</li>
 * <li>the bare identifier of one of those URIs or a udata id ({@code monthly}, {@code MONTHLY_2},
 * {@code notPlanned}), in any case, as {@code frequency_from_rdf} reads a literal;</li>
 * <li>a short table of free texts portals type that name one frequency only, in French, English, Portuguese and
 * Spanish ({@code En continu}, {@code Mensal}, {@code tous les jours}). Words that mean two things are left out:
 * {@code bimensuel} (twice a month or every two months), {@code bisannuel}, {@code bi-weekly}, {@code biannual}
 * (udata takes the last for twice a year; English speakers do not agree).</li>
 * </ol>
 * Case, accents, surrounding spaces and a final full stop do not matter. Every result is one of udata 17.6's
 * {@code UpdateFrequency} ids ({@code udata/core/dataset/constants.py}; {@link #UDATA_IDS}), never a legacy one
 * that udata would store under another name.
 */
public final class UpdateFrequencies {

    /** udata 17.6 {@code udata/core/dataset/constants.py} {@code UpdateFrequency} ids. */
    public static final Set<String> UDATA_IDS = Set.of("continuous", "oneMinute", "fiveMinutes", "tenMinutes",
            "fifteenMinutes", "thirtyMinutes", "hourly", "bihourly", "trihourly", "twelveHours", "severalTimesADay",
            "threeTimesADay", "semidaily", "daily", "fiveTimesAWeek", "threeTimesAWeek", "semiweekly", "weekly",
            "biweekly", "threeTimesAMonth", "semimonthly", "monthly", "bimonthly", "quarterly", "threeTimesAYear",
            "semiannual", "annual", "biennial", "triennial", "quadrennial", "quinquennial", "decennial",
            "bidecennial", "tridecennial", "punctual", "irregular", "never", "notPlanned", "other", "unknown");

    /** The labels of ODS's DCAT template, in ODS's order. */
    public static final Map<String, String> ODS_LABELS = orderedPairs(
            "Triennal", "triennial",
            "Biennal", "biennial",
            "Annuelle", "annual",
            "Deux fois par an", "semiannual",
            "Trois fois par an", "threeTimesAYear",
            "Trimestrielle", "quarterly",
            "Bimestrielle", "bimonthly",
            "Mensuelle", "monthly",
            "Deux fois par mois", "semimonthly",
            "Toutes les deux semaines", "biweekly",
            "Trois fois par mois", "threeTimesAMonth",
            "Hebdomadaire", "weekly",
            "Deux fois par semaine", "semiweekly",
            "Trois fois par semaine", "threeTimesAWeek",
            "Quotidienne", "daily",
            "Continue", "continuous",
            "Sans régularité", "irregular");

    /** {@code FREQ_TERM_TO_UDATA}: the Dublin Core terms udata knows, by their identifier. */
    static final Map<String, String> DUBLIN_CORE = orderedPairs(
            "continuous", "continuous", "daily", "daily", "threeTimesAWeek", "threeTimesAWeek",
            "semiweekly", "semiweekly", "weekly", "weekly", "biweekly", "biweekly",
            "threeTimesAMonth", "threeTimesAMonth", "semimonthly", "semimonthly", "monthly", "monthly",
            "bimonthly", "bimonthly", "quarterly", "quarterly", "threeTimesAYear", "threeTimesAYear",
            "semiannual", "semiannual", "annual", "annual", "biennial", "biennial", "triennial", "triennial",
            "irregular", "irregular");

    /** {@code EUFREQ_TERM_TO_UDATA}: the EU authority table's terms udata knows, by their identifier. */
    static final Map<String, String> EU = orderedPairs(
            "UNKNOWN", "unknown", "UPDATE_CONT", "continuous", "1MIN", "oneMinute", "5MIN", "fiveMinutes",
            "10MIN", "tenMinutes", "15MIN", "fifteenMinutes", "30MIN", "thirtyMinutes", "HOURLY", "hourly",
            "BIHOURLY", "bihourly", "TRIHOURLY", "trihourly", "12HRS", "twelveHours", "CONT", "severalTimesADay",
            "DAILY_3", "threeTimesADay", "DAILY_2", "semidaily", "DAILY", "daily", "WEEKLY_5", "fiveTimesAWeek",
            "WEEKLY_3", "threeTimesAWeek", "WEEKLY_2", "semiweekly", "WEEKLY", "weekly", "BIWEEKLY", "biweekly",
            "MONTHLY_3", "threeTimesAMonth", "MONTHLY_2", "semimonthly", "MONTHLY", "monthly",
            "BIMONTHLY", "bimonthly", "QUARTERLY", "quarterly", "ANNUAL_3", "threeTimesAYear",
            "ANNUAL_2", "semiannual", "ANNUAL", "annual", "BIENNIAL", "biennial", "TRIENNIAL", "triennial",
            "QUADRENNIAL", "quadrennial", "QUINQUENNIAL", "quinquennial", "DECENNIAL", "decennial",
            "BIDECENNIAL", "bidecennial", "TRIDECENNIAL", "tridecennial", "AS_NEEDED", "punctual",
            "IRREG", "irregular", "NEVER", "never", "NOT_PLANNED", "notPlanned", "OTHER", "other");

    /** Free texts that name one frequency only (compared once normalised, see {@link #normalized}). */
    static final Map<String, String> FREE_TEXT = orderedPairs(
            // French
            "en continu", "continuous", "continu", "continuous", "temps reel", "continuous",
            "en temps reel", "continuous", "mise a jour continue", "continuous",
            "toutes les heures", "hourly", "quotidien", "daily", "quotidiennement", "daily",
            "journalier", "daily", "journaliere", "daily", "tous les jours", "daily", "chaque jour", "daily",
            "hebdomadaire", "weekly", "toutes les semaines", "weekly", "chaque semaine", "weekly",
            "une fois par semaine", "weekly", "mensuel", "monthly", "mensuellement", "monthly",
            "tous les mois", "monthly", "chaque mois", "monthly", "une fois par mois", "monthly",
            "bimestriel", "bimonthly", "trimestriel", "quarterly", "tous les trimestres", "quarterly",
            "semestriel", "semiannual", "semestrielle", "semiannual", "annuel", "annual", "annuellement", "annual",
            "tous les ans", "annual", "chaque annee", "annual", "une fois par an", "annual",
            "biennale", "biennial", "tous les deux ans", "biennial", "triennale", "triennial",
            "tous les trois ans", "triennial", "irreguliere", "irregular", "irregulier", "irregular",
            "ponctuelle", "punctual", "ponctuel", "punctual", "jamais", "never",
            // English
            "real time", "continuous", "realtime", "continuous", "every hour", "hourly", "every day", "daily",
            "every week", "weekly", "every two weeks", "biweekly", "fortnightly", "biweekly", "twice a month",
            "semimonthly", "every month", "monthly", "every two months", "bimonthly", "every three months",
            "quarterly", "twice a year", "semiannual", "semi-annual", "semiannual", "semi-annually", "semiannual",
            "yearly", "annual", "annually", "annual", "every year", "annual", "every two years", "biennial",
            "every three years", "triennial", "irregularly", "irregular", "as needed", "punctual",
            // Portuguese and Spanish
            "continuo", "continuous", "continua", "continuous", "em tempo real", "continuous",
            "en tiempo real", "continuous", "diario", "daily", "diaria", "daily", "semanal", "weekly",
            "quinzenal", "biweekly", "quincenal", "biweekly", "mensal", "monthly", "mensual", "monthly",
            "bimestral", "bimonthly", "trimestral", "quarterly", "semestral", "semiannual", "anual", "annual",
            "bienal", "biennial", "trienal", "triennial", "irregular", "irregular", "nunca", "never");

    private static final String DUBLIN_CORE_NAMESPACE = "//purl.org/cld/freq/";
    private static final String EU_NAMESPACE = "//publications.europa.eu/resource/authority/frequency/";

    /** Every known text, normalised, to its udata id. */
    // before BY_TEXT: byText() uses them
    private static final Pattern SCHEME = Pattern.compile("^(?i)https?:");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");
    private static final Pattern FINAL_STOP = Pattern.compile("\\.$");
    private static final Map<String, String> BY_TEXT = byText();

    private UpdateFrequencies() {
    }

    /**
     * The udata frequency id of a source {@code accrualperiodicity}, or null when it has none or none that maps
     * unambiguously (udata's {@code unknown} included: it says nothing either).
     */
    public static @Nullable String udataId(@Nullable String accrualPeriodicity) {
        if (accrualPeriodicity == null || accrualPeriodicity.isBlank()) {
            return null;
        }
        String value = accrualPeriodicity.strip();
        String id = uri(value);
        if (id == null) {
            id = BY_TEXT.get(normalized(value));
        }
        return id == null || id.equals("unknown") ? null : id;
    }

    private static @Nullable String uri(String value) {
        String rest = SCHEME.matcher(value).replaceFirst("");
        if (rest.length() == value.length()) {
            return null;
        }
        // udata compares URIs exactly; the scheme and a final slash change nothing about which term is meant
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.startsWith(DUBLIN_CORE_NAMESPACE)) {
            return DUBLIN_CORE.get(rest.substring(DUBLIN_CORE_NAMESPACE.length()));
        }
        if (rest.startsWith(EU_NAMESPACE)) {
            return EU.get(rest.substring(EU_NAMESPACE.length()));
        }
        return null;
    }

    /** Lower case, without accents, single spaces, without a final full stop. */
    static String normalized(String text) {
        String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        String spaced = SPACES.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return FINAL_STOP.matcher(spaced).replaceFirst("").strip();
    }

    private static Map<String, String> byText() {
        Map<String, String> byText = new LinkedHashMap<>();
        // later tables do not override earlier ones: a udata id wins over a look-alike identifier
        for (Map<String, String> table : List.of(ODS_LABELS, udataIds(), DUBLIN_CORE, EU, FREE_TEXT)) {
            table.forEach((text, id) -> byText.putIfAbsent(normalized(text), id));
        }
        for (String id : byText.values()) {
            if (!UDATA_IDS.contains(id)) {
                throw new IllegalStateException(id + " is not a udata 17 frequency");
            }
        }
        return Map.copyOf(byText);
    }

    private static Map<String, String> udataIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        UDATA_IDS.forEach(id -> ids.put(id, id));
        return ids;
    }

    private static Map<String, String> orderedPairs(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (map.put(pairs[i], pairs[i + 1]) != null) {
                throw new IllegalStateException("twice in a frequency table: " + pairs[i]);
            }
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
