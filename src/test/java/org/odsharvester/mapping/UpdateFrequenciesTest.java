package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odsharvester.udata.FakeUdata;

class UpdateFrequenciesTest {

    /** ODS's DCAT template list, written out here independently of the class under test. */
    private static final Map<String, String> ODS_LIST = new LinkedHashMap<>();

    static {
        ODS_LIST.put("Triennal", "triennial");
        ODS_LIST.put("Biennal", "biennial");
        ODS_LIST.put("Annuelle", "annual");
        ODS_LIST.put("Deux fois par an", "semiannual");
        ODS_LIST.put("Trois fois par an", "threeTimesAYear");
        ODS_LIST.put("Trimestrielle", "quarterly");
        ODS_LIST.put("Bimestrielle", "bimonthly");
        ODS_LIST.put("Mensuelle", "monthly");
        ODS_LIST.put("Deux fois par mois", "semimonthly");
        ODS_LIST.put("Toutes les deux semaines", "biweekly");
        ODS_LIST.put("Trois fois par mois", "threeTimesAMonth");
        ODS_LIST.put("Hebdomadaire", "weekly");
        ODS_LIST.put("Deux fois par semaine", "semiweekly");
        ODS_LIST.put("Trois fois par semaine", "threeTimesAWeek");
        ODS_LIST.put("Quotidienne", "daily");
        ODS_LIST.put("Continue", "continuous");
        ODS_LIST.put("Sans régularité", "irregular");
    }

    @Test
    void everyLabelOfOdssListMaps() {
        assertThat(UpdateFrequencies.ODS_LABELS).containsExactlyEntriesOf(ODS_LIST);
        ODS_LIST.forEach((label, id) -> {
            assertThat(UpdateFrequencies.udataId(label)).as(label).isEqualTo(id);
            assertThat(UpdateFrequencies.udataId(label.toUpperCase(java.util.Locale.ROOT))).as(label).isEqualTo(id);
            assertThat(UpdateFrequencies.udataId("  " + label + ". ")).as(label).isEqualTo(id);
        });
        assertThat(UpdateFrequencies.udataId("Sans regularite")).isEqualTo("irregular");
        assertThat(UpdateFrequencies.udataId("Deux  fois\u00a0par   an")).isEqualTo("semiannual");
    }

    @Test
    void theIdsAreUdata17sAsTheFakeKnowsThem() {
        // two lists written from udata 17.6's constants.py, one here and one in the fake: they must agree
        assertThat(UpdateFrequencies.UDATA_IDS).containsExactlyInAnyOrderElementsOf(FakeUdata.FREQUENCIES);
        assertThat(UpdateFrequencies.UDATA_IDS).doesNotContainAnyElementsOf(FakeUdata.LEGACY_FREQUENCIES.keySet());
        for (Map<String, String> table : java.util.List.of(UpdateFrequencies.ODS_LABELS, UpdateFrequencies.DUBLIN_CORE,
                UpdateFrequencies.EU, UpdateFrequencies.FREE_TEXT)) {
            assertThat(FakeUdata.FREQUENCIES).containsAll(table.values());
        }
    }

