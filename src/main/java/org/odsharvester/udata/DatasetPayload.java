package org.odsharvester.udata;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The udata dataset the harvester wants to exist, i.e. the fields it owns. Sent as the body of
 * {@code POST /api/1/datasets/} or {@code PUT /api/1/datasets/{id}/}.
 *
 * @param title        at most 350 characters
 * @param description  Markdown, never empty
 * @param tags         normalised the way udata stores them, sorted, distinct
 * @param license      a udata license id
 * @param frequency    a udata frequency id from the source; null when the source gives none that maps
 *                     ({@code unknown} is taken for null: it says nothing either), and then not ours: an update
 *                     leaves udata's (a person's) as it is
 * @param isPrivate    always false ({@code private} in JSON)
 * @param organization the udata organization id
 * @param extras       traceability extras ({@code harvest:remote_id}, {@code ods:url}…), sorted by key; no null values
 * @param resources    the resources that come from the source, in SPEC order
 * @param temporalCoverage the period the data covers from the source, as udata stores it; null when the
 *                     source gives none, and then not ours: an update sends back udata's (a person's)
 * @param spatial      the spatial coverage from the source: zones or a geometry (as mapped, both: the zones to
 *                     check and the geometry to fall back on, {@link KnownZones#resolve}); null when the source
 *                     gives none, and then not ours: an update leaves udata's (a person's) as it is
 * @param contactPoints the contact points from the source (as mapped without ids; with the ids of the target's
 *                     once {@link KnownContacts#resolve} found or created them); empty when the source gives none,
 *                     and then not ours: an update leaves udata's (a person's) as they are
 */
public record DatasetPayload(
        String title,
        String description,
        List<String> tags,
        String license,
        String frequency,
        boolean isPrivate,
        String organization,
        Map<String, Object> extras,
        List<ResourcePayload> resources,
        UdataDataset.TemporalCoverage temporalCoverage,
        SpatialCoverage spatial,
        List<UdataContactPoint> contactPoints) {

    public DatasetPayload {
        tags = tags == null ? List.of() : List.copyOf(tags);
        frequency = frequency == null || frequency.isBlank() || frequency.strip().equals("unknown") ? null
                : frequency.strip();
        extras = extras == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(extras));
        resources = resources == null ? List.of() : List.copyOf(resources);
        contactPoints = contactPoints == null ? List.of() : List.copyOf(contactPoints);
    }

    /** Without contact points (the source gives none). */
    public DatasetPayload(String title, String description, List<String> tags, String license, String frequency,
            boolean isPrivate, String organization, Map<String, Object> extras, List<ResourcePayload> resources,
            UdataDataset.TemporalCoverage temporalCoverage, SpatialCoverage spatial) {
        this(title, description, tags, license, frequency, isPrivate, organization, extras, resources,
                temporalCoverage, spatial, List.of());
    }

    /** Without spatial coverage (the source gives none). */
    public DatasetPayload(String title, String description, List<String> tags, String license, String frequency,
            boolean isPrivate, String organization, Map<String, Object> extras, List<ResourcePayload> resources,
            UdataDataset.TemporalCoverage temporalCoverage) {
        this(title, description, tags, license, frequency, isPrivate, organization, extras, resources,
                temporalCoverage, (SpatialCoverage) null);
    }

    /** Without temporal coverage (the source gives none). */
    public DatasetPayload(String title, String description, List<String> tags, String license, String frequency,
            boolean isPrivate, String organization, Map<String, Object> extras, List<ResourcePayload> resources) {
        this(title, description, tags, license, frequency, isPrivate, organization, extras, resources,
                (UdataDataset.TemporalCoverage) null);
    }

    public DatasetPayload withResources(List<ResourcePayload> newResources) {
        return new DatasetPayload(title, description, tags, license, frequency, isPrivate, organization, extras,
                newResources, temporalCoverage, spatial, contactPoints);
    }

    public DatasetPayload withSpatial(SpatialCoverage newSpatial) {
        return new DatasetPayload(title, description, tags, license, frequency, isPrivate, organization, extras,
                resources, temporalCoverage, newSpatial, contactPoints);
    }

    public DatasetPayload withContactPoints(List<UdataContactPoint> newContactPoints) {
        return new DatasetPayload(title, description, tags, license, frequency, isPrivate, organization, extras,
                resources, temporalCoverage, spatial, newContactPoints);
    }
}
