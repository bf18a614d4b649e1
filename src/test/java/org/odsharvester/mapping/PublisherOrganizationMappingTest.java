package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.udata.OrganizationsFile;
import org.odsharvester.udata.RunOrganizations;

/**
 * udata.organizations-file on the real payloads: the publisher is read from {@code metas.default.publisher} (v2.1,
 * opendata.paris.fr) and from the flat {@code metas.publisher} (v1, transparencia.sns.gov.pt), and the payload is
 * created in the organization the file maps it to, else in udata.organization.
 */
class PublisherOrganizationMappingTest {

    private static final RunOrganizations ORGANIZATIONS = new RunOrganizations("default-org", Map.of(
            OrganizationsFile.key("Direction de la Voirie et des Déplacements - Ville de Paris"), "voirie-org",
            OrganizationsFile.key("acss"), "acss-org"));

    private static String organizationOf(String portal, OdsDataset source) throws Exception {
        return new DatasetMappingProcessor(portal, ORGANIZATIONS, "fr", new LicenseGuesser(List.of(), "lov2"))
                .process(source).dataset().organization();
    }

    @Test
    void theV21PublisherOfParisIsReadFromMetasDefault() {
        assertThat(Samples.parisExport()).extracting(OdsDataset::publisher).containsExactly(
                "DDCT - Direction de la Démocratie, des Citoyen.ne.s et des Territoires",
                "Direction de la Voirie et des Déplacements - Ville de Paris",
                "Direction de la Voirie et des Déplacements - Ville de Paris",
                "Direction de la Voirie et des Déplacements - Ville de Paris");
    }

    @Test
    void theV1PublisherOfTransparenciaIsReadFromTheFlatMetas() {
        assertThat(Samples.v1Transparencia().publisher()).isEqualTo("ACSS");
    }

    @Test
    void aMappedPublishersDatasetIsCreatedInItsOrganizationTheOthersInTheDefault() throws Exception {
        List<String> organizations = new java.util.ArrayList<>();
        for (OdsDataset dataset : Samples.parisExport()) {
            organizations.add(organizationOf(Samples.PARIS, dataset));
        }
        assertThat(organizations).containsExactly("default-org", "voirie-org", "voirie-org", "voirie-org");
        // the file says "acss", the portal "ACSS": case does not count
        assertThat(organizationOf(Samples.SNS, Samples.v1Transparencia())).isEqualTo("acss-org");
    }

    @Test
    void withoutAFileEveryDatasetIsInTheDefaultOrganization() throws Exception {
        assertThat(new DatasetMappingProcessor(Samples.SNS, "default-org", "fr", new LicenseGuesser(List.of(), "lov2"))
                .process(Samples.v1Transparencia()).dataset().organization()).isEqualTo("default-org");
    }
}
