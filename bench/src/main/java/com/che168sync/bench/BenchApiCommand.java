package com.che168sync.bench;

import com.che168sync.bootstrap.cli.AppCommand;
import com.che168sync.bootstrap.cli.ExitCode;
import com.che168sync.bootstrap.cli.RefusedException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code che168 bench api}: the API measured like the database is measured ({@link ApiBench}): wrk against
 * {@code che168 serve} and pgbench on the SQL it runs, same connections, threads and duration, on listings the
 * product loaded from the sandbox and normalized; the results replace the API section of docs/PERFORMANCE.md.
 */
@Command(name = "api", description = {"Benchmark the API with wrk against pgbench on the same SQL (same connections "
        + "and duration): a filtered first page, a make + seller page, a deep cursor page, a listing, /filters, "
        + "distinct searches and a realistic Zipf mix; writes docs/PERFORMANCE.md.",
        "Needs wrk and pgbench (Debian/Ubuntu: apt-get install wrk postgresql-contrib). Fills its own database "
        + "(che168_bench_api on the configured server) from the sandbox with load + normalize, reused by later runs."})
public final class BenchApiCommand extends AppCommand {
    @Option(names = "--listings", paramLabel = "N", defaultValue = "250000",
            description = "Sandbox listings loaded and normalized into the scratch database (default ${DEFAULT-VALUE}).")
    private int listings;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "8",
            description = "Connections of wrk and clients of pgbench (default ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "Length of each wrk and each pgbench run (default ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Runs of every scenario; medians are reported (default ${DEFAULT-VALUE}).")
    private int runs;

    // the server's JIT needs about a minute of traffic: its CPU per list page fell from ~450 to ~200 us over the
    // first 60 s of wrk, so the first scenario measured after 6 x 5 s of warm-up met a half-compiled server
    @Option(names = "--warm-up", paramLabel = "S", defaultValue = "15",
            description = "Seconds of wrk per scenario before anything is measured (default ${DEFAULT-VALUE}: the "
                    + "server's JIT compiler settles after about a minute of traffic).")
    private int warmUp;

    @Option(names = "--wrk", paramLabel = "PATH", description = "wrk to use (default: on PATH).")
    private Path wrk;

    @Option(names = "--pgbench", paramLabel = "PATH", description = "pgbench to use (default: on PATH, else "
            + "/usr/lib/postgresql/*/bin/pgbench).")
    private Path pgbench;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "docs/PERFORMANCE.md",
            description = "Where to write the results (default ${DEFAULT-VALUE}); '-' to only print them.")
    private String report;

    @Override
    public Integer call() throws Exception {
        if (listings < 1000 || connections < 1 || connections > 256 || seconds < 1 || runs < 1 || runs > 9
                || warmUp < 0) {
            throw new ParameterException(spec.commandLine(), "--listings >= 1000, --connections 1..256, --seconds "
                    + ">= 1, --runs 1..9 and --warm-up >= 0 are required");
        }
        try {
            Wrk.find(wrk, System.getenv("PATH"));
            Pgbench.find(pgbench, System.getenv("PATH"));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new RefusedException(e.getMessage());
        }
        ApiBench bench = new ApiBench(settings(), app().database(), app().clock(), out(),
                new ApiBench.Options(listings, connections, seconds, runs, warmUp, wrk, pgbench, report));
        return bench.run() ? ExitCode.OK : ExitCode.ERRORS;
    }
}
