package org.odsharvester.mapping;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.udata.RunOrganizations;
import org.odsharvester.report.DatasetRejectedException;
import org.odsharvester.udata.DatasetIdentity;
import org.odsharvester.udata.DatasetPayload;
import org.odsharvester.udata.UdataTitle;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.web.util.UriUtils;

/**
 * Maps an ODS dataset to the udata dataset the harvester wants (SPEC §3 "Mapping"). Resources are left
 * empty here; {@link ResourceBuilderProcessor} adds them.
 * <ul>
 *   <li>{@code title}: trimmed, whitespace runs (new lines, tabs) made single spaces, at most
 *       {@value #TITLE_LIMIT} characters (cut on a word boundary, ending with {@code …}).</li>
 *   <li>{@code description}: {@link HtmlToMarkdown} (relative links made absolute against the portal),
 *       at most 100,000 characters; when there is none, a generated one in {@code harvest.language}
 *       naming the portal and the dataset id ({@link GeneratedTexts#fallbackDescription}).</li>
 *   <li>{@code tags}: {@link TagNormalizer}; {@code license}: {@link LicenseGuesser}; {@code private} false;
 *       {@code organization} the one {@code udata.organizations-file} maps the {@code publisher} to, else the default
 *       (null in a dry run without one); used on creation only, an update never sends it.</li>
 *   <li>{@code frequency}: {@code dcat.accrualperiodicity} through {@link UpdateFrequencies}, null when it has
 *       none that maps; {@code temporal_coverage}: {@code dcat.temporal_coverage_start} / {@code _end} through
 *       {@link TemporalCoverages}, null when it has none; {@code spatial}: the zones {@code geographic_reference}
 *       names and the {@code bbox} to fall back on ({@link SpatialCoverages}; the writer keeps the zones the target
 *       knows), null when it has neither; {@code contact_points}: {@link ContactPoints} (the writer finds or creates
 *       them in the organization), none when the source names none. Null is "the source does not tell": udata keeps what a person set
 *       there.</li>
 *   <li>{@code extras}: {@code harvest:remote_id}, {@code harvest:domain} (the host of the portal URL,
 *       without port), {@code ods:dataset_uid} (only when the source gives it, i.e. not in v1),
 *       {@code ods:url}, {@code ods:reference} (only when the source has one), {@code ods:has_records}
 *       and {@code ods:geo}; the portal's dates as it sent them, each when present: {@code ods:modified},
 *       {@code ods:metadata_processed}, {@code ods:data_processed}, {@code dcat:issued}, {@code dcat:created}
 *       (udata's {@code harvest} block, where its own harvesters keep them, cannot be written over its API).
 *       <b>{@code ods:geo} is always written, {@code true} or {@code false}</b>,
 *       like {@code ods:has_records}: the {@code udata-ods} plugin wrote it that way, so portals that
 *       filter on it keep working, and a dataset that loses its geo feature visibly says so. No extra is
 *       ever null (udata refuses null values).</li>
 * </ul>
 * The identity is {@code (dataset_uid, dataset_id, domain)}.
 */
public class DatasetMappingProcessor implements ItemProcessor<OdsDataset, HarvestItem> {

    /** udata's {@code TITLE_SIZE_LIMIT}. */
    public static final int TITLE_LIMIT = UdataTitle.MAX_LENGTH;
    /** Descriptions converted ahead at most, unless {@link #setMaxPrepared} says otherwise: two pages. */
    static final int DEFAULT_MAX_PREPARED = 200;
    /** Longer descriptions are converted when their dataset is processed, not kept ahead. */
    static final int MAX_PREPARED_CHARS = 20_000;

