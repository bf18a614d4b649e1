package org.odsharvester;

/**
 * An option is missing or wrong. The message is one sentence an operator can act on; the launcher
 * prints it and exits with code 2 before any dataset is touched.
 */
public class InvalidConfigurationException extends RuntimeException {
    public InvalidConfigurationException(String message) {
        super(message);
    }
}
