package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.report.DatasetRejectedException;

class SourceValidationProcessorTest {

    private final SourceValidationProcessor processor = new SourceValidationProcessor();

    @Test
    void passesAUsableDatasetThroughUnchanged() {
        OdsDataset dataset = Samples.v1Transparencia();

        assertThat(processor.process(dataset)).isSameAs(dataset);
    }

    @Test
    void rejectsAnItemTheReaderCouldNotReadWithItsReason() {
        OdsDataset broken = OdsDataset.unusable("bad-one", "title is not a text (OBJECT)");

        assertThatThrownBy(() -> processor.process(broken))
                .isInstanceOfSatisfying(DatasetRejectedException.class, e -> {
                    assertThat(e.datasetId()).isEqualTo("bad-one");
                    assertThat(e.reason()).isEqualTo("title is not a text (OBJECT)");
                });
    }

    @Test
    void rejectsTheParserVerdictOnAnObjectTitle() {
        OdsDataset dataset = Samples.v21("""
                {"dataset_id": "x", "dataset_uid": "da_1", "has_records": true,
                 "metas": {"default": {"title": {"en": "not a string"}}}}""");

        assertThatThrownBy(() -> processor.process(dataset))
                .isInstanceOfSatisfying(DatasetRejectedException.class,
                        e -> assertThat(e.reason()).startsWith("title is not a text"));
    }

    @Test
    void rejectsADatasetWithoutId() {
        OdsDataset noId = OdsDataset.builder().datasetUid("da_1").title("A title").hasRecords(true).recordsCount(10L)
                .build();

        assertThatThrownBy(() -> processor.process(noId))
                .isInstanceOfSatisfying(DatasetRejectedException.class, e -> {
                    assertThat(e.datasetId()).isNull();
                    assertThat(e.datasetUid()).isEqualTo("da_1");
                    assertThat(e.reason()).isEqualTo("dataset has no dataset_id");
                });
    }

    @Test
    void rejectsADatasetWithoutTitle() {
        OdsDataset dataset = Samples.v1("""
                {"datasetid": "no-title", "has_records": true, "metas": {"description": "<p>x</p>"}}""");

        assertThatThrownBy(() -> processor.process(dataset))
                .isInstanceOfSatisfying(DatasetRejectedException.class, e -> {
                    assertThat(e.datasetId()).isEqualTo("no-title");
                    assertThat(e.reason()).isEqualTo("dataset has no title");
                });
    }

    @Test
    void rejectsADatasetWithABlankTitle() {
        OdsDataset dataset = Samples.v1("""
                {"datasetid": "blank-title", "has_records": true, "metas": {"title": "  \\n "}}""");

        assertThatThrownBy(() -> processor.process(dataset))
                .isInstanceOfSatisfying(DatasetRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo("dataset has no title"));
    }
}
