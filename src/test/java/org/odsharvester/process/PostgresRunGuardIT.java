package org.odsharvester.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.odsharvester.support.Await;
import org.odsharvester.support.HarvesterProcess;
import org.odsharvester.support.OdsPortalStub;
import org.odsharvester.support.PostgresDatabases;
import org.odsharvester.support.UdataState;
import org.odsharvester.udata.FakeUdata;

/**
 * Several hosts, one PostgreSQL job repository: harvester JVMs with data directories of their own
 * (as on separate hosts) sharing one real PostgreSQL database. Exactly one of two simultaneous launches
 * for a source harvests; different sources harvest side by side; a dead host's run is resumed elsewhere
 * once its lease is stale.
 */
@EnabledIfEnvironmentVariable(named = PostgresDatabases.URL_VARIABLE, matches = "jdbc:postgresql:.*")
class PostgresRunGuardIT {

    private static final int DATASETS = 300;

    @TempDir
    Path work;

    private OdsPortalStub ods;
    private FakeUdata udata;
    private String repository;
    private final List<HarvesterProcess> started = new ArrayList<>();

    @BeforeEach
    void start() {
        ods = new OdsPortalStub();
        ods.serve(ods.generator().datasets(DATASETS), true);
        udata = new FakeUdata();
        repository = PostgresDatabases.createEmpty();
    }

    @AfterEach
    void stop() {
        started.forEach(HarvesterProcess::destroyIfAlive);
        ods.close();
        udata.close();
    }

    private HarvesterProcess host(String name, OdsPortalStub source, String... extra) {
        List<String> args = new ArrayList<>(List.of("--ods.url=" + source.url(), "--udata.url=" + udata.url(),
                "--udata.organization=" + udata.organization(), "--harvest.concurrency=2",
                "--spring.datasource.url=" + repository,
                "--spring.datasource.username=" + PostgresDatabases.USER,
                "--harvest.data-dir=" + work.resolve(name)));
        args.addAll(List.of(extra));
        HarvesterProcess process = HarvesterProcess.start(work, name, args, Map.of("UDATA_API_KEY", udata.apiKey()));
        started.add(process);
        return process;
    }

    /** The newest heartbeat of a run lease in the shared repository, in epoch milliseconds. */
    private long lastHeartbeatMillis() {
        try (Connection connection = DriverManager.getConnection(repository, PostgresDatabases.USER, "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(HEARTBEAT_AT) FROM HARVEST_RUN_LOCK")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the run leases of " + repository, e);
        }
    }

    @Test
    void twoHostsLaunchedAtOnceForOneSourceHarvestOnceAndTheOtherExits4() {
        udata.setLatency(Duration.ofMillis(20)); // the run outlasts the other JVM's start

        HarvesterProcess a = host("host-a", ods);
        HarvesterProcess b = host("host-b", ods);

        int exitA = a.exitCode();
        int exitB = b.exitCode();
        assertThat(List.of(exitA, exitB)).as(a.output() + "\n----\n" + b.output()).containsExactlyInAnyOrder(0, 4);
        HarvesterProcess refused = exitA == 4 ? a : b;
        assertThat(refused.output()).contains("nothing was done");
        UdataState state = UdataState.of(udata);
        assertThat(state.duplicates()).isEmpty();
        assertThat(state.copies()).hasSize(DATASETS);
        assertThat(udata.requestCount("POST", "/api/1/datasets/")).isEqualTo(DATASETS);
    }

    @Test
    void differentSourcesHarvestSideBySideOnOneRepository() {
        try (OdsPortalStub other = new OdsPortalStub("127.0.0.2")) {
            other.serve(other.generator().datasets(120), true);
            udata.setLatency(Duration.ofMillis(10));

            HarvesterProcess first = host("source-one", ods);
            HarvesterProcess second = host("source-two", other);

            assertThat(first.exitCode()).as(first.output()).isZero();
            assertThat(second.exitCode()).as(second.output()).isZero();
            assertThat(udata.datasetsWithExtra("harvest:domain", "127.0.0.1")).hasSize(DATASETS);
            assertThat(udata.datasetsWithExtra("harvest:domain", "127.0.0.2")).hasSize(120);
        }
    }

    @Test
    void aDeadHostsRunIsResumedFromAnotherHostOnceItsLeaseIsStale() {
        udata.setLatency(Duration.ofMillis(200)); // A outlasts B's JVM start
        HarvesterProcess hostA = host("host-a", ods, "--harvest.stale-after=3s");
        Await.until("a first dataset in udata", Duration.ofMinutes(2), () -> udata.datasets().size() >= 1,
                hostA::toString);

        HarvesterProcess whileAlive = host("host-b", ods);
        assertThat(whileAlive.exitCode()).as(whileAlive.output()).isEqualTo(4);

        udata.setLatency(Duration.ofMillis(25));
        Await.until("150 datasets in udata", Duration.ofMinutes(2), () -> udata.datasets().size() >= 150,
                hostA::toString);
        hostA.kill();
        Await.until("udata idle", Duration.ofSeconds(10), () -> udata.requestsInFlight() == 0, () -> "");
        UdataState killed = UdataState.of(udata);
        udata.setLatency(Duration.ZERO);
        // host A's last heartbeat may be a moment before the kill: host B would still find it fresh
        Await.until("host A's lease stale", Duration.ofSeconds(30),
                () -> System.currentTimeMillis() - lastHeartbeatMillis() > 3_500, () -> "");
        HarvesterProcess takeOver = host("host-b", ods, "--harvest.stale-after=3s");

        assertThat(takeOver.exitCode()).as(takeOver.output()).isZero();
        assertThat(takeOver.output()).contains("Resuming run 1");
        UdataState state = UdataState.of(udata);
        assertThat(state.duplicates()).isEmpty();
        assertThat(state.copies()).hasSize(DATASETS);
        assertThat(state.idsChangedSince(killed)).isEmpty();
    }
}
