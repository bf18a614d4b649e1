package org.odsharvester.guard;

/**
 * The data directory cannot hold the job repository (not a directory, not writable, full): exit 1 with
 * this sentence; nothing was done.
 */
public class DataDirUnusableException extends RuntimeException {
    public DataDirUnusableException(String message, Throwable cause) {
        super(message, cause);
    }
}
