package org.odsharvester.ods;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.odsharvester.InvalidConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The source portal: {@code ods.*} options.
 *
 * @param url            public root URL of the portal (required); paths and trailing slashes are dropped
 * @param api            API to read: {@code auto}, {@code v2.1} or {@code v1}; auto uses v2.1 and falls back to v1
 * @param apiKey         for private portals, sent as {@code Authorization: Apikey <key>}; better as ODS_API_KEY; never logged
 * @param inspire        also harvest datasets that carry INSPIRE metadata
 * @param refine         keep only datasets with these values of the facet (comma-separated)
 * @param exclude        leave out datasets with these values of the facet (comma-separated)
 * @param connectTimeout TCP connect timeout to the portal
 * @param readTimeout    time to wait for an answer of the portal
 * @param maxAttempts    attempts per request on 5xx, timeouts and connection resets
 * @param retryDelay     first backoff delay, doubled at each attempt
 * @param previousUrls   addresses the portal had before ods.url (comma-separated): the datasets harvested under them
 *                       are this portal's and move to ods.url, keeping their udata ids and resource ids
 */
@ConfigurationProperties("ods")
public record OdsProperties(
        String url,
        @DefaultValue("auto") String api,
        String apiKey,
        @DefaultValue("false") boolean inspire,
        Map<String, List<String>> refine,
        Map<String, List<String>> exclude,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("500ms") Duration retryDelay,
        List<String> previousUrls) {

    public static final List<String> API_CHOICES = List.of("auto", "v2.1", "v1");

    public OdsProperties {
        if (url == null || url.isBlank()) {
            throw new InvalidConfigurationException(
                    "ods.url is required: give the public root URL of the Opendatasoft portal, e.g. --ods.url=https://data.example.org");
        }
        url = normaliseUrl(url, "ods.url");
        api = api == null ? "auto" : api.trim().toLowerCase(Locale.ROOT);
        if (!API_CHOICES.contains(api)) {
            throw new InvalidConfigurationException(
                    "ods.api must be one of auto, v2.1 or v1, not '" + api + "'");
        }
        if (apiKey != null && apiKey.isBlank()) {
            apiKey = null;
        }
        refine = refine == null ? Map.of() : new TreeMap<>(refine);
        exclude = exclude == null ? Map.of() : new TreeMap<>(exclude);
        if (maxAttempts < 1) {
            throw new InvalidConfigurationException("ods.max-attempts must be at least 1");
        }
        previousUrls = previousUrls(previousUrls, url);
    }

    /** The old addresses, normalised like {@code ods.url}; none may be {@code ods.url} itself. */
    private static List<String> previousUrls(List<String> raw, String url) {
        if (raw == null) {
            return List.of();
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (String previous : raw) {
            if (previous == null || previous.isBlank()) {
                continue;
            }
            String one = normaliseUrl(previous, "ods.previous-urls");
            if (one.equals(url)) {
                throw new InvalidConfigurationException("ods.previous-urls names " + one + ", which is ods.url itself:"
                        + " list only the addresses the portal had before ods.url");
            }
            normalised.add(one);
        }
        return List.copyOf(normalised);
    }

    /**
     * The {@code harvest:domain} values of {@link #previousUrls}, leaving out this portal's own (a change of scheme
     * or port only: its datasets carry this domain already).
     */
    public Set<String> previousDomains() {
        Set<String> domains = new LinkedHashSet<>();
        previousUrls.forEach(previous -> domains.add(URI.create(previous).getHost()));
        domains.remove(domain());
        return Set.copyOf(domains);
    }

    /** The host of the portal, as written in the {@code harvest:domain} extra. */
    public String domain() {
        return URI.create(url).getHost();
    }

    /** True when the URL points at {@code *.opendatasoft.com}, which many portals only use behind their own domain. */
    public boolean looksLikePlatformDomain() {
        return domain().endsWith(".opendatasoft.com");
    }

    /** The warning to log at start when {@link #looksLikePlatformDomain()}, else null. */
    public @Nullable String platformDomainWarning() {
        return looksLikePlatformDomain() ? "ods.url " + url + " is an *.opendatasoft.com address; if the portal has"
                + " its own domain, use that one so that links in udata point to the public portal" : null;
    }

    @Override
    public String toString() {
        // keeps the API key out of logs and error messages
        return "OdsProperties[url=" + url + ", api=" + api + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", inspire=" + inspire + ", refine=" + refine + ", exclude=" + exclude
                + (previousUrls.isEmpty() ? "" : ", previousUrls=" + previousUrls) + "]";
    }

    /**
     * {@code https://Data.Example.org/explore/?q=x} → {@code https://data.example.org}; naming {@code option} when
     * {@code raw} is no http(s) URL.
     */
    static String normaliseUrl(String raw, String option) {
        URI uri;
        try {
            uri = URI.create(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(option + " is not a valid URL: '" + raw.trim() + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidConfigurationException(
                    option + " must be an http(s) URL such as https://data.example.org, not '" + raw.trim() + "'");
        }
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port;
    }
}
