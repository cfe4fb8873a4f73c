package com.che168sync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mvnw} and {@code ./che168} in a plain shell whose default {@code java} (and JAVA_HOME) is a Java 17: both
 * find a JDK 21+ among the installed JDKs by themselves (the one running this test, placed in a JDK directory of its
 * own), and say clearly when there is none.
 */
class LauncherScriptsSystemTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path RUNNING_JDK = Path.of(System.getProperty("java.home"));

    @TempDir
    Path dir;

    private Path old;
    private Path jvms;
    private Path bin;

    /** A JDK 17 (release file, java and javac that fail if run) on PATH and as JAVA_HOME; an empty JDK directory. */
    @BeforeEach
    void java17Only() throws IOException {
        old = Files.createDirectories(dir.resolve("jdk-17/bin"));
        Files.writeString(dir.resolve("jdk-17/release"), "JAVA_VERSION=\"17.0.12\"\n");
        for (String tool : List.of("java", "javac")) {
            Path stub = Files.writeString(old.resolve(tool), "#!/bin/sh\necho 'Java 17 cannot build this' >&2\n"
                    + "exit 1\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        jvms = Files.createDirectories(dir.resolve("jvm"));
        bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("java"), old.resolve("java"));
    }

    private record Result(int exit, String output) {
    }

    private Result run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("JAVA") || k.startsWith("MAVEN") || k.startsWith("CHE168_"));
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("JAVA_HOME", old.getParent().toString());
        env.put("CHE168_JVM_DIR", jvms.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void mvnwFindsAJdk21OrNewerByItself() throws Exception {
        Files.createSymbolicLink(jvms.resolve("some-jdk"), RUNNING_JDK);
        Result run = run("./mvnw", "-o", "-v");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("Java version: " + System.getProperty("java.version"))
                .contains("JAVA_HOME (" + old.getParent() + ") is not a JDK 21 or newer; using " + jvms);
    }

    @Test
    void mvnwSaysSoWhenThereIsNone() throws Exception {
        Result run = run("./mvnw", "-o", "-v");
        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("no JDK 21 or newer found", "JAVA_HOME", jvms + "/*", "PATH")
                .doesNotContain("Apache Maven");
    }

    @Test
    void che168FindsItToo() throws Exception {
        Files.createSymbolicLink(jvms.resolve("some-jdk"), RUNNING_JDK);
        Result run = run("./che168", "--version");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).startsWith("che168-sync ");

        Files.delete(jvms.resolve("some-jdk"));
        Result none = run("./che168", "--version");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.output()).contains("no Java 21 or newer found");
    }
}
