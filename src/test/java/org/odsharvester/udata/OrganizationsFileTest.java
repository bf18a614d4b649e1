package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.InvalidConfigurationException;

/** udata.organizations-file: what a data team writes by hand is read, and every mistake names the file and line. */
class OrganizationsFileTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path file = dir.resolve("organizations.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static RunOrganizations resolvedAsWritten(OrganizationsFile file) {
        java.util.Map<String, String> byPublisher = new java.util.HashMap<>();
        file.lines().forEach(l -> byPublisher.put(OrganizationsFile.key(l.publisher()), l.organization()));
        return new RunOrganizations("default-org", byPublisher);
    }

    @Test
    void aFileWithCommentsBlankLinesAndSpacesIsReadLineByLine() throws IOException {
        OrganizationsFile read = OrganizationsFile.read(file("""
                # publishers of transparencia.sns.gov.pt
                ACSS = 5f0c0ffee0c0ffee0c0ffe02

                   Direction de la Voirie et des Déplacements - Ville de Paris   =   ville-de-paris-voirie  \t
                  # an indented comment
                SPMS, E.P.E.=spms
                """));

        assertThat(read.lines()).containsExactly(
                new OrganizationsFile.Line(2, "ACSS", "5f0c0ffee0c0ffee0c0ffe02"),
                new OrganizationsFile.Line(4, "Direction de la Voirie et des Déplacements - Ville de Paris",
                        "ville-de-paris-voirie"),
                new OrganizationsFile.Line(6, "SPMS, E.P.E.", "spms"));
    }

    @Test
    void publishersMatchWhateverTheirCaseAndWhitespaceAndOthersGoToTheDefault() throws IOException {
        RunOrganizations organizations = resolvedAsWritten(OrganizationsFile.read(file("""
                Direction de la Voirie   et des Déplacements - Ville de Paris = voirie
                ACSS = acss
                """)));

        assertThat(organizations.forPublisher("  direction de la voirie et des déplacements -\tVille de Paris "))
                .isEqualTo("voirie");
        assertThat(organizations.forPublisher("acss")).isEqualTo("acss");
        assertThat(organizations.forPublisher("SPMS")).isEqualTo("default-org");
        assertThat(organizations.forPublisher(null)).isEqualTo("default-org");
        assertThat(organizations.all()).containsExactly("default-org", "acss", "voirie");
    }

    @Test
    void aLineIsSplitAtItsLastEqualsSignSinceAPublisherMayHoldOne() throws IOException {
        assertThat(OrganizationsFile.read(file("Indice = qualité (IQ) = iq-org\n")).lines())
                .containsExactly(new OrganizationsFile.Line(1, "Indice = qualité (IQ)", "iq-org"));
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreNoPartOfTheFirstPublisher() throws IOException {
        assertThat(OrganizationsFile.read(file("\uFEFFACSS = acss\r\nSPMS = spms\r\n")).lines())
                .containsExactly(new OrganizationsFile.Line(1, "ACSS", "acss"), new OrganizationsFile.Line(2, "SPMS", "spms"));
    }

    @Test
    void anEmptyFileMapsNothing() throws IOException {
        assertThat(OrganizationsFile.read(file("# nothing yet\n\n")).lines()).isEmpty();
    }

    @Test
    void aPublisherListedTwiceIsRefusedNamingBothLines() throws IOException {
        Path file = file("ACSS = acss\n# again, in other case\n  acss   = other\n");

        assertThatThrownBy(() -> OrganizationsFile.read(file)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("The organizations file " + file + " (udata.organizations-file), line 3: publisher"
                        + " 'acss' is listed already on line 1 (case and spaces do not count).");
    }

    @Test
    void aLineWithoutEqualsSignIsRefusedNamingFileAndLine() throws IOException {
        Path file = file("ACSS = acss\nSPMS spms\n");

        assertThatThrownBy(() -> OrganizationsFile.read(file)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("The organizations file " + file + " (udata.organizations-file), line 2: expected"
                        + " 'publisher = organization id or slug', found 'SPMS spms'.");
    }

    @Test
    void aLineWithAnEmptySideIsRefused() throws IOException {
        Path noOrganization = file("ACSS =   \n");
        assertThatThrownBy(() -> OrganizationsFile.read(noOrganization))
                .hasMessageContaining("line 1: no organization after '=' for publisher 'ACSS'");
        Path noPublisher = file("# c\n = acss\n");
        assertThatThrownBy(() -> OrganizationsFile.read(noPublisher)).hasMessageContaining("line 2: no publisher");
    }

    @Test
    void anOrganizationWithASpaceIsNoIdOrSlug() throws IOException {
        Path file = file("ACSS = Administração Central\n");

        assertThatThrownBy(() -> OrganizationsFile.read(file))
                .hasMessageContaining("line 1: 'Administração Central' is no organization id or slug");
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path missing = dir.resolve("nowhere.txt");

        assertThatThrownBy(() -> OrganizationsFile.read(missing)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("The organizations file " + missing + " (udata.organizations-file) does not exist.");
    }

    @Test
    void aDirectoryOrAFileThatIsNotUtf8IsRefused() throws IOException {
        assertThatThrownBy(() -> OrganizationsFile.read(dir)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("The organizations file " + dir + " (udata.organizations-file) cannot be read");
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, "Régie = regie\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> OrganizationsFile.read(latin1)).hasMessageContaining("is not UTF-8 text");
    }
}
