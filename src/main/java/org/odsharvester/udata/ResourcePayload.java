package org.odsharvester.udata;

/**
 * A resource (file) of a harvested dataset.
 *
 * @param key         our stable key for this resource ({@code export:csv}, {@code attachment:<id>},
 *                    {@code alternative_export:<id>}), stored in the resource extra {@code ods:resource_key} so the
 *                    resource keeps its udata id across runs even when its URL changes
 * @param title       never empty; at most 350 characters, cut like a dataset title ({@link UdataTitle#fit}), since
 *                    udata refuses the whole dataset for one longer resource title
 * @param description may be null
 * @param url         http(s) URL
 * @param filetype    always {@code remote}
 * @param type        {@code main}, {@code documentation}, {@code other}…
 * @param format      e.g. {@code csv}; may be null
 * @param mime        e.g. {@code text/csv}; may be null
 */
public record ResourcePayload(
        String key,
        String title,
        String description,
        String url,
        String filetype,
        String type,
        String format,
        String mime) {

    /** Name of the resource extra that holds {@link #key}. */
    public static final String KEY_EXTRA = "ods:resource_key";

    public ResourcePayload {
        title = UdataTitle.fit(title);
    }
}
