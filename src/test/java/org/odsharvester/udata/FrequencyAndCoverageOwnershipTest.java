package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;

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
import tools.jackson.databind.node.ObjectNode;

/**
 * Frequency and temporal coverage are ours only where the source gives them (SPEC §4): a value a person set in
 * udata where the source says nothing is kept and is no difference (no PUT); a source value replaces it; every
 * PUT still carries the temporal coverage.
 */
class FrequencyAndCoverageOwnershipTest {

    @RegisterExtension
    static final FakeUdataExtension udata = new FakeUdataExtension();
    private final FakeUdata fake = udata.fake();
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

    @AfterEach
    void tearDown() {
        writer.close();
    }

    private void write(HarvestItem item) throws Exception {
        writer.write(new Chunk<>(List.of(item)));
    }

    private HarvestItem item(String frequency, UdataDataset.TemporalCoverage coverage) {
        HarvestItem item = UdataFixtures.item(fake, "velos", "da_velos", "Vélos");
        DatasetPayload p = item.dataset();
        return item.withDataset(p.toBuilder().frequency(frequency).temporalCoverage(coverage).build());
    }

    private JsonNode only() {
        assertThat(fake.datasets()).hasSize(1);
        return fake.datasets().get(0);
    }

    private void personSets(String frequency, String start, String end) {
        fake.editDataset(only().path("id").asString(), d -> {
            d.put("frequency", frequency);
            putCoverage(d, start, end);
        });
    }

