package org.odsharvester.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generated portal against what ODS documents (Explore API v2.1 reference, "Opendatasoft Query Language
 * (ODSQL)", in {@code ods-samples/explore-v2.1-openapi.json}; the {@code default.} prefix from
 * {@code ../shared/FIELD-NOTES.md} C): it must take every documented form the harvester could send and refuse
 * what a real portal refuses, or the harvester's tests prove nothing about real portals.
 */
class GeneratedOdsPortalTest {

    private static final GeneratedOdsPortal portal = new GeneratedOdsPortal(30);
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @AfterAll
    static void stop() {
        portal.close();
    }

    private record Answer(int status, JsonNode body) {
    }

    private static Answer get(String where, String orderBy) throws Exception {
        return get(portal, where, orderBy);
    }

    private static Answer get(GeneratedOdsPortal portal, String where, String orderBy) throws Exception {
        StringBuilder query = new StringBuilder("limit=100");
        if (where != null) {
            query.append("&where=").append(URLEncoder.encode(where, StandardCharsets.UTF_8));
        }
        if (orderBy != null) {
            query.append("&order_by=").append(URLEncoder.encode(orderBy, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(portal.url() + GeneratedOdsPortal.PATH + "?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private static List<String> ids(Answer answer) {
        List<String> ids = new ArrayList<>();
        answer.body().path("results").forEach(item -> ids.add(item.path("dataset_id").asString()));
        return ids;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "modified is null | 0",
            "default.modified is null | 0",
            "MODIFIED IS NOT NULL | 30",
            "default.modified is not null | 30",
            "dataset_id in (\"dataset-000001\", \"dataset-000003\", 'dataset-999999') | 2",
            "dataset_id = \"dataset-000004\" | 1",
            "modified >= date'2020/01/01' | 30",
            "modified >= date'2020' | 30",
            "modified > date'2020-01-01T08:02' | 0",
            "default.modified < date'2021-01-01T00:00:00Z' | 30",
            "modified >= date'2020-01-01T01:00:00+01:00' | 30",
            "modified in [date'2020'..date'2021'[ | 30",
            "modified in ]date'2021' TO date'2022'] | 0",
            "not dataset_id = \"dataset-000001\" and (modified is not null or dataset_id = \"x\") | 29",
            "dataset_id=\"dataset-000001\"OR dataset_id=\"dataset-000002\" | 2",
    })
    void takesTheDocumentedForms(String where, int expected) throws Exception {
        Answer answer = get(where, null);

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("total_count").asInt()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "metas.default.modified >= date'2020'", // the metas. path is not a field name
            "modifed is null", // unknown field
            "dataset_id > \"dataset-000001\"", // text fields only take =
            "modified >= '2020-01-01'", // a date is written date'…'
            "modified >= date'01/02/2020'",
            "modified >= date'yesterday'",
            "modified >= date'2020-13-01'",
            "modified is empty",
            "(modified is null",
            "modified >= date'2020' and",
    })
    void refusesTheRestWithTheBodyOfOds(String where) throws Exception {
        Answer answer = get(where, null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error_code").asString()).isEqualTo("ODSQLError");
        assertThat(answer.body().path("message").asString()).startsWith("ODSQL query is malformed: ")
                .endsWith("Clause(s) containing the error(s): where.");
    }

    @Test
    void comparesDatesAtTheMicrosecondItStamps() throws Exception {
        String stamp = portal.modified(7);
        assertThat(stamp).matches("2020-01-01T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00");

        Answer from = get("dataset_id = \"" + GeneratedOdsPortal.id(7) + "\" and modified >= date'" + stamp + "'", null);
        Answer after = get("dataset_id = \"" + GeneratedOdsPortal.id(7) + "\" and modified > date'" + stamp + "'", null);

        assertThat(from.body().path("total_count").asInt()).isEqualTo(1);
        assertThat(after.body().path("total_count").asInt()).isZero();
    }

    @Test
    void groupsOfDatasetsShareOneInstantAndASecondHoldsSeveralInstants() throws Exception {
        List<String> dates = new ArrayList<>();
        get(null, "default.modified,dataset_id").body().path("results")
                .forEach(item -> dates.add(item.path("metas").path("default").path("modified").asString()));

        assertThat(dates).hasSize(30).isSorted();
        assertThat(dates.stream().distinct().count()).isEqualTo(30 / GeneratedOdsPortal.GROUP);
        assertThat(dates.stream().map(date -> date.substring(0, 19)).distinct().count())
                .isLessThan(30 / GeneratedOdsPortal.GROUP);
    }

    @Test
    void datesSetByHandAreMidnightWithoutFractionAndUndatedOnesComeLastInDateOrder() throws Exception {
        try (GeneratedOdsPortal edited = new GeneratedOdsPortal(30)) {
            edited.setModified(0, 2, "2019-05-01T00:00:00+00:00");
            edited.undate(2);

            Answer answer = get(edited, null, "modified asc, dataset_id");

            assertThat(ids(answer)).startsWith(GeneratedOdsPortal.id(0), GeneratedOdsPortal.id(1))
                    .endsWith(GeneratedOdsPortal.id(2));
            assertThat(answer.body().path("results").get(0).path("metas").path("default").path("modified").asString())
                    .isEqualTo("2019-05-01T00:00:00+00:00");
            assertThat(get(edited, "modified = date'2019-05-01'", null).body().path("total_count").asInt())
                    .isEqualTo(2);
        }
    }

    @Test
    void refusesAnOrderItDoesNotModel() throws Exception {
        Answer answer = get(null, "title");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error_code").asString()).isEqualTo("ODSQLError");
    }

    @Test
    void aRealisticPortalLooksLikeTheParisExport() throws Exception {
        try (GeneratedOdsPortal realistic = new GeneratedOdsPortal(60)) {
            realistic.setCustomizer(CatalogGenerator::makeRealistic);

            List<JsonNode> items = new ArrayList<>();
            get(realistic, null, null).body().path("results").forEach(items::add);

            assertThat(items).hasSize(60);
            for (JsonNode item : items) {
                JsonNode meta = item.path("metas").path("default");
                assertThat(meta.path("description").asString()).hasSizeBetween(250, 700)
                        .contains("&eacute;", "&nbsp;", "&amp;", "<ul><li>", "<a href=\"");
                boolean geo = item.path("features").toString().contains("\"geo\"");
                assertThat(item.path("fields").size()).isEqualTo(geo ? 6 : 5);
                assertThat(meta.has("geographic_reference")).isEqualTo(geo);
                assertThat(meta.path("metadata_processed").asString())
                        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00")
                        .isGreaterThan(meta.path("data_processed").asString())
                        .isGreaterThan(meta.path("modified").asString());
            }
            assertThat(items.stream().filter(i -> i.path("features").toString().contains("\"geo\""))).hasSize(21);
            assertThat(items.stream().filter(i -> !i.path("attachments").isEmpty())).hasSize(9);
            // datasets sharing a modification instant share the platform's processing instants too
            assertThat(items.stream().map(i -> i.path("metas").path("default").path("metadata_processed").asString())
                    .distinct()).hasSize(60 / GeneratedOdsPortal.GROUP);

            realistic.touch(4);
            JsonNode touched = get(realistic, "dataset_id = \"" + GeneratedOdsPortal.id(4) + "\"", null).body()
                    .path("results").get(0).path("metas").path("default");
            assertThat(touched.path("metadata_processed").asString()).isNotEqualTo(
                    items.get(4).path("metas").path("default").path("metadata_processed").asString());
        }
    }

    private static Answer export(GeneratedOdsPortal portal, String select) throws Exception {
        String query = select == null ? "" : "?select=" + URLEncoder.encode(select, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(portal.url() + GeneratedOdsPortal.EXPORT_PATH + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    @Test
    void theExportIsTheWholeCatalogAsOneArrayShapedBySelectAsOdsDocumentsIt() throws Exception {
        Answer whole = export(portal, null);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body().isArray()).isTrue();
        assertThat(whole.body()).hasSize(30);

        Answer selected = export(portal, "dataset_id, metadata_processed as signal_metadata_processed, modified");
        JsonNode first = selected.body().get(0);
        // a label is the key of its expression; an unlabelled metadata stays where full items carry it
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("dataset_id", "signal_metadata_processed", "metas");
        assertThat(first.path("metas").path("default").path("modified").asString()).isEqualTo(portal.modified(0));

        assertThat(export(portal, "dataset_id, no_such_field").status()).isEqualTo(400);
        try (GeneratedOdsPortal refusing = new GeneratedOdsPortal(3)) {
            refusing.setExportRefusesSelect(true);
            assertThat(export(refusing, "dataset_id").status()).isEqualTo(400);
            assertThat(export(refusing, null).status()).isEqualTo(200);
        }
    }

    @Test
    void aListOfIdsSelectsThoseDatasets() throws Exception {
        Answer answer = get("dataset_id IN (\"" + GeneratedOdsPortal.id(4) + "\", \"" + GeneratedOdsPortal.id(2)
                + "\", \"nope\")", "dataset_id");

        assertThat(ids(answer)).containsExactly(GeneratedOdsPortal.id(2), GeneratedOdsPortal.id(4));
    }
}
