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
 * @param frequency    always {@code unknown}
 * @param isPrivate    always false ({@code private} in JSON)
 * @param organization the udata organization id
 * @param extras       traceability extras ({@code harvest:remote_id}, {@code ods:url}…), sorted by key; no null values
 * @param resources    the resources that come from the source, in SPEC order
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
        List<ResourcePayload> resources) {

    public DatasetPayload {
        tags = tags == null ? List.of() : List.copyOf(tags);
        extras = extras == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(extras));
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    public DatasetPayload withResources(List<ResourcePayload> newResources) {
        return new DatasetPayload(title, description, tags, license, frequency, isPrivate, organization, extras,
                newResources);
    }
}