    @Test
    void theSourcesFrequencyAndCoverageAreCreatedAsUdataStoresThem() throws Exception {
        write(item("monthly", new UdataDataset.TemporalCoverage("2013-01-01", null)));

        JsonNode d = only();
        assertThat(d.path("frequency").asString()).isEqualTo("monthly");
        assertThat(d.path("temporal_coverage").path("start").asString()).isEqualTo("2013-01-01");
        assertThat(d.path("temporal_coverage").path("end").isNull()).isTrue();
        fake.clearRequests();

        write(item("monthly", new UdataDataset.TemporalCoverage("2013-01-01", null)));
        assertThat(fake.requests()).isEmpty();
        assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void whatAPersonSetWhereTheSourceSaysNothingIsKeptWithoutAnyWrite() throws Exception {
        write(item(null, null));
        assertThat(only().path("frequency").asString()).isEqualTo("unknown");
        personSets("weekly", "2020-01-01", "2020-12-31");
        // the index does not know about the person's edit: as after an index rebuild, the writer reads the
        // dataset once, finds nothing of ours changed and writes nothing
        index.saveAll(List.of(IndexEntry.of(UdataDataset.fromJson(only()), item(null, null).identity())));
        fake.clearRequests();

        write(item(null, null));

        assertThat(fake.writeCount()).isZero();
        assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(only().path("frequency").asString()).isEqualTo("weekly");
        assertThat(only().path("temporal_coverage").path("end").asString()).isEqualTo("2020-12-31");
        fake.clearRequests();
        write(item(null, null));
        assertThat(fake.requests()).as("the refreshed index entry matches").isEmpty();
    }

    @Test
    void anUpdateForAnotherReasonKeepsThePersonsFrequencyAndCoverage() throws Exception {
        write(item(null, null));
        personSets("weekly", "2020-01-01", null);
        fake.clearRequests();
        HarvestItem retitled = item(null, null);
        DatasetPayload p = retitled.dataset();
        retitled = retitled.withDataset(p.toBuilder().title("Vélos en libre service").frequency(null)
                .temporalCoverage(null).build());

        write(retitled);

        assertThat(fake.requestCount("PUT", "/")).isEqualTo(1);
        JsonNode put = fake.requests().stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow().json();
        assertThat(put.has("frequency")).as("no frequency of ours: left out, udata keeps its own").isFalse();
        assertThat(put.path("temporal_coverage").path("start").asString()).isEqualTo("2020-01-01");
        JsonNode d = only();
        assertThat(d.path("title").asString()).isEqualTo("Vélos en libre service");
        assertThat(d.path("frequency").asString()).isEqualTo("weekly");
        assertThat(d.path("temporal_coverage").path("start").asString()).isEqualTo("2020-01-01");
    }

    @Test
    void whatTheSourceSaysReplacesWhatAPersonSet() throws Exception {
        write(item(null, null));
        personSets("weekly", "2020-01-01", "2020-12-31");
        fake.clearRequests();

        write(item("quarterly", new UdataDataset.TemporalCoverage("2015-01-01", "2024-12-31")));

        assertThat(fake.requestCount("PUT", "/")).isEqualTo(1);
        JsonNode d = only();
        assertThat(d.path("frequency").asString()).isEqualTo("quarterly");
        assertThat(d.path("temporal_coverage").path("start").asString()).isEqualTo("2015-01-01");
        assertThat(d.path("temporal_coverage").path("end").asString()).isEqualTo("2024-12-31");
        assertThat(recorder.last("velos").outcome()).isEqualTo(Outcome.UPDATED);
        fake.clearRequests();

        write(item("quarterly", new UdataDataset.TemporalCoverage("2015-01-01", "2024-12-31")));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void aFrequencyAPersonChangedIsNotSeenUntilTheSourceChangesSomething() throws Exception {
        write(item("monthly", null));
        personSets("weekly", "2020-01-01", null);
        fake.clearRequests();

        // the index holds what we wrote: nothing at the source changed, nothing is read nor written
        write(item("monthly", null));
        assertThat(fake.requests()).isEmpty();
        assertThat(only().path("frequency").asString()).isEqualTo("weekly");
    }

    @Test
    void fingerprintsCoverTheFrequencyAndCoverageOnlyWhereThePayloadHasThem() {
        HarvestItem none = item(null, null);
        UdataDataset held = UdataDataset.fromJson(udataAnswer("weekly", "2020-01-01", null));
        UdataDataset plain = UdataDataset.fromJson(udataAnswer("unknown", null, null));

        assertThat(OwnedContent.fingerprint(held, none.dataset())).isEqualTo(OwnedContent.fingerprint(none.dataset()));
        // rebuilt from udata alone: as if the source gave them, so a plain dataset matches and a hand-set one not
        assertThat(OwnedContent.fingerprint(plain)).isEqualTo(OwnedContent.fingerprint(none.dataset()));
        assertThat(OwnedContent.fingerprint(held)).isNotEqualTo(OwnedContent.fingerprint(none.dataset()));

        HarvestItem weekly = item("weekly", new UdataDataset.TemporalCoverage("2020-01-01", null));
        assertThat(OwnedContent.fingerprint(held, weekly.dataset()))
                .isEqualTo(OwnedContent.fingerprint(weekly.dataset()));
        assertThat(OwnedContent.fingerprint(plain, weekly.dataset()))
                .isNotEqualTo(OwnedContent.fingerprint(weekly.dataset()));
        HarvestItem ended = item("weekly", new UdataDataset.TemporalCoverage("2020-01-01", "2020-06-30"));
        assertThat(OwnedContent.fingerprint(held, ended.dataset()))
                .isNotEqualTo(OwnedContent.fingerprint(ended.dataset()));
        // a date-time answer is the same date
        UdataDataset dateTimes = UdataDataset.fromJson(udataAnswer("weekly", "2020-01-01T00:00:00+00:00", null));
        assertThat(OwnedContent.fingerprint(dateTimes, weekly.dataset()))
                .isEqualTo(OwnedContent.fingerprint(weekly.dataset()));
    }

    @Test
    void unknownIsNoFrequencyOfOurs() {
        DatasetPayload p = UdataFixtures.item(fake, "velos", "da_velos", "Vélos").dataset();
        assertThat(p.frequency()).as("UdataFixtures says unknown").isNull();
        assertThat(UdataBodies.createBody(p).path("frequency").asString()).isEqualTo("unknown");
        UdataDataset held = UdataDataset.fromJson(udataAnswer("weekly", null, null));
        ObjectNode update = UdataBodies.updateBody(p, held);
        assertThat(update.has("frequency")).isFalse();
        assertThat(update.has("temporal_coverage")).as("always sent").isTrue();
        assertThat(update.get("temporal_coverage").isNull()).isTrue();
    }

    private ObjectNode udataAnswer(String frequency, String start, String end) {
        ObjectNode d = (ObjectNode) UdataBodies.createBody(item(null, null).dataset());
        d.put("id", "5f0c0ffee0c0ffee0c0f0001");
        d.put("frequency", frequency);
        putCoverage(d, start, end);
        d.putObject("organization").put("id", fake.organization());
        return d;
    }

    /** udata's {@code temporal_coverage}: null without a start, an open end as null. */
    private static void putCoverage(ObjectNode dataset, String start, String end) {
        if (start == null) {
            dataset.putNull("temporal_coverage");
            return;
        }
        ObjectNode coverage = dataset.putObject("temporal_coverage");
        coverage.put("start", start);
        if (end == null) {
            coverage.putNull("end");
        } else {
            coverage.put("end", end);
        }
    }
}
