package org.odsharvester.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.odsharvester.ods.OdsDataset;
import org.odsharvester.ods.OdsDatasetParser;
import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.OutcomeRecorder;
import org.odsharvester.support.OdsSamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The recorded ODS payloads ({@link OdsSamples}) and small inline ones as {@link OdsDataset}s. */
final class Samples {

    static final String EXAMPLE_PORTAL = "https://data.example.org";
    static final String PARIS = "https://opendata.paris.fr";
    static final String SNS = "https://transparencia.sns.gov.pt";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Samples() {
    }

    /** An HTML description written for the tests ({@code src/test/resources/descriptions/}, README there). */
    static String descriptionHtml(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/descriptions/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no description " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 01: the v2.1 catalog list example (world boundaries; geonames with attachment cities1000.zip). */
    static List<OdsDataset> v21CatalogList() {
        List<OdsDataset> datasets = new ArrayList<>();
        OdsDatasetParser parser = new OdsDatasetParser(EXAMPLE_PORTAL);
        for (JsonNode item : OdsSamples.json(OdsSamples.V21_CATALOG).get("results")) {
            datasets.add(parser.fromExploreV21(item));
        }
        return datasets;
    }

    /** 02: the v2.1 single dataset example (geonames, 137,611 records, theme with commas). */
    static OdsDataset v21Single() {
        return new OdsDatasetParser(EXAMPLE_PORTAL)
                .fromExploreV21(OdsSamples.json(OdsSamples.V21_SINGLE));
    }

    /** 04: opendata.paris.fr catalog export, 4 datasets. */
    static List<OdsDataset> parisExport() {
        List<OdsDataset> datasets = new ArrayList<>();
        OdsDatasetParser parser = new OdsDatasetParser(PARIS);
        for (JsonNode item : OdsSamples.json(OdsSamples.PARIS_EXPORT)) {
            datasets.add(parser.fromExploreV21(item));
        }
        return datasets;
    }

    /** 05: verbatim v1 search result from transparencia.sns.gov.pt (one geo dataset, HTML with styles). */
    static OdsDataset v1Transparencia() {
        JsonNode datasets = OdsSamples.json(OdsSamples.V1_SNS)
                .get("datasets");
        return new OdsDatasetParser(SNS).fromLegacyV1(datasets.get(0));
    }

    static OdsDataset v21(String json) {
        return new OdsDatasetParser(EXAMPLE_PORTAL).fromExploreV21(JSON.readTree(json));
    }

    static OdsDataset v1(String json) {
        return new OdsDatasetParser(EXAMPLE_PORTAL).fromLegacyV1(JSON.readTree(json));
    }

    /** An in-memory recorder. */
    static final class Recorded implements OutcomeRecorder {
        final List<DatasetOutcome> outcomes = new ArrayList<>();

        @Override
        public void record(DatasetOutcome outcome) {
            outcomes.add(outcome);
        }
    }
}
