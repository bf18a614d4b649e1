package org.odsharvester.udata;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.odsharvester.http.BoundedHttp;
import org.odsharvester.http.HttpResponse;
import org.odsharvester.http.RemoteSystemException;
import org.odsharvester.http.TransientHttpException;
import org.odsharvester.mapping.KnownLicense;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one client of the udata REST API (v1), over {@link BoundedHttp}: timeouts, bounded bodies,
 * retries of 5xx, timeouts and 429 with backoff.
 * <p>
 * Statuses: 400/422 → {@link UdataRejectedException} with udata's message; 401/403 →
 * {@link UdataAccessDeniedException}; 404/410 on a dataset → {@link UdataDatasetNotFoundException};
 * 423 (read-only mode) → {@link UdataReadOnlyException}, not retried (see there); retries exhausted →
 * {@link TransientHttpException}; anything else unexpected → {@link RemoteSystemException}. The API key
 * never appears in a message.
 */
public class UdataClient {

    /** Header that carries the API key. */
    public static final String API_KEY_HEADER = "X-API-KEY";
    /** A page of 100 datasets with long descriptions and many resources stays far below this. */
    static final long MAX_BODY_BYTES = 64L * 1024 * 1024;
    private static final int MAX_MESSAGE = 1000;

    /** How many of the organization's newest datasets are searched after an uncertain creation. */
    static final int RECENT_PAGE_SIZE = 50;

    private final UdataProperties props;
    private final BoundedHttp http;
    /** For POST: a create is not idempotent, so its retries are ours ({@link #create}). */
    private final BoundedHttp httpOnce;
    private final JsonMapper json = JsonMapper.builder().build();

    public UdataClient(UdataProperties props, RestTemplateBuilder builder, String userAgent) {
        this.props = props;
        this.http = new BoundedHttp("udata " + (props.url() == null ? "(no udata.url)" : props.url()), builder,
                userAgent, orDefault(props.connectTimeout(), Duration.ofSeconds(10)),
                orDefault(props.readTimeout(), Duration.ofSeconds(60)), MAX_BODY_BYTES, List.of(API_KEY_HEADER),
                props.maxAttempts(), orDefault(props.retryDelay(), Duration.ofMillis(500)));
        this.httpOnce = new BoundedHttp(http.systemName(), builder, userAgent,
                orDefault(props.connectTimeout(), Duration.ofSeconds(10)),
                orDefault(props.readTimeout(), Duration.ofSeconds(60)), MAX_BODY_BYTES, List.of(API_KEY_HEADER), 1,
                orDefault(props.retryDelay(), Duration.ofMillis(500)));
    }

    /** How messages name udata: {@code udata https://www.data.gouv.fr}. */
    public String systemName() {
        return http.systemName();
    }

    /** The owner of the API key and their organizations. */
    public UdataUser me() {
        JsonNode node = call(HttpMethod.GET, "/api/1/me/", null, null);
        List<UdataUser.Organization> organizations = new ArrayList<>();
        for (JsonNode org : node.path("organizations")) {
            organizations.add(new UdataUser.Organization(UdataDataset.text(org, "id"), UdataDataset.text(org, "name"),
                    UdataDataset.text(org, "slug")));
        }
        return new UdataUser(UdataDataset.text(node, "id"), organizations);
    }

    /** The organization and its members' roles ({@code GET /api/1/organizations/{id or slug}/}). */
    public UdataOrganization organization(String idOrSlug) {
        JsonNode node = call(HttpMethod.GET, "/api/1/organizations/" + encode(idOrSlug) + "/", null, null);
        Map<String, String> roles = new java.util.LinkedHashMap<>();
        for (JsonNode member : node.path("members")) {
            String user = UdataDataset.text(member.path("user"), "id");
            String role = UdataDataset.text(member, "role");
            if (user != null && role != null) {
                roles.put(user, role);
            }
        }
        return new UdataOrganization(UdataDataset.text(node, "id"), UdataDataset.text(node, "slug"), roles);
    }

    /** The licenses the instance knows ({@code GET /api/1/datasets/licenses/}). */
    public List<KnownLicense> licenses() {
        JsonNode node = call(HttpMethod.GET, "/api/1/datasets/licenses/", null, null);
        List<KnownLicense> licenses = new ArrayList<>();
        for (JsonNode l : node) {
            String id = UdataDataset.text(l, "id");
            if (id != null) {
                licenses.add(new KnownLicense(id, UdataDataset.text(l, "title"), UdataDataset.text(l, "url"),
                        strings(l.path("alternate_titles")), strings(l.path("alternate_urls"))));
            }
        }
        return licenses;
    }

