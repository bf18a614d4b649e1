package org.odsharvester.job;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.odsharvester.support.OdsSamples.datasetId;
import static org.odsharvester.support.OdsSamples.v21Item;
import static org.odsharvester.support.OdsSamples.v21Page;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.ods.OdsProperties;
import org.odsharvester.udata.FakeUdata;
import org.odsharvester.udata.FakeUdataExtension;
import org.odsharvester.udata.TargetOrganization;
import org.odsharvester.udata.UdataProperties;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The harvest step's {@link StepExecution} counts, as Spring Batch's restart samples check them: the job runs
 * against a WireMock ODS portal and the udata fake, through {@link JobOperatorTestUtils}; a run that fails in its
 * third chunk is started again with the same parameters, and the restarted execution reads only what was not
 * committed.
 * <p>
 * The catalog: 25 datasets, chunks of 10. Dataset 3 carries INSPIRE metadata (filtered out), 12 and 23 have no
 * title (rejected at the source: skipped in processing), udata refuses 4 (skipped in writing).
 */
@SpringBatchTest
@SpringBootTest(classes = HarvestStepTest.HarvestJobOnly.class)
@DirtiesContext
class HarvestStepTest {

    private static final String CATALOG = "/api/explore/v2.1/catalog/datasets";
    private static final int SIZE = 25;
    private static final int CHUNK = 10;
    private static final int INSPIRE = 3;
    private static final List<Integer> UNTITLED = List.of(12, 23);
    private static final int REFUSED_BY_UDATA = 4;
    /** In the third chunk. */
    private static final int UDATA_DOWN_FOR = 21;

    @RegisterExtension
    static WireMockExtension ods = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @RegisterExtension
    static final FakeUdataExtension udataServer = new FakeUdataExtension();
    private static final FakeUdata udata = udataServer.fake();
    /** The job repository's: its context is closed after the class (@DirtiesContext), before the folder goes. */
    @TempDir
    static Path dataDir;

    /** The job's own configuration and what it needs; not the launcher, which would run the job on start. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ HarvestJobConfiguration.class, ClientsConfiguration.class, DatabaseConfiguration.class })
    static class HarvestJobOnly {
        @Bean
        TargetOrganization targetOrganization() {
            return new TargetOrganization(udata.organization());
        }
    }

    @DynamicPropertySource
    static void options(DynamicPropertyRegistry options) {
        options.add("ods.url", () -> "http://127.0.0.1:" + ods.getPort());
        options.add("ods.api", () -> "v2.1");
        options.add("udata.url", udata::url);
        options.add("udata.api-key", udata::apiKey);
        options.add("udata.organization", udata::organization);
        options.add("udata.max-attempts", () -> "2");
        options.add("udata.retry-delay", () -> "10ms");
        options.add("harvest.data-dir", dataDir::toString);
        options.add("harvest.chunk-size", () -> String.valueOf(CHUNK));
    }

    @Autowired
    private JobOperatorTestUtils jobOperatorTestUtils;

    @Autowired
    private OdsProperties odsProperties;

    @Autowired
    private UdataProperties udataProperties;

    @Autowired
    private JobRepositoryTestUtils jobRepositoryTestUtils;

    @Autowired
    private JdbcTemplate jdbc;

    /** Each test starts from nothing: no run in the repository, nothing harvested in udata or in the index. */
    @BeforeEach
    void nothingHarvestedYet() {
        jobRepositoryTestUtils.removeJobExecutions();
        for (String table : List.of("HARVEST_DATASET_INDEX", "HARVEST_OUTCOME", "HARVEST_ARCHIVED",
                "HARVEST_DELETED_IN_UDATA", "HARVEST_MISSING", "HARVEST_RUN_MISSING")) {
            jdbc.update("DELETE FROM " + table);
        }
        udata.failWhen(creating(REFUSED_BY_UDATA), 400,
                "{\"message\": \"Validation error\", \"errors\": {\"license\": [\"Not a valid choice\"]}}");
        List<ObjectNode> items = IntStream.range(0, SIZE).mapToObj(i -> {
            ObjectNode item = v21Item(i);
            if (i == INSPIRE) {
                ((ObjectNode) item.get("metas")).putObject("inspire").put("theme", "Adresses");
            }
            if (UNTITLED.contains(i)) {
                ((ObjectNode) item.get("metas").get("default")).remove("title");
            }
            return item;
        }).toList();
        // the reader asks for 100 at a time: one page from the start, the rest of the catalog after a restart
        for (int offset = 0; offset <= SIZE; offset++) {
            ods.stubFor(get(urlPathEqualTo(CATALOG)).withQueryParam("offset", equalTo(String.valueOf(offset)))
                    .willReturn(okJson(v21Page(SIZE, items.subList(offset, SIZE)))));
        }
    }

