package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.http.RemoteSystemException;
import org.odsharvester.http.TransientHttpException;
import org.odsharvester.mapping.KnownLicense;
import org.springframework.boot.restclient.RestTemplateBuilder;

class UdataClientTest {

    @RegisterExtension
    static final FakeUdataExtension udata = new FakeUdataExtension();
    private final FakeUdata fake = udata.fake();
    private final UdataClient client = UdataFixtures.client(fake);

    @Test
    void meTellsTheUserAndTheirOrganizations() {
        UdataUser me = client.me();

        assertThat(me.id()).isNotBlank();
        assertThat(me.organizations()).extracting(UdataUser.Organization::id)
                .containsExactly(FakeUdata.DEFAULT_ORGANIZATION, FakeUdata.OTHER_MEMBER_ORGANIZATION);
        assertThat(me.organizations().get(0).name()).isEqualTo("Ville de Test");
        assertThat(me.isMemberOf(fake.organization())).isTrue();
        assertThat(me.isMemberOf("ville-de-test")).isTrue();
        assertThat(me.isMemberOf(FakeUdata.FOREIGN_ORGANIZATION)).isFalse();
    }

    @Test
    void aRejectedKeyIsAccessDenied() {
        UdataClient wrongKey = new UdataClient(new UdataProperties(fake.url(), "not-the-key", fake.organization(),
                null, null, 3, Duration.ofMillis(10), null, true, null), new RestTemplateBuilder(), "test");

        assertThatThrownBy(wrongKey::me)
                .isInstanceOf(UdataAccessDeniedException.class)
                .hasMessageContaining("udata rejected the API key")
                .hasMessageNotContaining("not-the-key");
        assertThat(fake.requestCount("GET", "/api/1/me/")).isEqualTo(1);
    }

    @Test
    void licensesAreParsedWithTheirAlternateTitlesAndUrls() {
        List<KnownLicense> licenses = client.licenses();

        assertThat(licenses).extracting(KnownLicense::id)
                .contains("lov2", "fr-lo", "odc-odbl", "cc-by-sa", "other-pd", "cc-by", "notspecified");
        KnownLicense odbl = licenses.stream().filter(l -> l.id().equals("odc-odbl")).findFirst().orElseThrow();
        assertThat(odbl.title()).isEqualTo("Open Data Commons Open Database License (ODbL)");
        assertThat(odbl.url()).isEqualTo("http://opendefinition.org/licenses/odc-odbl/");
        assertThat(odbl.alternateTitles()).contains("Open Database License (ODbL)");
        assertThat(odbl.alternateUrls()).contains("https://opendatacommons.org/licenses/odbl/1-0/");
        KnownLicense pd = licenses.stream().filter(l -> l.id().equals("other-pd")).findFirst().orElseThrow();
        assertThat(pd.url()).isNull();
    }

