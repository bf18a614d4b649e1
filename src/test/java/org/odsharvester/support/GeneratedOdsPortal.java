package org.odsharvester.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An ODS portal serving the Explore API v2.1 catalog of a generated catalog of any size on loopback, for
 * the tests of catalogs over 10,000 datasets and for the benchmark. Items are rendered when asked for, so
 * that a catalog of 50,000 datasets costs a few arrays of numbers, not the JSON of 50,000 datasets.
 * <p>
 * It enforces what the real API enforces: {@code limit <= 100} and {@code offset + limit <= 10000} (else 400
 * {@code InvalidRESTParameterError} with the message live portals send). Its {@code where} is ODSQL as ODS
 * documents it ({@link OdsqlWhere}: {@code default.} optional, {@code is null}, {@code in}, date literals…) over
 * {@code dataset_id} and {@code modified}, and anything else is refused with 400 {@code ODSQLError} in the body
 * shape of {@code ods-samples/10_error_bodies…}, so that a test fails when the harvester sends what a real
 * portal would refuse. {@code order_by}: absent or {@code dataset_id}, or {@code [default.]modified,dataset_id}
 * (nulls last whatever the direction, as the ODSQL reference says of {@code order_by}).
 * <p>
 * It also serves the catalog export, {@code catalog/exports/json}, as ODS documents it (see {@code export}): the
 * whole catalog in one array, with {@code select} (labelled expressions as flat keys), {@code where} and
 * {@code order_by}; and {@code where=dataset_id in ("a", …)} on the datasets endpoint. Tests can make the export
 * refuse {@code select} or not be served, republish a dataset (its {@code metadata_processed} moves) and change a
 * title without any signal moving.
 * <p>
 * Dates look like a recent portal's: microseconds, written the way Python's {@code isoformat} writes them
 * ({@code 2020-01-01T00:00:00.250131+00:00}, no fraction when it is zero), and shared: bulk imports give whole
 * groups of datasets one instant (FIELD-NOTES C). Dataset {@code i} is {@code dataset-<i, six digits>}, and its
 * group is a permutation of {@code i} divided by a group size ({@value #GROUP} by default): the order by
 * modification date is not the order by identifier; a group's instant is {@code 2020-01-01} plus a quarter of
 * a second per group plus a few microseconds, so that one second holds several instants. Tests can modify,
 * date by hand ({@link #setModified}), un-date and delete datasets while a harvest runs.
 */
public final class GeneratedOdsPortal implements AutoCloseable {

    public static final String PATH = "/api/explore/v2.1/catalog/datasets";
    /** The catalog's export, served whole as one JSON array (no 10,000 ceiling). */
    public static final String EXPORT_PATH = "/api/explore/v2.1/catalog/exports/json";
    /** Top-level fields of a v2.1 catalog item a {@code select} may name (the rest are metadata of {@code default}). */
    private static final java.util.Set<String> TECHNICAL_FIELDS = java.util.Set.of("dataset_id", "dataset_uid",
            "has_records", "data_visible", "features", "fields", "attachments", "alternative_exports", "metas");
    private static final Pattern SELECT_EXPRESSION = Pattern.compile(
            "\\s*(?:default\\.)?([A-Za-z_][A-Za-z0-9_]*)(?:\\s+as\\s+([A-Za-z_][A-Za-z0-9_]*))?\\s*",
            Pattern.CASE_INSENSITIVE);
    public static final long MAX_WINDOW = 10_000;
    public static final int MAX_LIMIT = 100;
    /** Datasets that share one modification instant, unless told otherwise. */
    public static final int GROUP = 3;

    private static final long NO_DATE = Long.MIN_VALUE;
    private static final long MICROS = 1_000_000;
    private static final Instant BASE = Instant.parse("2020-01-01T00:00:00Z");
    private static final DateTimeFormatter ODS_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final Map<String, OdsqlWhere.Type> FIELDS = Map.of(
            "dataset_id", OdsqlWhere.Type.TEXT, "modified", OdsqlWhere.Type.DATE);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        // the JDK server writes headers and body separately: without TCP_NODELAY each answer waits for the
        // client's delayed ACK (~40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final CatalogGenerator generator = new CatalogGenerator();
    private final int size;
    private final long[] modified; // epoch microseconds, or NO_DATE
    private final boolean[] deleted;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicLong firstRequestNanos = new AtomicLong();
    private final AtomicLong highestWindow = new AtomicLong();
    private final List<String> queries = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> requestKinds = new ConcurrentHashMap<>();
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean keepQueries = true;
    private volatile int failingFrom = Integer.MAX_VALUE;
    private volatile BiConsumer<Integer, CatalogGenerator.Dataset> customizer = (i, d) -> { };
    private volatile boolean exportRefusesSelect;
    private volatile boolean exportServed = true;
    private final Map<Integer, Integer> republished = new ConcurrentHashMap<>();
    private final Map<Integer, String> retitled = new ConcurrentHashMap<>();
    private int[] byId = new int[0];
    private int[] byModified = new int[0];
    private int undatedCount;
    private long touchClock;

    /** A portal of {@code size} datasets, all dated, {@value #GROUP} per instant. */
    public GeneratedOdsPortal(int size) {
        this(size, GROUP);
    }

    /** A portal of {@code size} datasets, all dated, {@code group} per instant. */
    public GeneratedOdsPortal(int size, int group) {
        this.size = size;
        this.modified = new long[size];
        this.deleted = new boolean[size];
        long a = 7919;
        while (gcd(a, Math.max(size, 1)) != 1) {
            a++;
        }
        for (int i = 0; i < size; i++) {
            long groupNumber = a * i % Math.max(size, 1) / group;
            modified[i] = micros(BASE) + groupNumber * (MICROS / 4) + groupNumber * 7919 % 100_000;
        }
        touchClock = micros(BASE) + (size + 3600L) * MICROS;
        reindex();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the generated ODS portal", e);
        }
        CustomizableThreadFactory threads = new CustomizableThreadFactory("generated-ods-");
        threads.setDaemon(true);
        executor = Executors.newCachedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    // ------------------------------------------------------------------ test helpers

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public int size() {
        return size;
    }

    /** The identifier of dataset {@code i}. */
    public static String id(int i) {
        return String.format(Locale.ROOT, "dataset-%06d", i);
    }

    /** Each request is answered this long after it arrived, rendering included (a portal across the network). */
    public void setLatency(Duration latency) {
        this.latency = latency == null ? Duration.ZERO : latency;
    }

    /** Whether {@link #queries()} keeps every query string (true by default). */
    public void setKeepQueries(boolean keep) {
        this.keepQueries = keep;
    }

    /** Changes the rendered datasets, e.g. to mark some as INSPIRE ones. */
    public void setCustomizer(BiConsumer<Integer, CatalogGenerator.Dataset> customizer) {
        this.customizer = customizer;
    }

    /** From the {@code n}-th request on (1 for the next one), every request answers 503, until {@link #heal()}. */
    public void failFrom(int n) {
        failingFrom = requests.get() + n;
    }

    public void heal() {
        failingFrom = Integer.MAX_VALUE;
    }

    /**
     * The portal republishes dataset {@code i} (as after a metadata edit): its {@code metadata_processed} moves one
     * second and a microsecond later each time; its {@code modified} stays (it follows nothing by itself).
     */
    public void republish(int i) {
        republished.merge(i, 1, Integer::sum);
    }

    /** Dataset {@code i}'s title changes without any change signal moving (what only its raw JSON shows). */
    public void retitle(int i, String title) {
        retitled.put(i, title);
    }

    /** The export answers 400 to {@code select}, as on portals whose export refuses it. */
    public void setExportRefusesSelect(boolean refuses) {
        exportRefusesSelect = refuses;
    }

    /** False: the export is not served at all (404), as on a portal without it. */
    public void setExportServed(boolean served) {
        exportServed = served;
    }

    /** A person edits dataset {@code i}: its modification date becomes later than any other. */
    public synchronized void touch(int i) {
        touchClock += 60 * MICROS + 123_457;
        modified[i] = touchClock;
        reindex();
    }

    /** A person sets the modification date of datasets {@code from <= i < to} by hand, e.g. to a midnight. */
    public synchronized void setModified(int from, int to, String isoDate) {
        long micros = micros(OffsetDateTime.parse(isoDate).toInstant());
        for (int i = from; i < to; i++) {
            modified[i] = micros;
        }
        reindex();
    }

    /** {@code metas.default.modified} of dataset {@code i} as the portal writes it, or null. */
    public synchronized String modified(int i) {
        return render(modified[i]);
    }

    /** Dataset {@code i} loses its modification date. */
    public synchronized void undate(int i) {
        modified[i] = NO_DATE;
        reindex();
    }

    public synchronized void delete(int i) {
        deleted[i] = true;
        reindex();
    }

    /** The identifiers of the datasets the portal holds now. */
    public synchronized List<String> liveIds() {
        return Arrays.stream(byId).mapToObj(GeneratedOdsPortal::id).toList();
    }

    /** Requests received, refused ones included. */
    public int requestCount() {
        return requests.get();
    }

    /** Requests answered 400 (a broken query, or past the 10,000 ceiling). */
    public int refusedCount() {
        return refused.get();
    }

    /** {@link System#nanoTime()} of the first request, or 0. */
    public long firstRequestNanos() {
        return firstRequestNanos.get();
    }

    /** The highest {@code offset + limit} asked for. */
    public long highestWindow() {
        return highestWindow.get();
    }

    /**
     * Requests received since the last {@link #clearRequests()} by kind: method, path and the names of the
     * query parameters ({@code GET /api/explore/v2.1/catalog/datasets ?limit&offset&order_by}), counted whether
     * or not {@link #queries()} keeps them.
     */
    public Map<String, Integer> requestKinds() {
        Map<String, Integer> kinds = new TreeMap<>();
        requestKinds.forEach((kind, count) -> kinds.put(kind, count.get()));
        return kinds;
    }

    /** The raw query strings received, oldest first. */
    public List<String> queries() {
        synchronized (queries) {
            return List.copyOf(queries);
        }
    }

    public void clearRequests() {
        requests.set(0);
        refused.set(0);
        firstRequestNanos.set(0);
        highestWindow.set(0);
        queries.clear();
        requestKinds.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------ catalog

    private synchronized void reindex() {
        byId = IntStream.range(0, size).filter(i -> !deleted[i]).toArray();
        Integer[] dated = IntStream.of(byId).filter(i -> modified[i] != NO_DATE).boxed().toArray(Integer[]::new);
        Arrays.sort(dated, (x, y) -> modified[x] != modified[y] ? Long.compare(modified[x], modified[y])
                : Integer.compare(x, y));
        byModified = Arrays.stream(dated).mapToInt(Integer::intValue).toArray();
        undatedCount = byId.length - byModified.length;
    }

    private CatalogGenerator.Dataset dataset(int i) {
        CatalogGenerator.Dataset d = new CatalogGenerator.Dataset(i);
        d.id = id(i);
        d.title = "Jeu de données généré " + i;
        d.geo = i % 3 == 0;
        if (i % 5 == 0) {
            d.attachments.add(new String[] {"notice_pdf", "Notice", "application/pdf", "notice.pdf"});
        }
        d.modified = modified(i);
        customizer.accept(i, d);
        Integer times = republished.get(i);
        if (times != null) {
            long micros = micros(OffsetDateTime.parse(d.metadataProcessed).toInstant()) + times * (MICROS + 1);
            d.metadataProcessed = render(micros);
        }
        String title = retitled.get(i);
        if (title != null) {
            d.title = title;
        }
        return d;
    }

    /** The indices a query selects, in the order asked for. */
    private synchronized int[] select(String where, boolean byDate) {
        Predicate<Integer> matches = OdsqlWhere.parse(where == null ? "" : where, FIELDS, i -> field -> switch (field) {
            case "dataset_id" -> id(i);
            case "modified" -> modified[i] == NO_DATE ? null : instant(modified[i]);
            default -> throw new IllegalStateException(field);
        });
        IntStream order = byDate
                ? IntStream.concat(IntStream.of(byModified), IntStream.of(byId).filter(i -> modified[i] == NO_DATE))
                : IntStream.of(byId);
        return order.filter(matches::test).toArray();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * MICROS + instant.getNano() / 1_000;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS), Math.floorMod(micros, MICROS) * 1_000);
    }

    /** Like Python's {@code datetime.isoformat()} in UTC: six fraction digits, none when the fraction is zero. */
    private static String render(long micros) {
        if (micros == NO_DATE) {
            return null;
        }
        long fraction = Math.floorMod(micros, MICROS);
        return ODS_SECONDS.format(instant(micros).atOffset(ZoneOffset.UTC))
                + (fraction == 0 ? "" : String.format(Locale.ROOT, ".%06d", fraction)) + "+00:00";
    }

    // ------------------------------------------------------------------ HTTP

    private static final class BadRequest extends RuntimeException {
        final String code;

        BadRequest(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        firstRequestNanos.compareAndSet(0, arrived);
        int number = requests.incrementAndGet();
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            if (keepQueries) {
                queries.add(rawQuery == null ? "" : rawQuery);
            }
            requestKinds.computeIfAbsent(kind(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    rawQuery), k -> new AtomicInteger()).incrementAndGet();
            int status;
            String body;
            if (number >= failingFrom) {
                status = 503;
                body = "{\"message\":\"Service Unavailable\"}";
            } else if (exchange.getRequestURI().getRawPath().equals(EXPORT_PATH) && exportServed
                    && exchange.getRequestMethod().equals("GET")) {
                try {
                    body = export(parameters(rawQuery));
                    status = 200;
                } catch (BadRequest e) {
                    refused.incrementAndGet();
                    ObjectNode error = JSON.createObjectNode();
                    error.put("message", e.getMessage());
                    error.put("error_code", e.code);
                    body = error.toString();
                    status = 400;
                }
            } else if (!exchange.getRequestURI().getRawPath().equals(PATH) || !exchange.getRequestMethod().equals("GET")) {
                status = 404;
                body = "{\"error_code\":\"NotFound\",\"message\":\"Not found\"}";
            } else {
                try {
                    body = answer(parameters(rawQuery));
                    status = 200;
                } catch (BadRequest e) {
                    refused.incrementAndGet();
                    ObjectNode error = JSON.createObjectNode(); // the shape of ods-samples/10_error_bodies…
                    error.put("message", e.getMessage());
                    error.put("error_code", e.code);
                    body = error.toString();
                    status = 400;
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Latency.waitUntil(arrived + latency.toNanos());
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (RuntimeException e) {
            // a bug of the stub: answer 500 so that the test sees it
            byte[] bytes = ("{\"message\":\"stub bug: " + e + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private String answer(Map<String, List<String>> parameters) {
        for (String unsupported : List.of("refine", "exclude", "select", "group_by")) {
            if (parameters.containsKey(unsupported)) {
                throw new BadRequest("ODSQLError", "this stub does not model the " + unsupported + " parameter");
            }
        }
        int limit = intParameter(parameters, "limit", 10);
        int offset = intParameter(parameters, "offset", 0);
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new BadRequest("InvalidRESTParameterError", "Invalid value for limit API parameter: " + limit
                    + " was found but -1 <= limit <= 100 is expected.");
        }
        if (offset < 0) {
            throw new BadRequest("InvalidRESTParameterError", "Invalid value for offset API parameter: " + offset);
        }
        if ((long) offset + limit > MAX_WINDOW) {
            throw new BadRequest("InvalidRESTParameterError", "Invalid value for sum of offset + limit API parameter: "
                    + ((long) offset + limit) + " was found but <= 10000 is expected.");
        }
        highestWindow.accumulateAndGet((long) offset + limit, Math::max);
        String orderBy = single(parameters, "order_by");
        String order = orderBy == null ? "dataset_id"
                : orderBy.replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT).replaceAll("\\s*,\\s*", ",")
                        .replaceAll(" asc\\b", "").replaceAll("(^|,)default\\.", "$1");
        boolean byDate;
        if (order.equals("dataset_id")) {
            byDate = false;
        } else if (order.equals("modified,dataset_id")) {
            byDate = true;
        } else {
            throw new BadRequest("ODSQLError", "this stub does not model order_by=" + orderBy);
        }
        int[] selected;
        try {
            selected = select(single(parameters, "where"), byDate);
        } catch (OdsqlWhere.Refused e) {
            throw new BadRequest("ODSQLError", e.getMessage());
        }
        ObjectNode page = JSON.createObjectNode();
        page.put("total_count", selected.length);
        ArrayNode results = page.putArray("results");
        for (int p = offset; p < Math.min(selected.length, offset + limit); p++) {
            results.add(generator.v21(dataset(selected[p])));
        }
        return page.toString();
    }

    /**
     * {@code GET /api/explore/v2.1/catalog/exports/json}: the whole catalog as one bare array, no ceiling
     * ({@code limit} defaults to -1, everything: "limit_export" in explore-v2.1-openapi.json), with {@code where},
     * {@code order_by} and {@code select} like the datasets endpoint. {@code select} is a list of field names, each
     * with an optional {@code AS} label; "This label will be used in the output of the API as key for the select
     * expression result" (ODSQL, "Select clause"): a labelled expression is a flat key. An unlabelled metadata of
     * {@code default} (with or without its prefix, as in {@code where}) stays nested under {@code metas.default}, as
     * the full items and the real export (ods-samples/04_…) carry it; an unknown name is refused (400
     * {@code ODSQLError}, FIELD-NOTES C).
     */
    private String export(Map<String, List<String>> parameters) {
        for (String unsupported : List.of("refine", "exclude", "group_by")) {
            if (parameters.containsKey(unsupported)) {
                throw new BadRequest("ODSQLError", "this stub does not model the " + unsupported + " parameter");
            }
        }
        String select = single(parameters, "select");
        if (select != null && exportRefusesSelect) {
            throw new BadRequest("ODSQLError", "ODSQL query is malformed: select is not allowed here. Clause(s)"
                    + " containing the error(s): select.");
        }
        String orderBy = single(parameters, "order_by");
        if (orderBy != null && !orderBy.trim().equalsIgnoreCase("dataset_id")) {
            throw new BadRequest("ODSQLError", "this stub does not model order_by=" + orderBy);
        }
        int limit = intParameter(parameters, "limit", -1);
        int offset = intParameter(parameters, "offset", 0);
        int[] selected;
        try {
            selected = select(single(parameters, "where"), false);
        } catch (OdsqlWhere.Refused e) {
            throw new BadRequest("ODSQLError", e.getMessage());
        }
        ArrayNode items = JSON.createArrayNode();
        int end = limit < 0 ? selected.length : Math.min(selected.length, offset + limit);
        for (int p = offset; p < end; p++) {
            ObjectNode item = generator.v21(dataset(selected[p]));
            items.add(select == null ? item : selected(item, select));
        }
        return items.toString();
    }

    /** The item as {@code select} (field names with optional labels) shapes it; see {@link #export}. */
    private static ObjectNode selected(ObjectNode item, String select) {
        ObjectNode out = JSON.createObjectNode();
        for (String expression : select.split(",")) {
            Matcher m = SELECT_EXPRESSION.matcher(expression);
            if (!m.matches()) {
                throw new BadRequest("ODSQLError", "ODSQL query is malformed: " + expression.trim()
                        + " Clause(s) containing the error(s): select.");
            }
            String name = m.group(1);
            String label = m.group(2);
            JsonNode meta = item.path("metas").path("default");
            JsonNode value;
            if (TECHNICAL_FIELDS.contains(name)) {
                value = item.path(name);
            } else if (meta.has(name)) {
                value = meta.get(name);
            } else {
                throw new BadRequest("ODSQLError", "ODSQL query is malformed: Unknown field: " + name
                        + ". Clause(s) containing the error(s): select.");
            }
            if (value.isMissingNode()) {
                value = JSON.nullNode();
            }
            if (label != null) {
                out.set(label, value);
            } else if (TECHNICAL_FIELDS.contains(name)) {
                out.set(name, value);
            } else {
                ObjectNode metas = out.has("metas") ? (ObjectNode) out.get("metas") : out.putObject("metas");
                ObjectNode def = metas.has("default") ? (ObjectNode) metas.get("default") : metas.putObject("default");
                def.set(name, value);
            }
        }
        return out;
    }

    private static String kind(String method, String path, String rawQuery) {
        String names = rawQuery == null || rawQuery.isEmpty() ? "" : " ?" + Arrays.stream(rawQuery.split("&"))
                .map(p -> decode(p.contains("=") ? p.substring(0, p.indexOf('=')) : p)).sorted().distinct()
                .reduce((a, b) -> a + "&" + b).orElse("");
        return method + " " + path + names;
    }

    private static Map<String, List<String>> parameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        UriComponentsBuilder.newInstance().query(rawQuery).build().getQueryParams().forEach((name, values) ->
                parameters.put(decode(name), values.stream().map(v -> v == null ? "" : decode(v)).toList()));
        return parameters;
    }

    private static String decode(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadRequest("InvalidRESTParameterError", "parameter " + name + " given more than once");
        }
        return values.get(0);
    }

    private static int intParameter(Map<String, List<String>> parameters, String name, int fallback) {
        String value = single(parameters, name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("InvalidRESTParameterError", "Invalid value for " + name + " API parameter: " + value);
        }
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The number of datasets without a modification date. */
    public synchronized int undatedCount() {
        return undatedCount;
    }
}
