package org.odsharvester.support;

import java.util.concurrent.locks.LockSupport;

/** The injected response time of the stubs. */
public final class Latency {

    private Latency() {
    }

    /**
     * Waits until that {@link System#nanoTime()}, if it is still to come. Parks rather than sleeps:
     * {@code Thread.sleep} rounds up to the next millisecond, which added up to 1 ms to every answer.
     */
    public static void waitUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
