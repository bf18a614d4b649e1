package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.udata.DatasetPayload;
import org.odsharvester.udata.OwnedContent;
import org.odsharvester.udata.UdataBodies;
import org.odsharvester.udata.UdataDataset;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The no-write rule holds for descriptions: what udata stores of our Markdown is what we compare with on the next
 * run. udata 17 keeps a description as it is sent (its {@code DatasetForm.description} is a wtforms
 * {@code TextAreaField}: no stripping, no normalisation), so once written, a dataset maps to the same fingerprint
 * again and is not rewritten.
 */
class DescriptionStorageTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<OdsDataset> datasets() {
        Stream<OdsDataset> recorded = Stream.concat(Samples.parisExport().stream(),
                Stream.of(Samples.v1Transparencia(), Samples.v21Single()));
        Stream<OdsDataset> written = Stream.of("typography.html", "tables.html", "word-paste.html", "links.html")
                .map(name -> Samples.v21("""
                        {"dataset_id": "written", "metas": {"default": {"title": "Written", "description": %s}}}"""
                        .formatted(JSON.writeValueAsString(Samples.descriptionHtml(name)))));
        return Stream.concat(recorded, written);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void aDescriptionWrittenOnceIsUnchangedOnTheNextRun(OdsDataset dataset) {
        DatasetPayload first = processor().process(dataset).dataset();
        UdataDataset stored = storedByUdata(first);

        DatasetPayload next = processor().process(dataset).dataset(); // the next run: a new processor

        assertThat(stored.description()).isEqualTo(first.description());
        assertThat(OwnedContent.fingerprint(next)).isEqualTo(stored.ownedFingerprint());
    }

    @Test
    void aDatasetWrittenByTheOldConverterIsWrittenOnceThenUnchanged() {
        OdsDataset embellir = Samples.parisExport().get(0);
        DatasetPayload now = processor().process(embellir).dataset();
        DatasetPayload before = withDescription(now, now.description().replace("«", "\\<\\<").replace("»", "\\>\\>")
                .replace("…", "...").replace("’", "'")); // what the converter wrote before issue 18

        assertThat(OwnedContent.fingerprint(now)).isNotEqualTo(storedByUdata(before).ownedFingerprint());
        assertThat(OwnedContent.fingerprint(processor().process(embellir).dataset()))
                .isEqualTo(storedByUdata(now).ownedFingerprint());
    }

    private static DatasetPayload withDescription(DatasetPayload p, String description) {
        return p.toBuilder().description(description).build();
    }

    private static DatasetMappingProcessor processor() {
        return new DatasetMappingProcessor(Samples.PARIS, "org-42", "fr", new LicenseGuesser(List.of(), "lov2"));
    }

    /** The create body as udata receives it (JSON over the wire), read back as udata answers a GET. */
    private static UdataDataset storedByUdata(DatasetPayload payload) {
        byte[] wire = JSON.writeValueAsBytes(UdataBodies.createBody(payload));
        ObjectNode answer = (ObjectNode) JSON.readTree(wire);
        answer.put("id", "5f0c0000000000000000abcd");
        return UdataDataset.fromJson(answer);
    }
}
