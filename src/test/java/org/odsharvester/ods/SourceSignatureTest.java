package org.odsharvester.ods;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.odsharvester.support.OdsSamples;
import tools.jackson.databind.node.ObjectNode;

class SourceSignatureTest {

    private final OdsDatasetParser parser = new OdsDatasetParser("https://data.example.org");

    @Test
    void theSameInstantWrittenTwoWaysIsTheSameSignal() {
        assertThat(SourceSignature.signals("a", "2026-09-09T15:03:43.061445+00:00", "2026-09-09T15:03:42+00:00"))
                .isEqualTo(SourceSignature.signals("a", "2026-09-09T17:03:43.061445+02:00", "2026-09-09T15:03:42Z"));
        assertThat(SourceSignature.instant("2023-09-21T14:29:10.013000+00:00"))
                .isEqualTo(SourceSignature.instant("2023-09-21T16:29:10.013+02:00")).isEqualTo("2023-09-21T14:29:10.013Z");
        assertThat(SourceSignature.instant("2023-09-21T14:29:09+00:00")).isEqualTo("2023-09-21T14:29:09Z")
                .isEqualTo(SourceSignature.instant("2023-09-21T14:29:09.000Z"));
        assertThat(SourceSignature.signals("a", "2026-09-09T15:03:43.061445+00:00", null))
                .isNotEqualTo(SourceSignature.signals("a", "2026-09-09T15:03:43.061446+00:00", null));
    }

    @Test
    void aRenameIsAChangeAndNoMetadataProcessedTellsNothing() {
        assertThat(SourceSignature.signals("a", "2026-09-09T15:03:43Z", null))
                .isNotEqualTo(SourceSignature.signals("b", "2026-09-09T15:03:43Z", null));
        assertThat(SourceSignature.signals("a", null, "2026-09-09T15:03:43Z")).isNull();
    }

    @Test
    void modifiedIsNoSignalButTheRawItemSeesEveryChange() {
        ObjectNode item = OdsSamples.v21Item(1);
        ((ObjectNode) item.path("metas").path("default")).put("metadata_processed", "2026-01-01T00:00:00.5+00:00");
        ObjectNode editedByHand = item.deepCopy();
        ((ObjectNode) editedByHand.path("metas").path("default")).put("modified", "2026-12-01T00:00:00+00:00");

        SourceSignature before = parser.fromExploreV21(item).signature();
        SourceSignature after = parser.fromExploreV21(editedByHand).signature();

        assertThat(after.signals()).isEqualTo(before.signals()).isNotNull();
        assertThat(after.rawHash()).isNotEqualTo(before.rawHash());
        assertThat(parser.fromExploreV21(item.deepCopy()).signature()).isEqualTo(before);
    }

    @Test
    void aLegacyItemIsSignedToo() {
        ObjectNode item = OdsSamples.v1Item(2);
        assertThat(parser.fromLegacyV1(item).signature().rawHash()).hasSize(16);
    }
}
