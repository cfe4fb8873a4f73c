package com.che168sync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.bootstrap.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command tree of {@code che168-bench.jar}: the product's commands, with the real {@code bench} group. */
class BenchMainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, Map.of("LOG_DIR", dir.resolve("logs").toString()), dir, new PrintWriter(out, true),
                new PrintWriter(err, true), List.of(new BenchCommand()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bench", "bench ingest", "bench normalize", "bench api", "load", "serve"})
    void everyCommandHasHelp(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        assertThat(run(args.toArray(String[]::new))).isZero();
        assertThat(out.toString()).startsWith("Usage: che168 " + command);
    }

    @Test
    void benchListsItsBenchmarksAndTheInheritedOptions() {
        assertThat(run("bench", "--help")).isZero();
        assertThat(out.toString()).contains("ingest", "normalize", "api", "--config=FILE", "-h, --help",
                "-V, --version");
    }

    @Test
    void benchAloneShowsItsUsageAndRefuses() {
        assertThat(run("bench")).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: che168 bench").contains("normalize");
    }

    @Test
    void theRootHelpListsBenchOnce() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString().split("\n  bench ", -1)).hasSize(2);
    }

    @Test
    void normalizeSectionReplacesItselfInThePerformanceFile() throws Exception {
        Path file = dir.resolve("PERFORMANCE.md");
        Files.writeString(file, "# Performance\n\n## Ingest\nkeep me\n");
        BenchNormalizeCommand.writeSection(file, BenchNormalizeCommand.START + "\nfirst\n" + BenchNormalizeCommand.END
                + "\n");
        BenchNormalizeCommand.writeSection(file, BenchNormalizeCommand.START + "\nsecond\n"
                + BenchNormalizeCommand.END + "\n");
        assertThat(Files.readString(file)).contains("keep me").contains("second").doesNotContain("first");
    }
}