    @Test
    void aValidationErrorGivesUdatasMessageOnOneLine() {
        var item = UdataFixtures.item(fake, "bad-tags", "da_1", "Bad tags", List.of("ok-tag", "ab"),
                List.of(UdataFixtures.csv("bad-tags")));

        UdataRejectedException e = (UdataRejectedException) catchThrowable(() -> client.create(item.dataset()));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.udataMessage()).isEqualTo("tags: Tag \"ab\" must be between 3 and 96 characters long.");
        assertThat(e.getMessage()).contains("POST /api/1/datasets/").contains(e.udataMessage());
    }

    @Test
    void nestedResourceErrorsNameTheResource() {
        var item = UdataFixtures.item(fake, "bad-url", "da_1", "Bad URL", List.of(UdataFixtures.csv("bad-url"),
                new ResourcePayload("attachment:x", "X", null, "mailto:someone", "remote", "main", null, null)));

        UdataRejectedException e = (UdataRejectedException) catchThrowable(() -> client.create(item.dataset()));

        assertThat(e.udataMessage()).isEqualTo("resources[1].url: Invalid URL \"mailto:someone\"");
    }

    @Test
    void aMessageOnlyErrorGivesTheMessage() {
        fake.failWhen(r -> r.method().equals("PUT"), 400, "{\"message\":\"Dataset is locked\"}");

        UdataDataset empty = UdataDataset.fromJson(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        assertThatThrownBy(() -> client.update("5f0c0ffee0c0ffee0c0ff999", UdataBodies.archivedBody(empty, null)))
                .isInstanceOfSatisfying(UdataRejectedException.class,
                        e -> assertThat(e.udataMessage()).isEqualTo("Dataset is locked"));
    }

    @Test
    void aServerErrorIsRetriedThenSucceeds() {
        fake.failNext(2, 502);

        assertThat(client.me().organizations()).isNotEmpty();
        assertThat(fake.requestCount("GET", "/api/1/me/")).isEqualTo(3);
    }

    @Test
    void retriesEndWithATransientErrorNamingUdata() {
        fake.failAlways(503);

        Throwable e = catchThrowable(client::licenses);

        assertThat(e).isInstanceOf(TransientHttpException.class).hasMessageContaining("udata " + fake.url());
        assertThat(fake.requestCount("GET", "/api/1/datasets/licenses/")).isEqualTo(3);
    }

    @Test
    void readOnlyModeFailsAtOnceWithoutRetrying() {
        fake.failAlways(423);

        assertThatThrownBy(client::me).isInstanceOf(UdataReadOnlyException.class).hasMessageContaining("read-only");
        assertThat(fake.requestCount("GET", "/api/1/me/")).isEqualTo(1);
    }

    @Test
    void archivingThenUnarchivingKeepsTheTagsAndTemporalCoverageSetByHand() {
        String id = client.create(UdataFixtures.item(fake, "a", "da_a", "A").dataset()).id();
        fake.editDataset(id, d -> {
            d.putArray("tags").add("set-by-hand").add("velo");
            d.putObject("temporal_coverage").put("start", "2019-01-01").put("end", "2020-12-31");
        });

        UdataDataset archived = client.archive(id, "2026-12-01T00:00:00+00:00");
        UdataDataset unarchived = client.unarchive(id);

        assertThat(archived.isArchived()).isTrue();
        assertThat(unarchived.isArchived()).isFalse();
        for (UdataDataset answer : List.of(archived, unarchived, client.get(id))) {
            assertThat(answer.tags()).containsExactly("set-by-hand", "velo");
            assertThat(answer.temporalCoverage())
                    .isEqualTo(new UdataDataset.TemporalCoverage("2019-01-01", "2020-12-31"));
        }
    }

    @Test
    void aMissingDatasetAndADeletedOneAreDistinguished() {
        UdataDataset created = client.create(UdataFixtures.item(fake, "a", "da_a", "A").dataset());
        fake.deleteDataset(created.id());

        Throwable missing = catchThrowable(() -> client.get("5f0c0ffee0c0ffee0c0ff999"));
        Throwable deleted = catchThrowable(() -> client.update(created.id(), UdataBodies.archivedBody(created, null)));

        assertThat(missing).isInstanceOfSatisfying(UdataDatasetNotFoundException.class,
                e -> assertThat(e.deleted()).isFalse());
        assertThat(deleted).isInstanceOfSatisfying(UdataDatasetNotFoundException.class,
                e -> assertThat(e.deleted()).isTrue());
    }

    @Test
    void theApiKeyNeverAppearsInExceptionMessages() {
        String key = fake.apiKey();
        String id = client.create(UdataFixtures.item(fake, "a", "da_a", "A").dataset()).id();
        fake.failWhen(r -> r.path().equals("/api/1/me/"), 400, "{\"message\":\"bad request for key " + key + "\"}");
        fake.failWhen(r -> r.path().equals("/api/1/datasets/licenses/"), 500, "{\"message\":\"trace: " + key + "\"}");
        fake.failWhen(r -> r.method().equals("PUT"), 403, "{\"message\":\"" + key + " may not\"}");

        for (Throwable e : List.of(catchThrowable(client::me), catchThrowable(client::licenses),
                catchThrowable(() -> client.unarchive(id)))) {
            assertThat(e).isInstanceOf(RemoteSystemException.class);
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(key);
            }
            assertThat(e.getMessage()).contains("***");
        }
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundInsteadOfDuplicated() {
        fake.loseNextAnswers(r -> r.method().equals("POST"), 1, 504);

        UdataDataset created = client.create(UdataFixtures.item(fake, "lost", "da_lost", "Lost").dataset());

        assertThat(fake.datasets()).hasSize(1);
        assertThat(created.id()).isEqualTo(fake.datasets().get(0).path("id").asString());
        assertThat(fake.requestCount("POST", "/api/1/datasets/")).isEqualTo(1);
    }

    @Test
    void aCreateRefusedBeforeProcessingIsSentAgain() {
        fake.failNext(1, 503);

        UdataDataset created = client.create(UdataFixtures.item(fake, "retry", "da_retry", "Retry").dataset());

        assertThat(fake.datasets()).extracting(d -> d.path("id").asString()).containsExactly(created.id());
        assertThat(fake.requestCount("POST", "/api/1/datasets/")).isEqualTo(2);
    }

    @Test
    void createSendsOurFieldsExtrasAndResourceKeys() {
        UdataDataset created = client.create(UdataFixtures.item(fake, "full", "da_full", "Full").dataset());

        assertThat(created.title()).isEqualTo("Full");
        assertThat(created.license()).isEqualTo("lov2");
        assertThat(created.isPrivate()).isFalse();
        assertThat(created.organization()).isEqualTo(fake.organization());
        assertThat(created.extras()).containsEntry(HarvestExtras.REMOTE_ID, "full")
                .containsEntry(HarvestExtras.DATASET_UID, "da_full").containsEntry("ods:has_records", true);
        assertThat(created.resources()).extracting(UdataResource::key)
                .containsExactly("export:csv", "export:json", "attachment:doc");
        assertThat(created.resources()).allSatisfy(r -> assertThat(r.id()).isNotBlank());
    }

    @Test
    void listingPagesThroughPrivateArchivedAndDeletedDatasets() {
        for (int i = 0; i < 5; i++) {
            client.create(UdataFixtures.item(fake, "d" + i, "da_" + i, "D" + i).dataset());
        }
        String archived = fake.datasets().get(1).path("id").asString();
        fake.archiveDataset(archived);
        fake.deleteDataset(fake.datasets().get(2).path("id").asString());

        UdataDatasetPage first = client.listDatasets(fake.organization(), 1, 2);
        UdataDatasetPage last = client.listDatasets(fake.organization(), 3, 2);

        assertThat(first.total()).isEqualTo(5);
        assertThat(first.hasNext()).isTrue();
        assertThat(first.data()).extracting(UdataDataset::title).containsExactly("D0", "D1");
        assertThat(first.data().get(1).isArchived()).isTrue();
        assertThat(last.hasNext()).isFalse();
        assertThat(last.data()).extracting(UdataDataset::title).containsExactly("D4");
        assertThat(client.listDatasets(fake.organization(), 2, 2).data().get(0).isDeleted()).isTrue();
    }

    @Test
    void theFingerprintOfTheAnswerEqualsTheFingerprintOfWhatWasSent() {
        var item = UdataFixtures.item(fake, "fp", "da_fp", "  Fingerprint\r\n", List.of("Zèbre Rayé", "transport"),
                List.of(new ResourcePayload("export:csv", "CSV", null, "https://x.org/a.csv", "remote", "main", " CSV ",
                        "text/csv")));

        UdataDataset created = client.create(item.dataset());

        assertThat(created.tags()).containsExactly("transport", "zebre-raye");
        assertThat(created.resources().get(0).format()).isEqualTo("csv");
        assertThat(created.ownedFingerprint()).isEqualTo(OwnedContent.fingerprint(item.dataset()));
    }

    @Test
    void nullExtrasAreNeverSent() {
        var item = UdataFixtures.item(fake, "n", "da_n", "N");
        java.util.Map<String, Object> extras = new java.util.HashMap<>(item.dataset().extras());
        extras.put("ods:reference", null);
        DatasetPayload payload = DatasetPayload.builder().title("N").description("D").license("lov2")
                .organization(fake.organization()).extras(extras).build();

        assertThat(client.create(payload).extras()).doesNotContainKey("ods:reference")
                .containsAllEntriesOf(Map.of(HarvestExtras.REMOTE_ID, "n"));
    }
}
