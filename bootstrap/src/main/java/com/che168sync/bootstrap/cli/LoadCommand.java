package com.che168sync.bootstrap.cli;

import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.ingest.LoadCatalogueCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code che168 load}: the initial load (docs/rules.md#initial-load). */
@Command(name = "load", description = {
        "Initial load: page through the source's /offers into raw_data. Every page commits with its checkpoint:"
                + " after an interruption (crash, kill, reboot) the next run resumes after the last stored page.",
        "A page that still fails after the retries (retry.attempts x retry.interval) is recorded and skipped;"
                + " fetch those pages again with --refetch-failed."})
public final class LoadCommand extends AppCommand {
    @Option(names = "--max-pages", paramLabel = "N", description = "Stop after N pages in this run (test runs).")
    private Integer maxPages;

    @Option(names = "--restart", description = "Forget the checkpoint and load from page 1 again (rows already stored"
            + " stay; duplicates are ignored).")
    private boolean restart;

    @Option(names = "--refetch-failed", description = "Fetch again the pages an earlier run gave up on.")
    private boolean refetchFailed;

    @Override
    public Integer call() {
        LoadCatalogueCommand command;
        try {
            command = new LoadCatalogueCommand(maxPages, restart, refetchFailed);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(e.getMessage());
        }
        return IngestOutput.report(app().loadCatalogue().load(command), out(), err());
    }

    /** Prints a run's outcome for the operator; returns its exit code. */
    static final class IngestOutput {
        private IngestOutput() {
        }

        static int report(IngestResult result, java.io.PrintWriter out, java.io.PrintWriter err) {
            switch (result) {
                case IngestResult.Completed c -> out.println(c.message() + System.lineSeparator() + c.stats().summary());
                case IngestResult.CompletedWithErrors e -> {
                    out.println("Finished with errors: " + e.stats().summary());
                    e.errors().forEach(m -> err.println("  " + m));
                }
                case IngestResult.Refused r -> err.println("Refused: " + r.reason());
            }
            out.flush();
            err.flush();
            return result.exitCode();
        }
    }
}
