package com.che168sync.bootstrap.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Logging ({@code logging.*}, {@code LOG_DIR}). {@code level}: TRACE, DEBUG, INFO, WARNING or ERROR.
 * {@code retentionDays}: log files older than this are deleted. {@code progressInterval}
 * ({@code logging.progress_interval}): how often {@code load}, {@code update} and {@code normalize} print their
 * progress line.
 */
public record LoggingConfig(String level, int retentionDays, Path dir, Duration progressInterval) {
}
