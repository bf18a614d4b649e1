package org.odsharvester.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.odsharvester.support.CatalogGenerator;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.support.SettableClock;
import org.odsharvester.udata.FakeUdata;
import tools.jackson.databind.JsonNode;

/**
 * What the lifecycle tests share: an ODS portal stub, the stateful udata fake, a data directory, and
 * ways to look at udata by source dataset and to count requests by kind.
 */
final class HarvestWorld implements AutoCloseable {

    final OdsPortalStub ods = new OdsPortalStub();
    final FakeUdata udata = new FakeUdata();
    /** The harvester's "now": a test moves it to let a grace period pass. */
    final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T08:00:00Z"));
    final Path dataDir;

    HarvestWorld(Path dataDir) {
        this.dataDir = dataDir;
    }

    HarvestRun harvest(String... extra) {
        return HarvestRun.of(dataDir, clock, ods, udata, extra);
    }

    void serve(List<CatalogGenerator.Dataset> catalog) {
        ods.serve(catalog, true);
    }

    /** The udata datasets this source made, by {@code harvest:remote_id}; fails on a duplicate. */
    Map<String, JsonNode> harvested() {
        return udata.datasetsWithExtra("harvest:domain", "127.0.0.1").stream().collect(Collectors.toMap(
                d -> d.path("extras").path("harvest:remote_id").asString(), d -> d, (a, b) -> {
                    throw new AssertionError("two udata datasets for " + a.path("extras"));
                }, TreeMap::new));
    }

    /** The udata dataset holding this source uid; fails when there is not exactly one. */
    JsonNode byUid(String uid) {
        List<JsonNode> found = udata.datasetsWithExtra("ods:dataset_uid", uid);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " udata datasets carry ods:dataset_uid " + uid);
        }
        return found.get(0);
    }

    static Map<String, String> resourceIdsByKey(JsonNode dataset) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (JsonNode resource : dataset.path("resources")) {
            ids.put(resource.path("extras").path("ods:resource_key").asString("(hand-made)"),
                    resource.path("id").asString());
        }
        return ids;
    }

    static boolean isArchived(JsonNode dataset) {
        return !dataset.path("archived").isNull() && !dataset.path("archived").isMissingNode();
    }

    /** Dataset ids (ODS) listed under one outcome of a report, e.g. {@code "archived"}. */
    static List<String> listed(JsonNode report, String outcome) {
        List<String> ids = new ArrayList<>();
        report.path(outcome).forEach(entry -> ids.add(entry.path("datasetId").asString()));
        return ids;
    }

    /**
     * The udata requests received since the last {@link FakeUdata#clearRequests()}, by kind: {@code GET me},
     * {@code GET organization}, {@code GET licenses}, {@code GET list}, {@code GET dataset}, {@code POST}, {@code PUT},
     * {@code DELETE}.
     */
    Map<String, Integer> udataRequestsByKind() {
        Map<String, Integer> counts = new TreeMap<>();
        for (FakeUdata.Request r : udata.requests()) {
            String kind;
            if (!r.method().equals("GET")) {
                kind = r.method();
            } else if (r.path().equals("/api/1/me/")) {
                kind = "GET me";
            } else if (r.path().startsWith("/api/1/organizations/")) {
                kind = "GET organization";
            } else if (r.path().equals("/api/1/datasets/licenses/")) {
                kind = "GET licenses";
            } else if (r.path().equals("/api/1/datasets/")) {
                kind = "GET list";
            } else if (r.path().startsWith("/api/1/datasets/")) {
                kind = "GET dataset";
            } else {
                kind = "GET " + r.path();
            }
            counts.merge(kind, 1, Integer::sum);
        }
        return counts;
    }

    /** The ODS requests received since the last reset, by {@code <path> limit=<limit>}. */
    Map<String, Integer> odsRequestsByKind() {
        Map<String, Integer> counts = new TreeMap<>();
        ods.server().getAllServeEvents().forEach(event -> {
            var request = event.getRequest();
            String limit = request.queryParameter("limit").isPresent() ? request.queryParameter("limit").firstValue()
                    : request.queryParameter("rows").isPresent() ? request.queryParameter("rows").firstValue() : "-";
            String path = request.getUrl().replaceAll("\\?.*", "");
            counts.merge(path + " limit=" + limit, 1, Integer::sum);
        });
        return counts;
    }

    /** Deletes everything under the data directory: job repository, index, outcomes, reports. */
    void deleteDataDir() {
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dataDir)) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        ods.close();
        udata.close();
    }
}
