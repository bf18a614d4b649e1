package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LicenseGuesserTest {

    /** A license the target knows by its title only. */
    private static KnownLicense titled(String id, String title) {
        return new KnownLicense(id, title, null, List.of(), List.of());
    }

    /** A few licenses as data.gouv.fr describes them. */
    private static final List<KnownLicense> UDATA = List.of(
            titled("notspecified", "License Not Specified"),
            new KnownLicense("fr-lo", "Licence Ouverte / Open Licence", "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
                    List.of(), List.of()),
            new KnownLicense("lov2", "Licence Ouverte / Open Licence version 2.0",
                    "https://www.etalab.gouv.fr/wp-content/uploads/2017/04/ETALAB-Licence-Ouverte-v2.0.pdf",
                    List.of("Licence Ouverte v2.0 (Etalab)", "Licence Ouverte / Open Licence v2"),
                    List.of("https://www.etalab.gouv.fr/licence-ouverte-open-licence/v2")),
            new KnownLicense("odc-odbl", "Open Data Commons Open Database License (ODbL)",
                    "http://opendatacommons.org/licenses/odbl/summary/", List.of("ODbL"),
                    List.of("https://opendatacommons.org/licenses/odbl/1-0/")),
            new KnownLicense("cc-by", "Creative Commons Attribution", "http://www.opendefinition.org/licenses/cc-by",
                    List.of("CC BY 4.0"), List.of("https://creativecommons.org/licenses/by/4.0/")),
            new KnownLicense("cc-by-sa", "Creative Commons Attribution Share-Alike",
                    "http://www.opendefinition.org/licenses/cc-by-sa", List.of(), List.of()),
            titled("other-pd", "Other (Public Domain)"));

    private final LicenseGuesser udata = new LicenseGuesser(UDATA, "lov2");
    private final LicenseGuesser dryRun = new LicenseGuesser(List.of(), "lov2");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Open Database License (ODbL)   | odc-odbl
            Licence Ouverte (Etalab)       | fr-lo
            Licence ouverte / Open Licence | fr-lo
            CC BY-SA                       | cc-by-sa
            Public Domain                  | other-pd
            """)
    void appliesEachTableRowInADryRun(String text, String id) {
        assertThat(dryRun.guess(text, null)).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Open Database License (ODbL)   | odc-odbl
            Licence Ouverte (Etalab)       | fr-lo
            Licence ouverte / Open Licence | fr-lo
            CC BY-SA                       | cc-by-sa
            Public Domain                  | other-pd
            """)
    void appliesEachTableRowAgainstUdata(String text, String id) {
        assertThat(udata.guess(text, null)).isEqualTo(id);
    }

    @Test
    void comparesTableNamesWithoutCaseAccentsOrPunctuation() {
        assertThat(dryRun.guess("  licence OUVERTE – (étalab) ", null)).isEqualTo("fr-lo");
        assertThat(dryRun.guess("cc-by-sa", null)).isEqualTo("cc-by-sa");
    }

    @Test
    void skipsATableRowWhoseIdTheTargetDoesNotKnow() {
        LicenseGuesser withoutPd = new LicenseGuesser(List.of(
                titled("lov2", "Licence Ouverte / Open Licence version 2.0"),
                titled("notspecified", "License Not Specified")), "notspecified");

        assertThat(withoutPd.guess("Public Domain", null)).isEqualTo("notspecified");
        assertThat(withoutPd.guess("Public Domaine", null)).isEqualTo("notspecified");
    }

    @Test
    void fallsBackToTheDefaultForAnUnknownLicense() {
        assertThat(udata.guess("Open Government Licence v3.0",
                "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")).isEqualTo("lov2");
        assertThat(dryRun.guess("Licence propriétaire", null)).isEqualTo("lov2");
        assertThat(udata.guess(null, null)).isEqualTo("lov2");
        assertThat(udata.guess("   ", "")).isEqualTo("lov2");
    }

    @Test
    void matchesAKnownIdWhateverItsCase() {
        assertThat(udata.guess("ODC-ODBL", null)).isEqualTo("odc-odbl");
        assertThat(udata.guess("notspecified", null)).isEqualTo("notspecified");
    }

    @Test
    void matchesAKnownTitleWithoutCaseOrAccents() {
        assertThat(udata.guess("CREATIVE COMMONS ATTRIBUTION", null)).isEqualTo("cc-by");
        assertThat(udata.guess("Licence Ouverte / Open Licence version 2.0", null)).isEqualTo("lov2");
        assertThat(udata.guess("Licence Ouverte - Open Licence Version 2.0", null)).isEqualTo("lov2");
    }

    @Test
    void matchesByAlternateTitle() {
        assertThat(udata.guess("Licence Ouverte v2.0 (Etalab)", null)).isEqualTo("lov2");
        assertThat(udata.guess("CC BY 4.0", "https://unknown.example.org/")).isEqualTo("cc-by");
    }

    @Test
    void matchesByUrlIgnoringSchemeWwwAndTrailingSlash() {
        assertThat(udata.guess("Some license", "https://opendatacommons.org/licenses/odbl/summary"))
                .isEqualTo("odc-odbl");
        assertThat(udata.guess(null, "http://www.etalab.gouv.fr/licence-ouverte-open-licence/")).isEqualTo("fr-lo");
    }

    @Test
    void matchesByAlternateUrl() {
        assertThat(udata.guess("Creative Commons", "https://creativecommons.org/licenses/by/4.0/")).isEqualTo("cc-by");
        assertThat(udata.guess(null, "https://OPENDATACOMMONS.org/licenses/odbl/1-0")).isEqualTo("odc-odbl");
    }

    @Test
    void findsAUrlWrittenInsideTheText() {
        assertThat(udata.guess("Voir https://www.etalab.gouv.fr/licence-ouverte-open-licence/v2.", null))
                .isEqualTo("lov2");
    }

    @Test
    void prefersWhatUdataKnowsToTheTable() {
        LicenseGuesser odblTitled = new LicenseGuesser(List.of(
                titled("odbl-custom", "Open Database License (ODbL)"),
                titled("odc-odbl", "Open Data Commons ODbL")), "x");

        assertThat(odblTitled.guess("Open Database License (ODbL)", null)).isEqualTo("odbl-custom");
    }

    @Test
    void acceptsANearMatchOfASingleLicense() {
        // a typo in a long title: 1 edit
        assertThat(udata.guess("Creative Commons Atribution", null)).isEqualTo("cc-by");
        // two edits on a long table name
        assertThat(dryRun.guess("Open Databse Licence (ODbL)", null)).isEqualTo("odc-odbl");
    }

    @Test
    void refusesNearMatchesThatWouldChangeTheLicense() {
        LicenseGuesser guesser = new LicenseGuesser(UDATA, "notspecified");
        // CC BY-NC is not open: two edits from CC BY-SA, but the slugs are too short for two edits
        assertThat(guesser.guess("CC BY-NC", null)).isEqualTo("notspecified");
        // another version is another license
        assertThat(guesser.guess("Licence Ouverte / Open Licence v3", null)).isEqualTo("notspecified");
        assertThat(LicenseGuesser.isNear("licence-ouverte-v1-0", "licence-ouverte-v2-0")).isFalse();
    }

    @Test
    void refusesANearMatchWhenTwoLicensesAreWithinReach() {
        LicenseGuesser twins = new LicenseGuesser(List.of(
                titled("a", "Licence municipale alpha"),
                titled("b", "Licence municipale alpho")), "default");

        assertThat(twins.guess("Licence municipale alphe", null)).isEqualTo("default");
        assertThat(twins.guess("Licence municipale alpha", null)).isEqualTo("a");
    }

    @Test
    void nearMeansWithinTheAllowedLevenshteinDistance() {
        assertThat(LicenseGuesser.isNear("cc-by-sa", "cc-by-nc")).isFalse();
        assertThat(LicenseGuesser.isNear("creative-commons-atribution", "creative-commons-attribution")).isTrue();
    }

    @Test
    void returnsTheDefaultAsGiven() {
        assertThat(new LicenseGuesser(UDATA, "notspecified").guess("Whatever", null)).isEqualTo("notspecified");
    }
}