    /** A request that creates the dataset {@code index} of the catalog in udata. */
    private static Predicate<FakeUdata.Request> creating(int index) {
        return request -> request.method().equals("POST") && request.path().equals("/api/1/datasets/")
                && request.body() != null && request.body().contains(datasetId(index));
    }

    private JobParameters run(long number) {
        return new RunParameters(odsProperties.url(), udataProperties.url(), udata.organization(), number, "v2.1")
                .toJobParameters();
    }

    /** Not a method of the test class: @SpringBatchTest would take one returning a StepExecution for its own. */
    private static final class Steps {
        static StepExecution harvest(JobExecution execution) {
            return execution.getStepExecutions().stream().filter(step -> step.getStepName().equals("harvest"))
                    .findFirst().orElseThrow(() -> new AssertionError("no harvest step in " + execution));
        }
    }

    @Test
    void aRunCountsEveryDatasetReadFilteredSkippedAndWritten() throws Exception {
        JobExecution execution = jobOperatorTestUtils.startJob(run(1));

        StepExecution harvest = Steps.harvest(execution);
        assertThat(execution.getStatus()).as("%s", execution.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(harvest.getReadCount()).isEqualTo(SIZE);
        assertThat(harvest.getFilterCount()).as("the INSPIRE dataset").isEqualTo(1);
        assertThat(harvest.getProcessSkipCount()).as("the datasets without title").isEqualTo(2);
        assertThat(harvest.getWriteSkipCount()).as("the dataset udata refused").isEqualTo(1);
        assertThat(harvest.getWriteCount()).isEqualTo(SIZE - 1 - 2 - 1);
        assertThat(udata.datasetCount()).isEqualTo(SIZE - 1 - 2 - 1);
    }

    @Test
    void aRestartedRunReadsAndWritesOnlyWhatTheFailedOneDidNotCommit() throws Exception {
        // udata answers 503 to the creation of one dataset of the third chunk, beyond the retries: the run fails
        udata.failWhen(creating(UDATA_DOWN_FOR), 503, "{\"message\": \"Service Unavailable\"}");
        JobExecution failed = jobOperatorTestUtils.startJob(run(1));

        StepExecution first = Steps.harvest(failed);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(first.getCommitCount()).as("the first two chunks").isEqualTo(2);
        assertThat(first.getWriteCount()).as("what the two chunks committed").isEqualTo(2 * CHUNK - 1 - 1 - 1);
        assertThat(first.getFilterCount()).isEqualTo(1);
        assertThat(first.getWriteSkipCount()).isEqualTo(1);
        // Batch 6's chunk-oriented step also counts what it read and skipped in the chunk that failed and was
        // rolled back: the third chunk's five reads and dataset 23
        assertThat(first.getReadCount()).isEqualTo(SIZE);
        assertThat(first.getProcessSkipCount()).isEqualTo(2);

        udata.clearFailures();
        udata.failWhen(creating(REFUSED_BY_UDATA), 400, "{\"message\": \"Validation error\"}");
        JobExecution restarted = jobOperatorTestUtils.startJob(run(1));

        StepExecution second = Steps.harvest(restarted);
        assertThat(restarted.getJobInstanceId()).as("the same run, restarted").isEqualTo(failed.getJobInstanceId());
        assertThat(restarted.getStatus()).as("%s", restarted.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(second.getReadCount()).as("the third chunk only").isEqualTo(SIZE - 2 * CHUNK);
        assertThat(second.getFilterCount()).isZero();
        assertThat(second.getProcessSkipCount()).as("dataset 23").isEqualTo(1);
        assertThat(second.getWriteSkipCount()).isZero();
        assertThat(second.getWriteCount()).isEqualTo(SIZE - 2 * CHUNK - 1);
        assertThat(udata.datasetCount()).as("none created twice, none lost").isEqualTo(SIZE - 1 - 2 - 1);
    }
}
