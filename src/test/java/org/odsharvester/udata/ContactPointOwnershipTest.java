package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.mapping.HarvestItem;
import org.odsharvester.report.Outcome;
import org.springframework.batch.infrastructure.item.Chunk;

import tools.jackson.databind.JsonNode;

/**
 * Contact points against the udata fake (issue 12 items 4 and 8): the organization's contact point with the same
 * name, email and role is reused, a missing one created once for all the datasets that name it, one udata refuses
 * left out without refusing the dataset; a person's where the source names none are kept without a write; an
 * unchanged source makes no write.
 */
class ContactPointOwnershipTest {

    @RegisterExtension
    static final FakeUdataExtension udata = new FakeUdataExtension();
    private final FakeUdata fake = udata.fake();
    private static final UdataContactPoint SIG = new UdataContactPoint(null, "Service SIG", "sig@example.org",
            "contact");
    private static final UdataContactPoint ACSS = new UdataContactPoint(null, "ACSS", null, "publisher");
    private DatasetIndex index;
    private UdataFixtures.TestRecorder recorder;
    private UdataDatasetWriter writer;

    @BeforeEach
    void setUp() {
        UdataFixtures.Writing writing = UdataFixtures.writing(fake);
        index = writing.index();
        recorder = writing.recorder();
        writer = writing.writer();
    }

    private UdataDatasetWriter newWriter() {
        return new UdataDatasetWriter(UdataFixtures.client(fake), index, recorder, 2);
    }

    @AfterEach
    void tearDown() {
        writer.close();
    }

    private void write(HarvestItem... items) throws Exception {
        writer.write(new Chunk<>(List.of(items)));
    }

    /** A new run: its writer knows no contact point yet. */
    private void writeInANewRun(HarvestItem... items) throws Exception {
        writer.close();
        writer = newWriter();
        write(items);
    }

    private HarvestItem item(String remoteId, String title, UdataContactPoint... contacts) {
        HarvestItem item = UdataFixtures.item(fake, remoteId, "da_" + remoteId, title);
        DatasetPayload p = item.dataset();
        return item.withDataset(p.toBuilder().frequency(null).temporalCoverage(null).spatial(null)
                .contactPoints(List.of(contacts)).build());
    }

    private JsonNode dataset(String remoteId) {
        return fake.datasetsWithExtra("harvest:remote_id", remoteId).get(0);
    }

    private static List<String> names(JsonNode dataset) {
        return dataset.path("contact_points").valueStream()
                .map(c -> c.path("role").asString() + ":" + c.path("name").asString()).toList();
    }

    @Test
    void oneContactPointServesAllTheDatasetsThatNameItAndAReharvestMakesNoWrite() throws Exception {
        write(item("velos", "Vélos", SIG, ACSS), item("bus", "Bus", SIG));

        assertThat(fake.contactPoints()).hasSize(2);
        assertThat(fake.requestCount("POST", "/api/1/contacts/")).isEqualTo(2);
        assertThat(names(dataset("velos"))).containsExactly("contact:Service SIG", "publisher:ACSS");
        assertThat(dataset("bus").path("contact_points").get(0).path("id").asString())
                .isEqualTo(dataset("velos").path("contact_points").get(0).path("id").asString());
        fake.clearRequests();

        writeInANewRun(item("velos", "Vélos", SIG, ACSS), item("bus", "Bus", SIG));

        assertThat(fake.writeCount()).isZero();
        assertThat(fake.requests()).as("compared by name, email and role: not even listed").isEmpty();
        assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void theOrganizationsExistingContactPointIsReused() throws Exception {
        String existing = fake.addContactPoint(FakeUdata.DEFAULT_ORGANIZATION, "Service SIG", "sig@example.org",
                "contact");
        fake.clearRequests();

        write(item("velos", "Vélos", SIG));

        assertThat(fake.requestCount("POST", "/api/1/contacts/")).isZero();
        assertThat(dataset("velos").path("contact_points").get(0).path("id").asString()).isEqualTo(existing);
    }

    @Test
    void aContactPointUdataRefusesIsLeftOutAndTheDatasetIsWritten() throws Exception {
        fake.refuseMailDomain("example.org");

        write(item("velos", "Vélos", SIG, ACSS), item("bus", "Bus", SIG));

        assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.CREATED);
        assertThat(names(dataset("velos"))).containsExactly("publisher:ACSS");
        assertThat(dataset("bus").path("contact_points")).isEmpty();
        assertThat(fake.requestCount("POST", "/api/1/contacts/")).as("asked once in the run").isEqualTo(2);
    }

