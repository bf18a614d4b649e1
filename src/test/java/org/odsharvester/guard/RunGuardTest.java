package org.odsharvester.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odsharvester.udata.UdataFixtures;

class RunGuardTest {

    private static final String KEY = "source-key";
    private static final Duration STALE_AFTER = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T02:00:00Z"));
    private RunLeases leases;

    @BeforeEach
    void setUp() {
        DataSource ds = UdataFixtures.database();
        leases = new RunLeases(ds);
    }

    private RunGuard guard(String owner, boolean exclusive) {
        return new RunGuard(leases, STALE_AFTER, exclusive, clock, owner);
    }

    @Test
    void aFreeKeyIsTakenAndGivenBackAtTheEnd() {
        RunGuard.Lease lease = guard("pid 1 on a", false).acquire(KEY, "portal into udata");

        assertThat(leases.holder(KEY)).get().extracting(RunLeases.Holder::owner).isEqualTo("pid 1 on a");
        lease.close();
        assertThat(leases.holder(KEY)).isEmpty();
    }

    @Test
    void aLiveRunRefusesASecondLaunchWithASentenceNamingIt() {
        guard("pid 1 on host-a", false).acquire(KEY, "portal into udata");
        clock.advance(Duration.ofMinutes(14));

        assertThatThrownBy(() -> guard("pid 2 on host-b", false).acquire(KEY, "https://data.example.org into udata"))
                .isInstanceOf(RunInProgressException.class)
                .hasMessageContaining("Another harvest of https://data.example.org into udata is in progress")
                .hasMessageContaining("pid 1 on host-a")
                .hasMessageContaining("last heartbeat 840 s ago")
                .hasMessageContaining("nothing was done")
                .hasMessageContaining("expires at 2026-03-01T02:15:00Z");
        assertThat(leases.holder(KEY)).get().extracting(RunLeases.Holder::owner).isEqualTo("pid 1 on host-a");
    }

    @Test
    void aLeaseSilentForLongerThanStaleAfterIsTakenOver() {
        guard("pid 1 on host-a", false).acquire(KEY, "portal into udata"); // then killed: never closed
        clock.advance(STALE_AFTER.plusMillis(1));

        guard("pid 2 on host-b", false).acquire(KEY, "portal into udata");

        assertThat(leases.holder(KEY)).get().extracting(RunLeases.Holder::owner).isEqualTo("pid 2 on host-b");
    }

    @Test
    void aLeaseExactlyStaleAfterOldIsStillAlive() {
        guard("pid 1 on host-a", false).acquire(KEY, "portal into udata");
        clock.advance(STALE_AFTER);

        assertThatThrownBy(() -> guard("pid 2 on host-b", false).acquire(KEY, "portal into udata"))
                .isInstanceOf(RunInProgressException.class);
    }

    @Test
    void theHeartbeatKeepsALongRunAlive() {
        RunGuard.Lease lease = guard("pid 1 on host-a", false).acquire(KEY, "portal into udata");
        for (int minute = 0; minute < 60; minute++) {
            clock.advance(Duration.ofMinutes(1));
            lease.beat();
        }

        assertThatThrownBy(() -> guard("pid 2 on host-b", false).acquire(KEY, "portal into udata"))
                .isInstanceOf(RunInProgressException.class);
        assertThat(lease.lost()).isFalse();
    }

    @Test
    void whenThisProcessHoldsTheRepositoryAloneAnyLeaseFoundIsTakenOverAtOnce() {
        // HSQLDB file repository: the data directory lock proves the holder is dead (kill -9 a second ago)
        guard("pid 1 on host-a", true).acquire(KEY, "portal into udata");
        clock.advance(Duration.ofSeconds(1));

        guard("pid 2 on host-a", true).acquire(KEY, "portal into udata");

        assertThat(leases.holder(KEY)).get().extracting(RunLeases.Holder::owner).isEqualTo("pid 2 on host-a");
    }

    @Test
    void aProcessWhoseLeaseWasTakenOverLearnsItAtItsNextHeartbeatAndLeavesTheNewLeaseAlone() {
        RunGuard.Lease stalled = guard("pid 1 on host-a", false).acquire(KEY, "portal into udata");
        AtomicInteger stops = new AtomicInteger();
        stalled.onLost(stops::incrementAndGet);
        clock.advance(STALE_AFTER.plusMinutes(1)); // frozen VM
        guard("pid 2 on host-b", false).acquire(KEY, "portal into udata");

        stalled.beat();
        stalled.beat();
        stalled.close();

        assertThat(stalled.lost()).isTrue();
        assertThat(stops).hasValue(1);
        assertThat(leases.holder(KEY)).get().extracting(RunLeases.Holder::owner).isEqualTo("pid 2 on host-b");
    }

    @Test
    void anotherSourceIsNotBlocked() {
        guard("pid 1 on host-a", false).acquire(KEY, "portal into udata");

        guard("pid 2 on host-a", false).acquire("another-key", "other portal into udata");

        assertThat(leases.holder("another-key")).isPresent();
    }

    @Test
    void launchersRacingForAFreeKeyLeaveExactlyOneWinner() throws Exception {
        int launchers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(launchers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < launchers; i++) {
            RunGuard guard = guard("pid " + i + " on host", false);
            Callable<Boolean> attempt = () -> {
                go.await();
                try {
                    guard.acquire(KEY, "portal into udata");
                    return true;
                } catch (RunInProgressException refused) {
                    return false;
                }
            };
            results.add(pool.submit(attempt));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> result : results) {
            winners += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(winners).isEqualTo(1);
    }

    @Test
    void heartbeatsComeThreeTimesPerStalePeriodAndAtLeastEveryMinute() {
        assertThat(new RunGuard(leases, Duration.ofMinutes(15), false, clock, "o").heartbeatInterval())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(new RunGuard(leases, Duration.ofSeconds(3), false, clock, "o").heartbeatInterval())
                .isEqualTo(Duration.ofSeconds(1));
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private final AtomicLong millis;

        MutableClock(Instant start) {
            this.millis = new AtomicLong(start.toEpochMilli());
        }

        void advance(Duration duration) {
            millis.addAndGet(duration.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }
}
