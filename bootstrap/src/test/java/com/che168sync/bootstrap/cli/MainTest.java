package com.che168sync.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli();

    private int run(Map<String, String> env, String... args) {
        return cli.run(dir, env, args);
    }

    @Test
    void helpListsEveryCommandOfTheSpec() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(cli.out()).contains("init", "migrate", "tokens", "load", "update", "normalize", "daily",
                "serve", "status", "sandbox", "demo", "bench", "--config");
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "migrate", "tokens", "tokens create", "tokens list", "tokens revoke",
            "tokens describe", "load", "update", "normalize", "daily", "serve", "status", "sandbox", "demo", "bench"})
    void everyCommandHasHelp(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        assertThat(run(Map.of("DB_PORT", "not-read-for-help"), args.toArray(String[]::new))).isZero();
        assertThat(cli.out()).startsWith("Usage: che168 " + command);
    }

    @Test
    void benchIsNotInTheProductJarAndSaysWhereItIs() {
        assertThat(run(Map.of(), "bench", "normalize")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("not part of this jar").contains("./che168 bench");
    }

    @Test
    void sandboxHelpKeepsItsUrlOnOneLineAndSaysWhatToRun() {
        assertThat(run(Map.of(), "sandbox", "--help")).isZero();
        assertThat(cli.out()).contains("\n  CHE168_BASE_URL=http://127.0.0.1:PORT/api/v2/che168\n")
                .contains("./che168 load, then ./che168 update --from FIRST_CHANGE_DAY");
        assertThat(cli.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void noCommandPrintsUsageAndRefuses() {
        assertThat(run(Map.of())).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("Usage: che168");
    }

    @Test
    void anUnknownCommandIsRefusedWithASuggestionAndNoStackTrace() {
        assertThat(run(Map.of(), "stauts")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("stauts").contains("status").doesNotContain("\tat ", "Exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "--version"})
    void anUnknownCommandIsRefusedWhateverFollowsIt(String option) {
        assertThat(run(Map.of(), "frobnicate", option)).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("frobnicate").doesNotContain("\tat ", "Exception");
        assertThat(cli.out()).doesNotContain("Usage:");
        assertThat(run(Map.of(), "tokens", "frobnicate", option)).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("frobnicate");
    }

    @Test
    void anUnknownOptionIsRefused() {
        assertThat(run(Map.of(), "status", "--verbose-please")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("--verbose-please").contains("che168 status --help");
    }

    @Test
    void aBadSettingIsRefusedNamingTheKey() {
        assertThat(run(Map.of("DB_PORT", "abc"), "status")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("DB_PORT").doesNotContain("\tat ", "Exception");
    }

    @Test
    void theConfigOptionIsAcceptedAfterTheCommandToo() {
        assertThat(run(Map.of(), "load", "--config", "nowhere.yaml")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("nowhere.yaml");
    }

    @Test
    void anUnknownCommandIsRefusedByName() {
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("frobnicate");
    }
}
