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

    public DatasetPayload withResources(List<ResourcePayload> newResources) {
        return toBuilder().resources(newResources).build();
    }

    public DatasetPayload withSpatial(SpatialCoverage newSpatial) {
        return toBuilder().spatial(newSpatial).build();
    }

    public DatasetPayload withContactPoints(List<UdataContactPoint> newContactPoints) {
        return toBuilder().contactPoints(newContactPoints).build();
    }

    /** A payload field by field: public unless set, the rest empty or null (no frequency, no coverage: not ours). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this payload's values, to change some of them. */
    public Builder toBuilder() {
        return builder().title(title).description(description).tags(tags).license(license).frequency(frequency)
                .isPrivate(isPrivate).organization(organization).extras(extras).resources(resources)
                .temporalCoverage(temporalCoverage).spatial(spatial).contactPoints(contactPoints);
    }

    /** Builds a {@link DatasetPayload}; the setters are named after the record's components. */
    public static final class Builder {
        private String title;
        private String description;
        private List<String> tags;
        private String license;
        private String frequency;
        private boolean isPrivate;
        private String organization;
        private Map<String, Object> extras;
        private List<ResourcePayload> resources;
        private UdataDataset.TemporalCoverage temporalCoverage;
        private SpatialCoverage spatial;
        private List<UdataContactPoint> contactPoints;

        private Builder() {
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder tags(List<String> value) {
            this.tags = value;
            return this;
        }

        public Builder license(String value) {
            this.license = value;
            return this;
        }

        public Builder frequency(String value) {
            this.frequency = value;
            return this;
        }

        public Builder isPrivate(boolean value) {
            this.isPrivate = value;
            return this;
        }

        public Builder organization(String value) {
            this.organization = value;
            return this;
        }

        public Builder extras(Map<String, Object> value) {
            this.extras = value;
            return this;
        }

        public Builder resources(List<ResourcePayload> value) {
            this.resources = value;
            return this;
        }

        public Builder temporalCoverage(UdataDataset.TemporalCoverage value) {
            this.temporalCoverage = value;
            return this;
        }

        public Builder spatial(SpatialCoverage value) {
            this.spatial = value;
            return this;
        }

        public Builder contactPoints(List<UdataContactPoint> value) {
            this.contactPoints = value;
            return this;
        }

        public DatasetPayload build() {
            return new DatasetPayload(title, description, tags, license, frequency, isPrivate, organization, extras,
                    resources, temporalCoverage, spatial, contactPoints);
        }
    }
}
