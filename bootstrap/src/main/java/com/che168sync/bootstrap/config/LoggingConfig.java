package com.che168sync.bootstrap.config;

import java.nio.file.Path;

/**
 * Logging ({@code logging.*}, {@code LOG_DIR}). {@code level}: TRACE, DEBUG, INFO, WARNING or ERROR.
 * {@code retentionDays}: log files older than this are deleted.
 */
public record LoggingConfig(String level, int retentionDays, Path dir) {
}
