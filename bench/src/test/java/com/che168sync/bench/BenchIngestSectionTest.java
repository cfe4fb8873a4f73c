package com.che168sync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchIngestSectionTest {
    @TempDir
    Path dir;

    private static String section(String body) {
        return BenchIngestCommand.SECTION_START + "\n" + body + "\n" + BenchIngestCommand.SECTION_END + "\n";
    }

    @Test
    void sectionIsAppendedOnceThenReplacedLeavingOtherSectionsAlone() throws Exception {
        Path file = dir.resolve("PERFORMANCE.md");
        Files.writeString(file, "# Performance\n\n## API\nfast\n");
        BenchIngestCommand.writeSection(file, section("first"));
        BenchIngestCommand.writeSection(file, section("second"));
        String text = Files.readString(file);
        assertThat(text).startsWith("# Performance\n\n## API\nfast\n").contains("second").doesNotContain("first");
        assertThat(text.split(java.util.regex.Pattern.quote(BenchIngestCommand.SECTION_START), -1)).hasSize(2);
    }

    @Test
    void missingFileIsCreated() throws Exception {
        Path file = dir.resolve("docs").resolve("PERFORMANCE.md");
        BenchIngestCommand.writeSection(file, section("x"));
        assertThat(Files.readString(file)).startsWith("# Performance").contains("x");
    }

    @Test
    void medianOfOddAndEvenRuns() {
        assertThat(BenchIngestCommand.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(BenchIngestCommand.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    }
}
