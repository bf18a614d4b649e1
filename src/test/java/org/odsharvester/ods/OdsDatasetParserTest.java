package org.odsharvester.ods;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input at the source: every odd shape of a catalog item gives a defined dataset — values normalised
 * where their meaning is clear, the item marked unusable (rejected with the reason) where it is not — and
 * never an exception that would fail the page.
 */
class OdsDatasetParserTest {

    private static final String PORTAL = "https://data.example.org";
    private final OdsDatasetParser parser = new OdsDatasetParser(PORTAL);

    private static ObjectNode item() {
        ObjectNode item = OdsTestSupport.JSON.createObjectNode();
        item.put("dataset_id", "velos");
        item.put("dataset_uid", "da_abc123");
        item.put("has_records", true);
        item.putArray("features").add("analyze");
        ObjectNode meta = item.putObject("metas").putObject("default");
        meta.put("title", "Vélos");
        meta.putArray("keyword").add("vélo");
        return item;
    }

    private static ObjectNode meta(ObjectNode item) {
        return (ObjectNode) item.path("metas").path("default");
    }

    @Test
    void stringsWhereListsAreExpectedAreReadAsOneElementLists() {
        ObjectNode item = item();
        meta(item).put("keyword", "vélo");
        meta(item).put("theme", "Mobilité, Transports");
        item.put("features", "geo");

        OdsDataset dataset = parser.fromExploreV21(item);

        assertThat(dataset.isUsable()).isTrue();
        assertThat(dataset.keywords()).containsExactly("vélo");
        assertThat(dataset.themes()).containsExactly("Mobilité, Transports");
        assertThat(dataset.isGeo()).isTrue();
    }

    @Test
    void objectsOrStringsWhereFileListsAreExpectedGiveNoFiles() {
        ObjectNode item = item();
        item.put("attachments", "notice.pdf");
        item.putObject("alternative_exports").put("id", "x");
        item.put("fields", "nom,prenom");

        OdsDataset dataset = parser.fromExploreV21(item);

        assertThat(dataset.isUsable()).isTrue();
        assertThat(dataset.attachments()).isEmpty();
        assertThat(dataset.alternativeExports()).isEmpty();
        assertThat(dataset.fields()).isEmpty();
    }

    @Test
    void filesWithoutIdOrOfTheWrongTypeAreLeftOut() {
        ObjectNode item = item();
        item.putArray("attachments").add("a string").add(OdsTestSupport.JSON.createObjectNode().put("title", "no id"))
                .add(OdsTestSupport.JSON.createObjectNode().put("id", "doc").put("title", "Notice"));

        OdsDataset dataset = parser.fromExploreV21(item);

        assertThat(dataset.attachments()).extracting(OdsFile::id).containsExactly("doc");
    }

    @Test
    void numbersAndBooleansWhereTextIsExpectedAreWrittenAsText() {
        ObjectNode item = item();
        item.put("dataset_id", 12345);
        meta(item).put("license", 2);
        meta(item).putArray("keyword").add(2024).add(true).addNull().add("");

        OdsDataset dataset = parser.fromExploreV21(item);

        assertThat(dataset.datasetId()).isEqualTo("12345");
        assertThat(dataset.license()).isEqualTo("2");
        assertThat(dataset.keywords()).containsExactly("2024", "true");
    }

    @Test
    void dataItsVisitorsCannotSeeHasNoExportUrlsButKeepsItsFiles() {
        ObjectNode item = item();
        item.put("data_visible", false);
        item.putArray("attachments").addObject().put("id", "notice_pdf").put("title", "Notice")
                .put("mimetype", "application/pdf").put("url", "odsfile://notice.pdf");

        OdsDataset dataset = parser.fromExploreV21(item);

        assertThat(dataset.exportUrls()).isEmpty();
        assertThat(dataset.hasRecords()).isTrue();
        assertThat(dataset.attachments()).extracting(OdsFile::id).containsExactly("notice_pdf");
        item.put("data_visible", true);
        assertThat(parser.fromExploreV21(item).exportUrls()).containsOnlyKeys("csv", "json", "geojson", "shp");
    }

