package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.Outcome;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.support.CompositeItemProcessor;

/** The processors chained the way the job chains them. */
class ProcessorChainTest {

    private final Samples.Recorded recorded = new Samples.Recorded();

    private CompositeItemProcessor<OdsDataset, HarvestItem> chain(String portal) {
        List<ItemProcessor<?, ?>> delegates = List.of(
                new SourceValidationProcessor(),
                new InspireFilterProcessor(false, recorded),
                new NoDataFilterProcessor(recorded),
                new DatasetMappingProcessor(portal, "org", "fr", new LicenseGuesser(List.of(), "lov2")),
                new ResourceBuilderProcessor("fr"));
        return new CompositeItemProcessor<>(delegates);
    }

    @Test
    void harvestsTheParisCatalogAndFiltersWhatHasNoData() throws Exception {
        CompositeItemProcessor<OdsDataset, HarvestItem> chain = chain(Samples.PARIS);
        List<HarvestItem> written = new ArrayList<>();

        for (OdsDataset dataset : Samples.parisExport()) {
            HarvestItem item = chain.process(dataset);
            if (item != null) {
                written.add(item);
            }
        }

        assertThat(written).extracting(item -> item.identity().remoteId()).containsExactly(
                "concertation-numerique-embellir-votre-quartier-republique-saint-ambroise-11e-boi",
                "plan-de-voirie-murs", "plan-de-voirie-murs");
        assertThat(written).allSatisfy(item -> {
            assertThat(item.dataset().license()).isEqualTo("odc-odbl");
            assertThat(item.dataset().resources()).isNotEmpty();
            assertThat(item.dataset().description()).isNotBlank().doesNotContain("<p");
        });
        // plan-de-voirie-murs: geo, 673,885 records: no Shapefile
        assertThat(written.get(1).dataset().resources()).extracting(r -> r.key())
                .containsExactly("export:csv", "export:json", "export:geojson");
        assertThat(recorded.outcomes).containsExactly(new DatasetOutcome("comptage-velo-historique-donnees-compteurs",
                null, Outcome.FILTERED, NoDataFilterProcessor.REASON, null));
    }

    @Test
    void stopsAnInspireDatasetBeforeMappingIt() throws Exception {
        OdsDataset inspire = Samples.v21("""
                {"dataset_id": "inspire", "has_records": true,
                 "metas": {"default": {"title": "I"}, "inspire": {"theme": "Hydrography"}}}""");

        assertThat(chain(Samples.EXAMPLE_PORTAL).process(inspire)).isNull();
        assertThat(recorded.outcomes).extracting(DatasetOutcome::reason).containsExactly(InspireFilterProcessor.REASON);
    }
}
