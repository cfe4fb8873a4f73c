package com.che168sync.bootstrap.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built product as the operator runs it, for system tests: {@code java -jar target/che168-sync.jar <command>} in
 * its own JVM and working directory, with none of this machine's product settings leaking in.
 */
public final class ProductProcess {
    /** The jar {@code ./mvnw package} builds; failsafe runs the system tests after the package phase. */
    public static final Path JAR = Path.of("target", "che168-sync.jar").toAbsolutePath();

    private ProductProcess() {
    }

    /**
     * {@code java <jvmOptions> -jar che168-sync.jar <args>} in {@code workDir}; the environment is this one without
     * {@code DB_*}, {@code CHE168_*}, {@code API_*}, {@code DATA_DIR} and {@code LOG_DIR}, plus {@code env}.
     */
    public static ProcessBuilder builder(Path workDir, Map<String, String> env, List<String> jvmOptions,
                                         String... args) {
        assertThat(JAR).as("the jar ./mvnw package builds (system tests run after the package phase)")
                .isRegularFile();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("DB_") || k.startsWith("CHE168_") || k.startsWith("API_")
                || k.equals("DATA_DIR") || k.equals("LOG_DIR"));
        environment.putAll(env);
        return builder;
    }

    /** Starts a long-running command ({@code serve}, {@code demo}); its stdout and stderr go to a file. */
    public static Running start(Path workDir, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException {
        Path output = Files.createTempFile(workDir, (args.length > 0 ? args[0] : "che168") + "-", ".out");
        Process process = builder(workDir, env, jvmOptions, args).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new Running(process, output);
    }

    /** A port nothing listens on right now, for the product's API_PORT. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A started command and the file its output (stdout and stderr) goes to. */
    public record Running(Process process, Path log) {
        /** The output so far, line by line. */
        public List<String> lines() {
            try {
                return Files.readAllLines(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError("cannot read the output " + log, e);
            }
        }

        /** The output so far. */
        public String output() {
            return String.join("\n", lines());
        }

        /** The first line of the output so far that matches {@code pattern}. */
        public Optional<Matcher> find(Pattern pattern) {
            for (String line : lines()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }

        /** Group 1 of the first line matching {@code pattern}, waiting for it (the process must keep running). */
        public String awaitMatch(Pattern pattern, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<Matcher> m = find(pattern);
                if (m.isPresent()) {
                    return m.get().groupCount() > 0 ? m.get().group(1) : m.get().group();
                }
                if (!process.isAlive()) {
                    throw new AssertionError("the process ended (exit " + process.exitValue() + ") before printing "
                            + pattern + ":\n" + output());
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no line " + pattern + " within " + timeout + ":\n" + output());
        }
    }
}
