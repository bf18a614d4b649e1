package org.odsharvester.process;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvesterProcess;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.udata.FakeUdata;

/**
 * Secrets stay secrets: with sentinel keys for udata and ODS (given the documented way, in the environment),
 * a harvest that fails, is resumed and rejects a dataset leaves neither key in any file of the data directory
 * (HSQLDB script and log, reports, lock file) nor in anything it printed — even when udata echoes the key in
 * an error message.
 */
class SecretsIT {

    private static final String UDATA_SENTINEL = "udata-sentinel-7f3a9c2e51d84b60";
    private static final String ODS_SENTINEL = "ods-sentinel-0b8e4d17c6a2f953";

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness(() -> new FakeUdata(UDATA_SENTINEL)).serving(150);

    private HarvesterProcess harvester(String name) {
        // chunks of one page: the first page is written (udata's echo included) before the second one fails
        return world.launchWithEnvironment(name, Map.of("ODS_API_KEY", ODS_SENTINEL), "--harvest.chunk-size=100");
    }

    @Test
    void neitherKeyIsWrittenAnywhereNorPrinted() throws IOException {
        world.ods().pageAnswers(100, aResponse().withStatus(503));
        // a careless proxy quoting the request's key back in its refusal
        world.udata().failWhen(request -> request.method().equals("POST") && request.body().contains("Jeu de données 7\""),
                400, "{\"message\": \"Validation error for key " + UDATA_SENTINEL + "\"}");

        HarvesterProcess failed = harvester("failed");
        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        world.serve(world.catalog());
        HarvesterProcess resumed = harvester("resumed");
        assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(3);

        // the keys were really in use, each sent to its own host only
        world.ods().server().verify(getRequestedFor(urlPathEqualTo(OdsPortalStub.V21_PATH))
                .withHeader("Authorization", equalTo("Apikey " + ODS_SENTINEL)));
        assertThat(world.udata().datasets()).hasSize(149);
        assertThat(failed.output()).as("udata's echo, redacted").contains("Validation error for key ***");

        List<Path> files;
        try (Stream<Path> walk = Files.walk(world.workDir())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString())
                .contains("jobrepo.script", "harvester.lock", "failed.out", "resumed.out")
                .anyMatch(name -> name.startsWith("harvest-127.0.0.1-run1-") && name.endsWith(".json"));
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(content).as(file.toString()).doesNotContain(UDATA_SENTINEL).doesNotContain(ODS_SENTINEL);
        }
    }
}
