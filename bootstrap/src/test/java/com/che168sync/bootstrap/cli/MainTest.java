package com.che168sync.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.bootstrap.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("LOG_DIR", dir.resolve("logs").toString());
        return Main.run(args, all, dir, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsEveryCommandOfTheSpec() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("init", "migrate", "tokens", "load", "update", "normalize", "daily",
                "serve", "status", "sandbox", "demo", "bench", "--config");
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "migrate", "tokens", "tokens create", "tokens list", "tokens revoke",
            "tokens describe", "load", "update", "normalize", "daily", "serve", "status", "sandbox", "demo", "bench",
            "bench ingest", "bench normalize", "bench api"})
    void everyCommandHasHelp(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        assertThat(run(Map.of("DB_PORT", "not-read-for-help"), args.toArray(String[]::new))).isZero();
        assertThat(out.toString()).startsWith("Usage: che168 " + command);
    }

    @Test
    void noCommandPrintsUsageAndRefuses() {
        assertThat(run(Map.of())).isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).contains("Usage: che168");
    }

    @Test
    void anUnknownCommandIsRefusedWithASuggestionAndNoStackTrace() {
        assertThat(run(Map.of(), "stauts")).isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).contains("stauts").contains("status").doesNotContain("\tat ", "Exception");
    }

    @Test
    void anUnknownOptionIsRefused() {
        assertThat(run(Map.of(), "status", "--verbose-please")).isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).contains("--verbose-please").contains("che168 status --help");
    }

    @Test
    void aBadSettingIsRefusedNamingTheKey() {
        assertThat(run(Map.of("DB_PORT", "abc"), "status")).isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).contains("DB_PORT").doesNotContain("\tat ", "Exception");
    }

    @Test
    void theConfigOptionIsAcceptedAfterTheCommandToo() {
        assertThat(run(Map.of(), "load", "--config", "nowhere.yaml")).isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).contains("nowhere.yaml");
    }

    @Test
    void anUnknownCommandIsRefusedByName() {
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).contains("frobnicate");
    }
}
