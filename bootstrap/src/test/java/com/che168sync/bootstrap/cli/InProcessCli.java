package com.che168sync.bootstrap.cli;

import com.che168sync.bootstrap.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ./che168} run in this JVM through {@link Main#run}, as the launcher would run it, with stdout and stderr
 * captured across runs (safe to read while a command still runs on another thread).
 */
final class InProcessCli {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs the command in {@code dir} with exactly {@code env} (LOG_DIR defaults to dir/logs); the exit code. */
    int run(Path dir, Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("LOG_DIR", dir.resolve("logs").toString());
        return Main.run(args, all, dir, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Everything written to stdout so far. */
    String out() {
        return out.toString();
    }

    /** Everything written to stderr so far. */
    String err() {
        return err.toString();
    }

    /** Forgets what stdout held, so that the next assertions see only the next run's output. */
    void clearOut() {
        out.getBuffer().setLength(0);
    }
}