    @ParameterizedTest
    @CsvSource({
            // udata/core/dataset/rdf.py FREQ_TERM_TO_UDATA
            "http://purl.org/cld/freq/continuous, continuous",
            "http://purl.org/cld/freq/daily, daily",
            "http://purl.org/cld/freq/threeTimesAWeek, threeTimesAWeek",
            "http://purl.org/cld/freq/semiweekly, semiweekly",
            "http://purl.org/cld/freq/weekly, weekly",
            "http://purl.org/cld/freq/biweekly, biweekly",
            "http://purl.org/cld/freq/threeTimesAMonth, threeTimesAMonth",
            "http://purl.org/cld/freq/semimonthly, semimonthly",
            "http://purl.org/cld/freq/monthly, monthly",
            "http://purl.org/cld/freq/bimonthly, bimonthly",
            "http://purl.org/cld/freq/quarterly, quarterly",
            "http://purl.org/cld/freq/threeTimesAYear, threeTimesAYear",
            "http://purl.org/cld/freq/semiannual, semiannual",
            "http://purl.org/cld/freq/annual, annual",
            "http://purl.org/cld/freq/biennial, biennial",
            "http://purl.org/cld/freq/triennial, triennial",
            "http://purl.org/cld/freq/irregular, irregular",
            // EUFREQ_TERM_TO_UDATA
            "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT, continuous",
            "http://publications.europa.eu/resource/authority/frequency/1MIN, oneMinute",
            "http://publications.europa.eu/resource/authority/frequency/5MIN, fiveMinutes",
            "http://publications.europa.eu/resource/authority/frequency/10MIN, tenMinutes",
            "http://publications.europa.eu/resource/authority/frequency/15MIN, fifteenMinutes",
            "http://publications.europa.eu/resource/authority/frequency/30MIN, thirtyMinutes",
            "http://publications.europa.eu/resource/authority/frequency/HOURLY, hourly",
            "http://publications.europa.eu/resource/authority/frequency/BIHOURLY, bihourly",
            "http://publications.europa.eu/resource/authority/frequency/TRIHOURLY, trihourly",
            "http://publications.europa.eu/resource/authority/frequency/12HRS, twelveHours",
            "http://publications.europa.eu/resource/authority/frequency/CONT, severalTimesADay",
            "http://publications.europa.eu/resource/authority/frequency/DAILY_3, threeTimesADay",
            "http://publications.europa.eu/resource/authority/frequency/DAILY_2, semidaily",
            "http://publications.europa.eu/resource/authority/frequency/DAILY, daily",
            "http://publications.europa.eu/resource/authority/frequency/WEEKLY_5, fiveTimesAWeek",
            "http://publications.europa.eu/resource/authority/frequency/WEEKLY_3, threeTimesAWeek",
            "http://publications.europa.eu/resource/authority/frequency/WEEKLY_2, semiweekly",
            "http://publications.europa.eu/resource/authority/frequency/WEEKLY, weekly",
            "http://publications.europa.eu/resource/authority/frequency/BIWEEKLY, biweekly",
            "http://publications.europa.eu/resource/authority/frequency/MONTHLY_3, threeTimesAMonth",
            "http://publications.europa.eu/resource/authority/frequency/MONTHLY_2, semimonthly",
            "http://publications.europa.eu/resource/authority/frequency/MONTHLY, monthly",
            "http://publications.europa.eu/resource/authority/frequency/BIMONTHLY, bimonthly",
            "http://publications.europa.eu/resource/authority/frequency/QUARTERLY, quarterly",
            "http://publications.europa.eu/resource/authority/frequency/ANNUAL_3, threeTimesAYear",
            "http://publications.europa.eu/resource/authority/frequency/ANNUAL_2, semiannual",
            "http://publications.europa.eu/resource/authority/frequency/ANNUAL, annual",
            "http://publications.europa.eu/resource/authority/frequency/BIENNIAL, biennial",
            "http://publications.europa.eu/resource/authority/frequency/TRIENNIAL, triennial",
            "http://publications.europa.eu/resource/authority/frequency/QUADRENNIAL, quadrennial",
            "http://publications.europa.eu/resource/authority/frequency/QUINQUENNIAL, quinquennial",
            "http://publications.europa.eu/resource/authority/frequency/DECENNIAL, decennial",
            "http://publications.europa.eu/resource/authority/frequency/BIDECENNIAL, bidecennial",
            "http://publications.europa.eu/resource/authority/frequency/TRIDECENNIAL, tridecennial",
            "http://publications.europa.eu/resource/authority/frequency/AS_NEEDED, punctual",
            "http://publications.europa.eu/resource/authority/frequency/IRREG, irregular",
            "http://publications.europa.eu/resource/authority/frequency/NEVER, never",
            "http://publications.europa.eu/resource/authority/frequency/NOT_PLANNED, notPlanned",
            "http://publications.europa.eu/resource/authority/frequency/OTHER, other",
            // the scheme and a final slash do not change the term
            "https://publications.europa.eu/resource/authority/frequency/MONTHLY/, monthly",
            "https://purl.org/cld/freq/weekly, weekly",
    })
    void dublinCoreAndEuUrisMapAsUdatasOwnRdfMapping(String uri, String id) {
        assertThat(UpdateFrequencies.udataId(uri)).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource({
            // identifiers alone, as frequency_from_rdf reads a literal, and udata's own ids
            "monthly, monthly", "MONTHLY_2, semimonthly", "update_cont, continuous", "notPlanned, notPlanned",
            "fiveTimesAWeek, fiveTimesAWeek", "realtime, continuous", "bimonthly, bimonthly",
            // free text portals type
            "En continu, continuous", "en temps réel, continuous", "Mensal, monthly", "mensuel, monthly",
            "Tous les jours, daily", "Journalière, daily", "Annuel, annual", "Semestriel, semiannual",
            "Trimestriel, quarterly", "Hebdomadaire, weekly", "Ponctuelle, punctual", "Irrégulier, irregular",
            "Yearly, annual", "Real time, continuous", "Quinzenal, biweekly", "Diária, daily", "Anual, annual",
            "Semanal, weekly", "Mensual, monthly",
    })
    void identifiersAndUnambiguousFreeTextMap(String text, String id) {
        assertThat(UpdateFrequencies.udataId(text)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "unknown", "Inconnue",
            "http://publications.europa.eu/resource/authority/frequency/UNKNOWN",
            // ambiguous: twice a month or every two months, twice a year or every two years
            "Bimensuel", "Bisannuel", "bi-weekly", "biannual",
            // free text that is no frequency, a URI of another vocabulary, a term udata does not know
            "janeiro de 2013 a maio de 2026", "Selon les besoins du service", "Mise à jour mensuelle et annuelle",
            "http://example.org/freq/monthly", "http://purl.org/cld/freq/hourly", "monthly-ish", "Mensuelle 2"})
    void anythingElseIsNoFrequency(String text) {
        assertThat(UpdateFrequencies.udataId(text)).isNull();
    }

    @Test
    void aTextThatIsNotAnIdentifierDoesNotMatchOneByItsUri() {
        // only the namespaces udata maps are URIs to us: a URI elsewhere ending in a known word is free text
        assertThat(UpdateFrequencies.udataId("http://purl.org/cld/freq/Monthly")).isNull();
        assertThat(UpdateFrequencies.udataId("http://purl.org/cld/freq/monthly")).isEqualTo("monthly");
    }
}
