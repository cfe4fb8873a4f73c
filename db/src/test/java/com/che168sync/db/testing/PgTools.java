package com.che168sync.db.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the PostgreSQL client tools ({@code psql}, {@code pg_dump}, {@code pg_restore}) of a major version. */
public final class PgTools {
    private static final Pattern VERSION = Pattern.compile("\\)\\s+(\\d+)");
    private static final List<String> CLIENT_TOOLS = List.of("psql", "pg_dump", "pg_restore");

    private PgTools() {
    }

    /**
     * A directory holding psql, pg_dump and pg_restore whose pg_dump has exactly this major version: {@code PG_BIN}
     * when set, then the usual versioned install directories, then the directories of {@code PATH}.
     */
    public static Optional<Path> clientToolsOf(int major) {
        List<Path> candidates = new ArrayList<>();
        String pgBin = System.getenv("PG_BIN");
        if (pgBin != null && !pgBin.isBlank()) {
            candidates.add(Path.of(pgBin));
        }
        for (String dir : List.of("/usr/lib/postgresql/" + major + "/bin", "/usr/pgsql-" + major + "/bin",
                "/opt/homebrew/opt/postgresql@" + major + "/bin", "/usr/local/opt/postgresql@" + major + "/bin")) {
            candidates.add(Path.of(dir));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir));
                }
            }
        }
        return candidates.stream()
                .filter(dir -> CLIENT_TOOLS.stream().allMatch(tool -> Files.isExecutable(dir.resolve(tool))))
                .filter(dir -> majorOf(dir.resolve("pg_dump")).orElse(-1) == major)
                .findFirst();
    }

    /** The major version printed by {@code tool --version} ({@code pg_dump (PostgreSQL) 17.2} → 17). */
    public static OptionalInt majorOf(Path tool) {
        try {
            Process process = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return OptionalInt.empty();
            }
            Matcher m = VERSION.matcher(out);
            return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
