package org.odsharvester.guard;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * One run per source and target: before it starts or resumes anything, a launch takes the lease of its
 * source key ({@link RunLeases}), renews it by a heartbeat while it runs, and gives it back at the end.
 * <ul>
 * <li>A lease whose holder sent a heartbeat within {@code harvest.stale-after} belongs to a live run:
 * the launch is refused ({@link RunInProgressException}, exit 4) before it touches anything.</li>
 * <li>A lease silent for longer belongs to a process that died (kill -9, power cut, lost host): it is
 * taken over, and the launcher may recover and resume the execution that process left running.</li>
 * <li>When the job repository is the HSQLDB file of a data directory this process has locked
 * ({@link DataDirLock}), no other process can be using it, so any lease found there is stale at once:
 * a relaunch right after a kill -9 resumes without waiting for {@code stale-after}.</li>
 * </ul>
 * A process that stalls past {@code stale-after} (a frozen VM, a long network cut to the database) may
 * find its lease taken over when it wakes up: its next heartbeat tells it ({@link Lease#lost()}) and the
 * launcher stops its job at the next chunk boundary.
 */
public class RunGuard {

    private static final Logger log = LoggerFactory.getLogger(RunGuard.class);
    private static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofMinutes(1);

    private final RunLeases leases;
    private final Duration staleAfter;
    private final boolean repositoryHeldExclusively;
    private final Clock clock;
    private final String owner;

    /**
     * @param staleAfter                a lease without heartbeat for this long is taken over
     * @param repositoryHeldExclusively true when this process alone can open the job repository
     */
    public RunGuard(RunLeases leases, Duration staleAfter, boolean repositoryHeldExclusively, Clock clock) {
        this(leases, staleAfter, repositoryHeldExclusively, clock, processDescription() + " #"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    RunGuard(RunLeases leases, Duration staleAfter, boolean repositoryHeldExclusively, Clock clock, String owner) {
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive");
        }
        this.leases = leases;
        this.staleAfter = staleAfter;
        this.repositoryHeldExclusively = repositoryHeldExclusively;
        this.clock = clock;
        this.owner = owner;
    }

    /** {@code pid 1234 on host-a}: how leases and locks name this process. */
    public static String processDescription() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "an unknown host";
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host;
    }

    /** How this process appears in the lease table. */
    public String owner() {
        return owner;
    }

    /** Time between two heartbeats: a third of {@code stale-after}, at most a minute. */
    Duration heartbeatInterval() {
        Duration third = staleAfter.dividedBy(3);
        Duration interval = third.compareTo(MAX_HEARTBEAT_INTERVAL) > 0 ? MAX_HEARTBEAT_INTERVAL : third;
        return interval.toMillis() < 50 ? Duration.ofMillis(50) : interval;
    }

    /**
     * Takes the lease of {@code key}, or refuses.
     *
     * @param what the run in words, for the refusal: {@code https://data.example.org into https://www.data.gouv.fr}
     * @throws RunInProgressException when a live process holds it
     */
    public Lease acquire(String key, String what) {
        long now = clock.millis();
        RunLeases.Holder previous = leases.holder(key).orElse(null);
        long staleBefore = repositoryHeldExclusively ? Long.MAX_VALUE : now - staleAfter.toMillis();
        if (!leases.tryAcquire(key, owner, now, staleBefore)) {
            RunLeases.Holder holder = leases.holder(key).orElse(previous);
            throw new RunInProgressException(refusal(what, holder, now));
        }
        if (previous != null && !previous.owner().equals(owner)) {
            log.warn("The run of {} was held by {}, silent since {}{}: that process is gone, this launch takes"
                    + " its place", what, previous.owner(), Instant.ofEpochMilli(previous.heartbeatAt()),
                    repositoryHeldExclusively ? " (this process holds the data directory alone)"
                            : " (longer than harvest.stale-after=" + staleAfter.toString().substring(2).toLowerCase() + ")");
        }
        return new Lease(key);
    }

    private String refusal(String what, RunLeases.Holder holder, long now) {
        if (holder == null) {
            return "Another harvest of " + what + " took the run lease at the same moment; nothing was done.";
        }
        long silentSeconds = Math.max(0, (now - holder.heartbeatAt()) / 1000);
        Instant expires = Instant.ofEpochMilli(holder.heartbeatAt()).plus(staleAfter);
        return "Another harvest of " + what + " is in progress (" + holder.owner() + ", running since "
                + Instant.ofEpochMilli(holder.acquiredAt()) + ", last heartbeat " + silentSeconds
                + " s ago); nothing was done. If that process is gone, its lease expires at " + expires
                + " (harvest.stale-after) and the next launch resumes its run.";
    }

    /** The lease of one key, renewed in the background until {@link #close()}. */
    public final class Lease implements AutoCloseable {

        private final String key;
        private final ScheduledExecutorService heartbeats;
        private final AtomicBoolean lost = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final List<Runnable> onLost = new CopyOnWriteArrayList<>();

        private Lease(String key) {
            this.key = key;
            CustomizableThreadFactory threads = new CustomizableThreadFactory("run-lease-heartbeat-");
            threads.setDaemon(true);
            this.heartbeats = Executors.newSingleThreadScheduledExecutor(threads);
            long every = heartbeatInterval().toMillis();
            heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        }

        /** Runs {@code action} (once) if another process takes the lease over while this one runs. */
        public void onLost(Runnable action) {
            onLost.add(action);
        }

        /** True when another process took the lease over. */
        public boolean lost() {
            return lost.get();
        }

        /** The key this lease holds. */
        public String key() {
            return key;
        }

        void beat() {
            if (lost.get() || closed.get()) {
                return;
            }
            boolean held;
            try {
                held = leases.heartbeat(key, owner, clock.millis());
            } catch (RuntimeException e) {
                // the job repository is unreachable: the job will fail on it too; try again next time
                log.warn("Could not renew the run lease: {}", e.getMessage());
                return;
            }
            if (!held && lost.compareAndSet(false, true)) {
                log.error("Another process took over the run lease of this source and target (this process was"
                        + " silent for longer than harvest.stale-after); stopping at the next chunk boundary");
                onLost.forEach(Runnable::run);
            }
        }

        /** Stops the heartbeat and gives the lease back (unless it was lost). */
        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            heartbeats.shutdownNow();
            if (!lost.get()) {
                try {
                    leases.release(key, owner);
                } catch (RuntimeException e) {
                    log.warn("Could not give the run lease back ({}); it expires after harvest.stale-after",
                            e.getMessage());
                }
            }
        }
    }
}
