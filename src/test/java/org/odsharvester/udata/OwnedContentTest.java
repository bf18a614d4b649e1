package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

class OwnedContentTest {

    private static final ResourcePayload CSV = new ResourcePayload("export:csv", "CSV", "fields", "https://x.org/csv",
            "remote", "main", "csv", "text/csv");

    private static DatasetPayload payload() {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put(HarvestExtras.REMOTE_ID, "velos");
        extras.put(HarvestExtras.DOMAIN, "data.example.org");
        extras.put("ods:has_records", true);
        return DatasetPayload.builder().title("Vélos").description("Line 1\nLine 2")
                .tags(List.of("mobilite", "transport")).license("lov2").frequency("unknown").isPrivate(false)
                .organization("org").extras(extras).resources(List.of(CSV)).build();
    }

    /** What udata answers for {@link #payload()}, plus whatever udata and people add. */
    private static UdataDataset answer(UnaryOperator<UdataDataset> change) {
        Map<String, Object> extras = new LinkedHashMap<>(payload().extras());
        extras.put("recommendations:sources", List.of("x"));
        List<UdataResource> resources = new ArrayList<>();
        resources.add(new UdataResource("id-1", "CSV", "https://x.org/csv", "csv", "text/csv", "fields", "main",
                "remote", Map.of(ResourcePayload.KEY_EXTRA, "export:csv", "analysis:checksum", "abc"), null));
        resources.add(new UdataResource("id-2", "By hand", "https://y.org", "pdf", null, null, "documentation",
                "remote", Map.of(), null));
        return change.apply(new UdataDataset("d1", "Vélos", "Line 1\r\nLine 2 ", List.of("transport", "mobilite"),
                "lov2", "unknown", false, "org", null, null, "2024-01-01T00:00:00", extras, resources, null));
    }

    @Test
    void whatUdataStoresForAPayloadHasTheSameFingerprintAsThePayload() {
        assertThat(OwnedContent.fingerprint(answer(d -> d))).isEqualTo(OwnedContent.fingerprint(payload()));
    }

    @Test
    void udatasNormalisationsAreNotChanges() {
        DatasetPayload p = payload();
        DatasetPayload raw = p.toBuilder().title(" Vélos ").tags(List.of("Transport", "Mobilité", "transport"))
                .license(null).frequency(null).resources(List.of(new ResourcePayload("export:csv", "CSV", "fields",
                        "https://x.org/csv", "remote", "main", " CSV", "TEXT/csv"))).build();

        assertThat(OwnedContent.fingerprint(raw))
                .isEqualTo(OwnedContent.fingerprint(answer(d -> new UdataDataset(d.id(), d.title(), d.description(),
                        d.tags(), "notspecified", "unknown", false, d.organization(), null, null, null, d.extras(),
                        d.resources(), null))));
    }

    @Test
    void changedFieldsNamesWhatAPutWouldChangeAndNothingUdataNormalised() {
        DatasetPayload p = payload();
        UdataDataset held = answer(d -> d); // udata's \r\n, order of tags, its own extras and a person's resource

        assertThat(OwnedContent.changedFields(held, p)).isEmpty();
        assertThat(OwnedContent.changedFields(held, p.toBuilder().title("Other").tags(List.of("bus")).build()))
                .containsExactly("tags", "title");
        assertThat(OwnedContent.changedFields(held, p.toBuilder().license("odc-odbl").build()))
                .containsExactly("license");
        assertThat(OwnedContent.changedFields(held, p.withResources(List.of()))).containsExactly("resources");
        // a frequency the source does not give is not ours: no difference whatever udata holds
        assertThat(OwnedContent.changedFields(answer(d -> new UdataDataset(d.id(), d.title(), d.description(),
                d.tags(), d.license(), "daily", false, d.organization(), null, null, null, d.extras(), d.resources(),
                null)), p.toBuilder().frequency(null).build())).isEmpty();
    }

    @Test
    void everyOwnedFieldCounts() {
        String base = OwnedContent.fingerprint(payload());
        DatasetPayload p = payload();
        Map<String, Object> otherExtras = new LinkedHashMap<>(p.extras());
        otherExtras.put(HarvestExtras.REMOTE_ID, "renamed");
        List<DatasetPayload> changed = List.of(
                p.toBuilder().title("Other").build(),
                p.toBuilder().description("Other").build(),
                p.toBuilder().tags(List.of("transport")).build(),
                p.toBuilder().license("odc-odbl").build(),
                p.toBuilder().frequency("daily").build(),
                p.toBuilder().isPrivate(true).build(),
                p.toBuilder().extras(otherExtras).build(),
                p.withResources(List.of()),
                p.withResources(List.of(new ResourcePayload("export:csv", "CSV", "fields", "https://x.org/other",
                        "remote", "main", "csv", "text/csv"))),
                p.withResources(List.of(new ResourcePayload("export:json", "CSV", "fields", "https://x.org/csv",
                        "remote", "main", "csv", "text/csv"))));

        assertThat(changed).allSatisfy(c -> assertThat(OwnedContent.fingerprint(c)).isNotEqualTo(base));
    }

    @Test
    void resourceIdsHandMadeResourcesAndForeignExtrasDoNotCount() {
        UdataDataset plain = answer(d -> d);
        Map<String, Object> moreForeign = new LinkedHashMap<>(plain.extras());
        moreForeign.put("geop:id", "x");
        UdataDataset other = new UdataDataset(plain.id(), plain.title(), plain.description(), plain.tags(),
                plain.license(), plain.frequency(), false, null, null, null, null, moreForeign,
                List.of(new UdataResource("another-id", "CSV", "https://x.org/csv", "csv", "text/csv", "fields",
                        "main", "remote", Map.of(ResourcePayload.KEY_EXTRA, "export:csv"), null)), null);

        assertThat(OwnedContent.fingerprint(other)).isEqualTo(OwnedContent.fingerprint(plain));
    }

    @Test
    void tagsCompareAsUdataStoresThem() {
        UdataDataset stored = answer(d -> d);
        UdataDataset asSent = new UdataDataset(stored.id(), stored.title(), stored.description(),
                List.of("  Qualité de l'air  ", "Œuvres d’art", "--A__B--"), stored.license(), stored.frequency(),
                stored.isPrivate(), null, null, null, null, stored.extras(), stored.resources(), null);
        UdataDataset slugs = new UdataDataset(stored.id(), stored.title(), stored.description(),
                List.of("a-b", "oeuvres-dart", "qualite-de-l-air"), stored.license(), stored.frequency(),
                stored.isPrivate(), null, null, null, null, stored.extras(), stored.resources(), null);
        UdataDataset otherSlugs = new UdataDataset(stored.id(), stored.title(), stored.description(),
                List.of("a-b", "oeuvres-d-art", "qualite-de-l-air"), stored.license(), stored.frequency(),
                stored.isPrivate(), null, null, null, null, stored.extras(), stored.resources(), null);

        assertThat(OwnedContent.fingerprint(asSent)).isEqualTo(OwnedContent.fingerprint(slugs));
        assertThat(OwnedContent.fingerprint(otherSlugs)).isNotEqualTo(OwnedContent.fingerprint(slugs));
    }
}