    /**
     * One page of the organization's datasets, oldest first, private, archived and deleted ones included (the
     * key's owner is a member). A page past the end answers 404 in udata (flask-mongoengine's
     * {@code Pagination} aborts when a page after the first has no items): it is read as an empty last page.
     * {@code created} ties are not broken by udata, so two pages read while others write may repeat or miss a
     * dataset: callers must not take a dataset absent from the listing for gone ({@link IndexRebuildTasklet}).
     */
    public UdataDatasetPage listDatasets(String organization, int page, int pageSize) {
        String path = "/api/1/datasets/?organization=" + encode(organization) + "&page=" + page + "&page_size="
                + pageSize + "&sort=created";
        JsonNode node;
        try {
            node = call(HttpMethod.GET, path, null, null);
        } catch (RemoteSystemException e) {
            if (e.status() == 404 && page > 1) {
                return new UdataDatasetPage(List.of(), page, pageSize, 0, false);
            }
            throw e;
        }
        List<UdataDataset> data = new ArrayList<>();
        for (JsonNode d : node.path("data")) {
            data.add(UdataDataset.fromJson(d));
        }
        return new UdataDatasetPage(data, node.path("page").asInt(page), node.path("page_size").asInt(pageSize),
                node.path("total").asLong(data.size()), hasNext(node));
    }

    /**
     * The level of a zone the instance knows ({@code GET /api/1/spatial/zone/<id>/}, a GeoJSON Feature whose
     * {@code properties.level} is the level), empty when it does not know it (404). One id per call: udata's
     * {@code /spatial/zones/<ids>/} answers 500 when any id is unknown ({@code udata/core/spatial/api.py}
     * {@code ZonesAPI} indexes its bulk lookup directly), which tells nothing about the others.
     */
    public java.util.Optional<String> zoneLevel(String zoneId) {
        JsonNode node;
        try {
            node = call(HttpMethod.GET, "/api/1/spatial/zone/" + encode(zoneId) + "/", null, null);
        } catch (RemoteSystemException e) {
            if (e.status() == 404) {
                return java.util.Optional.empty();
            }
            throw e;
        }
        String level = UdataDataset.text(node.path("properties"), "level");
        return java.util.Optional.of(level == null ? "" : level);
    }

    /**
     * The organization's contact points ({@code GET /api/1/organizations/<id>/contacts/}, paged like the datasets:
     * udata/core/organization/api.py {@code OrgContactAPI}).
     */
    public List<UdataContactPoint> organizationContacts(String organization) {
        List<UdataContactPoint> contacts = new ArrayList<>();
        eachListed("/api/1/organizations/" + encode(organization) + "/contacts/?", c -> contacts.add(
                new UdataContactPoint(UdataDataset.text(c, "id"), UdataDataset.text(c, "name"),
                        UdataDataset.text(c, "email"), UdataDataset.text(c, "role"))));
        return contacts;
    }

    /**
     * Creates the organization's contact point ({@code POST /api/1/contacts/}: a get-or-create on name, email,
     * contact form, role and owner, 201 or 200) and answers it with its id; a 400 (a name with a URL, an email
     * udata finds invalid or whose domain receives no mail) is a {@link UdataRejectedException}.
     */
    public UdataContactPoint createContact(UdataContactPoint contact, String organization) {
        ObjectNode body = json.createObjectNode();
        body.put("name", contact.name());
        if (contact.email() != null) {
            body.put("email", contact.email());
        }
        body.put("role", contact.role());
        body.put("organization", organization);
        JsonNode node = call(HttpMethod.POST, "/api/1/contacts/", body, null);
        return contact.withId(UdataDataset.text(node, "id"));
    }

    /**
     * The organization's dataservices ({@code GET /api/1/dataservices/?organization=<id>}, paged; udata lists the
     * visible ones: neither archived nor deleted, private ones to members; udata/core/dataservices/api.py
     * {@code DataservicesAPI.get}).
     */
    public List<UdataDataservice> organizationDataservices(String organization) {
        List<UdataDataservice> found = new ArrayList<>();
        eachListed("/api/1/dataservices/?organization=" + encode(organization) + "&", d -> found.add(dataservice(d)));
        return found;
    }

    /** Creates a dataservice ({@code POST /api/1/dataservices/}, 201); a 400 is a {@link UdataRejectedException}. */
    public UdataDataservice createDataservice(ObjectNode body) {
        return dataservice(call(HttpMethod.POST, "/api/1/dataservices/", body, null));
    }

