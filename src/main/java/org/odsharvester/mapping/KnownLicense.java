package org.odsharvester.mapping;

import java.util.List;

/**
 * A license the target udata knows ({@code GET /api/1/datasets/licenses/}).
 *
 * @param id              udata license id ({@code fr-lo}, {@code odc-odbl}…)
 * @param title           display title
 * @param url             canonical URL, may be null
 * @param alternateTitles other names udata accepts for it
 * @param alternateUrls   other URLs udata accepts for it
 */
public record KnownLicense(String id, String title, String url, List<String> alternateTitles,
        List<String> alternateUrls) {

    public KnownLicense {
        alternateTitles = alternateTitles == null ? List.of() : List.copyOf(alternateTitles);
        alternateUrls = alternateUrls == null ? List.of() : List.copyOf(alternateUrls);
    }
}
