package org.odsharvester.udata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.Options.ChunkedEncodingPolicy;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestWrapper;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.odsharvester.support.Latency;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small stateful udata (API v1) on loopback, for tests of the udata client, the writer and the whole
 * job. It implements what the harvester uses, with udata's documented semantics:
 * <ul>
 * <li>{@code GET /api/1/me/} (key checked; the user's organizations are configurable);</li>
 * <li>{@code GET /api/1/datasets/licenses/} (a realistic list);</li>
 * <li>{@code GET /api/1/datasets/?organization=&page=&page_size=&sort=} (paged; a member of the organization
 * also sees its private, archived and deleted datasets; {@code sort=created} oldest first, else newest first);</li>
 * <li>{@code POST /api/1/datasets/} (201), {@code GET|PUT|DELETE /api/1/datasets/{id}/};</li>
 * <li>{@code GET /api/1/organizations/{id or slug}/} with its members and their roles.</li>
 * </ul>
 * Like udata 17.6 (file and function in udata's repository cited where each is done): a PUT that leaves
 * {@code tags} or {@code temporal_coverage} out clears them; the listing takes only udata's sorts (else 400),
 * has no upper bound on {@code page_size}, answers 404 past the last page, and can order {@code created} ties
 * unstably ({@link #setUnstableCreatedTies}); {@link #purgeDeleted} is udata's purge job; a partial editor
 * ({@link #setUserRole}) gets 403 on the datasets they did not create; an organization slug on creation is a
 * 400 "Unsupported identifier"; frequencies are udata 17's; a resource title over 350 characters or a malformed
 * resource id is a 400.
 * PUT is partial; {@code resources}, when present, replaces the list (an entry with a known id keeps its id
 * and is updated, one without id or with an unknown id gets a new id); {@code extras} replaces the dict; a null
 * extra value → 400; tags are slugified, de-duplicated, sorted, and must be 3..96 characters (else 400); an
 * empty description → 400; a title over 350 characters → 400; an unknown frequency → 400; an unknown license
 * silently becomes {@code notspecified}; an organization the user is not a member of → 400; a wrong key →
 * 401; a PUT on a deleted dataset → 410 (unless it sends {@code "deleted": null}); {@code last_modified} is
 * bumped by each write. Validation errors answer {@code {"message": "Validation error", "errors": {field: [msg]}}}.
 * <p>
 * Served by WireMock on loopback: a request filter numbers each request and picks the injected fault that answers it
 * (the first added that matches, so that a predicate with side effects runs once per request, as written); a stub of
 * priority 1 per fault answers it (status, body and headers, or {@code Fault.EMPTY_RESPONSE} for a drop); the
 * catch-all stub of priority 10 hands the request to the store through a transformer. The request journal is
 * WireMock's, and latency is WireMock's delay on each answer.
 * <p>
 * Thread-safe. Test helpers: fault injection ({@link #failNext}, {@link #failAlways}, {@link #failWhen},
 * {@link #loseNextAnswers}, {@link #dropNext}, {@link #dropAlways}, {@link #stallNext}), request counting ({@link #requestCount}), latency ({@link #setLatency}) with the
 * highest number of requests in flight ({@link #maxConcurrentRequests}), and the edits a person would make in
 * udata ({@link #addForeignDataset}, {@link #addHandMadeResource}, {@link #editDataset}, {@link #deleteDataset},
 * {@link #archiveDataset}, {@link #purgeDataset}).
 */
public class FakeUdata implements AutoCloseable {

    /** A request as the fake received it. */
    public record Request(String method, String path, Map<String, String> query, String body) {

        /** The body as JSON, or null. */
        public JsonNode json() {
            try {
                return body == null || body.isEmpty() ? null : JSON.readTree(body);
            } catch (JacksonException e) {
                return null;
            }
        }
    }

    public static final String DEFAULT_ORGANIZATION = "5f0c0ffee0c0ffee0c0ffe01";
    public static final String OTHER_MEMBER_ORGANIZATION = "5f0c0ffee0c0ffee0c0ffe02";
    /** An organization that exists but the key's user is not a member of. */
    public static final String FOREIGN_ORGANIZATION = "5f0c0ffee0c0ffee0c0ffe03";

    /** udata 17.6 udata/core/dataset/constants.py UpdateFrequency ids. */
    public static final Set<String> FREQUENCIES = Set.of("continuous", "oneMinute", "fiveMinutes", "tenMinutes",
            "fifteenMinutes", "thirtyMinutes", "hourly", "bihourly", "trihourly", "twelveHours", "severalTimesADay",
            "threeTimesADay", "semidaily", "daily", "fiveTimesAWeek", "threeTimesAWeek", "semiweekly", "weekly",
            "biweekly", "threeTimesAMonth", "semimonthly", "monthly", "bimonthly", "quarterly", "threeTimesAYear",
            "semiannual", "annual", "biennial", "triennial", "quadrennial", "quinquennial", "decennial",
            "bidecennial", "tridecennial", "punctual", "irregular", "never", "notPlanned", "other", "unknown");
    /** UpdateFrequency._LEGACY_FREQUENCIES: old ids udata still accepts and stores as the new one. */
    public static final Map<String, String> LEGACY_FREQUENCIES = Map.of("realtime", "continuous", "fourTimesADay",
            "severalTimesADay", "fourTimesAWeek", "other", "fortnighly", "biweekly", "biannual", "semiannual");
    /** udata/core/dataset/api.py DatasetApiParser.sorts: the only {@code sort} values (with or without '-'). */
    public static final Set<String> LISTING_SORTS = Set.of("title", "created", "last_update", "reuses",
            "followers", "views");
    public static final Set<String> RESOURCE_TYPES = Set.of("main", "documentation", "update", "api", "code",
            "other");
    public static final Set<String> FILETYPES = Set.of("file", "remote");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final String USER_ID = "5f0c0ffee0c0ffee0c0ff0a1";

    /** Set by the filter: the injected fault that answers the request, matched by that fault's stub. */
    private static final String FAULT_HEADER = "X-Fake-Udata-Fault";
    /** Set by the filter: the request's number in {@link #inFlight}. */
    private static final String NUMBER_HEADER = "X-Fake-Udata-Request";
    private static final String TRANSFORMER = "fake-udata-store";
    /** The catch-all stub's priority: every fault stub (priority 1) comes first. */
    private static final int STORE_PRIORITY = 10;

    private final WireMockServer server;
    private final Object lock = new Object();
    private final Map<String, ObjectNode> datasets = new LinkedHashMap<>();
    /** The slugs given so far (a purge frees one): a scan of every dataset per creation made 50,000 slow. */
    private final Set<String> slugs = new HashSet<>();
    private final Map<String, ObjectNode> organizations = new LinkedHashMap<>();
    /** The injected faults, in the order they were added (guarded by lock), and by id for the transformer. */
    private final List<Injection> faults = new ArrayList<>();
    private final Map<String, Injection> faultsById = new ConcurrentHashMap<>();
    private final AtomicInteger faultIds = new AtomicInteger();
    private final String apiKey;
    private final long idBase = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 44);
    private final InFlight inFlight = new InFlight();
    private final AtomicLong firstRequestNanos = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicInteger> countsByMethod =
            new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> countsByKind = new ConcurrentHashMap<>();
    private volatile boolean recordRequests = true;
    /** Listing requests so far: with unstable ties, every other one orders ties the other way. */
    private final AtomicInteger listings = new AtomicInteger();
    private volatile boolean unstableTies;
    private List<String> userOrganizations;
    /** The key's user's role in each of their organizations: admin unless a test says otherwise. */
    private final Map<String, String> userRoles = new LinkedHashMap<>();
    /** Datasets assigned to the key's user: those they created as a partial editor (udata's Assignment). */
    private final Set<String> assignedToUser = new HashSet<>();
    private long idCounter;
    private OffsetDateTime clock = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    private volatile Duration latency = Duration.ZERO;

    public FakeUdata() {
        this("fake-udata-key-" + UUID.randomUUID());
    }

    /** A fake that accepts this API key (a sentinel, for the tests that look for leaked secrets). */
    public FakeUdata(String apiKey) {
        this.apiKey = apiKey;
        server = new WireMockServer(wireMockConfig().bindAddress(InetAddress.getLoopbackAddress().getHostAddress())
                .dynamicPort()
                // the harvester writes with several threads, and each latency or stall holds a thread: room for
                // more than the old server's backlog of 50
                .containerThreads(100).jettyAcceptQueueSize(50)
                // a Content-Length rather than WireMock's chunks, and no gzip: answers as the JDK server gave them
                .useChunkedTransferEncoding(ChunkedEncodingPolicy.NEVER).gzipDisabled(true)
                // HTTP/1.1 only, like the harvester's client; no response templates to set up
                .http2PlainDisabled(true).templatingEnabled(false)
                .stubRequestLoggingDisabled(true)
                // nobody reads the answers from the journal, and a listing page of whole datasets is megabytes
                .maxLoggedResponseSize(0)
                .extensions(new Arrivals(), new Store(), new Journal()));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(STORE_PRIORITY).willReturn(aResponse().withTransformers(TRANSFORMER)));
        reset();
    }

    // ------------------------------------------------------------------ test helpers

    /** Root URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.port();
    }

    public String apiKey() {
        return apiKey;
    }

    /** The organization the harvester publishes in (the key's user is a member). */
    public String organization() {
        return DEFAULT_ORGANIZATION;
    }

    /** Sets the organizations the key's user is a member of (ids among the known organizations). */
    public void setUserOrganizations(String... organizationIds) {
        synchronized (lock) {
            userOrganizations = List.of(organizationIds);
        }
    }

    /**
     * The key's user's role in one of their organizations: {@code admin}, {@code editor} or
     * {@code partial_editor} (udata/core/organization/constants.py ORG_ROLES). A partial editor may create
     * datasets in the organization but only edit those assigned to them, i.e. the ones they created
     * (udata/core/dataset/permissions.py OwnablePermission: admin, editor or AssignmentNeed; assignment.py
     * _auto_assign_on_create).
     */
    public void setUserRole(String organizationId, String role) {
        synchronized (lock) {
            userRoles.put(organizationId, role);
        }
    }

    /** All datasets (deleted ones included), oldest first, as udata would answer them. */
    public List<JsonNode> datasets() {
        synchronized (lock) {
            List<JsonNode> copies = new ArrayList<>();
            datasets.values().forEach(d -> copies.add(d.deepCopy()));
            return copies;
        }
    }

    /** How many datasets udata holds (deleted ones included), without copying them. */
    public int datasetCount() {
        synchronized (lock) {
            return datasets.size();
        }
    }

    /** The datasets whose extra {@code key} equals {@code value} (as text). */
    public List<JsonNode> datasetsWithExtra(String key, String value) {
        return datasets().stream().filter(d -> d.path("extras").path(key).isValueNode()
                && value.equals(d.path("extras").path(key).asString())).toList();
    }

    /** One dataset, or null. */
    public JsonNode dataset(String id) {
        synchronized (lock) {
            ObjectNode d = datasets.get(id);
            return d == null ? null : d.deepCopy();
        }
    }

    /** The requests received so far (injected failures included), oldest first: WireMock's journal. */
    public List<Request> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events); // WireMock lists the newest first
        return events.stream().map(e -> request(e.getRequest())).toList();
    }

    /**
     * How many requests of this method ({@code "*"} for any) had a path starting with {@code pathPrefix}
     * (e.g. {@code requestCount("PUT", "/api/1/datasets/")}).
     */
    public int requestCount(String method, String pathPrefix) {
        return (int) requests().stream()
                .filter(r -> "*".equals(method) || r.method().equalsIgnoreCase(method))
                .filter(r -> r.path().startsWith(pathPrefix)).count();
    }

    /** Requests that write: POST, PUT, PATCH, DELETE. */
    public int writeCount() {
        return requestCount("POST", "/") + requestCount("PUT", "/") + requestCount("PATCH", "/")
                + requestCount("DELETE", "/");
    }

    public void clearRequests() {
        server.resetRequests();
        countsByMethod.clear();
        countsByKind.clear();
        firstRequestNanos.set(0);
    }

    /**
     * Whether {@link #requests()} keeps every request with its body (true by default). The benchmark turns it
     * off: 50,000 request bodies would make the fake, not the harvester, the memory hog. Off, each request leaves
     * WireMock's journal as soon as it is answered (WireMock's journal can only be disabled before it starts).
     * {@link #methodCount} counts either way.
     */
    public void setRecordRequests(boolean record) {
        this.recordRequests = record;
    }

    /** Requests of this method received since the last {@link #clearRequests()}, recorded or not. */
    public int methodCount(String method) {
        AtomicInteger count = countsByMethod.get(method.toUpperCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    /**
     * Requests received since the last {@link #clearRequests()}, recorded or not, by method and path with
     * identifiers replaced by {@code {id}} ({@code PUT /api/1/datasets/{id}/}), for the benchmark's report.
     */
    public Map<String, Integer> requestKinds() {
        Map<String, Integer> kinds = new TreeMap<>();
        countsByKind.forEach((kind, count) -> kinds.put(kind, count.get()));
        return kinds;
    }

    /** {@link System#nanoTime()} of the first request since the last {@link #clearRequests()}, or 0. */
    public long firstRequestNanos() {
        return firstRequestNanos.get();
    }

    /** The next {@code n} requests, whatever they are, answer {@code status} without being processed. */
    public void failNext(int n, int status) {
        addFault(new Injection(r -> true, status, injectedBody(status), n, Kind.ANSWER));
    }

    /** Every request answers {@code status} without being processed, until {@link #clearFailures()}. */
    public void failAlways(int status) {
        addFault(new Injection(r -> true, status, injectedBody(status), -1, Kind.ANSWER));
    }

    /** Requests matching {@code when} answer {@code status} with {@code body}, until {@link #clearFailures()}. */
    public void failWhen(Predicate<Request> when, int status, String body) {
        addFault(new Injection(when, status, body, -1, Kind.ANSWER));
    }

    /**
     * The next {@code n} requests matching {@code when} ARE processed (state changes), but their answer is
     * replaced by {@code status}: what a proxy timing out in front of udata does.
     */
    public void loseNextAnswers(Predicate<Request> when, int n, int status) {
        addFault(new Injection(when, status, injectedBody(status), n, Kind.LOSE_ANSWER));
    }

    /** Like {@link #failNext(int, int)}, the answers carrying these headers (e.g. {@code Retry-After}). */
    public void failNext(int n, int status, Map<String, String> headers) {
        addFault(new Injection(r -> true, status, injectedBody(status), n, Kind.ANSWER, headers, null));
    }

    /** The next {@code n} requests matching {@code when} answer {@code status} with these headers, unprocessed. */
    public void failNextWhen(Predicate<Request> when, int n, int status, Map<String, String> headers) {
        addFault(new Injection(when, status, injectedBody(status), n, Kind.ANSWER, headers, null));
    }

    /** Requests being handled right now (a stalled one included). */
    public int requestsInFlight() {
        return inFlight.count(System.nanoTime());
    }

    /**
     * The next {@code n} requests matching {@code when} get no answer: the connection is closed under them
     * (what a crashed proxy or a reset connection does). Unprocessed.
     */
    public void dropNext(Predicate<Request> when, int n) {
        addFault(new Injection(when, 0, null, n, Kind.DROP, Map.of(), null));
    }

    /** Every request gets no answer (connection closed), until {@link #clearFailures()}: udata unreachable. */
    public void dropAlways() {
        addFault(new Injection(r -> true, 0, null, -1, Kind.DROP, Map.of(), null));
    }

    /**
     * The next {@code n} requests matching {@code when} wait {@code delay} and are then processed and answered
     * normally: a client with a shorter read timeout gives up while udata still does the work. The wait is before
     * the store, not WireMock's delay, which holds an answer already made.
     */
    public void stallNext(Predicate<Request> when, int n, Duration delay) {
        addFault(new Injection(when, 0, null, n, Kind.STALL, Map.of(), delay));
    }

    public void clearFailures() {
        List<Injection> removed;
        synchronized (lock) {
            removed = List.copyOf(faults);
            faults.clear();
        }
        // a request the filter gave to one of them and not yet answered is answered by the store
        removed.forEach(fault -> {
            faultsById.remove(fault.id);
            server.removeStub(fault.stub);
        });
    }

    /**
     * Each request is answered this long after it arrived, its processing included: a server whose response
     * time is that (to observe concurrency; and the benchmark's injected latency is not lengthened by the
     * fake's own work, which a real udata would do on its own machine). WireMock's delay on each answer, for
     * what is left of the latency once the store has answered.
     */
    public void setLatency(Duration latency) {
        this.latency = latency == null ? Duration.ZERO : latency;
    }

    /** The highest number of requests that were being handled at the same time. */
    public int maxConcurrentRequests() {
        return inFlight.max();
    }

    /** A dataset of the organization that the harvester did not make (no extras). Returns its id. */
    public String addForeignDataset(String title) {
        return addForeignDataset(title, Map.of());
    }

    /** A dataset of the organization made by someone else, with these extras. Returns its id. */
    public String addForeignDataset(String title, Map<String, Object> extras) {
        synchronized (lock) {
            ObjectNode d = newDataset(title, DEFAULT_ORGANIZATION);
            d.put("description", "Made by hand in udata.");
            d.set("extras", JSON.valueToTree(extras));
            return d.path("id").asString();
        }
    }

    /** A person adds a resource (no {@code ods:resource_key}) to a dataset. Returns the resource id. */
    public String addHandMadeResource(String datasetId, String title, String url) {
        synchronized (lock) {
            ObjectNode d = existing(datasetId);
            ObjectNode r = JSON.createObjectNode();
            String id = UUID.randomUUID().toString();
            r.put("id", id);
            r.put("title", title);
            r.put("description", "Added by hand.");
            r.put("url", url);
            r.put("filetype", "remote");
            r.put("type", "documentation");
            r.put("format", "pdf");
            r.put("mime", "application/pdf");
            r.put("filesize", 12345);
            r.putObject("extras").put("check:status", 200);
            r.put("created_at", tick());
            r.put("last_modified", r.path("created_at").asString());
            r.put("latest", url() + "/api/1/datasets/r/" + id);
            ((ArrayNode) d.path("resources")).add(r);
            d.put("last_modified", tick());
            return id;
        }
    }

    /** A person edits a dataset in udata (bumps {@code last_modified}). */
    public void editDataset(String datasetId, Consumer<ObjectNode> edit) {
        synchronized (lock) {
            ObjectNode d = existing(datasetId);
            edit.accept(d);
            d.put("last_modified", tick());
        }
    }

    /** A person deletes the dataset (soft delete, like udata's DELETE). */
    public void deleteDataset(String datasetId) {
        editDataset(datasetId, d -> d.put("deleted", tick()));
    }

    /** A person archives the dataset. */
    public void archiveDataset(String datasetId) {
        editDataset(datasetId, d -> d.put("archived", tick()));
    }

    /**
     * Datasets created in the same millisecond (udata stores {@code created_at_internal} to the millisecond and
     * does not break ties) come in the opposite order at every other listing request: what MongoDB may do
     * between two skip/limit pages while others write, so a page can repeat a dataset and miss another.
     * Off by default, so that the tests that count requests see the same listing every time.
     */
    public void setUnstableCreatedTies(boolean unstable) {
        this.unstableTies = unstable;
    }

    /** udata's {@code purge-datasets} job: every soft-deleted dataset is hard-deleted (GET 404, not listed). */
    public void purgeDeleted() {
        synchronized (lock) {
            List<String> deleted = datasets.values().stream().filter(d -> !d.path("deleted").isNull())
                    .map(d -> d.path("id").asString()).toList();
            deleted.forEach(this::purgeDataset);
        }
    }

    /**
     * A person deletes the dataset and udata's purge job hard-deletes it: it is gone (404), and no dataservice links
     * it any more, without a new {@code metadata_modified_at} (udata/core/dataset/tasks.py {@code purge_datasets}:
     * {@code dataservice.update(datasets=…)}, which bypasses the API that sets the date).
     */
    public void purgeDataset(String datasetId) {
        synchronized (lock) {
            slugs.remove(existing(datasetId).path("slug").asString());
            datasets.remove(datasetId);
            for (ObjectNode d : dataservices.values()) {
                ArrayNode linked = (ArrayNode) d.path("dataset_ids");
                for (int i = linked.size() - 1; i >= 0; i--) {
                    if (linked.get(i).asString().equals(datasetId)) {
                        linked.remove(i);
                    }
                }
            }
        }
    }

    /** Another organization, of which the key's user is a member (admin unless {@link #setUserRole} says otherwise). */
    public void addMemberOrganization(String id, String name, String slug) {
        synchronized (lock) {
            organizations.put(id, org(id, name, slug));
            List<String> member = new ArrayList<>(userOrganizations);
            member.add(id);
            userOrganizations = List.copyOf(member);
        }
    }

    /**
     * A transfer of the dataset to another organization, requested and accepted in udata
     * ({@code POST /api/1/transfer/}, then the recipient's acceptance: udata/features/transfer/actions.py
     * {@code accept_transfer} sets {@code subject.organization = recipient} and saves; nothing else changes, its
     * contact points stay those of the former organization). The only way udata moves a dataset between
     * organizations: a PUT cannot (see {@code update}).
     */
    public void transferDataset(String datasetId, String organizationId) {
        synchronized (lock) {
            ObjectNode d = datasets.get(datasetId);
            if (d == null || !organizations.containsKey(organizationId)) {
                throw new IllegalArgumentException("no dataset " + datasetId + " or organization " + organizationId);
            }
            d.set("organization", organizations.get(organizationId).deepCopy());
        }
    }

    /** Back to an empty udata with default settings. */
    public void reset() {
        synchronized (lock) {
            datasets.clear();
            slugs.clear();
            organizations.clear();
            organizations.put(DEFAULT_ORGANIZATION, org(DEFAULT_ORGANIZATION, "Ville de Test", "ville-de-test"));
            organizations.put(OTHER_MEMBER_ORGANIZATION, org(OTHER_MEMBER_ORGANIZATION, "Syndicat Mixte",
                    "syndicat-mixte"));
            organizations.put(FOREIGN_ORGANIZATION, org(FOREIGN_ORGANIZATION, "Autre Collectivité",
                    "autre-collectivite"));
            userOrganizations = List.of(DEFAULT_ORGANIZATION, OTHER_MEMBER_ORGANIZATION);
            userRoles.clear();
            assignedToUser.clear();
            resetSpatialContactsAndDataservices();
        }
        clearFailures();
        clearRequests();
        unstableTies = false;
        latency = Duration.ZERO;
        inFlight.resetMax();
    }

    @Override
    public void close() {
        server.stop();
    }

    // ------------------------------------------------------------------ HTTP

    private record Answer(int status, String body) {
    }

    private enum Kind {
        /** Answered by its stub, unprocessed. */
        ANSWER,
        /** Processed by the store, then answered by its stub instead: the answer is lost. */
        LOSE_ANSWER,
        /** No answer: its stub closes the connection ({@code Fault.EMPTY_RESPONSE}). Unprocessed. */
        DROP,
        /** Waits, then processed and answered by the store. */
        STALL
    }

    /** An injected fault, answered by its own stub; {@code remaining} is guarded by the fake's lock. */
    private static final class Injection {
        final Predicate<Request> when;
        final int status;
        final String body;
        int remaining; // -1: forever
        final Kind kind;
        final Map<String, String> headers;
        final Duration delay;
        String id;
        StubMapping stub;

        Injection(Predicate<Request> when, int status, String body, int remaining, Kind kind) {
            this(when, status, body, remaining, kind, Map.of(), null);
        }

        Injection(Predicate<Request> when, int status, String body, int remaining, Kind kind,
                Map<String, String> headers, Duration delay) {
            this.when = when;
            this.status = status;
            this.body = body;
            this.remaining = remaining;
            this.kind = kind;
            this.headers = headers;
            this.delay = delay;
        }

        ResponseDefinitionBuilder response() {
            if (kind == Kind.DROP) {
                return aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE);
            }
            if (kind == Kind.STALL) {
                return aResponse(); // the store answers
            }
            ResponseDefinitionBuilder answer = json(status, body);
            headers.forEach(answer::withHeader);
            return answer;
        }
    }

    private static final class HttpError extends RuntimeException {
        final int status;
        final JsonNode body;

        HttpError(int status, JsonNode body) {
            super(null, null, false, false);
            this.status = status;
            this.body = body;
        }
    }

    /**
     * The requests being handled, each from its arrival to the time its answer leaves (once the store has
     * answered and the latency has passed): a request that the client could only send after another's answer is
     * never counted at the same time as that one.
     */
    private static final class InFlight {
        private final Map<Long, long[]> handled = new HashMap<>(); // number → {arrived, answered at}
        private long numbers;
        private int max;

        synchronized long arrive(long now) {
            leave(now);
            long number = ++numbers;
            handled.put(number, new long[] {now, Long.MAX_VALUE});
            max = Math.max(max, handled.size());
            return number;
        }

        synchronized long arrived(long number) {
            long[] times = handled.get(number);
            return times == null ? System.nanoTime() : times[0];
        }

        synchronized void answersAt(long number, long at) {
            long[] times = handled.get(number);
            if (times != null) {
                times[1] = at;
            }
        }

        synchronized int count(long now) {
            leave(now);
            return handled.size();
        }

        synchronized int max() {
            return max;
        }

        synchronized void resetMax() {
            max = 0;
        }

        private void leave(long now) {
            handled.values().removeIf(times -> times[1] <= now);
        }
    }

    /** First for every request: numbers it and picks the fault that answers it, once, in the order they were added. */
    private final class Arrivals implements StubRequestFilterV2 {

        @Override
        public String getName() {
            return "fake-udata-arrivals";
        }

        @Override
        public RequestFilterAction filter(com.github.tomakehurst.wiremock.http.Request received, ServeEvent event) {
            long arrived = System.nanoTime();
            long number = inFlight.arrive(arrived);
            firstRequestNanos.compareAndSet(0, arrived);
            countsByMethod.computeIfAbsent(received.getMethod().getName().toUpperCase(Locale.ROOT),
                    k -> new AtomicInteger()).incrementAndGet();
            // an ObjectId, a UUID, or a slug where udata takes an id or a slug (a dataset, an organization, a zone)
            String path = received.getUrl().replaceFirst("\\?.*", "")
                    .replaceAll("/([0-9a-f]{24}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?=/|$)", "/{id}")
                    .replaceAll("^(/api/\\d/(?:datasets|organizations|spatial/zone)/)(?!\\{id}|licenses/|frequencies/|search/)"
                            + "[^/]+(?=/|$)", "$1{id}");
            String query = received.getUrl().contains("?") ? " ?" + String.join("&", new TreeSet<>(
                    query(received.getUrl().substring(received.getUrl().indexOf('?') + 1)).keySet())) : "";
            countsByKind.computeIfAbsent(received.getMethod().getName().toUpperCase(Locale.ROOT) + " " + path + query,
                    k -> new AtomicInteger()).incrementAndGet();
            RequestWrapper.Builder tagged = RequestWrapper.create().addHeader(NUMBER_HEADER, Long.toString(number));
            Injection fault = takeFault(received);
            if (fault != null) {
                tagged.addHeader(FAULT_HEADER, fault.id);
            }
            return RequestFilterAction.continueWith(tagged.wrap(received));
        }
    }

    /**
     * The stubs' transformer: hands the request to the store (except for an unprocessed fault), and delays the answer
     * by what is left of the latency.
     */
    private final class Store implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            com.github.tomakehurst.wiremock.http.Request received = event.getRequest();
            long number = Long.parseLong(received.getHeader(NUMBER_HEADER));
            long arrived = inFlight.arrived(number);
            String faultId = received.getHeader(FAULT_HEADER);
            Injection fault = faultId == null ? null : faultsById.get(faultId);
            Kind kind = fault == null ? null : fault.kind;
            ResponseDefinition stub = event.getResponseDefinition();
            if (kind == Kind.DROP) {
                inFlight.answersAt(number, System.nanoTime());
                return stub;
            }
            ResponseDefinitionBuilder answer;
            try {
                if (kind == Kind.STALL) {
                    // before the store: WireMock's delays hold an answer already made
                    Latency.waitUntil(arrived + fault.delay.toNanos());
                }
                if (kind == Kind.ANSWER) {
                    answer = ResponseDefinitionBuilder.like(stub);
                } else {
                    Answer processed = route(request(received), received.getHeader("X-API-KEY"),
                            received.getHeader("Content-Type"));
                    answer = kind == Kind.LOSE_ANSWER ? ResponseDefinitionBuilder.like(stub)
                            : json(processed.status(), processed.body());
                }
            } catch (RuntimeException e) {
                answer = json(500, "{\"message\":\"fake udata bug: " + e + "\"}");
            }
            long now = System.nanoTime();
            long delayMillis = Math.max(0, -Math.floorDiv(now - arrived - latency.toNanos(), 1_000_000L)); // rounded up
            // WireMock sleeps at least that long before answering
            inFlight.answersAt(number, now + delayMillis * 1_000_000L);
            return answer.withFixedDelay((int) delayMillis).build();
        }
    }

    /** When the requests are not recorded, takes each out of WireMock's journal as soon as WireMock has put it there. */
    private final class Journal implements ServeEventListener {

        @Override
        public String getName() {
            return "fake-udata-journal";
        }

        @Override
        public void beforeResponseSent(ServeEvent event, Parameters parameters) {
            if (!recordRequests) {
                server.removeServeEvent(event.getId());
            }
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(status).withHeader("Content-Type", "application/json");
        if (body != null && !body.isEmpty() && status != 204) {
            answer.withBody(body);
        }
        return answer;
    }

    /** A request as the filter, the journal and the fault predicates see it: the raw path, the decoded query. */
    private static Request request(com.github.tomakehurst.wiremock.http.Request received) {
        String url = received.getUrl();
        int question = url.indexOf('?');
        byte[] body = received.getBody();
        return new Request(received.getMethod().getName().toUpperCase(Locale.ROOT),
                question < 0 ? url : url.substring(0, question), query(question < 0 ? null : url.substring(question + 1)),
                body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    private Injection takeFault(com.github.tomakehurst.wiremock.http.Request received) {
        synchronized (lock) {
            if (faults.isEmpty()) {
                return null;
            }
            Request request = request(received);
            for (Injection fault : faults) {
                if (fault.remaining != 0 && fault.when.test(request)) {
                    if (fault.remaining > 0) {
                        fault.remaining--;
                    }
                    return fault;
                }
            }
            return null;
        }
    }

    private void addFault(Injection fault) {
        fault.id = Integer.toString(faultIds.incrementAndGet());
        fault.stub = server.stubFor(any(anyUrl()).atPriority(1).withHeader(FAULT_HEADER, equalTo(fault.id))
                .willReturn(fault.response().withTransformers(TRANSFORMER)));
        faultsById.put(fault.id, fault);
        synchronized (lock) {
            faults.add(fault);
        }
    }

    private Answer route(Request request, String key, String contentType) {
        try {
            boolean authenticated = false;
            if (key != null) {
                if (!key.equals(apiKey)) {
                    throw new HttpError(401, message("Invalid API token"));
                }
                authenticated = true;
            }
            String method = request.method();
            String path = request.path();
            // before the organizations' routes, which would take /organizations/<id>/contacts/
            Answer answer = routeSpatialContactsAndDataservices(request, authenticated, contentType);
            if (answer != null) {
                return answer;
            }
            if (path.equals("/api/1/me/") && method.equals("GET")) {
                requireAuth(authenticated);
                return ok(200, me());
            }
            if (path.startsWith("/api/1/organizations/") && path.endsWith("/") && method.equals("GET")) {
                return ok(200, organization(URLDecoder.decode(path.substring("/api/1/organizations/".length(),
                        path.length() - 1), StandardCharsets.UTF_8)));
            }
            if (path.equals("/api/1/datasets/licenses/") && method.equals("GET")) {
                return ok(200, licenses());
            }
            if (path.equals("/api/1/datasets/")) {
                if (method.equals("GET")) {
                    return ok(200, list(request.query(), authenticated));
                }
                if (method.equals("POST")) {
                    requireAuth(authenticated);
                    return ok(201, create(body(request, contentType)));
                }
                throw new HttpError(405, message("The method is not allowed for the requested URL."));
            }
            if (path.startsWith("/api/1/datasets/") && path.endsWith("/")) {
                String id = URLDecoder.decode(path.substring("/api/1/datasets/".length(), path.length() - 1),
                        StandardCharsets.UTF_8);
                if (!id.contains("/")) {
                    switch (method) {
                        case "GET":
                            return ok(200, get(id, authenticated));
                        case "PUT":
                            requireAuth(authenticated);
                            return ok(200, update(id, body(request, contentType)));
                        case "DELETE":
                            requireAuth(authenticated);
                            delete(id);
                            return new Answer(204, null);
                        default:
                            throw new HttpError(405, message("The method is not allowed for the requested URL."));
                    }
                }
            }
            throw new HttpError(404, message("Not found"));
        } catch (HttpError e) {
            return new Answer(e.status, e.body.toString());
        }
    }

    private static Answer ok(int status, JsonNode body) {
        return new Answer(status, body.toString());
    }

    private static void requireAuth(boolean authenticated) {
        if (!authenticated) {
            throw new HttpError(401, message("Unauthorized"));
        }
    }

    private static ObjectNode body(Request request, String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new HttpError(415, message("Content-Type must be application/json"));
        }
        JsonNode json = request.json();
        if (json == null || !json.isObject()) {
            throw new HttpError(400, message("The browser (or proxy) sent a request that this server could not understand."));
        }
        return (ObjectNode) json;
    }

    // ------------------------------------------------------------------ endpoints

    private JsonNode me() {
        synchronized (lock) {
            ObjectNode me = JSON.createObjectNode();
            me.put("id", USER_ID);
            me.put("first_name", "Harvest");
            me.put("last_name", "Robot");
            me.put("slug", "harvest-robot");
            ArrayNode orgs = me.putArray("organizations");
            userOrganizations.forEach(id -> orgs.add(organizations.get(id).deepCopy()));
            return me;
        }
    }

    /**
     * {@code GET /api/1/organizations/{id or slug}/} (udata/core/organization/api.py OrganizationAPI.get): the
     * organization with its {@code members}, each {@code {user, role, since, label}} (models.py Member).
     */
    private JsonNode organization(String idOrSlug) {
        synchronized (lock) {
            ObjectNode org = organizations.values().stream()
                    .filter(o -> o.path("id").asString().equals(idOrSlug) || o.path("slug").asString().equals(idOrSlug))
                    .findFirst().orElseThrow(() -> new HttpError(404, message("Organization not found")));
            ObjectNode answer = org.deepCopy();
            ArrayNode members = answer.putArray("members");
            String id = org.path("id").asString();
            if (userOrganizations.contains(id)) {
                ObjectNode member = members.addObject();
                member.putObject("user").put("id", USER_ID).put("first_name", "Harvest").put("last_name", "Robot")
                        .put("slug", "harvest-robot");
                member.put("role", roleIn(id));
                member.put("since", "2024-01-01T00:00:00+00:00");
            }
            ObjectNode someoneElse = members.addObject();
            someoneElse.putObject("user").put("id", "5f0c0ffee0c0ffee0c0ff0b2").put("first_name", "Ada")
                    .put("last_name", "Admin").put("slug", "ada-admin");
            someoneElse.put("role", "admin");
            someoneElse.put("since", "2023-01-01T00:00:00+00:00");
            return answer;
        }
    }

    private JsonNode list(Map<String, String> query, boolean authenticated) {
        String organization = query.get("organization");
        if (organization != null && !organization.matches("[0-9a-f]{24}")) {
            throw new HttpError(400, message("Organization arg must be an identifier"));
        }
        int page = intParam(query, "page", 1);
        int pageSize = intParam(query, "page_size", 20);
        if (page < 1 || pageSize < 1) {
            throw new HttpError(400, message("page and page_size must be positive"));
        }
        String sort = query.getOrDefault("sort", "-created");
        if (!LISTING_SORTS.contains(sort.startsWith("-") ? sort.substring(1) : sort)) {
            // udata/core/dataset/api.py DatasetApiParser.sorts; an argument outside its choices is a 400
            ObjectNode refused = message("Input payload validation failed");
            refused.putObject("errors").put("sort", "The field (and direction) on which sorting apply: '" + sort
                    + "' is not a valid choice");
            throw new HttpError(400, refused);
        }
        int listing = listings.incrementAndGet();
        synchronized (lock) {
            List<ObjectNode> visible = new ArrayList<>();
            for (ObjectNode d : datasets.values()) {
                String org = d.path("organization").path("id").asString(null);
                if (organization != null && !organization.equals(org)) {
                    continue;
                }
                boolean member = authenticated && org != null && userOrganizations.contains(org);
                boolean publicOne = !d.path("private").asBoolean() && d.path("archived").isNull()
                        && d.path("deleted").isNull();
                if (member || publicOne) {
                    visible.add(d);
                }
            }
            sortListing(visible, sort, listing);
            int from = (int) Math.min((long) (page - 1) * pageSize, visible.size());
            if (from >= visible.size() && page > 1) {
                // udata/flask_mongoengine/pagination.py Pagination: no items on a page after the first → 404
                throw new HttpError(404, message("Not found"));
            }
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode data = answer.putArray("data");
            int to = Math.min(from + pageSize, visible.size());
            visible.subList(from, to).forEach(d -> data.add(d.deepCopy()));
            answer.put("page", page);
            answer.put("page_size", pageSize);
            answer.put("total", visible.size());
            String base = url() + "/api/1/datasets/?" + (organization == null ? "" : "organization=" + organization
                    + "&") + "page_size=" + pageSize + "&sort=" + sort + "&page=";
            if (to < visible.size()) {
                answer.put("next_page", base + (page + 1));
            } else {
                answer.putNull("next_page");
            }
            if (page > 1) {
                answer.put("previous_page", base + (page - 1));
            } else {
                answer.putNull("previous_page");
            }
            return answer;
        }
    }

    /**
     * Orders a listing like udata: {@code created} (udata's {@code created_at_internal}, stored by MongoDB to the
     * millisecond) and {@code last_update} by date, {@code title} by title; ties, and the metrics sorts (every
     * metric is 0 here), in insertion order, or with {@link #setUnstableCreatedTies} in the opposite order at
     * every other listing request.
     */
    private void sortListing(List<ObjectNode> visible, String sort, int listing) {
        boolean descending = sort.startsWith("-");
        String field = descending ? sort.substring(1) : sort;
        java.util.Comparator<ObjectNode> order = switch (field) {
            case "created" -> java.util.Comparator.comparing(d -> millis(d.path("created_at").asString("")));
            case "last_update" -> java.util.Comparator.comparing(d -> millis(d.path("last_modified").asString("")));
            case "title" -> java.util.Comparator.comparing(d -> d.path("title").asString(""));
            default -> (a, b) -> 0;
        };
        if (descending) {
            Collections.reverse(visible); // ties newest first
        }
        if (unstableTies && listing % 2 == 0) {
            Collections.reverse(visible); // the stable sort below keeps ties in this order
        }
        visible.sort(descending ? order.reversed() : order);
    }

    /** A date-time cut to the millisecond, as MongoDB stores it. */
    private static String millis(String isoDateTime) {
        return isoDateTime.length() > 23 ? isoDateTime.substring(0, 23) : isoDateTime;
    }

    private JsonNode get(String id, boolean authenticated) {
        synchronized (lock) {
            ObjectNode d = datasets.get(id);
            if (d == null) {
                throw new HttpError(404, message("Not found"));
            }
            if (!canRead(d, authenticated)) {
                if (d.path("private").asBoolean()) {
                    throw new HttpError(404, message("Not found"));
                }
                if (!d.path("deleted").isNull()) {
                    throw new HttpError(410, message("Dataset has been deleted"));
                }
            }
            return d.deepCopy();
        }
    }

    private JsonNode create(ObjectNode body) {
        synchronized (lock) {
            Map<String, List<Object>> errors = new LinkedHashMap<>();
            String organization = body.path("organization").isObject()
                    ? body.path("organization").path("id").asString(null)
                    : body.path("organization").asString(null);
            if (organization != null && !organization.matches("[0-9a-f]{24}")) {
                // udata/forms/fields.py clean_oid: a slug is not an ObjectId → ValueError in PublishAsField
                error(errors, "organization", "Unsupported identifier: " + organization);
            } else if (organization != null && !userOrganizations.contains(organization)) {
                // udata/forms/fields.py PublishAsField.pre_validate: OrganizationPrivatePermission (a member) or
                // "Permission denied for this organization", a 400 of the dataset form (udata/core/dataset/api.py
                // DatasetListAPI.post validates DatasetForm)
                error(errors, "organization", "Permission denied for this organization");
            }
            ObjectNode d = JSON.createObjectNode();
            d.put("title", "");
            d.put("description", "");
            d.putArray("tags");
            d.put("license", "notspecified");
            d.put("frequency", "unknown");
            d.put("private", false);
            d.putObject("extras");
            d.putArray("resources");
            d.putNull("archived");
            d.putNull("deleted");
            if (!body.hasNonNull("title")) {
                error(errors, "title", "This field is required.");
            }
            if (!body.hasNonNull("description")) {
                error(errors, "description", "This field is required.");
            }
            apply(d, body, errors);
            if (!errors.isEmpty()) {
                throw validation(errors);
            }
            ObjectNode created = newDataset(d.path("title").asString(), organization);
            String id = created.path("id").asString();
            if (organization != null && "partial_editor".equals(roleIn(organization))) {
                assignedToUser.add(id);
            }
            String slug = created.path("slug").asString();
            String createdAt = created.path("created_at").asString();
            created.setAll(d);
            created.put("id", id);
            created.put("slug", slug);
            created.put("created_at", createdAt);
            created.put("last_modified", createdAt);
            return created.deepCopy();
        }
    }

    private JsonNode update(String id, ObjectNode body) {
        synchronized (lock) {
            ObjectNode d = datasets.get(id);
            if (d == null) {
                throw new HttpError(404, message("Not found"));
            }
            boolean undelete = body.has("deleted") && body.get("deleted").isNull();
            if (!d.path("deleted").isNull() && !undelete) {
                throw new HttpError(410, message("Dataset has been deleted"));
            }
            if (!canEdit(d)) {
                throw new HttpError(403, message("You do not have the permission to modify that object."));
            }
            Map<String, List<Object>> errors = new LinkedHashMap<>();
            if (body.has("organization")) {
                String wanted = body.path("organization").isObject()
                        ? body.path("organization").path("id").asString(null)
                        : body.path("organization").asString(null);
                if (!Objects.equals(wanted, d.path("organization").path("id").asString(null))) {
                    error(errors, "organization", "The organization of a dataset cannot be changed here");
                }
            }
            ObjectNode copy = d.deepCopy();
            if (undelete) {
                copy.putNull("deleted");
            }
            // PUT is partial except for these two: udata/forms/fields.py TagField.process_formdata sets the tags
            // to [] and DateRangeField.process_formdata clears the coverage when the body has no value for them
            // (udata issue #2468)
            if (!body.has("tags")) {
                copy.putArray("tags");
            }
            if (!body.has("temporal_coverage")) {
                copy.putNull("temporal_coverage");
            }
            apply(copy, body, errors);
            if (!errors.isEmpty()) {
                throw validation(errors);
            }
            copy.put("last_modified", tick());
            datasets.put(id, copy);
            return copy.deepCopy();
        }
    }

    private void delete(String id) {
        synchronized (lock) {
            ObjectNode d = datasets.get(id);
            if (d == null) {
                throw new HttpError(404, message("Not found"));
            }
            if (!d.path("deleted").isNull()) {
                throw new HttpError(410, message("Dataset has been deleted"));
            }
            if (!canEdit(d)) {
                throw new HttpError(403, message("You do not have the permission to modify that object."));
            }
            d.put("deleted", tick());
            d.put("last_modified", d.path("deleted").asString());
        }
    }

    /** Applies the accepted keys of a POST/PUT body to {@code d}, collecting validation errors. */
    private void apply(ObjectNode d, ObjectNode body, Map<String, List<Object>> errors) {
        if (body.has("title")) {
            JsonNode title = body.get("title");
            if (!title.isString() || title.asString().isBlank()) {
                error(errors, "title", "This field is required.");
            } else if (title.asString().length() > 350) {
                error(errors, "title", "Field cannot be longer than 350 characters.");
            } else {
                d.put("title", title.asString());
            }
        }
        if (body.has("acronym")) {
            d.set("acronym", body.get("acronym"));
        }
        if (body.has("description")) {
            JsonNode description = body.get("description");
            if (!description.isString() || description.asString().isBlank()) {
                error(errors, "description", "This field is required.");
            } else if (description.asString().length() > 100_000) {
                error(errors, "description", "Field cannot be longer than 100000 characters.");
            } else {
                d.put("description", description.asString());
            }
        }
        if (body.has("tags")) {
            JsonNode tags = body.get("tags");
            if (!tags.isArray()) {
                error(errors, "tags", "Not a valid list.");
            } else {
                TreeSet<String> stored = new TreeSet<>();
                for (JsonNode tag : tags) {
                    String slug = slugify(tag.asString(""));
                    if (slug.length() < 3 || slug.length() > 96) {
                        error(errors, "tags", "Tag \"" + slug + "\" must be between 3 and 96 characters long.");
                    } else {
                        stored.add(slug);
                    }
                }
                ArrayNode array = JSON.createArrayNode();
                stored.forEach(array::add);
                d.set("tags", array);
            }
        }
        if (body.has("license")) {
            String license = body.get("license").isNull() ? null : body.get("license").asString("");
            d.put("license", license != null && licenseIds().contains(license) ? license : "notspecified");
        }
        if (body.has("frequency")) {
            JsonNode frequency = body.get("frequency");
            if (frequency.isNull()) {
                d.put("frequency", "unknown");
            } else if (LEGACY_FREQUENCIES.containsKey(frequency.asString(""))) {
                d.put("frequency", LEGACY_FREQUENCIES.get(frequency.asString()));
            } else if (!FREQUENCIES.contains(frequency.asString(""))) {
                // the ValueError of UpdateFrequency(x) (its _missing_ finds no legacy id), answered as a message
                throw new HttpError(400, message("'" + frequency.asString("") + "' is not a valid UpdateFrequency"));
            } else {
                d.put("frequency", frequency.asString());
            }
        }
        if (body.has("private")) {
            if (!body.get("private").isBoolean()) {
                error(errors, "private", "Not a valid boolean.");
            } else {
                d.put("private", body.get("private").asBoolean());
            }
        }
        if (body.has("archived")) {
            JsonNode archived = body.get("archived");
            if (archived.isNull()) {
                d.putNull("archived");
            } else if (!archived.isString() || !isDate(archived.asString())) {
                error(errors, "archived", "Not a valid datetime value.");
            } else {
                d.put("archived", archived.asString());
            }
        }
        if (body.has("temporal_coverage")) {
            applyTemporalCoverage(d, body.get("temporal_coverage"), errors);
        }
        if (body.has("spatial")) {
            applySpatial(d, body.get("spatial"), errors);
        }
        if (body.has("contact_points")) {
            applyContactPoints(d, body, errors);
        }
        if (body.has("extras")) {
            JsonNode extras = body.get("extras");
            if (!extras.isObject()) {
                error(errors, "extras", "Extras must be a dict");
            } else {
                for (Map.Entry<String, JsonNode> e : extras.properties()) {
                    if (e.getValue().isNull()) {
                        error(errors, "extras", "Unknown type for extra \"" + e.getKey() + "\": null is not accepted");
                    }
                }
                d.set("extras", extras.deepCopy());
            }
        }
        if (body.has("resources")) {
            applyResources(d, body.get("resources"), errors);
        }
    }

    /**
     * Like udata/forms/fields.py DateRangeField.process_formdata: {@code {"start": …, "end": …}} (end optional,
     * dates as strings) or {@code "start - end"}; no value clears it. Stored and answered as dates
     * ({@code YYYY-MM-DD}, udata's TemporalCoverage fields); a start after the end is swapped, like udata's
     * DateRange.
     */
    private static void applyTemporalCoverage(ObjectNode d, JsonNode value, Map<String, List<Object>> errors) {
        if (value.isNull() || value.isString() && value.asString().isEmpty()) {
            d.putNull("temporal_coverage");
            return;
        }
        JsonNode start;
        JsonNode end;
        if (value.isString() && value.asString().contains(" - ")) {
            String[] parts = value.asString().split(" - ", 2);
            start = JSON.getNodeFactory().stringNode(parts[0]);
            end = JSON.getNodeFactory().stringNode(parts[1]);
        } else if (value.isObject() && value.has("start")) {
            start = value.get("start");
            end = value.path("end");
        } else {
            error(errors, "temporal_coverage", "Unable to parse date range");
            return;
        }
        boolean endGiven = !end.isMissingNode() && !end.isNull() && !(end.isString() && end.asString().isEmpty());
        if (!start.isString() || endGiven && !end.isString()) {
            error(errors, "temporal_coverage", "Date must be a string");
            return;
        }
        java.time.LocalDate from = parseDate(start.asString());
        java.time.LocalDate to = endGiven ? parseDate(end.asString()) : null;
        if (from == null || endGiven && to == null) {
            error(errors, "temporal_coverage", "Unable to parse date range");
            return;
        }
        if (to != null && from.isAfter(to)) {
            java.time.LocalDate swap = from;
            from = to;
            to = swap;
        }
        ObjectNode coverage = d.putObject("temporal_coverage");
        coverage.put("start", from.toString());
        if (to == null) {
            coverage.putNull("end");
        } else {
            coverage.put("end", to.toString());
        }
    }

    /** The date of a text the way dateutil reads the ones we send: a date, a date-time, or a year alone. */
    private static java.time.LocalDate parseDate(String text) {
        String value = text.strip();
        try {
            if (value.matches("\\d{4}")) {
                // dateutil fills a year alone with today's month and day
                java.time.LocalDate today = java.time.LocalDate.now(ZoneOffset.UTC);
                return today.withYear(Integer.parseInt(value));
            }
            return java.time.LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private void applyResources(ObjectNode d, JsonNode resources, Map<String, List<Object>> errors) {
        if (!resources.isArray()) {
            error(errors, "resources", "Not a valid list.");
            return;
        }
        Map<String, ObjectNode> existing = new LinkedHashMap<>();
        for (JsonNode r : d.path("resources")) {
            existing.put(r.path("id").asString(), (ObjectNode) r);
        }
        ArrayNode result = JSON.createArrayNode();
        List<ObjectNode> entryErrors = new ArrayList<>();
        boolean anyError = false;
        Set<String> usedIds = new HashSet<>();
        String now = tick();
        for (JsonNode given : resources) {
            ObjectNode entryError = JSON.createObjectNode();
            entryErrors.add(entryError);
            if (!given.isObject()) {
                entryError.putArray("resource").add("Not a valid resource.");
                anyError = true;
                continue;
            }
            String givenId = given.path("id").asString(null);
            if (givenId != null && !givenId.matches("(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")) {
                // udata/core/dataset/forms.py ResourceForm.id is a UUIDField: a malformed id is refused
                entryError.putArray("id").add("Invalid UUID.");
                anyError = true;
                continue;
            }
            ObjectNode r;
            if (givenId != null && existing.containsKey(givenId) && usedIds.add(givenId)) {
                r = existing.get(givenId).deepCopy();
            } else {
                r = JSON.createObjectNode();
                String id = UUID.randomUUID().toString();
                r.put("id", id);
                r.put("created_at", now);
                r.put("filetype", "file");
                r.put("type", "main");
                r.putNull("format");
                r.putNull("mime");
                r.putNull("description");
                r.putObject("extras");
                r.put("latest", url() + "/api/1/datasets/r/" + id);
            }
            for (String field : List.of("title", "description", "url", "filetype", "type", "format", "mime",
                    "filesize", "checksum", "schema", "published")) {
                if (given.has(field)) {
                    r.set(field, given.get(field).deepCopy());
                }
            }
            if (given.has("extras")) {
                JsonNode extras = given.get("extras");
                if (!extras.isObject()) {
                    entryError.putArray("extras").add("Extras must be a dict");
                    anyError = true;
                } else {
                    for (Map.Entry<String, JsonNode> e : extras.properties()) {
                        if (e.getValue().isNull()) {
                            entryError.putArray("extras").add("null is not accepted for \"" + e.getKey() + "\"");
                            anyError = true;
                        }
                    }
                    r.set("extras", extras.deepCopy());
                }
            }
            String title = r.path("title").asString("");
            if (title.isBlank()) {
                entryError.putArray("title").add("This field is required.");
                anyError = true;
            } else if (title.length() > 350) {
                // udata/core/dataset/forms.py BaseResourceForm.title: Length(max=TITLE_SIZE_LIMIT), 350
                entryError.putArray("title").add("Field cannot be longer than 350 characters.");
                anyError = true;
            }
            String url = r.path("url").asString("");
            if (!url.matches("(?i)(https?|ftp)://[^\\s/]+.*")) {
                entryError.putArray("url").add("Invalid URL \"" + url + "\"");
                anyError = true;
            }
            if (!FILETYPES.contains(r.path("filetype").asString(""))) {
                entryError.putArray("filetype").add("Not a valid choice");
                anyError = true;
            }
            if (!RESOURCE_TYPES.contains(r.path("type").asString(""))) {
                entryError.putArray("type").add("Not a valid choice");
                anyError = true;
            }
            String format = r.path("format").isString() ? r.path("format").asString().strip().toLowerCase(Locale.ROOT)
                    : "";
            if (format.isEmpty()) {
                r.putNull("format");
            } else {
                r.put("format", format);
            }
            r.put("last_modified", now);
            result.add(r);
        }
        if (anyError) {
            // like WTForms' FieldList: one error object per entry, in order
            errors.put("resources", new ArrayList<>(entryErrors));
        } else {
            d.set("resources", result);
        }
    }

    // ------------------------------------------------------------------ internals

    private ObjectNode newDataset(String title, String organization) {
        String id = String.format("%024x", idBase + ++idCounter);
        ObjectNode d = JSON.createObjectNode();
        d.put("id", id);
        d.put("title", title);
        d.putNull("acronym");
        String slug = slugify(title);
        String unique = slug.isEmpty() ? id : slug;
        for (int i = 1; slugTaken(unique); i++) {
            unique = slug + "-" + i;
        }
        d.put("slug", unique);
        slugs.add(unique);
        d.put("description", "");
        String now = tick();
        d.put("created_at", now);
        d.put("last_modified", now);
        d.putNull("deleted");
        d.putNull("archived");
        d.put("featured", false);
        d.put("private", false);
        d.putArray("tags");
        d.putArray("resources");
        d.putArray("community_resources");
        d.put("frequency", "unknown");
        d.putNull("frequency_date");
        d.putObject("extras");
        d.putObject("metrics").put("views", 0).put("followers", 0).put("reuses", 0);
        if (organization != null && organizations.containsKey(organization)) {
            d.set("organization", organizations.get(organization).deepCopy());
            d.putNull("owner");
        } else {
            d.putNull("organization");
            d.putObject("owner").put("id", USER_ID);
        }
        d.putNull("temporal_coverage");
        d.putNull("spatial");
        d.put("license", "notspecified");
        d.put("uri", url() + "/api/1/datasets/" + id + "/");
        d.put("page", url() + "/datasets/" + unique + "/");
        d.put("last_update", now);
        datasets.put(id, d);
        return d;
    }

    private boolean slugTaken(String slug) {
        return slugs.contains(slug);
    }

    /** Hidden (private, deleted) datasets are readable by members of any role (OwnableReadPermission). */
    private boolean canRead(ObjectNode d, boolean authenticated) {
        if (!authenticated) {
            return false;
        }
        String org = d.path("organization").path("id").asString(null);
        return org == null ? USER_ID.equals(d.path("owner").path("id").asString(null))
                : userOrganizations.contains(org);
    }

    /** Admins and editors edit every dataset of the organization, a partial editor only those assigned to them. */
    private boolean canEdit(ObjectNode d) {
        String org = d.path("organization").path("id").asString(null);
        if (org == null || !userOrganizations.contains(org)) {
            return canRead(d, true);
        }
        return !"partial_editor".equals(roleIn(org)) || assignedToUser.contains(d.path("id").asString());
    }

    private String roleIn(String organization) {
        return userRoles.getOrDefault(organization, "admin");
    }

    private ObjectNode existing(String datasetId) {
        ObjectNode d = datasets.get(datasetId);
        if (d == null) {
            throw new IllegalArgumentException("no dataset " + datasetId + " in the fake udata");
        }
        return d;
    }

    /** A strictly increasing clock: each write gets a later {@code last_modified}. */
    private String tick() {
        synchronized (lock) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            clock = now.isAfter(clock) ? now : clock.plus(1, ChronoUnit.MICROS);
            return clock.format(ISO);
        }
    }

    private static boolean isDate(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            try {
                java.time.LocalDateTime.parse(value);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    /** python-slugify(to_lower=True) as udata applies it to tags; written independently of the harvester's. */
    static String slugify(String value) {
        String ascii = Normalizer.normalize(value, Normalizer.Form.NFKD).replaceAll("[\\u0300-\\u036f]", "")
                .replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-|-$", "");
    }

    private static ObjectNode org(String id, String name, String slug) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("name", name);
        o.put("slug", slug);
        o.put("class", "Organization");
        o.put("page", "https://udata.invalid/organizations/" + slug + "/");
        return o;
    }

    private static Set<String> licenseIds() {
        Set<String> ids = new HashSet<>();
        licenses().forEach(l -> ids.add(l.path("id").asString()));
        return ids;
    }

    private static ArrayNode licenses() {
        ArrayNode list = JSON.createArrayNode();
        list.add(license("cc-by", "Creative Commons Attribution", "http://opendefinition.org/licenses/cc-by/",
                List.of("CC BY", "CC-BY 4.0", "Creative Commons Attribution 4.0 International"),
                List.of("https://creativecommons.org/licenses/by/4.0/", "http://creativecommons.org/licenses/by/4.0/")));
        list.add(license("cc-by-sa", "Creative Commons Attribution Share-Alike",
                "http://opendefinition.org/licenses/cc-by-sa/",
                List.of("CC BY-SA", "CC-BY-SA 4.0"),
                List.of("https://creativecommons.org/licenses/by-sa/4.0/")));
        list.add(license("cc-zero", "Creative Commons CCZero", "http://opendefinition.org/licenses/cc-zero/",
                List.of("CC0", "CC0 1.0"), List.of("https://creativecommons.org/publicdomain/zero/1.0/")));
        list.add(license("fr-lo", "Licence Ouverte / Open Licence",
                "https://www.etalab.gouv.fr/wp-content/uploads/2014/05/Licence_Ouverte.pdf",
                List.of("Licence Ouverte (Etalab)", "Licence ouverte", "Open Licence", "LO 1.0"),
                List.of("http://www.data.gouv.fr/Licence-Ouverte-Open-Licence",
                        "https://www.etalab.gouv.fr/licence-ouverte-open-licence")));
        list.add(license("lov2", "Licence Ouverte / Open Licence version 2.0",
                "https://www.etalab.gouv.fr/wp-content/uploads/2017/04/ETALAB-Licence-Ouverte-v2.0.pdf",
                List.of("Licence Ouverte v2.0", "Licence Ouverte 2.0", "Open Licence 2.0", "LO 2.0", "Etalab 2.0"),
                List.of("https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
                        "https://spdx.org/licenses/etalab-2.0.html")));
        list.add(license("odc-by", "Open Data Commons Attribution License", "http://opendefinition.org/licenses/odc-by/",
                List.of("ODC-BY"), List.of("https://opendatacommons.org/licenses/by/1-0/")));
        list.add(license("odc-odbl", "Open Data Commons Open Database License (ODbL)",
                "http://opendefinition.org/licenses/odc-odbl/",
                List.of("ODbL", "Open Database License (ODbL)", "ODbL 1.0"),
                List.of("https://opendatacommons.org/licenses/odbl/1-0/",
                        "http://www.opendatacommons.org/licenses/odbl/summary/")));
        list.add(license("odc-pddl", "Open Data Commons Public Domain Dedication and Licence (PDDL)",
                "http://opendefinition.org/licenses/odc-pddl/", List.of("PDDL"),
                List.of("https://opendatacommons.org/licenses/pddl/1-0/")));
        list.add(license("other-at", "Other (Attribution)", null, List.of(), List.of()));
        list.add(license("other-open", "Other (Open)", null, List.of(), List.of()));
        list.add(license("other-pd", "Other (Public Domain)", null, List.of("Public Domain", "Domaine public"),
                List.of()));
        list.add(license("notspecified", "License Not Specified", null, List.of(), List.of()));
        return list;
    }

    private static ObjectNode license(String id, String title, String url, List<String> alternateTitles,
            List<String> alternateUrls) {
        ObjectNode l = JSON.createObjectNode();
        l.put("id", id);
        l.put("title", title);
        if (url == null) {
            l.putNull("url");
        } else {
            l.put("url", url);
        }
        l.putNull("maintainer");
        l.putArray("flags").add("generic");
        ArrayNode titles = l.putArray("alternate_titles");
        alternateTitles.forEach(titles::add);
        ArrayNode urls = l.putArray("alternate_urls");
        alternateUrls.forEach(urls::add);
        return l;
    }

    private static HttpError validation(Map<String, List<Object>> errors) {
        ObjectNode body = message("Validation error");
        ObjectNode fields = body.putObject("errors");
        errors.forEach((field, messages) -> {
            ArrayNode list = fields.putArray(field);
            for (Object m : messages) {
                list.add(m instanceof JsonNode node ? node : JSON.getNodeFactory().stringNode(m.toString()));
            }
        });
        return new HttpError(400, body);
    }

    private static void error(Map<String, List<Object>> errors, String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }

    private static ObjectNode message(String text) {
        ObjectNode node = JSON.createObjectNode();
        node.put("message", text);
        return node;
    }

    private static String injectedBody(int status) {
        return message("Injected failure (HTTP " + status + ")").toString();
    }

    private static int intParam(Map<String, String> query, String name, int byDefault) {
        String value = query.get(name);
        if (value == null) {
            return byDefault;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new HttpError(400, message(name + " must be an integer"));
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    // ---- spatial zones ----

    /** Zone id → GeoJSON Feature as udata 17.6 answers it ({@code GeoZone.toGeoJSON}: no geometry). */
    private final Map<String, ObjectNode> zones = new ConcurrentHashMap<>(defaultZones());

    /** Levels udata knows (GeoLevel ids), the granularities it accepts with {@code poi} and {@code other}. */
    public static final Set<String> GRANULARITIES = Set.of("country-group", "country", "fr:region",
            "fr:departement", "fr:epci", "fr:commune", "poi", "other");

    /** The zones known from the start: Paris, the Métropole du Grand Paris, its département and region, Portugal,
     * France and the world. */
    private static Map<String, ObjectNode> defaultZones() {
        Map<String, ObjectNode> known = new LinkedHashMap<>();
        for (String[] z : new String[][] { { "fr:commune:75056", "fr:commune", "75056", "Paris" },
                { "fr:epci:200054781", "fr:epci", "200054781", "Métropole du Grand Paris" },
                { "fr:departement:75", "fr:departement", "75", "Paris" },
                { "fr:region:11", "fr:region", "11", "Île-de-France" },
                { "country:pt", "country", "pt", "Portugal" }, { "country:fr", "country", "fr", "France" },
                { "country-group:world", "country-group", "world", "World" } }) {
            known.put(z[0], zone(z[0], z[1], z[2], z[3]));
        }
        return known;
    }

    private static ObjectNode zone(String id, String level, String code, String name) {
        ObjectNode feature = JSON.createObjectNode();
        feature.put("id", id);
        feature.put("type", "Feature");
        ObjectNode properties = feature.putObject("properties");
        properties.put("slug", slugify(name));
        properties.put("name", name);
        properties.put("code", code);
        properties.putNull("uri");
        properties.put("level", level);
        return feature;
    }

    /** A zone this udata knows from now on. */
    public void addZone(String id, String level, String name) {
        zones.put(id, zone(id, level, id.substring(id.lastIndexOf(':') + 1), name));
    }

    /** Forget a zone (as if the instance had not loaded it). */
    public void removeZone(String id) {
        zones.remove(id);
    }

    /**
     * {@code GET /api/1/spatial/zone/<id>/} (404 when unknown) and {@code GET /api/1/spatial/zones/<ids>/}, a
     * FeatureCollection that answers 500 when any id is unknown: udata/core/spatial/api.py {@code ZonesAPI.get}
     * indexes {@code GeoZone.objects.in_bulk(ids)} with each id. Null when the path is not a spatial one.
     */
    private Answer routeSpatial(String method, String path) {
        String one = "/api/1/spatial/zone/";
        String many = "/api/1/spatial/zones/";
        if (!method.equals("GET") || !path.endsWith("/") || !(path.startsWith(one) || path.startsWith(many))) {
            return null;
        }
        boolean bulk = path.startsWith(many);
        String ids = URLDecoder.decode(path.substring((bulk ? many : one).length(), path.length() - 1),
                StandardCharsets.UTF_8);
        if (ids.isEmpty() || ids.contains("/")) {
            return null;
        }
        if (!bulk) {
            ObjectNode zone = zones.get(ids);
            if (zone == null) {
                throw new HttpError(404, message("Not found"));
            }
            return ok(200, zone);
        }
        ObjectNode collection = JSON.createObjectNode();
        collection.put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (String id : ids.split(",")) {
            ObjectNode zone = zones.get(id);
            if (zone == null) {
                throw new HttpError(500, message("Internal Server Error"));
            }
            features.add(zone);
        }
        return ok(200, collection);
    }

    /**
     * {@code spatial} like udata/core/spatial/forms.py {@code SpatialCoverageForm}: its sub-keys merge into the
     * stored coverage (a FormField over the existing object); {@code zones} must all be known
     * ({@code ZonesField.fetch_objects}: "Unknown geoid(s): …"), {@code []} keeps the stored ones (wtforms-json
     * sends no key for an empty list) and null clears them; {@code granularity} one of the levels, {@code poi} or
     * {@code other} (a SelectField; default {@code other}); {@code geom} a MultiPolygon (the model's
     * MultiPolygonField: a Polygon or a Feature is refused), stored rounded to 6 decimals; zones and a geometry
     * together are refused ({@code SpatialCoverage.clean}). Null clears the coverage.
     */
    private void applySpatial(ObjectNode d, JsonNode value, Map<String, List<Object>> errors) {
        if (value.isNull()) {
            d.putNull("spatial");
            return;
        }
        if (!value.isObject()) {
            error(errors, "spatial", "Not a valid spatial coverage");
            return;
        }
        ObjectNode stored = d.path("spatial").isObject() ? ((ObjectNode) d.get("spatial")).deepCopy()
                : JSON.createObjectNode().putNull("geom").put("granularity", "other").set("zones",
                        JSON.createArrayNode());
        if (value.has("zones")) {
            JsonNode given = value.get("zones");
            if (given.isNull()) {
                stored.putArray("zones");
            } else if (!given.isArray()) {
                error(errors, "spatial", "zones: Not a valid list");
            } else if (!given.isEmpty()) {
                List<String> unknown = new ArrayList<>();
                ArrayNode ids = JSON.createArrayNode();
                for (JsonNode zone : given) {
                    String id = zone.asString("");
                    if (zones.containsKey(id)) {
                        ids.add(id);
                    } else {
                        unknown.add(id);
                    }
                }
                if (!unknown.isEmpty()) {
                    error(errors, "spatial", "zones: Unknown geoid(s): " + String.join(", ", unknown));
                }
                stored.set("zones", ids);
            }
        }
        if (value.has("granularity")) {
            String granularity = value.get("granularity").asString("");
            if (!GRANULARITIES.contains(granularity)) {
                error(errors, "spatial", "granularity: Not a valid choice");
            }
            stored.put("granularity", granularity);
        }
        if (value.has("geom")) {
            JsonNode geom = value.get("geom");
            if (geom.isNull()) {
                stored.putNull("geom");
            } else if (!geom.isObject() || !"MultiPolygon".equals(geom.path("type").asString(""))
                    || !geom.path("coordinates").isArray()) {
                error(errors, "spatial", "geom: Invalid MultiPolygon");
            } else {
                ObjectNode rounded = JSON.createObjectNode().put("type", "MultiPolygon");
                rounded.set("coordinates", roundedCoordinates(geom.get("coordinates")));
                stored.set("geom", rounded);
            }
        }
        if (!stored.path("zones").isEmpty() && stored.path("geom").isObject()) {
            error(errors, "spatial", "The spatial coverage cannot contains a Geozone and a Geometry");
        }
        d.set("spatial", stored);
    }

    private static JsonNode roundedCoordinates(JsonNode node) {
        if (node.isNumber()) {
            return JSON.getNodeFactory().numberNode(Math.round(node.asDouble() * 1e6) / 1e6);
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(child -> copy.add(roundedCoordinates(child)));
            return copy;
        }
        return node;
    }

    // ---- contact points ----

    /** udata/core/contact_point/models.py {@code CONTACT_ROLES}. */
    public static final Set<String> CONTACT_ROLES = Set.of("contact", "creator", "publisher", "rightsHolder",
            "custodian", "distributor", "originator", "principalInvestigator", "processor", "resourceProvider",
            "user");

    /** Mail domains udata's email check finds undeliverable (email_validator asks DNS; here a fixed list). */
    private final Set<String> undeliverableDomains = ConcurrentHashMap.newKeySet();
    private final Map<String, ObjectNode> contacts = new LinkedHashMap<>();

    /** From now on an address at {@code domain} is refused as udata refuses one whose domain receives no mail. */
    public void refuseMailDomain(String domain) {
        undeliverableDomains.add(domain.toLowerCase(Locale.ROOT));
    }

    /** The contact points, as stored. */
    public List<JsonNode> contactPoints() {
        synchronized (lock) {
            return contacts.values().stream().map(c -> (JsonNode) c.deepCopy()).toList();
        }
    }

    /** A contact point of {@code organization} as a person would add it in udata; its id. */
    public String addContactPoint(String organization, String name, String email, String role) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("role", role).put("organization",
                organization);
        if (email != null) {
            body.put("email", email);
        }
        return createContact(body).path("id").asString();
    }

    /** The routes of spatial zones, contact points and dataservices; null when the path is none of them. */
    private Answer routeSpatialContactsAndDataservices(Request request, boolean authenticated, String contentType) {
        String method = request.method();
        String path = request.path();
        Answer spatial = routeSpatial(method, path);
        if (spatial != null) {
            return spatial;
        }
        Answer dataservice = routeDataservices(request, authenticated, contentType);
        if (dataservice != null) {
            return dataservice;
        }
        if (path.equals("/api/1/contacts/") && method.equals("POST")) {
            requireAuth(authenticated);
            JsonNode created = createContact(body(request, contentType));
            return ok(created.path("created").asBoolean() ? 201 : 200,
                    ((ObjectNode) created.deepCopy()).without("created"));
        }
        String prefix = "/api/1/organizations/";
        if (method.equals("GET") && path.startsWith(prefix) && path.endsWith("/contacts/")) {
            String org = URLDecoder.decode(path.substring(prefix.length(), path.length() - "/contacts/".length()),
                    StandardCharsets.UTF_8);
            return ok(200, organizationContacts(org, request.query()));
        }
        return null;
    }

    /**
     * {@code POST /api/1/contacts/} like udata/core/contact_point/api.py {@code ContactPointsListAPI.post}: the
     * model's checks (name required, at most 255 characters, no URL: {@code check_no_urls}; email
     * {@code check_is_email}: "Invalid email address"; role one of {@code CONTACT_ROLES}; role {@code contact}
     * needs an email or a contact form), the organization one of the user's, then a get-or-create on name, email,
     * contact form, role and organization (201 created, 200 found).
     */
    private JsonNode createContact(ObjectNode body) {
        synchronized (lock) {
            Map<String, List<Object>> errors = new LinkedHashMap<>();
            String name = body.path("name").isString() ? body.path("name").asString().strip() : "";
            String email = body.path("email").isString() ? body.path("email").asString().strip() : null;
            String role = body.path("role").asString("");
            String organization = body.path("organization").asString(null);
            if (name.isEmpty()) {
                error(errors, "name", "This field is required.");
            } else if (name.length() > 255) {
                error(errors, "name", "String value is too long");
            } else if (name.replaceAll("\\S+@\\S+", "") // urlextract leaves addresses alone (extract_email off)
                    .matches("(?i).*(https?://|www\\.|\\b[a-z0-9-]+\\.(fr|com|org|net|pt|eu)\\b).*")) {
                error(errors, "name", "URLs not allowed in this field");
            }
            if (email != null && !email.isEmpty() && !deliverable(email)) {
                error(errors, "email", "Invalid email address");
            }
            if (!CONTACT_ROLES.contains(role)) {
                error(errors, "role", "Value must be one of " + CONTACT_ROLES);
            } else if (role.equals("contact") && (email == null || email.isEmpty())
                    && !body.path("contact_form").isString()) {
                error(errors, "role", "At least an email or a contact form is required for a contact point");
            }
            if (organization == null || !organizations.containsKey(organization)
                    || !userOrganizations.contains(organization)) {
                error(errors, "organization", "Permission denied for this organization");
            }
            if (!errors.isEmpty()) {
                throw validation(errors);
            }
            for (ObjectNode c : contacts.values()) {
                if (c.path("name").asString().equals(name) && Objects.equals(c.path("email").asString(null), email)
                        && c.path("role").asString().equals(role)
                        && c.path("organization").path("id").asString("").equals(organization)) {
                    return c.deepCopy().put("created", false);
                }
            }
            ObjectNode c = JSON.createObjectNode();
            // derived from what the contact point is, so that two fakes fed the same harvest hold the same ids
            // (tests compare their states); udata's are ObjectIds
            c.put("id", contactId(organization, name, email, role));
            c.put("name", name);
            if (email == null || email.isEmpty()) {
                c.putNull("email");
            } else {
                c.put("email", email);
            }
            c.putNull("contact_form");
            c.put("role", role);
            c.set("organization", organizations.get(organization).deepCopy());
            c.putNull("owner");
            contacts.put(c.path("id").asString(), c);
            return c.deepCopy().put("created", true);
        }
    }

    /** The syntax email_validator takes, and a domain that receives mail (not one of {@link #refuseMailDomain}). */
    private boolean deliverable(String email) {
        if (!email.matches("(?i)[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@"
                + "([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63}")) {
            return false;
        }
        return !undeliverableDomains.contains(email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT));
    }

    /** {@code GET /api/1/organizations/<id>/contacts/}: {@code ContactPoint.objects.owned_by(org)}, paged. */
    private JsonNode organizationContacts(String organization, Map<String, String> query) {
        synchronized (lock) {
            int page = intParam(query, "page", 1);
            int pageSize = intParam(query, "page_size", 20);
            List<ObjectNode> owned = contacts.values().stream()
                    .filter(c -> c.path("organization").path("id").asString("").equals(organization)).toList();
            int from = (page - 1) * pageSize;
            if (page > 1 && from >= owned.size()) {
                throw new HttpError(404, message("Not found"));
            }
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode data = answer.putArray("data");
            owned.subList(Math.min(from, owned.size()), Math.min(from + pageSize, owned.size()))
                    .forEach(c -> data.add(c.deepCopy()));
            answer.put("page", page);
            answer.put("page_size", pageSize);
            answer.put("total", owned.size());
            if (from + pageSize < owned.size()) {
                answer.put("next_page", url() + "/api/1/organizations/" + organization + "/contacts/?page="
                        + (page + 1) + "&page_size=" + pageSize);
            } else {
                answer.putNull("next_page");
            }
            answer.putNull("previous_page");
            return answer;
        }
    }

    /**
     * {@code contact_points} like udata/core/dataset/forms.py: a ContactPointListField (ids; {@code []} keeps the
     * stored ones, wtforms-json sending no key for an empty list, null clears them), each of the dataset's
     * organization ({@code validate_contact_point}: "Wrong contact point id or contact point ownership
     * mismatch"), the same one twice refused; answered as full objects.
     */
    private void applyContactPoints(ObjectNode d, ObjectNode body, Map<String, List<Object>> errors) {
        JsonNode value = body.get("contact_points");
        if (value.isNull()) {
            d.putArray("contact_points");
            return;
        }
        if (!value.isArray()) {
            error(errors, "contact_points", "Not a valid list");
            return;
        }
        if (value.isEmpty()) {
            return;
        }
        // a new dataset has its organization only in the body (the form's organization field)
        String organization = d.path("organization").path("id").asString(body.path("organization").isObject()
                ? body.path("organization").path("id").asString("") : body.path("organization").asString(""));
        ArrayNode stored = JSON.createArrayNode();
        Set<String> seen = new HashSet<>();
        for (JsonNode id : value) {
            ObjectNode c = contacts.get(id.asString(""));
            if (c == null || !c.path("organization").path("id").asString("").equals(organization)) {
                error(errors, "contact_points", "Wrong contact point id or contact point ownership mismatch");
            } else if (!seen.add(id.asString())) {
                error(errors, "contact_points", "The same contact point cannot be given twice");
            } else {
                stored.add(c.deepCopy());
            }
        }
        d.set("contact_points", stored);
    }

    /** The zones, contact points and dataservices as at the start (called by {@link #reset} under the lock). */
    private void resetSpatialContactsAndDataservices() {
        zones.clear();
        zones.putAll(defaultZones());
        contacts.clear();
        undeliverableDomains.clear();
        dataservices.clear();
        refusePrivateUrls = false;
    }

    private static String contactId(String organization, String name, String email, String role) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    String.join("\n", organization, name, String.valueOf(email), role).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 24);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ dataservices

    private final Map<String, ObjectNode> dataservices = new LinkedHashMap<>();
    private volatile boolean refusePrivateUrls;

    /** The dataservices held, deleted ones included, each with its linked dataset ids under {@code dataset_ids}. */
    public List<JsonNode> dataservices() {
        synchronized (lock) {
            return dataservices.values().stream().map(d -> (JsonNode) d.deepCopy()).toList();
        }
    }

    /** The ids of the datasets linked to the dataservice, in udata's order. */
    public List<String> dataserviceDatasetIds(String dataserviceId) {
        synchronized (lock) {
            List<String> ids = new ArrayList<>();
            existingDataservice(dataserviceId).path("dataset_ids").forEach(id -> ids.add(id.asString()));
            return ids;
        }
    }

    /** A dataservice that someone else (a person, another source) made in the organization, linked to datasets. */
    public String addForeignDataservice(String title, Map<String, Object> extras, List<String> datasetIds) {
        ObjectNode body = JSON.createObjectNode();
        body.put("title", title);
        body.put("base_api_url", "https://api.example.org/");
        body.put("organization", DEFAULT_ORGANIZATION);
        body.set("extras", JSON.valueToTree(extras));
        String id = createDataservice(body).path("id").asString();
        linkDatasets(id, JSON.valueToTree(datasetIds.stream().map(d -> Map.of("id", d)).toList()));
        return id;
    }

    /** A person removes a link of the dataservice in udata (as through {@code DataserviceDatasetAPI.delete}). */
    public void removeDataserviceLink(String dataserviceId, String datasetId) {
        unlinkDataset(dataserviceId, datasetId);
    }

    /**
     * Refuses {@code base_api_url}s and documentation URLs on loopback or private addresses, like udata's
     * {@code udata/uris.py} {@code validate} when the instance does not set {@code URLS_ALLOW_LOCAL} /
     * {@code URLS_ALLOW_PRIVATE}. Off by default: the tests' portal is on loopback, as on a test instance of udata.
     */
    public void setRefusePrivateUrls(boolean refuse) {
        this.refusePrivateUrls = refuse;
    }

    /**
     * The routes of udata/core/dataservices/api.py: {@code DataservicesAPI} (GET list, POST),
     * {@code DataserviceAPI} (GET, PATCH), {@code DataserviceDatasetsAPI} (POST), {@code DataserviceDatasetAPI}
     * (DELETE); and {@code GET /api/1/datasets/?dataservice=<id>}, which lists the linked datasets (the
     * dataservice reads {@code datasets} back as a link, models.py {@code href}); an unknown id there lists every
     * dataset, as the listing ignores a filter that matches nothing it knows.
     */
    private Answer routeDataservices(Request request, boolean authenticated, String contentType) {
        String method = request.method();
        String path = request.path();
        if (path.equals("/api/1/datasets/") && method.equals("GET") && request.query().containsKey("dataservice")) {
            ObjectNode linked;
            synchronized (lock) {
                linked = dataservices.get(request.query().get("dataservice"));
            }
            return linked == null ? null : ok(200, linkedDatasets(linked, request.query(), authenticated));
        }
        String prefix = "/api/1/dataservices/";
        if (!path.startsWith(prefix)) {
            return null;
        }
        if (path.equals(prefix)) {
            if (method.equals("GET")) {
                return ok(200, listDataservices(request.query(), authenticated));
            }
            if (method.equals("POST")) {
                requireAuth(authenticated);
                return ok(201, createDataservice(body(request, contentType)));
            }
            throw new HttpError(405, message("The method is not allowed for the requested URL."));
        }
        String[] parts = path.substring(prefix.length()).split("/");
        String id = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        if (parts.length == 1 && path.endsWith("/")) {
            switch (method) {
                case "GET":
                    return ok(200, readDataservice(visibleDataservice(id, authenticated)));
                case "PATCH":
                    requireAuth(authenticated);
                    return ok(200, patchDataservice(id, body(request, contentType)));
                default:
                    throw new HttpError(405, message("The method is not allowed for the requested URL."));
            }
        }
        if (parts.length == 2 && parts[1].equals("datasets") && method.equals("POST")) {
            requireAuth(authenticated);
            JsonNode body = request.json();
            return ok(201, linkDatasets(id, body));
        }
        if (parts.length == 3 && parts[1].equals("datasets") && method.equals("DELETE")) {
            requireAuth(authenticated);
            unlinkDataset(id, URLDecoder.decode(parts[2], StandardCharsets.UTF_8));
            return new Answer(204, null);
        }
        return null;
    }

    /**
     * {@code POST /api/1/dataservices/}: {@code patch(Dataservice(), request)} then {@code save()}: title required
     * (models.py {@code StringField(required=True)}), URLs checked by {@code URLField}, the organization one the
     * user may publish for, {@code datasets} ids of existing datasets.
     */
    private JsonNode createDataservice(ObjectNode body) {
        synchronized (lock) {
            ObjectNode d = JSON.createObjectNode();
            d.put("id", String.format("%024x", idBase + ++idCounter));
            d.put("title", "");
            d.put("description", "");
            d.putNull("base_api_url");
            d.putNull("machine_documentation_url");
            d.putObject("extras");
            d.putArray("dataset_ids");
            d.put("private", false);
            d.putNull("deleted_at");
            d.putNull("archived_at");
            d.put("created_at", tick());
            applyDataservice(d, body, true);
            d.put("metadata_modified_at", tick());
            dataservices.put(d.path("id").asString(), d);
            return readDataservice(d);
        }
    }

    /** {@code PATCH}: the keys sent replace the stored ones ({@code extras} as a whole); always bumps the date. */
    private JsonNode patchDataservice(String id, ObjectNode body) {
        synchronized (lock) {
            ObjectNode d = editableDataservice(id);
            ObjectNode copy = d.deepCopy();
            applyDataservice(copy, body, false);
            copy.put("metadata_modified_at", tick());
            dataservices.put(id, copy);
            return readDataservice(copy);
        }
    }

    private void applyDataservice(ObjectNode d, ObjectNode body, boolean creating) {
        Map<String, List<Object>> errors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "title", "description", "acronym" -> {
                    if (!value.isNull() && !value.isString()) {
                        error(errors, key, "StringField only accepts string values");
                    } else {
                        d.set(key, value);
                    }
                }
                case "base_api_url", "machine_documentation_url", "technical_documentation_url",
                        "business_documentation_url", "authorization_request_url" -> {
                    if (value.isNull()) {
                        d.putNull(key);
                    } else if (!value.isString() || !validUrl(value.asString())) {
                        error(errors, key, "Invalid URL \"" + value.asString("") + "\"");
                    } else {
                        d.put(key, value.asString());
                    }
                }
                case "organization" -> {
                    String org = value.isObject() ? value.path("id").asString(null) : value.asString(null);
                    if (!creating) {
                        error(errors, key, "The organization of a dataservice cannot be changed here");
                    } else if (org == null || !organizations.containsKey(org) || !userOrganizations.contains(org)) {
                        error(errors, key, "Permission denied for this organization");
                    } else {
                        d.set("organization", organizations.get(org).deepCopy());
                    }
                }
                case "extras" -> {
                    if (!value.isObject()) {
                        error(errors, key, "Only dictionaries may be used in a DictField");
                    } else {
                        d.set("extras", value.deepCopy());
                    }
                }
                case "datasets" -> {
                    ArrayNode ids = JSON.createArrayNode();
                    for (JsonNode item : value) {
                        String did = item.isObject() ? item.path("id").asString("") : item.asString("");
                        if (!datasets.containsKey(did)) {
                            error(errors, key, "Unknown dataset " + did);
                        } else {
                            ids.add(did);
                        }
                    }
                    d.set("dataset_ids", ids);
                }
                case "private" -> d.put("private", value.asBoolean(false));
                default -> {
                    // udata's write fields ignore keys they do not know
                }
            }
        }
        if (creating && d.path("title").asString("").isBlank()) {
            error(errors, "title", "Field is required");
        }
        if (creating && !d.path("organization").isObject()) {
            error(errors, "organization", "An owner or an organization is required");
        }
        if (!errors.isEmpty()) {
            throw validation(errors);
        }
    }

    private boolean validUrl(String url) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return false;
        }
        String host = uri.getHost();
        boolean local = host.equals("localhost") || host.startsWith("127.") || host.startsWith("10.")
                || host.startsWith("192.168.") || host.equals("[::1]");
        return !(refusePrivateUrls && local);
    }

    /**
     * {@code POST …/datasets/} ({@code DataserviceDatasetsAPI.post}): a list of {@code {"id"}}; ids of datasets udata
     * does not hold are ignored ({@code Dataset.objects.filter(id__in=…)}), a malformed one is a 400; adds the new
     * ones at the end and only then touches the date.
     */
    private JsonNode linkDatasets(String id, JsonNode body) {
        synchronized (lock) {
            ObjectNode d = editableDataservice(id);
            if (body == null || !body.isArray()) {
                throw new HttpError(400, message("Expecting a list"));
            }
            List<String> wanted = new ArrayList<>();
            for (JsonNode item : body) {
                if (!item.isObject() || !item.path("id").isString() || item.path("id").asString().isEmpty()) {
                    throw new HttpError(400, message("Expecting a list of dicts with id attribute"));
                }
                String did = item.path("id").asString();
                if (!did.matches("[0-9a-f]{24}")) {
                    throw new HttpError(400, message("Malformed object id(s) in request"));
                }
                wanted.add(did);
            }
            ArrayNode ids = (ArrayNode) d.path("dataset_ids");
            Set<String> held = new HashSet<>();
            ids.forEach(x -> held.add(x.asString()));
            boolean added = false;
            for (String did : wanted) {
                if (datasets.containsKey(did) && held.add(did)) {
                    ids.add(did);
                    added = true;
                }
            }
            if (added) {
                d.put("metadata_modified_at", tick());
            }
            return readDataservice(d);
        }
    }

    /** {@code DELETE …/datasets/<dataset>/} ({@code DataserviceDatasetAPI.delete}): 404 when it is not linked. */
    private void unlinkDataset(String id, String datasetId) {
        synchronized (lock) {
            ObjectNode d = editableDataservice(id);
            if (!datasets.containsKey(datasetId)) {
                throw new HttpError(404, message("Dataset not found"));
            }
            ArrayNode kept = JSON.createArrayNode();
            boolean found = false;
            for (JsonNode x : d.path("dataset_ids")) {
                if (x.asString().equals(datasetId)) {
                    found = true;
                } else {
                    kept.add(x);
                }
            }
            if (!found) {
                throw new HttpError(404, message("Dataset not found in dataservice"));
            }
            d.set("dataset_ids", kept);
            d.put("metadata_modified_at", tick());
        }
    }

    /** {@code DataservicesAPI.get}: neither archived nor deleted, private ones to members; {@code organization} filter. */
    private JsonNode listDataservices(Map<String, String> query, boolean authenticated) {
        synchronized (lock) {
            String organization = query.get("organization");
            int page = intParam(query, "page", 1);
            int pageSize = intParam(query, "page_size", 20);
            List<ObjectNode> visible = dataservices.values().stream()
                    .filter(d -> d.path("deleted_at").isNull() && d.path("archived_at").isNull())
                    .filter(d -> !d.path("private").asBoolean() || authenticated
                            && userOrganizations.contains(d.path("organization").path("id").asString("")))
                    .filter(d -> organization == null
                            || organization.equals(d.path("organization").path("id").asString(null)))
                    .toList();
            return page(visible.stream().map(this::readDataservice).toList(), page, pageSize,
                    "/api/1/dataservices/");
        }
    }

    /** The linked datasets udata lists: not deleted, private ones to members. */
    private JsonNode linkedDatasets(ObjectNode dataservice, Map<String, String> query, boolean authenticated) {
        synchronized (lock) {
            int page = intParam(query, "page", 1);
            int pageSize = intParam(query, "page_size", 20);
            List<JsonNode> linked = new ArrayList<>();
            for (JsonNode id : dataservice.path("dataset_ids")) {
                ObjectNode d = datasets.get(id.asString());
                if (d != null && d.path("deleted").isNull() && (!d.path("private").asBoolean() || canRead(d,
                        authenticated))) {
                    linked.add(d.deepCopy());
                }
            }
            return page(linked, page, pageSize, "/api/1/datasets/");
        }
    }

    private JsonNode page(List<? extends JsonNode> items, int page, int pageSize, String path) {
        int from = (page - 1) * pageSize;
        if (page > 1 && from >= items.size()) {
            throw new HttpError(404, message("Not found"));
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode data = answer.putArray("data");
        items.subList(Math.min(from, items.size()), Math.min(from + pageSize, items.size())).forEach(data::add);
        answer.put("page", page);
        answer.put("page_size", pageSize);
        answer.put("total", items.size());
        if (from + pageSize < items.size()) {
            answer.put("next_page", url() + path + "?page=" + (page + 1) + "&page_size=" + pageSize);
        } else {
            answer.putNull("next_page");
        }
        answer.putNull("previous_page");
        return answer;
    }

    /** As udata reads it back: {@code datasets} a link with the total (models.py {@code href}), no ids. */
    private ObjectNode readDataservice(ObjectNode d) {
        ObjectNode read = d.deepCopy();
        read.remove("dataset_ids");
        read.putObject("datasets").put("rel", "subsection")
                .put("href", url() + "/api/1/datasets/?dataservice=" + d.path("id").asString()).put("type", "GET")
                .put("total", d.path("dataset_ids").size());
        return read;
    }

    private ObjectNode visibleDataservice(String id, boolean authenticated) {
        synchronized (lock) {
            ObjectNode d = dataservices.get(id);
            if (d == null || d.path("private").asBoolean() && !authenticated) {
                throw new HttpError(404, message("Not found"));
            }
            if (!d.path("deleted_at").isNull()) {
                throw new HttpError(410, message("Dataservice has been deleted"));
            }
            return d;
        }
    }

    private ObjectNode editableDataservice(String id) {
        ObjectNode d = dataservices.get(id);
        if (d == null) {
            throw new HttpError(404, message("Not found"));
        }
        if (!d.path("deleted_at").isNull()) {
            throw new HttpError(410, message("Dataservice has been deleted"));
        }
        String org = d.path("organization").path("id").asString(null);
        if (org == null || !userOrganizations.contains(org)) {
            throw new HttpError(403, message("You do not have the permission to modify that object."));
        }
        return d;
    }

    private ObjectNode existingDataservice(String id) {
        ObjectNode d = dataservices.get(id);
        if (d == null) {
            throw new IllegalArgumentException("no dataservice " + id + " in the fake udata");
        }
        return d;
    }

    /** A person deletes the dataservice in udata (soft delete: {@code deleted_at} set). */
    public void deleteDataservice(String id) {
        synchronized (lock) {
            existingDataservice(id).put("deleted_at", tick());
        }
    }
}
