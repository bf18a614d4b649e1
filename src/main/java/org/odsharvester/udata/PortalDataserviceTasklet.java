package org.odsharvester.udata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.odsharvester.http.RemoteSystemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the one udata dataservice of this source: the portal's Explore API, owned by the organization, found again
 * by its extras ({@value HarvestExtras#DOMAIN} and {@value #API_EXTRA}) among the organization's dataservices, and
 * linked to the datasets of this source that are present (neither archived nor deleted in the index).
 * <p>
 * The links are listed ({@code GET /api/1/datasets/?dataservice=<id>}, 100 a page) only when the dataservice
 * changed since this step last left it ({@link DataserviceLinks}): otherwise the links it left are the links.
 * <p>
 * udata's DCAT harvester shares one dataservice between every portal it harvests and each harvest replaces its
 * links (data.gouv.fr issue #1865); here a dataservice belongs to one source: the links it adds and removes are
 * this source's datasets only, a dataset a person linked by hand stays, and another source's dataservice is never
 * read for writing. Title and description are set at creation and then left to people; the two URLs are ours and
 * are set back when they differ. Nothing is sent when nothing changed (a PATCH bumps udata's
 * {@code metadata_modified_at}).
 * <p>
 * In a plan ({@link #planning}) the same reads and decisions are made and what would be sent is logged and left
 * under {@link #STATUS_KEY}; nothing is written.
 */
public class PortalDataserviceTasklet implements Tasklet {

    /** Job execution context key: what this step did. */
    public static final String STATUS_KEY = "dataservice.status";
    /** Extra that marks the dataservice as the portal's API published by this harvester. */
    public static final String API_EXTRA = "ods:api";
    private static final Logger log = LoggerFactory.getLogger(PortalDataserviceTasklet.class);

    private final UdataClient client;
    private final DatasetIndex index;
    private final @Nullable DataserviceLinks links;
    private final String organization;
    private final String domain;
    private final Set<String> previousDomains;
    private final String odsUrl;
    private final String apiVersion;
    private final boolean enabled;
    private final JsonMapper json = JsonMapper.builder().build();
    private boolean plan;

    /**
     * @param organization    the resolved id of the organization that owns it
     * @param previousDomains earlier hosts of the portal: their dataservice is taken over
     * @param odsUrl          the portal's root URL ({@code ods.url})
     * @param apiVersion      {@code v2.1} or {@code v1}, as the run chose it
     * @param enabled         {@code udata.dataservice}
     */
    public PortalDataserviceTasklet(UdataClient client, DatasetIndex index, String organization, String domain,
            Set<String> previousDomains, String odsUrl, String apiVersion, boolean enabled) {
        this(client, index, null, organization, domain, previousDomains, odsUrl, apiVersion, enabled);
    }

    /**
     * @param links what the last step left linked; null: the links are listed at every run
     */
    public PortalDataserviceTasklet(UdataClient client, DatasetIndex index, @Nullable DataserviceLinks links,
            String organization, String domain, Set<String> previousDomains, String odsUrl, String apiVersion,
            boolean enabled) {
        this.client = client;
        this.links = links;
        this.index = index;
        this.organization = organization;
        this.domain = domain;
        this.previousDomains = Set.copyOf(previousDomains);
        this.odsUrl = odsUrl.replaceAll("/+$", "");
        this.apiVersion = apiVersion == null ? "v2.1" : apiVersion;
        this.enabled = enabled;
    }

    /** Makes this tasklet a plan's: what it would send is logged, nothing is sent. */
    public PortalDataserviceTasklet planning() {
        this.plan = true;
        return this;
    }

    /** The root of the API udata points at: Explore v2.1, or the legacy API of a v1 portal. */
    String baseApiUrl() {
        return "v1".equals(apiVersion) ? odsUrl + "/api/" : odsUrl + "/api/explore/v2.1/";
    }

    /** The OpenAPI description of Explore v2.1; the legacy v1 API publishes none. */
    String openApiUrl() {
        return "v1".equals(apiVersion) ? null : odsUrl + "/api/explore/v2.1/swagger.json";
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var job = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
        if (!enabled) {
            job.putString(STATUS_KEY, "disabled (udata.dataservice=false)");
            return RepeatStatus.FINISHED;
        }
        try {
            job.putString(STATUS_KEY, ensure(contribution));
        } catch (UdataRejectedException | UdataAccessDeniedException e) {
            // the datasets are harvested: the run does not fail for the dataservice, the next one tries again
            log.warn("The dataservice of {} was not published: {}. Turn it off with --udata.dataservice=false",
                    domain, e.getMessage());
            job.putString(STATUS_KEY, "refused: " + e.getMessage());
        }
        return RepeatStatus.FINISHED;
    }

    private String ensure(StepContribution contribution) {
        Set<String> wanted = new LinkedHashSet<>(index.udataIds(domain, true));
        Set<String> ours = new LinkedHashSet<>(index.udataIds(domain, false));
        List<String> done = new ArrayList<>();
        Optional<UdataDataservice> found = find();
        String id;
        if (found.isEmpty()) {
            done.add("created the dataservice " + baseApiUrl());
            id = plan ? null : client.createDataservice(createBody()).id();
        } else {
            UdataDataservice current = found.get();
            id = current.id();
            ObjectNode patch = patchBody(current);
            if (!patch.isEmpty()) {
                done.add("updated " + String.join(", ", patch.propertyNames()) + " of dataservice " + id);
                if (!plan) {
                    client.patchDataservice(id, patch);
                }
            }
        }
        // compared with the dataservice as listed, before this step changed it
        Optional<DataserviceLinks.Remembered> remembered = id == null || links == null ? Optional.empty()
                : links.of(id).filter(r -> r.stillHeldBy(found.get()));
        Set<String> linked = id == null ? Set.of()
                : remembered.map(DataserviceLinks.Remembered::datasetIds).orElseGet(() -> client.dataserviceDatasets(id));
        List<String> toLink = wanted.stream().filter(d -> !linked.contains(d)).toList();
        List<String> toUnlink = linked.stream().filter(d -> ours.contains(d) && !wanted.contains(d)).toList();
        if (!toLink.isEmpty()) {
            done.add("linked " + toLink.size() + " dataset(s)");
            if (!plan) {
                client.linkDatasets(id, toLink);
            }
        }
        for (String dataset : toUnlink) {
            if (!plan) {
                unlink(id, dataset);
            }
        }
        if (!toUnlink.isEmpty()) {
            done.add("unlinked " + toUnlink.size() + " dataset(s) no longer present");
        }
        if (!plan && id != null && (!done.isEmpty() || remembered.isEmpty())) {
            Set<String> now = new LinkedHashSet<>(linked);
            now.addAll(toLink);
            toUnlink.forEach(now::remove);
            remember(id, done.isEmpty() ? found.get() : client.dataservice(id), now);
        }
        contribution.incrementWriteCount(toLink.size() + toUnlink.size());
        String status = done.isEmpty() ? "unchanged" : (plan ? "would have " : "") + String.join("; ", done);
        if (!done.isEmpty()) {
            log.info("Dataservice of {}: {}", domain, status);
        }
        return status;
    }

    /** A link udata no longer holds (its dataset purged since) is as good as removed. */
    private void unlink(String dataservice, String dataset) {
        try {
            client.unlinkDataset(dataservice, dataset);
        } catch (RemoteSystemException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /** The links as they are now, as of udata's date of the dataservice {@code now}. */
    private void remember(String id, UdataDataservice now, Set<String> linkedNow) {
        if (links != null) {
            links.remember(id, now.metadataModifiedAt(), linkedNow);
        }
    }

    /** Ours among the organization's dataservices: this domain's first, else one of a previous domain. */
    private Optional<UdataDataservice> find() {
        List<UdataDataservice> all = client.organizationDataservices(organization).stream()
                .filter(d -> d.extra(API_EXTRA) != null).toList();
        return all.stream().filter(d -> domain.equals(d.extra(HarvestExtras.DOMAIN))).findFirst()
                .or(() -> all.stream().filter(d -> previousDomains.contains(d.extra(HarvestExtras.DOMAIN)))
                        .findFirst());
    }

    private ObjectNode createBody() {
        ObjectNode body = json.createObjectNode();
        body.put("title", "Explore API — " + domain);
        body.put("description", "The Opendatasoft API of the portal " + odsUrl + ": search and export the records"
                + " of its datasets. Published by ods-harvester with the datasets harvested from this portal.");
        body.put("base_api_url", baseApiUrl());
        if (openApiUrl() != null) {
            body.put("machine_documentation_url", openApiUrl());
        }
        body.put("organization", organization);
        body.set("extras", extras());
        return body;
    }

    /** The URLs and extras where they differ from ours; empty when nothing changed. */
    private ObjectNode patchBody(UdataDataservice current) {
        ObjectNode body = json.createObjectNode();
        if (!baseApiUrl().equals(current.baseApiUrl())) {
            body.put("base_api_url", baseApiUrl());
        }
        if (openApiUrl() != null && !openApiUrl().equals(current.machineDocumentationUrl())) {
            body.put("machine_documentation_url", openApiUrl());
        }
        if (!domain.equals(current.extra(HarvestExtras.DOMAIN))
                || !Objects.equals(apiVersion, current.extra(API_EXTRA))) {
            ObjectNode extras = json.createObjectNode();
            current.extras().forEach(extras::put);
            extras.setAll(extras());
            body.set("extras", extras);
        }
        return body;
    }

    private ObjectNode extras() {
        ObjectNode extras = json.createObjectNode();
        extras.put(HarvestExtras.DOMAIN, domain);
        extras.put(API_EXTRA, apiVersion);
        return extras;
    }
}
