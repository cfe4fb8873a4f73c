package com.che168sync.bootstrap.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code che168 bench} in the product jar: the benchmarks live in the {@code bench} module (they are not part of
 * the product); {@code ./che168 bench …} in a source checkout runs that module's jar, whose {@code bench} replaces
 * this one. Here it only says so, with exit 2.
 */
@Command(name = "bench", description = {
        "Benchmarks against the sandbox at full size (results for docs/PERFORMANCE.md).",
        "Not in this jar: ./che168 bench in a source checkout runs them (bench/target/che168-bench.jar)."})
public final class BenchStubCommand extends AppCommand {
    @Parameters(hidden = true, arity = "0..*")
    private List<String> benchmark;

    @Override
    public Integer call() {
        err().println("che168 bench: the benchmarks are not part of this jar; run ./che168 bench in a source checkout"
                + " (it builds and runs bench/target/che168-bench.jar)");
        return ExitCode.REFUSED;
    }
}
