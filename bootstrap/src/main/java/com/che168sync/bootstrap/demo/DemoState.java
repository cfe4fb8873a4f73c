package com.che168sync.bootstrap.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * What a demo run must remember so that the next one resumes instead of starting over: the sandbox it loaded from
 * (size, seed, last change day: the same options serve the same data on any later day) and whether the change days
 * have been applied. Kept in {@code DATA_DIR/demo/demo.properties}, beside the embedded PostgreSQL.
 *
 * @param listings       the sandbox's catalogue size
 * @param seed           the sandbox's seed
 * @param lastChangeDay  the sandbox's last change day (the days before it are the other change days)
 * @param changesApplied true once an update has applied every change day
 */
public record DemoState(long listings, long seed, LocalDate lastChangeDay, boolean changesApplied) {
    static final String FILE = "demo.properties";

    public DemoState {
        if (listings < 1) {
            throw new IllegalArgumentException("listings must be at least 1, got " + listings);
        }
    }

    public DemoState withChangesApplied() {
        return new DemoState(listings, seed, lastChangeDay, true);
    }

    /** The state saved in {@code dir}, or empty when there is none (a first run). */
    public static Optional<DemoState> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new DemoState(Long.parseLong(p.getProperty("listings", "").trim()),
                    Long.parseLong(p.getProperty("seed", "").trim()),
                    LocalDate.parse(p.getProperty("last_change_day", "").trim()),
                    Boolean.parseBoolean(p.getProperty("changes_applied", "false").trim())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo's state " + file + ": " + e.getMessage(), e);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalStateException("the demo's state " + file + " is damaged (" + e.getMessage()
                    + "); delete the demo's data to start over", e);
        }
    }

    /** Saves the state in {@code dir} (created when missing), atomically. */
    public void write(Path dir) {
        Properties p = new Properties();
        p.setProperty("listings", Long.toString(listings));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("last_change_day", lastChangeDay.toString());
        p.setProperty("changes_applied", Boolean.toString(changesApplied));
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "che168-sync demo: the sandbox the demo database was loaded from (do not edit)");
            }
            try {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's state in " + dir + ": " + e.getMessage(), e);
        }
    }
}