    /** One dataservice ({@code GET /api/1/dataservices/<id>/}). */
    public UdataDataservice dataservice(String id) {
        return dataservice(call(HttpMethod.GET, "/api/1/dataservices/" + encode(id) + "/", null, null));
    }

    /** Changes the keys of {@code body} ({@code PATCH}; udata bumps {@code metadata_modified_at} at each one). */
    public UdataDataservice patchDataservice(String id, ObjectNode body) {
        return dataservice(call(HttpMethod.PATCH, "/api/1/dataservices/" + encode(id) + "/", body, null));
    }

    /**
     * The ids of the datasets linked to the dataservice, read through {@code GET /api/1/datasets/?dataservice=<id>}
     * (udata reads {@code datasets} back as a link). Only for an id udata answered: an unknown one lists every
     * dataset.
     */
    public java.util.Set<String> dataserviceDatasets(String dataserviceId) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        eachListed("/api/1/datasets/?dataservice=" + encode(dataserviceId) + "&", d -> {
            String id = UdataDataset.text(d, "id");
            if (id != null) {
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * Every item of a udata listing, 100 a page from the first: {@code pathAndQuery} ends with {@code ?} or
     * {@code &}, the pages are asked until one has no {@code next_page} or is empty; a page past the last answers
     * 404 (flask-mongoengine's {@code Pagination}), which ends the listing too.
     */
    private void eachListed(String pathAndQuery, java.util.function.Consumer<JsonNode> item) {
        for (int page = 1;; page++) {
            JsonNode node;
            try {
                node = call(HttpMethod.GET, pathAndQuery + "page=" + page + "&page_size=100", null, null);
            } catch (RemoteSystemException e) {
                if (e.status() == 404 && page > 1) {
                    return;
                }
                throw e;
            }
            node.path("data").forEach(item);
            if (!hasNext(node)) {
                return;
            }
        }
    }

    /** Links datasets ({@code POST /api/1/dataservices/<id>/datasets/} with {@code [{"id": …}]}; adds, never removes). */
    public void linkDatasets(String dataserviceId, java.util.Collection<String> datasetIds) {
        tools.jackson.databind.node.ArrayNode body = json.createArrayNode();
        datasetIds.forEach(id -> body.addObject().put("id", id));
        call(http, HttpMethod.POST, "/api/1/dataservices/" + encode(dataserviceId) + "/datasets/", body, null);
    }

    /** Unlinks one dataset ({@code DELETE /api/1/dataservices/<id>/datasets/<dataset>/}, 204). */
    public void unlinkDataset(String dataserviceId, String datasetId) {
        call(HttpMethod.DELETE, "/api/1/dataservices/" + encode(dataserviceId) + "/datasets/" + encode(datasetId)
                + "/", null, null);
    }

    private static UdataDataservice dataservice(JsonNode d) {
        Map<String, String> extras = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : d.path("extras").properties()) {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                extras.put(e.getKey(), e.getValue().asString());
            }
        }
        JsonNode total = d.path("datasets").path("total");
        return new UdataDataservice(UdataDataset.text(d, "id"), UdataDataset.text(d, "title"),
                UdataDataset.text(d, "base_api_url"), UdataDataset.text(d, "machine_documentation_url"), extras,
                UdataDataset.text(d, "metadata_modified_at"), total.isIntegralNumber() ? total.asInt() : -1);
    }

    private static boolean hasNext(JsonNode page) {
        JsonNode next = page.path("next_page");
        return !(next.isMissingNode() || next.isNull() || next.asString("").isEmpty() || page.path("data").isEmpty());
    }

    /** The dataset as udata holds it (a deleted one comes with {@code deleted} set, or as a 410). */
    public UdataDataset get(String id) {
        return UdataDataset.fromJson(call(HttpMethod.GET, datasetPath(id), null, id));
    }

    /**
     * Creates the dataset ({@code POST}, 201), resources included.
     * <p>
     * A POST is not idempotent: after a timeout or a 5xx, udata may have created the dataset anyway, and
     * sending it again would make a duplicate. So before each new attempt the organization's newest
     * datasets are searched for one carrying the payload's identity extras ({@code harvest:domain} with
     * {@code ods:dataset_uid}, else {@code harvest:remote_id}); when found, it is the answer. A 429 was
     * refused before any work and is simply retried.
     */
    public UdataDataset create(DatasetPayload payload) {
        ObjectNode body = UdataBodies.createBody(payload);
        long delay = orDefault(props.retryDelay(), Duration.ofMillis(500)).toMillis();
        TransientHttpException last = null;
        for (int attempt = 1; attempt <= props.maxAttempts(); attempt++) {
            if (last != null) {
                sleep(last.retryAfter() != null ? Math.min(last.retryAfter().toMillis(), 30_000) : delay);
                delay = Math.min(delay * 2, orDefault(props.retryDelay(), Duration.ofMillis(500)).toMillis() * 16);
                if (last.status() != 429) {
                    UdataDataset existing = findRecentlyCreated(payload);
                    if (existing != null) {
                        return existing;
                    }
                }
            }
            try {
                return UdataDataset.fromJson(call(httpOnce, HttpMethod.POST, "/api/1/datasets/", body, null));
            } catch (TransientHttpException e) {
                last = e;
            }
        }
        UdataDataset existing = last.status() == 429 ? null : findRecentlyCreated(payload);
        if (existing != null) {
            return existing;
        }
        throw last;
    }

    /** The newest dataset of the payload's organization with the payload's identity, or null. */
    private UdataDataset findRecentlyCreated(DatasetPayload payload) {
        Map<String, Object> extras = payload.extras();
        Object domain = extras.get(HarvestExtras.DOMAIN);
        Object uid = extras.get(HarvestExtras.DATASET_UID);
        Object remoteId = extras.get(HarvestExtras.REMOTE_ID);
        String organization = payload.organization(); // the resolved id: the listing refuses a slug
        if (domain == null || uid == null && remoteId == null || organization == null) {
            return null;
        }
        String path = "/api/1/datasets/?organization=" + encode(organization) + "&page=1&page_size="
                + RECENT_PAGE_SIZE + "&sort=-created";
        for (JsonNode node : call(http, HttpMethod.GET, path, null, null).path("data")) {
            UdataDataset candidate = UdataDataset.fromJson(node);
            boolean same = domain.toString().equals(candidate.extra(HarvestExtras.DOMAIN)) && (uid != null
                    ? uid.toString().equals(candidate.extra(HarvestExtras.DATASET_UID))
                    : remoteId.toString().equals(candidate.extra(HarvestExtras.REMOTE_ID)));
            if (same && !candidate.isDeleted()) {
                return candidate;
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteSystemException("interrupted while waiting to retry a udata request", 0, e);
        }
    }

    /**
     * Partial update ({@code PUT}): keys absent from the body are kept; {@code resources} and
     * {@code extras}, when present, replace udata's. See {@link UdataBodies#updateBody}.
     */
    public UdataDataset update(String id, ObjectNode body) {
        return UdataDataset.fromJson(call(HttpMethod.PUT, datasetPath(id), body, id));
    }

    /** Deletes the dataset ({@code DELETE}, a soft delete in udata: {@code deleted} is set). */
    public void delete(String id) {
        call(HttpMethod.DELETE, datasetPath(id), null, id);
    }

    /**
     * Sets {@code archived} to the given ISO date-time: a GET, then a PUT that sends the tags and temporal
     * coverage back as read (a PUT without them clears them, see {@link UdataBodies}).
     */
    public UdataDataset archive(String id, String isoDateTime) {
        return update(id, UdataBodies.archivedBody(get(id), isoDateTime));
    }

    /** Clears {@code archived}, like {@link #archive} a GET then a PUT that keeps tags and temporal coverage. */
    public UdataDataset unarchive(String id) {
        return update(id, UdataBodies.archivedBody(get(id), null));
    }

    private JsonNode call(HttpMethod method, String pathAndQuery, JsonNode body, String datasetId) {
        return call(http, method, pathAndQuery, body, datasetId);
    }

    private JsonNode call(BoundedHttp transport, HttpMethod method, String pathAndQuery, JsonNode body,
            String datasetId) {
        if (props.url() == null || props.apiKey() == null) {
            throw new IllegalStateException("udata.url and udata.api-key must be set to call udata");
        }
        URI uri = URI.create(props.url() + pathAndQuery);
        HttpHeaders headers = new HttpHeaders();
        headers.set(API_KEY_HEADER, props.apiKey());
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        byte[] bytes = null;
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
            bytes = json.writeValueAsBytes(body);
        }
        String what = method + " " + uri.getPath();
        HttpResponse response;
        try {
            response = transport.send(method, uri, headers, bytes);
        } catch (TransientHttpException e) {
            throw new TransientHttpException(redact(e.getMessage()), e.status(), e.retryAfter(), e.getCause());
        } catch (RemoteSystemException e) {
            throw new RemoteSystemException(redact(e.getMessage()), e.status(), e.getCause());
        }
        int status = response.status();
        if (response.isSuccess()) {
            try {
                return response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
            } catch (JacksonException e) {
                throw new RemoteSystemException(systemName() + " answered " + what + " with something that is not JSON: "
                        + redact(response.bodyExcerpt()), status, null);
            }
        }
        String message = redact(errorMessage(response));
        switch (status) {
            case 400, 422 -> throw new UdataRejectedException(
                    systemName() + " refused " + what + " (HTTP " + status + "): " + message, status, message);
            case 401 -> throw new UdataAccessDeniedException("udata rejected the API key: " + systemName()
                    + " answered HTTP 401 (" + message + "); check udata.api-key / UDATA_API_KEY", status);
            case 403 -> throw new UdataAccessDeniedException(
                    systemName() + " refused " + what + " to this API key (HTTP 403): " + message, status);
            case 404, 410 -> {
                if (datasetId != null) {
                    throw new UdataDatasetNotFoundException(systemName() + ": dataset " + datasetId
                            + (status == 410 ? " has been deleted" : " does not exist") + " (HTTP " + status + ")",
                            status, datasetId);
                }
                throw new RemoteSystemException(systemName() + " has no " + uri.getPath() + " (HTTP " + status
                        + "); is udata.url the root of a udata instance?", status, null);
            }
            case 423 -> throw new UdataReadOnlyException(systemName()
                    + " is in read-only mode (HTTP 423); relaunch the same command later, the run resumes");
            default -> throw new RemoteSystemException(
                    systemName() + " answered HTTP " + status + " to " + what + ": " + message, status, null);
        }
    }

    /**
     * udata's explanation as one line: {@code {"errors": {field: [msg]}}} gives
     * {@code field: msg; other: msg}, nested lists/objects give {@code resources[0].url: msg};
     * else {@code {"message": …}}; else the start of the body.
     */
    String errorMessage(HttpResponse response) {
        JsonNode node;
        try {
            node = response.body().length == 0 ? null : json.readTree(response.body());
        } catch (JacksonException e) {
            node = null;
        }
        String text;
        if (node != null && node.path("errors").isObject() && !node.path("errors").isEmpty()) {
            List<String> parts = new ArrayList<>();
            flatten("", node.path("errors"), parts);
            text = String.join("; ", parts);
        } else if (node != null && node.path("message").isString()) {
            text = node.path("message").asString();
        } else if (node != null && node.path("errors").isString()) {
            text = node.path("errors").asString();
        } else {
            text = response.bodyExcerpt();
        }
        text = text == null || text.isBlank() ? "HTTP " + response.status() : text.replaceAll("\\s+", " ").strip();
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }

    private static void flatten(String prefix, JsonNode node, List<String> parts) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey().matches("\\d+") ? "[" + e.getKey() + "]" : e.getKey();
                flatten(prefix.isEmpty() || key.startsWith("[") ? prefix + key : prefix + "." + key, e.getValue(),
                        parts);
            }
        } else if (node.isArray()) {
            boolean allText = true;
            for (JsonNode element : node) {
                allText &= element.isValueNode();
            }
            if (allText) {
                List<String> messages = new ArrayList<>();
                node.forEach(element -> messages.add(element.asString()));
                parts.add((prefix.isEmpty() ? "" : prefix + ": ") + String.join(" ", messages));
            } else {
                for (int i = 0; i < node.size(); i++) {
                    if (!node.get(i).isEmpty() || node.get(i).isValueNode()) {
                        flatten(prefix + "[" + i + "]", node.get(i), parts);
                    }
                }
            }
        } else if (!node.isNull()) {
            parts.add((prefix.isEmpty() ? "" : prefix + ": ") + node.asString());
        }
    }

    private String redact(String text) {
        if (text == null || props.apiKey() == null) {
            return text;
        }
        return text.replace(props.apiKey(), "***");
    }

    private static String datasetPath(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a udata dataset id is required");
        }
        return "/api/1/datasets/" + encode(id) + "/";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode v : array) {
            if (v.isString() && !v.asString().isBlank()) {
                values.add(v.asString());
            }
        }
        return values;
    }

    private static Duration orDefault(Duration value, Duration byDefault) {
        return value == null ? byDefault : value;
    }
}
