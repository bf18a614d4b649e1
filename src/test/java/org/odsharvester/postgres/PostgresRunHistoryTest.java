package org.odsharvester.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odsharvester.report.HtmlReportWriterTest;
import org.odsharvester.support.HarvestHarness;
import org.odsharvester.support.HarvestRun;
import org.odsharvester.support.PostgresDatabases;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code harvest.history} and the HTML report's history read a PostgreSQL job repository as they read the file. */
@EnabledIfEnvironmentVariable(named = PostgresDatabases.URL_VARIABLE, matches = "jdbc:postgresql:.*")
@ExtendWith(OutputCaptureExtension.class)
class PostgresRunHistoryTest {

    private static final Pattern HISTORY_LINE = Pattern.compile("\\s*\\d+\\s+\\d+\\s+[A-Z]+.*");

    @RegisterExtension
    final HarvestHarness world = new HarvestHarness().serving(20);

    private String jdbcUrl;

    @BeforeEach
    void emptyRepository() {
        jdbcUrl = PostgresDatabases.createEmpty();
    }

    private List<String> database() {
        return List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + PostgresDatabases.USER);
    }

    private HarvestRun harvest() {
        return world.harvest(database().toArray(String[]::new));
    }

    @Test
    void historyListsBothRunsFromPostgres() throws Exception {
        HarvestRun first = harvest();
        HarvestRun second = harvest();
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(second.exitCode()).as(second.output()).isZero();

        List<String> args = new ArrayList<>(database());
        args.addAll(List.of("--ods.url=" + world.ods().url(), "--harvest.history=10"));
        HarvestRun history = world.run(args.toArray(String[]::new));

        assertThat(history.exitCode()).as(history.output()).isZero();
        List<String> lines = history.output().lines().filter(l -> HISTORY_LINE.matcher(l).matches()).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).trim().split("\\s+")).startsWith("2").contains("COMPLETED")
                .containsSequence("20", "0", "0", "20", "0", "0", "0", "0", "0");
        assertThat(lines.get(1).trim().split("\\s+")).startsWith("1")
                .containsSequence("20", "20", "0", "0", "0", "0", "0", "0", "0");

        Matcher html = Pattern.compile("HTML report: (\\S+\\.html)").matcher(second.output());
        assertThat(html.find()).as(second.output()).isTrue();
        assertThat(HtmlReportWriterTest.rows(Files.readString(Path.of(html.group(1))), "history")).hasSize(2);
    }
}
