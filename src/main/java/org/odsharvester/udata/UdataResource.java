package org.odsharvester.udata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * A resource of a udata dataset, as udata answered it.
 *
 * @param id          udata resource id (permalink {@code /datasets/r/<id>})
 * @param title       title
 * @param url         URL
 * @param format      format, may be null
 * @param mime        mime type, may be null
 * @param description description, may be null
 * @param type        {@code main}, {@code documentation}…
 * @param filetype    {@code remote}, {@code file}
 * @param extras      the resource extras; ours carries {@link ResourcePayload#KEY_EXTRA}
 * @param raw         the resource exactly as udata sent it, to send a resource that is not ours back untouched
 */
public record UdataResource(String id, String title, String url, String format, String mime, String description,
        String type, String filetype, Map<String, Object> extras, ObjectNode raw) {

    public UdataResource {
        extras = extras == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extras));
        raw = raw == null ? null : raw.deepCopy();
    }

    /** Our stable key ({@code ods:resource_key}), or null for a resource that is not ours (added by a person). */
    public String key() {
        Object key = extras.get(ResourcePayload.KEY_EXTRA);
        return key == null ? null : key.toString();
    }

    /** A copy of what udata sent: the record stays immutable. */
    @Override
    public ObjectNode raw() {
        return raw == null ? null : raw.deepCopy();
    }
}