    @Test
    void aPersonsContactPointsWhereTheSourceNamesNoneAreKept() throws Exception {
        write(item("velos", "Vélos"));
        String own = fake.addContactPoint(FakeUdata.DEFAULT_ORGANIZATION, "Référent données", "data@example.org",
                "contact");
        String id = dataset("velos").path("id").asString();
        fake.editDataset(id, d -> d.putArray("contact_points").add(fake.contactPoints().get(0)));
        index.saveAll(List.of(IndexEntry.of(UdataDataset.fromJson(dataset("velos")), item("velos", "Vélos").identity())));
        fake.clearRequests();

        writeInANewRun(item("velos", "Vélos"));
        assertThat(fake.writeCount()).isZero();

        writeInANewRun(item("velos", "Vélos en libre service"));
        assertThat(fake.requestCount("GET", "/api/1/organizations/")).as("none to look up").isZero();
        JsonNode put = fake.requests().stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow().json();
        assertThat(put.has("contact_points")).as("not ours: left out, udata keeps them").isFalse();
        assertThat(dataset("velos").path("contact_points").get(0).path("id").asString()).isEqualTo(own);

        // the source names a contact: it replaces the person's
        fake.clearRequests();
        writeInANewRun(item("velos", "Vélos en libre service", SIG));
        assertThat(fake.requestCount("GET", "/api/1/organizations/")).as("listed once, when a write is due")
                .isEqualTo(1);
        assertThat(names(dataset("velos"))).containsExactly("contact:Service SIG");
        JsonNode update = fake.requests().stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow()
                .json();
        assertThat(update.has("tags")).isTrue();
        assertThat(update.has("temporal_coverage")).isTrue();
    }

    @Test
    void theFakeValidatesContactPointsAsUdataDoes() {
        UdataClient client = UdataFixtures.client(fake);
        assertThatThrownBy(() -> client.createContact(new UdataContactPoint(null, "SIG", "sig@example", "contact"),
                FakeUdata.DEFAULT_ORGANIZATION)).isInstanceOf(UdataRejectedException.class)
                .hasMessageContaining("Invalid email address");
        assertThatThrownBy(() -> client.createContact(new UdataContactPoint(null, "SIG", null, "contact"),
                FakeUdata.DEFAULT_ORGANIZATION)).isInstanceOf(UdataRejectedException.class)
                .hasMessageContaining("At least an email");
        assertThatThrownBy(() -> client.createContact(new UdataContactPoint(null, "SIG", null, "boss"),
                FakeUdata.DEFAULT_ORGANIZATION)).isInstanceOf(UdataRejectedException.class);
        UdataContactPoint first = client.createContact(ACSS, FakeUdata.DEFAULT_ORGANIZATION);
        assertThat(client.createContact(ACSS, FakeUdata.DEFAULT_ORGANIZATION).id()).as("get-or-create")
                .isEqualTo(first.id());
        String foreign = fake.addContactPoint(FakeUdata.OTHER_MEMBER_ORGANIZATION, "ACSS", null, "publisher");
        HarvestItem named = item("velos", "Vélos", ACSS.withId(foreign));
        assertThatThrownBy(() -> client.create(named.dataset())).isInstanceOf(UdataRejectedException.class)
                .hasMessageContaining("ownership mismatch");
    }
}
