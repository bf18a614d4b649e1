package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.udata.UdataContactPoint;

/** Contact points (issue 12 item 4) from the recorded payloads and small ones. */
class ContactPointsMappingTest {

    private static UdataContactPoint cp(String name, String email, String role) {
        return new UdataContactPoint(null, name, email, role);
    }

    @Test
    void aV1PortalsCreatorAndPublisherBecomeContactPointsWithTheirRoles() {
        assertThat(ContactPoints.of(Samples.v1Transparencia())).containsExactly(cp("ACSS", null, "creator"),
                cp("ACSS", null, "publisher"));
    }

    @Test
    void parisGivesItsPublisherOnlyItsDcatContactBeingEmpty() {
        OdsDataset murs = Samples.parisExport().get(1);

        assertThat(ContactPoints.of(murs))
                .containsExactly(cp("Direction de la Voirie et des Déplacements - Ville de Paris", null, "publisher"));
    }

    @Test
    void theDcatContactNeedsAValidEmail() {
        OdsDataset named = Samples.v21("""
                {"dataset_id": "x", "metas": {"default": {"title": "X"}, "dcat": {"contact_name": " Service  SIG ",
                 "contact_email": " sig@example.org "}}}""");
        OdsDataset emailOnly = Samples.v21("""
                {"dataset_id": "x", "metas": {"default": {"title": "X"}, "dcat": {"contact_email": "sig@example.org"}}}""");
        OdsDataset invalid = Samples.v21("""
                {"dataset_id": "x", "metas": {"default": {"title": "X"}, "dcat": {"contact_name": "Service SIG",
                 "contact_email": "sig at example.org"}}}""");
        OdsDataset flatV1 = Samples.v1("""
                {"datasetid": "x", "metas": {"title": "X", "contact_name": "SIG", "contact_email": "sig@example.pt"}}""");

        assertThat(ContactPoints.of(named)).containsExactly(cp("Service SIG", "sig@example.org", "contact"));
        assertThat(ContactPoints.of(emailOnly)).containsExactly(cp("sig@example.org", "sig@example.org", "contact"));
        assertThat(ContactPoints.of(invalid)).as("udata wants an email for a contact: none").isEmpty();
        assertThat(ContactPoints.of(flatV1)).containsExactly(cp("SIG", "sig@example.pt", "contact"));
    }

    @Test
    void emailSyntaxAsEmailValidatorTakesIt() {
        assertThat(ContactPoints.email("opendata@paris.fr")).isEqualTo("opendata@paris.fr");
        assertThat(ContactPoints.email("a.b+c@sub.example.org")).isNotNull();
        for (String bad : List.of("opendata@paris", "@paris.fr", "a..b@paris.fr", "a b@paris.fr", "a@paris..fr",
                "a@-paris.fr", "mailto:a@paris.fr")) {
            assertThat(ContactPoints.email(bad)).as(bad).isNull();
        }
    }

    @Test
    void aDatasetWithoutAgentsHasNoContactPoints() {
        assertThat(ContactPoints.of(Samples.v21("""
                {"dataset_id": "x", "metas": {"default": {"title": "X", "publisher": "  "}}}"""))).isEmpty();
    }
}