    @Test
    void aRecordCountThatIsNotANumberIsUnknown() {
        ObjectNode item = item();
        meta(item).put("records_count", "beaucoup");
        assertThat(parser.fromExploreV21(item).recordsCount()).isNull();
        meta(item).put("records_count", " 42 ");
        assertThat(parser.fromExploreV21(item).recordsCount()).isEqualTo(42L);
    }

    @Test
    void datesInOddFormatsAreKeptAsTheyCameAndNeverParsed() {
        ObjectNode item = item();
        meta(item).put("modified", "31/12/2024 à midi");
        assertThat(parser.fromExploreV21(item).modified()).isEqualTo("31/12/2024 à midi");
        meta(item).put("modified", 1735689600);
        assertThat(parser.fromExploreV21(item).isUsable()).isTrue();
        meta(item).putObject("modified").put("date", "2024");
        assertThat(parser.fromExploreV21(item).isUsable()).isTrue();
        assertThat(parser.fromExploreV21(item).modified()).isNull();
    }

    @Test
    void aTitleThatIsNotTextMakesTheItemUnusable() {
        ObjectNode item = item();
        meta(item).putArray("title").add("Vélos");

        OdsDataset dataset = parser.fromExploreV21(item);

        assertThat(dataset.isUsable()).isFalse();
        assertThat(dataset.datasetId()).isEqualTo("velos");
        assertThat(dataset.unusableReason()).isEqualTo("title is not a text (ARRAY)");
    }

    @Test
    void anItemWithoutIdOrThatIsNotAnObjectIsUnusableAndNamedByItsPosition() {
        ObjectNode noId = item();
        noId.remove("dataset_id");
        JsonNode array = OdsTestSupport.JSON.createArrayNode().add("velos");

        OdsDataset withoutId = OdsDataset.namedByPosition(parser.fromExploreV21(noId), 41);
        OdsDataset notAnObject = OdsDataset.namedByPosition(parser.fromExploreV21(array), 42);

        assertThat(withoutId.datasetId()).isEqualTo("#42");
        assertThat(withoutId.unusableReason()).isEqualTo("dataset has no dataset_id");
        assertThat(notAnObject.datasetId()).isEqualTo("#43");
        assertThat(notAnObject.unusableReason()).isEqualTo("catalog item is not a JSON object");
        assertThat(OdsDataset.namedByPosition(parser.fromExploreV21(item()), 7).datasetId()).isEqualTo("velos");
    }

    @Test
    void metasOfTheWrongShapeLeaveTheItemWithoutTitle() {
        ObjectNode item = item();
        item.putArray("metas").add("default");

        OdsDataset dataset = parser.fromExploreV21(item);

        // no title: SourceValidationProcessor rejects it as "dataset has no title"
        assertThat(dataset.title()).isNull();
        assertThat(dataset.datasetId()).isEqualTo("velos");
    }

    @Test
    void anEmptyTitleIsKeptEmptyForTheValidationToReject() {
        ObjectNode item = item();
        meta(item).put("title", "  ");

        assertThat(parser.fromExploreV21(item).title()).isBlank();
    }

    @Test
    void aReferenceThatIsNotAUrlIsKeptAsText() {
        ObjectNode item = item();
        meta(item).put("references", "voir la délibération n°12 <http://exemple invalide>");

        assertThat(parser.fromExploreV21(item).references()).isEqualTo("voir la délibération n°12 <http://exemple invalide>");
    }

    @Test
    void legacyV1ItemsOfTheWrongShapeAreHandledTheSameWay() {
        ObjectNode item = OdsTestSupport.JSON.createObjectNode();
        item.put("datasetid", "velos");
        item.putObject("metas").put("title", "Vélos").put("keyword", "vélo;cyclable").put("theme", "Transports");
        item.put("features", "geo");

        OdsDataset dataset = parser.fromLegacyV1(item);

        assertThat(dataset.isUsable()).isTrue();
        assertThat(dataset.keywords()).containsExactly("vélo;cyclable");
        assertThat(dataset.isGeo()).isTrue();
        assertThat(parser.fromLegacyV1(OdsTestSupport.JSON.createArrayNode()).unusableReason())
                .isEqualTo("catalog item is not a JSON object");
    }
}
