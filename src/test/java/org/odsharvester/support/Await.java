package org.odsharvester.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition instead of sleeping for a guessed time. */
public final class Await {

    private Await() {
    }

    /** Returns as soon as {@code condition} holds; fails after {@code timeout} with {@code what} and {@code detail}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<Object> detail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "\n" + detail.get());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
