package com.che168sync.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRetentionTest {
    @TempDir
    Path dir;

    @Test
    void filesOlderThanSevenDaysAreDeletedTheLastSevenDaysAndTodayKept() throws IOException {
        LocalDate today = LocalDate.parse("2026-11-23");
        for (String name : new String[] {"che168-2026-11-23.log", "che168-2026-11-16.log", "che168-2026-11-15.log",
                "che168-2026-09-01.log", "che168-2025-01-01.log", "notes.txt", "che168-latest.log"}) {
            Files.writeString(dir.resolve(name), "x");
        }
        assertThat(LogRetention.deleteOldFiles(dir, 7, today)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("che168-2026-11-15.log", "che168-2026-09-01.log", "che168-2025-01-01.log");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("che168-2026-11-23.log", "che168-2026-11-16.log", "notes.txt",
                            "che168-latest.log");
        }
    }

    @Test
    void aMissingDirectoryIsNoProblem() {
        assertThat(LogRetention.deleteOldFiles(dir.resolve("none"), 7, LocalDate.now())).isEmpty();
    }
}
