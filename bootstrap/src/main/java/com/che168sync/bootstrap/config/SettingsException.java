package com.che168sync.bootstrap.config;

/**
 * A missing or invalid setting. The message names the key (e.g. {@code DB_PORT}) and never contains a secret
 * value; the CLI prints it and exits with code 2.
 */
public final class SettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public SettingsException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The setting at fault: an environment name such as {@code DB_PORT}, or a file such as {@code config.yaml}. */
    public String key() {
        return key;
    }
}
