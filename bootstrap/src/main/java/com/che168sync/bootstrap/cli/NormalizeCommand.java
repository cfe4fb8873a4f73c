package com.che168sync.bootstrap.cli;

import com.che168sync.application.port.in.normalize.NormalizeCounts;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import com.che168sync.application.port.out.normalize.UnmappedValue;
import com.che168sync.bootstrap.config.NormalizeConfig;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code che168 normalize}: every raw row waiting for normalization becomes a typed processed_data row. */
@Command(name = "normalize", description = {
        "Turn unprocessed raw_data rows into typed processed_data rows, in batches (one transaction each).",
        "A record that fails is isolated (its neighbours commit), its error is kept in raw_data.normalize_error, "
                + "and it is left alone after normalize.max_attempts failed runs until the raw row changes.",
        "Exit code: 0 all normalized, 1 some records failed or the run was aborted, 2 refused (another run holds "
                + "the lock, bad options)."})
public final class NormalizeCommand extends AppCommand {
    @Option(names = "--batch-size", paramLabel = "N",
            description = "Raw rows per transaction (1..10000; default normalize.batch_size, 200).")
    private Integer batchSize;

    @Option(names = "--all", description = "Re-normalize everything: every raw row is queued again first (use after "
            + "raising the normalizer version or growing a dictionary).")
    private boolean all;

    @Option(names = "--report-unmapped", description = "After the run, list the labels no dictionary maps (code "
            + "'unknown'), by field, with how many listings carry them.")
    private boolean reportUnmapped;

    @Override
    public Integer call() {
        NormalizeConfig config = settings().normalize();
        int size = batchSize == null ? config.batchSize() : batchSize;
        if (size < 1 || size > 10_000) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be between 1 and 10000, got " + size);
        }
        NormalizeResult result = app().normalize().normalize(
                new com.che168sync.application.port.in.normalize.NormalizeListingsCommand(size, config.maxAttempts(), all,
                        reportUnmapped));
        PrintWriter out = out();
        return switch (result) {
            case NormalizeResult.Refused refused -> {
                err().println("normalize refused: " + refused.reason());
                err().flush();
                yield ExitCode.REFUSED;
            }
            case NormalizeResult.Completed done -> {
                NormalizeCounts c = done.counts();
                out.printf(Locale.ROOT, "normalize %s: %,d processed (%,d created, %,d updated, %,d inactive), "
                                + "%,d failed, %,d unmapped labels, %,d parked, in %s%n",
                        done.abortedBecause() != null ? "aborted" : done.withErrors() ? "finished with errors" : "OK",
                        c.processed(), c.created(), c.updated(), c.deactivated(), c.failed(), c.unmapped(), c.parked(),
                        Formats.duration(done.elapsed()));
                if (done.abortedBecause() != null) {
                    out.println("aborted: " + done.abortedBecause());
                }
                done.failures().stream().limit(20).forEach(f -> out.println("failed " + f));
                if (reportUnmapped) {
                    printUnmapped(out, done);
                }
                out.flush();
                yield done.withErrors() ? ExitCode.ERRORS : ExitCode.OK;
            }
        };
    }

    private static void printUnmapped(PrintWriter out, NormalizeResult.Completed done) {
        if (done.abortedBecause() != null) {
            out.println("Unmapped labels: not reported (the run was aborted).");
            return;
        }
        if (done.unmapped().isEmpty()) {
            out.println("Unmapped labels: none (every label maps to a code).");
            return;
        }
        out.println("Unmapped labels (field, listings, source text) — add them to the dictionaries, see "
                + "docs/normalization.md:");
        String field = null;
        for (UnmappedValue v : done.unmapped()) {
            if (!v.field().equals(field)) {
                field = v.field();
                out.println(field + ":");
            }
            out.printf(Locale.ROOT, "  %,9d  %s%n", v.count(), v.source());
        }
    }
}
