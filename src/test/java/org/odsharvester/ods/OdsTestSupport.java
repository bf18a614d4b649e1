package org.odsharvester.ods;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.restclient.RestTemplateBuilder;
import tools.jackson.databind.json.JsonMapper;

/** Portal properties and clients for the tests of this package (the samples: {@link org.odsharvester.support.OdsSamples}). */
final class OdsTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String USER_AGENT = "ods-harvester/test";
    static final String API_KEY = "s3cr3t-ods-key-1234567890";
    static final int MAX_ATTEMPTS = 3;

    private OdsTestSupport() {
    }

    static OdsProperties properties(String url, String api, String apiKey) {
        return properties(url, api, apiKey, Map.of(), Map.of());
    }

    static OdsProperties properties(String url, String api, String apiKey, Map<String, List<String>> refine,
            Map<String, List<String>> exclude) {
        return new OdsProperties(url, api, apiKey, false, refine, exclude, Duration.ofSeconds(2),
                Duration.ofSeconds(5), MAX_ATTEMPTS, Duration.ofMillis(5), List.of());
    }

    static OdsClient client(OdsProperties properties) {
        return new OdsClient(properties, new RestTemplateBuilder(), USER_AGENT);
    }
}
