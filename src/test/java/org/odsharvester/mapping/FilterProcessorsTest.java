package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.Outcome;

class FilterProcessorsTest {

    private static final String INSPIRE_V1 = """
            {"datasetid": "inspire-v1", "has_records": true, "features": [],
             "metas": {"title": "Inspire dataset"},
             "interop_metas": {"inspire": {"theme": ["Adresses"], "contact_email": "geo@example.org"}}}""";
    private static final String INSPIRE_V21 = """
            {"dataset_id": "inspire-v21", "dataset_uid": "da_insp", "has_records": true, "features": [],
             "metas": {"default": {"title": "Inspire dataset"},
                       "inspire": {"theme": "Transport networks", "type": "dataset"}}}""";

    private final Samples.Recorded recorded = new Samples.Recorded();

    @Test
    void filtersAV1DatasetWithInspireMetadataAndRecordsWhy() {
        InspireFilterProcessor processor = new InspireFilterProcessor(false, recorded);

        assertThat(processor.process(Samples.v1(INSPIRE_V1))).isNull();
        assertThat(recorded.outcomes).containsExactly(new DatasetOutcome("inspire-v1", null, Outcome.FILTERED,
                "INSPIRE metadata (set ods.inspire=true to harvest it)", null));
    }

    @Test
    void filtersAV21DatasetWithInspireMetadataAndRecordsItsUid() {
        InspireFilterProcessor processor = new InspireFilterProcessor(false, recorded);

        assertThat(processor.process(Samples.v21(INSPIRE_V21))).isNull();
        assertThat(recorded.outcomes).containsExactly(new DatasetOutcome("inspire-v21", "da_insp",
                Outcome.FILTERED, InspireFilterProcessor.REASON, null));
    }

    @Test
    void letsInspireDatasetsThroughWhenAskedTo() {
        InspireFilterProcessor processor = new InspireFilterProcessor(true, recorded);
        OdsDataset dataset = Samples.v21(INSPIRE_V21);

        assertThat(processor.process(dataset)).isSameAs(dataset);
        assertThat(recorded.outcomes).isEmpty();
    }

    @Test
    void letsDatasetsWithoutInspireThrough() {
        InspireFilterProcessor processor = new InspireFilterProcessor(false, recorded);
        OdsDataset dcatOnly = Samples.v1Transparencia(); // interop_metas has dcat, not inspire
        OdsDataset emptyInspire = Samples.v21("""
                {"dataset_id": "empty-inspire", "has_records": true,
                 "metas": {"default": {"title": "T"}, "inspire": {"theme": null, "keywords": []}}}""");

        assertThat(processor.process(dcatOnly)).isSameAs(dcatOnly);
        assertThat(processor.process(emptyInspire)).isSameAs(emptyInspire);
        assertThat(recorded.outcomes).isEmpty();
    }

    @Test
    void filtersADatasetWithNothingToDownload() {
        NoDataFilterProcessor processor = new NoDataFilterProcessor(recorded);
        OdsDataset empty = Samples.v21("""
                {"dataset_id": "empty", "dataset_uid": "da_empty", "has_records": false,
                 "attachments": [], "alternative_exports": [], "metas": {"default": {"title": "Nothing"}}}""");

        assertThat(processor.process(empty)).isNull();
        assertThat(recorded.outcomes).containsExactly(new DatasetOutcome("empty", "da_empty", Outcome.FILTERED,
                "no data: no records, attachments or alternative exports", null));
    }

    @Test
    void filtersTheParisDatasetWithoutRecordsOrListedFiles() {
        // its has_attachments is true, but the catalog export lists no attachment: with nothing the
        // harvester could point to, it is filtered (reading the attachments is the reader's job)
        NoDataFilterProcessor processor = new NoDataFilterProcessor(recorded);
        List<OdsDataset> paris = Samples.parisExport();

        List<OdsDataset> kept = paris.stream().map(processor::process).filter(d -> d != null).toList();

        assertThat(kept).extracting(OdsDataset::datasetId).doesNotContain("comptage-velo-historique-donnees-compteurs")
                .hasSize(3);
        assertThat(recorded.outcomes).extracting(DatasetOutcome::datasetId)
                .containsExactly("comptage-velo-historique-donnees-compteurs");
    }

    @Test
    void keepsADatasetWithOnlyAnAttachment() {
        NoDataFilterProcessor processor = new NoDataFilterProcessor(recorded);
        OdsDataset attachmentOnly = Samples.v1("""
                {"datasetid": "docs-only", "has_records": false, "metas": {"title": "Docs"},
                 "attachments": [{"id": "guide_pdf", "title": "Guide", "mimetype": "application/pdf",
                                  "url": "odsfile://guide.pdf"}]}""");

        assertThat(processor.process(attachmentOnly)).isSameAs(attachmentOnly);
        assertThat(recorded.outcomes).isEmpty();
    }

    @Test
    void keepsADatasetWithOnlyAnAlternativeExport() {
        NoDataFilterProcessor processor = new NoDataFilterProcessor(recorded);
        OdsDataset exportOnly = Samples.v21("""
                {"dataset_id": "xls-only", "has_records": false, "metas": {"default": {"title": "Xls"}},
                 "alternative_exports": [{"id": "extra_xls", "title": "Extra", "mimetype": "application/xls",
                                          "url": "odsfile://extra.xls"}]}""");

        assertThat(processor.process(exportOnly)).isSameAs(exportOnly);
        assertThat(recorded.outcomes).isEmpty();
    }

    @Test
    void keepsADatasetWithRecords() {
        NoDataFilterProcessor processor = new NoDataFilterProcessor(recorded);
        OdsDataset dataset = Samples.v21Single();

        assertThat(processor.process(dataset)).isSameAs(dataset);
        assertThat(recorded.outcomes).isEmpty();
    }
}
