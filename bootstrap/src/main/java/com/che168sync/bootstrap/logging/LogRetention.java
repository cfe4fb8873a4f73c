package com.che168sync.bootstrap.logging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Deletes daily log files {@code che168-YYYY-MM-DD.log} older than the retention at start. logback's own clean-up
 * (at each daily rollover) only looks back a few weeks; this catches files left from any time before.
 */
public final class LogRetention {
    private static final Pattern DAILY_FILE = Pattern.compile("che168-(\\d{4}-\\d{2}-\\d{2})\\.log");

    private LogRetention() {
    }

    /** Deletes the files of days before {@code today - retentionDays} (today's and 7 earlier days are kept). */
    public static List<Path> deleteOldFiles(Path dir, int retentionDays, LocalDate today) {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return deleted;
        }
        LocalDate oldestKept = today.minusDays(retentionDays);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Matcher m = DAILY_FILE.matcher(file.getFileName().toString());
                if (m.matches() && LocalDate.parse(m.group(1)).isBefore(oldestKept)) {
                    Files.deleteIfExists(file);
                    deleted.add(file);
                }
            }
        } catch (IOException | DateTimeParseException e) {
            // retention is housekeeping: never stop a run for it
        }
        return deleted;
    }
}
