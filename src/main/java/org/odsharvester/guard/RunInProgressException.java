package org.odsharvester.guard;

/**
 * Another harvest of the same source and target is running (or holds the data directory): this launch
 * does nothing and ends with exit code 4. The message is the one sentence printed.
 */
public class RunInProgressException extends RuntimeException {
    public RunInProgressException(String message) {
        super(message);
    }
}
