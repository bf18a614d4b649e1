package org.odsharvester.udata;

import java.util.Map;

/**
 * A udata dataservice (an API in udata's catalogue) as the harvester reads it: only what it compares. udata reads
 * {@code datasets} back as a link with a total, not as ids ({@link UdataClient#dataserviceDatasets}).
 *
 * @param id                      udata id
 * @param title                   title
 * @param baseApiUrl              {@code base_api_url}, the root of the API
 * @param machineDocumentationUrl {@code machine_documentation_url}, the OpenAPI description
 * @param extras                  its extras as text
 * @param metadataModifiedAt      {@code metadata_modified_at} as udata sent it (null when absent): udata sets it at
 *                                every change of the dataservice, its links included (dataservices/api.py)
 * @param linkedTotal             the {@code total} of its {@code datasets} link; -1 when absent
 */
public record UdataDataservice(String id, String title, String baseApiUrl, String machineDocumentationUrl,
        Map<String, String> extras, String metadataModifiedAt, int linkedTotal) {

    public UdataDataservice {
        extras = extras == null ? Map.of() : Map.copyOf(extras);
    }

    /** The value of an extra, or null. */
    public String extra(String key) {
        return extras.get(key);
    }
}
