package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fixture behaves like udata where the harvester relies on it. */
class FakeUdataTest {

    private static final FakeUdata fake = new FakeUdata();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void clean() {
        fake.reset();
    }

    private record Res(int status, JsonNode body) {
    }

    private Res send(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.url() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("X-API-KEY", key);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), r.body().isEmpty() ? null : json.readTree(r.body()));
    }

    private Res send(String method, String path, String body) throws Exception {
        return send(method, path, body, fake.apiKey());
    }

    private String create(String extra) throws Exception {
        Res r = send("POST", "/api/1/datasets/", "{\"title\":\"T\",\"description\":\"D\",\"organization\":\""
                + fake.organization() + "\",\"resources\":[{\"title\":\"a\",\"url\":\"https://x.org/a\",\"filetype\":\"remote\"},"
                + "{\"title\":\"b\",\"url\":\"https://x.org/b\",\"filetype\":\"remote\"}]" + extra + "}");
        assertThat(r.status()).isEqualTo(201);
        return r.body().path("id").asString();
    }

    @Test
    void resourcesReplaceTheListKeepingKnownIdsAndGivingNewIdsToOthers() throws Exception {
        String id = create("");
        JsonNode before = fake.dataset(id).path("resources");
        String keptId = before.get(0).path("id").asString();

        Res r = send("PUT", "/api/1/datasets/" + id + "/", "{\"resources\":[{\"id\":\"" + keptId
                + "\",\"title\":\"a2\",\"url\":\"https://x.org/a\",\"filetype\":\"remote\"},"
                + "{\"id\":\"00000000-0000-0000-0000-000000000000\",\"title\":\"c\",\"url\":\"https://x.org/c\",\"filetype\":\"remote\"}]}");

        assertThat(r.status()).isEqualTo(200);
        JsonNode after = fake.dataset(id).path("resources");
        assertThat(after).hasSize(2);
        assertThat(after.get(0).path("id").asString()).isEqualTo(keptId);
        assertThat(after.get(0).path("title").asString()).isEqualTo("a2");
        assertThat(after.get(1).path("id").asString()).isNotIn(keptId, before.get(1).path("id").asString(),
                "00000000-0000-0000-0000-000000000000");
        assertThat(fake.dataset(id).path("title").asString()).isEqualTo("T"); // partial: title kept
    }

    @Test
    void extrasReplaceTheDictAndNullValuesAreRefused() throws Exception {
        String id = create(",\"extras\":{\"a\":\"1\",\"b\":\"2\"}");

        assertThat(send("PUT", "/api/1/datasets/" + id + "/", "{\"extras\":{\"b\":\"3\"}}").status()).isEqualTo(200);
        assertThat(fake.dataset(id).path("extras").properties()).hasSize(1);
        assertThat(fake.dataset(id).path("extras").path("b").asString()).isEqualTo("3");

        Res refused = send("PUT", "/api/1/datasets/" + id + "/", "{\"extras\":{\"c\":null}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").has("extras")).isTrue();
        assertThat(fake.dataset(id).path("extras").path("b").asString()).isEqualTo("3");
    }

    @Test
    void tagsAreSlugifiedSortedAndMustBe3To96Characters() throws Exception {
        String id = create(",\"tags\":[\"Zèbre Rayé\",\"abc\",\"ABC\"]");
        assertThat(fake.dataset(id).path("tags").toString()).isEqualTo("[\"abc\",\"zebre-raye\"]");

        Res refused = send("PUT", "/api/1/datasets/" + id + "/", "{\"tags\":[\"ab\"]}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").path("tags").get(0).asString()).contains("between 3 and 96");
    }

    @Test
    void validationRefusesEmptyDescriptionLongTitleUnknownOrganizationAndBadUrls() throws Exception {
        String id = create("");
        assertThat(send("PUT", "/api/1/datasets/" + id + "/", "{\"description\":\"\"}").status()).isEqualTo(400);
        assertThat(send("PUT", "/api/1/datasets/" + id + "/", "{\"title\":\"" + "x".repeat(351) + "\"}").status())
                .isEqualTo(400);
        assertThat(send("POST", "/api/1/datasets/", "{\"title\":\"T\",\"description\":\"D\",\"organization\":\""
                + FakeUdata.FOREIGN_ORGANIZATION + "\"}").status()).isEqualTo(400);
        Res badUrl = send("PUT", "/api/1/datasets/" + id + "/",
                "{\"resources\":[{\"title\":\"a\",\"url\":\"nope\",\"filetype\":\"remote\"}]}");
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.body().path("errors").path("resources").get(0).has("url")).isTrue();
        assertThat(send("PUT", "/api/1/datasets/" + id + "/", "{\"frequency\":\"sometimes\"}").status()).isEqualTo(400);
    }

    @Test
    void aPutThatLeavesTagsAndTemporalCoverageOutClearsThemLikeUdata() throws Exception {
        String id = create(",\"tags\":[\"velo\"],\"temporal_coverage\":{\"start\":\"2020-01-01\",\"end\":\"2020-12-31\"}");
        assertThat(fake.dataset(id).path("tags").toString()).isEqualTo("[\"velo\"]");
        assertThat(fake.dataset(id).path("temporal_coverage").toString())
                .isEqualTo("{\"start\":\"2020-01-01\",\"end\":\"2020-12-31\"}");

        assertThat(send("PUT", "/api/1/datasets/" + id + "/", "{\"archived\":\"2026-01-01T00:00:00\"}").status())
                .isEqualTo(200);

        assertThat(fake.dataset(id).path("tags").toString()).isEqualTo("[]");
        assertThat(fake.dataset(id).path("temporal_coverage").isNull()).isTrue();
        assertThat(fake.dataset(id).path("title").asString()).isEqualTo("T"); // the other fields are kept
    }

    @Test
    void temporalCoverageTakesDateStringsAnOptionalEndAndSwapsAStartAfterTheEnd() throws Exception {
        String id = create("");
        String path = "/api/1/datasets/" + id + "/";

        send("PUT", path, "{\"temporal_coverage\":{\"start\":\"2021-12-31\",\"end\":\"2021-01-01\"}}");
        assertThat(fake.dataset(id).path("temporal_coverage").toString())
                .isEqualTo("{\"start\":\"2021-01-01\",\"end\":\"2021-12-31\"}");
        send("PUT", path, "{\"temporal_coverage\":{\"start\":\"2021-03-04T00:00:00+00:00\"}}");
        assertThat(fake.dataset(id).path("temporal_coverage").toString())
                .isEqualTo("{\"start\":\"2021-03-04\",\"end\":null}");
        assertThat(send("PUT", path, "{\"temporal_coverage\":{\"start\":2021}}").status()).isEqualTo(400);
        assertThat(send("PUT", path, "{\"temporal_coverage\":{\"end\":\"2021-01-01\"}}").status()).isEqualTo(400);
    }

    @Test
    void frequenciesAreUdata17sWithLegacyIdsMappedAndAnythingElseRefusedWithUdatasMessage() throws Exception {
        String id = create("");
        String path = "/api/1/datasets/" + id + "/";

        for (String frequency : List.of("quadrennial", "twelveHours", "notPlanned", "unknown")) {
            assertThat(send("PUT", path, "{\"frequency\":\"" + frequency + "\"}").status()).as(frequency).isEqualTo(200);
            assertThat(fake.dataset(id).path("frequency").asString()).isEqualTo(frequency);
        }
        send("PUT", path, "{\"frequency\":\"fourTimesADay\"}");
        assertThat(fake.dataset(id).path("frequency").asString()).isEqualTo("severalTimesADay");
        Res refused = send("PUT", path, "{\"frequency\":\"sometimes\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asString()).isEqualTo("'sometimes' is not a valid UpdateFrequency");
    }

    @Test
    void aDescriptionOfWhitespaceOnlyIsRefused() throws Exception {
        String id = create("");
        Res refused = send("PUT", "/api/1/datasets/" + id + "/", "{\"description\":\" \\n\\t \"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").has("description")).isTrue();
        assertThat(fake.dataset(id).path("description").asString()).isEqualTo("D");
    }

    @Test
    void aMalformedResourceIdIsRefusedAndAWellFormedUnknownOneGetsANewId() throws Exception {
        String id = create("");
        String path = "/api/1/datasets/" + id + "/";

        Res refused = send("PUT", path, "{\"resources\":[{\"id\":\"not-a-uuid\",\"title\":\"a\",\"url\":\"https://x.org/a\",\"filetype\":\"remote\"}]}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").path("resources").get(0).has("id")).isTrue();
        assertThat(fake.dataset(id).path("resources")).hasSize(2);
    }

    @Test
    void aResourceTitleOver350CharactersIsRefused() throws Exception {
        String id = create("");
        String path = "/api/1/datasets/" + id + "/";
        String resource = "{\"resources\":[{\"title\":\"%s\",\"url\":\"https://x.org/a\",\"filetype\":\"remote\"}]}";

        Res refused = send("PUT", path, resource.formatted("x".repeat(351)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").path("resources").get(0).path("title").get(0).asString())
                .contains("350");
        assertThat(send("PUT", path, resource.formatted("x".repeat(350))).status()).isEqualTo(200);
    }

    @Test
    void aPartialEditorCreatesDatasetsButMayOnlyEditThoseTheyCreated() throws Exception {
        String before = create("");
        fake.setUserRole(fake.organization(), "partial_editor");
        String theirs = create("");

        assertThat(send("PUT", "/api/1/datasets/" + before + "/", "{\"title\":\"x\"}").status()).isEqualTo(403);
        assertThat(send("DELETE", "/api/1/datasets/" + before + "/", null).status()).isEqualTo(403);
        assertThat(send("GET", "/api/1/datasets/" + before + "/", null).status()).isEqualTo(200);
        assertThat(send("PUT", "/api/1/datasets/" + theirs + "/", "{\"title\":\"x\"}").status()).isEqualTo(200);
    }

    @Test
    void anOrganizationIsReadByIdOrSlugWithItsMembersRolesButASlugIsRefusedOnCreation() throws Exception {
        fake.setUserRole(fake.organization(), "editor");
        Res me = send("GET", "/api/1/me/", null);

        for (String idOrSlug : List.of(fake.organization(), "ville-de-test")) {
            Res org = send("GET", "/api/1/organizations/" + idOrSlug + "/", null);
            assertThat(org.body().path("id").asString()).isEqualTo(fake.organization());
            assertThat(org.body().path("members")).filteredOn(m -> m.path("user").path("id").asString()
                    .equals(me.body().path("id").asString())).singleElement()
                    .satisfies(m -> assertThat(m.path("role").asString()).isEqualTo("editor"));
        }
        Res bySlug = send("POST", "/api/1/datasets/",
                "{\"title\":\"T\",\"description\":\"D\",\"organization\":\"ville-de-test\"}");
        assertThat(bySlug.status()).isEqualTo(400);
        assertThat(bySlug.body().path("errors").path("organization").get(0).asString())
                .isEqualTo("Unsupported identifier: ville-de-test");
    }

    @Test
    void severalOrganizationsHaveTheirOwnMembershipListingAndCreationRights() throws Exception {
        String third = "5f0c0ffee0c0ffee0c0ffe04";
        fake.addMemberOrganization(third, "Agence", "agence");
        fake.setUserRole(third, "editor");

        JsonNode me = send("GET", "/api/1/me/", null).body();
        assertThat(me.path("organizations").valueStream().map(o -> o.path("slug").asString()))
                .containsExactly("ville-de-test", "syndicat-mixte", "agence");
        assertThat(send("GET", "/api/1/organizations/agence/", null).body().path("members").get(0).path("role")
                .asString()).isEqualTo("editor");
        Res inThird = send("POST", "/api/1/datasets/", "{\"title\":\"T3\",\"description\":\"D\",\"organization\":\""
                + third + "\"}");
        assertThat(inThird.status()).isEqualTo(201);
        String inDefault = create("");
        // udata/forms/fields.py PublishAsField: not a member of the organization
        Res foreign = send("POST", "/api/1/datasets/", "{\"title\":\"T\",\"description\":\"D\",\"organization\":\""
                + FakeUdata.FOREIGN_ORGANIZATION + "\"}");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body().path("errors").path("organization").get(0).asString())
                .isEqualTo("Permission denied for this organization");
        assertThat(send("GET", "/api/1/datasets/?organization=" + third + "&page=1&page_size=10", null).body()
                .path("data").valueStream().map(d -> d.path("title").asString())).containsExactly("T3");

        // a PUT cannot move a dataset; an accepted transfer does
        assertThat(send("PUT", "/api/1/datasets/" + inDefault + "/", "{\"organization\":\"" + third + "\"}").status())
                .isEqualTo(400);
        fake.transferDataset(inDefault, third);
        assertThat(fake.dataset(inDefault).path("organization").path("id").asString()).isEqualTo(third);
        assertThat(send("GET", "/api/1/datasets/?organization=" + third + "&page=1&page_size=10", null).body()
                .path("data").valueStream().map(d -> d.path("title").asString())).containsExactlyInAnyOrder("T3", "T");
    }

    @Test
    void unknownLicenseBecomesNotSpecified() throws Exception {
        String id = create(",\"license\":\"my-own\"");
        assertThat(fake.dataset(id).path("license").asString()).isEqualTo("notspecified");
    }

    @Test
    void wrongKeyIs401AndWritesNeedAKey() throws Exception {
        assertThat(send("GET", "/api/1/me/", null, "wrong").status()).isEqualTo(401);
        assertThat(send("POST", "/api/1/datasets/", "{}", null).status()).isEqualTo(401);
    }

    /** udata/core/dataset/api.py: POST and PUT are {@code marshal_with(dataset_fields)}, the fields GET answers. */
    @Test
    void creationAndUpdateAnswerTheWholeDatasetAsGetDoes() throws Exception {
        Res created = send("POST", "/api/1/datasets/", "{\"title\":\"T\",\"description\":\"D\",\"organization\":\""
                + fake.organization() + "\",\"resources\":[{\"title\":\"a\",\"url\":\"https://x.org/a\","
                + "\"filetype\":\"remote\"}],\"extras\":{\"k\":\"v\"}}");
        String id = created.body().path("id").asString();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).isEqualTo(send("GET", "/api/1/datasets/" + id + "/", null).body());
        assertThat(created.body().path("resources").get(0).path("id").asString()).isNotEmpty();

        Res updated = send("PUT", "/api/1/datasets/" + id + "/", "{\"title\":\"T2\"}");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body()).isEqualTo(send("GET", "/api/1/datasets/" + id + "/", null).body());
        assertThat(updated.body().path("extras").path("k").asString()).isEqualTo("v");
    }

    @Test
    void requestsAreCountedByKindWithIdentifiersLeftOutRecordedOrNot() throws Exception {
        String id = create("");
        fake.clearRequests();
        fake.setRecordRequests(false);
        try {
            send("PUT", "/api/1/datasets/" + id + "/", "{}");
            send("GET", "/api/1/datasets/" + id + "/", null);
            send("GET", "/api/1/datasets/?organization=" + fake.organization() + "&page_size=10", null);
            send("GET", "/api/1/datasets/" + fake.dataset(id).path("slug").asString() + "/", null);
            send("GET", "/api/1/datasets/licenses/", null);

            assertThat(fake.requestKinds()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                    "PUT /api/1/datasets/{id}/", 1, "GET /api/1/datasets/{id}/", 2,
                    "GET /api/1/datasets/ ?organization&page_size", 1, "GET /api/1/datasets/licenses/", 1));
        } finally {
            fake.setRecordRequests(true);
        }
    }

    @Test
    void everyPutBumpsLastModifiedEvenANoOp() throws Exception {
        String id = create("");
        String before = fake.dataset(id).path("last_modified").asString();
        assertThat(send("PUT", "/api/1/datasets/" + id + "/", "{}").status()).isEqualTo(200);
        assertThat(fake.dataset(id).path("last_modified").asString()).isGreaterThan(before);
    }

    @Test
    void membersSeePrivateArchivedAndDeletedDatasetsAnonymousUsersDoNot() throws Exception {
        String a = create("");
        String b = create(",\"private\":true");
        String c = create("");
        fake.archiveDataset(c);
        String d = create("");
        fake.deleteDataset(d);

        String path = "/api/1/datasets/?organization=" + fake.organization() + "&page=1&page_size=2&sort=created";
        Res member = send("GET", path, null);
        assertThat(member.body().path("total").asInt()).isEqualTo(4);
        assertThat(member.body().path("data").get(0).path("id").asString()).isEqualTo(a);
        assertThat(member.body().path("data").get(1).path("id").asString()).isEqualTo(b);
        assertThat(member.body().path("next_page").isNull()).isFalse();
        Res anonymous = send("GET", path, null, null);
        assertThat(anonymous.body().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void aPagePastTheEndIs404AndAnEmptyFirstPageIsNot() throws Exception {
        String path = "/api/1/datasets/?organization=" + fake.organization() + "&page_size=2&sort=created&page=";
        assertThat(send("GET", path + "1", null).status()).isEqualTo(200);
        create("");
        create("");
        assertThat(send("GET", path + "1", null).body().path("data")).hasSize(2);
        assertThat(send("GET", path + "2", null).status()).isEqualTo(404);
    }

    @Test
    void onlyUdatasSortsAreAcceptedAndPageSizeHasNoUpperBound() throws Exception {
        for (int i = 0; i < 3; i++) {
            create("");
        }
        String path = "/api/1/datasets/?organization=" + fake.organization() + "&page=1&page_size=100000&sort=";
        for (String sort : List.of("title", "-created", "last_update", "-reuses", "followers", "views")) {
            assertThat(send("GET", path + sort, null).body().path("data")).as(sort).hasSize(3);
        }
        assertThat(send("GET", path + "id", null).status()).isEqualTo(400);
        assertThat(send("GET", path + "created_at", null).status()).isEqualTo(400);
    }

    @Test
    void unstableTiesOrderDatasetsCreatedInTheSameMillisecondDifferentlyFromOneListingToTheNext() throws Exception {
        List<String> ids = List.of(create(""), create(""), create(""));
        String instant = fake.dataset(ids.get(0)).path("created_at").asString();
        ids.forEach(id -> fake.editDataset(id, d -> d.put("created_at", instant)));
        String path = "/api/1/datasets/?organization=" + fake.organization() + "&page=1&page_size=10&sort=created";
        fake.setUnstableCreatedTies(true);

        List<String> first = new ArrayList<>();
        send("GET", path, null).body().path("data").forEach(d -> first.add(d.path("id").asString()));
        List<String> second = new ArrayList<>();
        send("GET", path, null).body().path("data").forEach(d -> second.add(d.path("id").asString()));

        assertThat(first).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(second).containsExactlyInAnyOrderElementsOf(ids).isNotEqualTo(first);
    }

    @Test
    void thePurgeJobRemovesDeletedDatasetsFromTheListingAndGetAnswers404() throws Exception {
        String kept = create("");
        String deleted = create("");
        fake.deleteDataset(deleted);

        fake.purgeDeleted();

        assertThat(send("GET", "/api/1/datasets/" + deleted + "/", null).status()).isEqualTo(404);
        assertThat(send("GET", "/api/1/datasets/" + kept + "/", null).status()).isEqualTo(200);
        Res listing = send("GET", "/api/1/datasets/?organization=" + fake.organization() + "&sort=created", null);
        assertThat(listing.body().path("data")).extracting(d -> d.path("id").asString()).containsExactly(kept);
    }

    @Test
    void putOnADeletedDatasetIs410() throws Exception {
        String id = create("");
        fake.deleteDataset(id);
        assertThat(send("PUT", "/api/1/datasets/" + id + "/", "{\"title\":\"x\"}").status()).isEqualTo(410);
        assertThat(send("GET", "/api/1/datasets/" + id + "/", null, null).status()).isEqualTo(410);
        assertThat(send("GET", "/api/1/datasets/" + id + "/", null).body().path("deleted").isNull()).isFalse();
    }

    @Test
    void injectedFailuresAreCountedAndConsumed() throws Exception {
        fake.failNext(2, 503);
        assertThat(send("GET", "/api/1/me/", null).status()).isEqualTo(503);
        assertThat(send("GET", "/api/1/me/", null).status()).isEqualTo(503);
        assertThat(send("GET", "/api/1/me/", null).status()).isEqualTo(200);
        assertThat(fake.requestCount("GET", "/api/1/me/")).isEqualTo(3);
    }

    @Test
    void injectedFailuresCanCarryHeaders() throws Exception {
        fake.failNext(1, 429, java.util.Map.of("Retry-After", "7"));

        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(fake.url() + "/api/1/me/"))
                .header("X-API-KEY", fake.apiKey()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void aDroppedRequestGetsNoCompleteAnswerAndChangesNothing() throws Exception {
        fake.dropNext(request -> request.method().equals("POST"), 1);

        assertThatThrownBy(() -> send("POST", "/api/1/datasets/",
                "{\"title\":\"T\",\"description\":\"D\",\"organization\":\"" + fake.organization() + "\"}"))
                .isInstanceOf(java.io.IOException.class);
        assertThat(fake.datasets()).isEmpty();
        create(""); // the next one goes through
    }

    @Test
    void aStalledRequestIsProcessedAfterItsDelay() throws Exception {
        String before = create(""); // a first creation, not stalled: the fake's first answer may be slow
        fake.stallNext(request -> request.method().equals("POST"), 1, Duration.ofSeconds(3));
        HttpRequest creation = HttpRequest.newBuilder(URI.create(fake.url() + "/api/1/datasets/"))
                .header("Content-Type", "application/json").header("X-API-KEY", fake.apiKey())
                .timeout(Duration.ofSeconds(1))
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"T\",\"description\":\"D\",\"organization\":\""
                        + fake.organization() + "\"}"))
                .build();

        assertThatThrownBy(() -> http.send(creation, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        assertThat(fake.datasets()).as("when the client gave up").extracting(d -> d.path("id").asString())
                .containsExactly(before);
        assertThat(fake.requestsInFlight()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.requestsInFlight() == 0);
        assertThat(fake.datasets()).as("once its delay is over").hasSize(2);
    }

    @Test
    void aFakeCanAcceptAChosenKey() throws Exception {
        try (FakeUdata sentinel = new FakeUdata("sentinel-key")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sentinel.url() + "/api/1/me/"))
                    .header("X-API-KEY", "sentinel-key").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }
}
