package org.odsharvester.udata;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.odsharvester.InvalidConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The target udata instance: {@code udata.*} options. Required unless the run is a dry run, which
 * the launcher checks ({@link #requireComplete()}).
 *
 * @param url            root URL of the udata instance (required unless dry run)
 * @param apiKey         sent as {@code X-API-KEY} (required unless dry run); give it as UDATA_API_KEY, never logged
 * @param organization   id or slug of the organization that owns the harvested datasets (required unless dry run)
 * @param connectTimeout TCP connect timeout to udata
 * @param readTimeout    time to wait for an answer of udata
 * @param maxAttempts    attempts per request on 5xx, timeouts and 429
 * @param retryDelay     first backoff delay, doubled at each attempt
 * @param restoreDeleted ODS dataset ids ({@code dataset_id} or {@code dataset_uid}) that a person deleted in udata
 *                       and that this run brings back: restored when udata still holds them, created again when it
 *                       purged them. Without it, a dataset deleted in udata is never written again.
 * @param dataservice    publish the portal's API as one udata dataservice of the organization, linked to the
 *                       datasets harvested from the portal (false: none is created or changed)
 * @param organizationsFile a text file of lines {@code publisher = organization} (id or slug; {@code #} comments):
 *                       the datasets of a publisher it names are created in that organization, the others in
 *                       udata.organization; every organization is checked at start-up like udata.organization
 */
@ConfigurationProperties("udata")
public record UdataProperties(
        String url,
        String apiKey,
        String organization,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("500ms") Duration retryDelay,
        List<String> restoreDeleted,
        @DefaultValue("true") boolean dataservice,
        Path organizationsFile) {

    public UdataProperties {
        url = url == null || url.isBlank() ? null : normaliseUrl(url);
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
        organization = organization == null || organization.isBlank() ? null : organization.trim();
        restoreDeleted = restoreDeleted == null ? List.of()
                : restoreDeleted.stream().map(String::strip).filter(id -> !id.isEmpty()).distinct().toList();
        if (maxAttempts < 1) {
            throw new InvalidConfigurationException("udata.max-attempts must be at least 1");
        }
    }

    /** Fails with one clear sentence when an option needed to write to udata is missing. */
    public void requireComplete() {
        if (url == null) {
            throw new InvalidConfigurationException(
                    "udata.url is required (or run with --harvest.dry-run=true): give the root URL of the udata instance, e.g. --udata.url=https://www.data.gouv.fr");
        }
        if (apiKey == null) {
            throw new InvalidConfigurationException(
                    "udata.api-key is required (or run with --harvest.dry-run=true): set the UDATA_API_KEY environment variable");
        }
        if (organization == null) {
            throw new InvalidConfigurationException(
                    "udata.organization is required (or run with --harvest.dry-run=true): give the id of the organization that will own the datasets");
        }
    }

    @Override
    public String toString() {
        return "UdataProperties[url=" + url + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", organization=" + organization + ", restoreDeleted=" + restoreDeleted + ", dataservice=" + dataservice
                + ", organizationsFile=" + organizationsFile + "]";
    }

    static String normaliseUrl(String raw) {
        URI uri;
        try {
            uri = URI.create(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("udata.url is not a valid URL: " + raw.trim());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidConfigurationException(
                    "udata.url must be an http(s) URL such as https://www.data.gouv.fr, not '" + raw.trim() + "'");
        }
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path;
    }
}