    private final String portalUrl;
    private final RunOrganizations organizations;
    private final String domain;
    private final GeneratedTexts texts;
    private final LicenseGuesser licenseGuesser;
    private final TagNormalizer tagNormalizer = new TagNormalizer();
    private final HtmlToMarkdown htmlToMarkdown = new HtmlToMarkdown();
    private volatile int maxPrepared = DEFAULT_MAX_PREPARED;
    /**
     * Descriptions converted ahead by {@link #prepare}, with how many datasets of the page have each (a page
     * may repeat a boilerplate description): each is taken that many times; bounded, oldest dropped first.
     */
    private final Map<String, Prepared> prepared = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Prepared> eldest) {
            return size() > maxPrepared;
        }
    };

    private static final class Prepared {
        final String markdown;
        int datasets = 1;

        Prepared(String markdown) {
            this.markdown = markdown;
        }
    }

    /**
     * @param portalUrl      the normalised ODS portal root, {@code https://host[:port]}
     * @param organization   the udata organization id; null in a dry run without one
     * @param language       {@code fr} or {@code en}, for the generated description
     * @param licenseGuesser guesses the udata license id
     */
    public DatasetMappingProcessor(String portalUrl, String organization, String language,
            LicenseGuesser licenseGuesser) {
        this(portalUrl, RunOrganizations.only(organization), language, licenseGuesser);
    }

    /**
     * The same, each dataset created in the organization of its publisher ({@code udata.organizations-file}), else
     * in the default one.
     */
    public DatasetMappingProcessor(String portalUrl, RunOrganizations organizations, String language,
            LicenseGuesser licenseGuesser) {
        this.portalUrl = portalUrl.replaceAll("/+$", "");
        String host = URI.create(this.portalUrl).getHost();
        if (host == null) {
            throw new IllegalArgumentException("portal URL has no host: " + portalUrl);
        }
        this.domain = host.toLowerCase(Locale.ROOT);
        this.organizations = organizations;
        this.texts = new GeneratedTexts(language);
        this.licenseGuesser = licenseGuesser;
    }

    /**
     * How many converted descriptions are kept ahead at most: what the reader holds before they are processed,
     * the chunk being read plus the pages fetched ahead of it. Fewer, and the pages fetched furthest ahead
     * push out the descriptions about to be processed, which are then converted twice.
     */
    public void setMaxPrepared(int descriptions) {
        if (descriptions < 1) {
            throw new IllegalArgumentException("descriptions must be at least 1");
        }
        this.maxPrepared = descriptions;
    }

    /** The {@code harvest:domain} of this portal. */
    public String domain() {
        return domain;
    }

    /**
     * Converts the descriptions of datasets that will be processed soon (the catalog reader calls it on its
     * prefetch thread, with the page it fetched ahead), so that the conversion, the costliest step of the
     * mapping, overlaps with the writes of the current chunk instead of delaying the next one. Processing
     * gives the same result either way; what is prepared and never processed (a filtered dataset) is dropped
     * once {@link #setMaxPrepared as many} other descriptions are prepared.
     */
    public void prepare(List<OdsDataset> datasets) {
        for (OdsDataset dataset : datasets) {
            String html = dataset.descriptionHtml();
            if (html == null || html.isBlank() || html.length() > MAX_PREPARED_CHARS) {
                continue;
            }
            synchronized (prepared) {
                Prepared known = prepared.get(html);
                if (known != null) {
                    known.datasets++;
                    continue;
                }
            }
            String markdown = htmlToMarkdown.convert(html, portalUrl);
            synchronized (prepared) {
                prepared.merge(html, new Prepared(markdown), (known, fresh) -> {
                    known.datasets++;
                    return known;
                });
            }
        }
    }

    /** For tests: how many datasets have a description prepared and not taken yet. */
    int preparedCount() {
        synchronized (prepared) {
            return prepared.values().stream().mapToInt(p -> p.datasets).sum();
        }
    }

    private String description(String html) {
        if (html != null) {
            synchronized (prepared) {
                Prepared ahead = prepared.get(html);
                if (ahead != null) {
                    if (--ahead.datasets == 0) {
                        prepared.remove(html);
                    }
                    return ahead.markdown;
                }
            }
        }
        return htmlToMarkdown.convert(html, portalUrl);
    }

    @Override
    public @Nullable HarvestItem process(OdsDataset item) {
        if (item.datasetId() == null || item.datasetId().isBlank() || item.title() == null || item.title().isBlank()) {
            // SourceValidationProcessor runs first; this keeps the mapping safe on its own
            throw new DatasetRejectedException(item.datasetId(), item.datasetUid(), "dataset has no id or no title");
        }
        String id = item.datasetId();
        String odsUrl = odsUrl(id);

        String description = description(item.descriptionHtml());
        if (description.isBlank()) {
            description = texts.fallbackDescription(portalUrl, id, odsUrl);
        }

        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("harvest:remote_id", id);
        extras.put("harvest:domain", domain);
        String uid = blankToNull(item.datasetUid());
        if (uid != null) {
            extras.put("ods:dataset_uid", uid);
        }
        extras.put("ods:url", odsUrl);
        String reference = blankToNull(item.references());
        if (reference != null) {
            extras.put("ods:reference", reference);
        }
        extras.put("ods:has_records", item.hasRecords());
        extras.put("ods:geo", item.isGeo());
        putIfPresent(extras, "ods:modified", item.modified());
        putIfPresent(extras, "ods:metadata_processed", item.metadataProcessed());
        putIfPresent(extras, "ods:data_processed", item.dataProcessed());
        putIfPresent(extras, "dcat:issued", item.dcat("issued"));
        putIfPresent(extras, "dcat:created", item.dcat("created"));

        DatasetPayload dataset = DatasetPayload.builder()
                .title(title(item.title()))
                .description(description)
                .tags(tagNormalizer.normalize(item.keywords(), item.themes()))
                .license(licenseGuesser.guess(item.license(), item.licenseUrl()))
                .frequency(UpdateFrequencies.udataId(item.dcat("accrualperiodicity")))
                .isPrivate(false)
                .organization(organizations.forPublisher(item.publisher()))
                .extras(extras)
                .temporalCoverage(TemporalCoverages.of(item.dcat("temporal_coverage_start"),
                        item.dcat("temporal_coverage_end")))
                .spatial(SpatialCoverages.of(item.spatial()))
                .contactPoints(ContactPoints.of(item))
                .build();
        return new HarvestItem(item, new DatasetIdentity(uid, id, domain), dataset);
    }

    /** {@code <portal>/explore/dataset/<id>/}. */
    String odsUrl(String datasetId) {
        return portalUrl + "/explore/dataset/" + UriUtils.encodePathSegment(datasetId, StandardCharsets.UTF_8) + "/";
    }

    static String title(String raw) {
        return UdataTitle.fit(raw);
    }

    /** As the portal sent it; udata refuses null extras, and a blank one says nothing. */
    private static void putIfPresent(Map<String, Object> extras, String key, String value) {
        if (value != null && !value.isBlank()) {
            extras.put(key, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
