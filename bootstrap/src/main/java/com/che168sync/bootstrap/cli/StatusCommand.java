package com.che168sync.bootstrap.cli;

import com.che168sync.adapter.postgres.PostgresDatabase;
import com.che168sync.application.port.out.ops.OperationRecord;
import com.che168sync.application.port.out.status.LoadCheckpointView;
import com.che168sync.application.port.in.status.ShowStatusUseCase;
import com.che168sync.application.port.in.status.StatusReport;
import com.che168sync.application.port.out.status.SyncStateView;
import com.che168sync.application.port.out.status.TableCounts;
import com.che168sync.bootstrap.config.DbConfig;
import com.che168sync.bootstrap.wiring.SchemaPolicy;
import java.io.PrintWriter;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code che168 status}: counts, the daily update's state, the initial load's checkpoint, the latest runs. Read-only:
 * it never creates the embedded PostgreSQL nor migrates the schema; on a database that is not ready it says what is
 * missing and which command fixes it (exit 2).
 */
@Command(name = "status", description = "Show table counts, the sync state, the load checkpoint and the last "
        + "operations (times are local).")
public final class StatusCommand extends AppCommand {
    @Option(names = "--operations", paramLabel = "N", defaultValue = "" + ShowStatusUseCase.DEFAULT_RECENT,
            description = "How many recent operations to list (0..1000, default ${DEFAULT-VALUE}).")
    private int operations;

    @Override
    protected SchemaPolicy schemaPolicy() {
        return SchemaPolicy.VERIFY;
    }

    @Override
    public Integer call() {
        if (operations < 0 || operations > 1000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--operations must be between 0 and 1000");
        }
        DbConfig db = settings().db();
        if (db.embedded() && !Files.exists(db.embeddedDataDir().resolve("cluster").resolve("PG_VERSION"))) {
            throw new RefusedException("No database yet: there is no embedded PostgreSQL under "
                    + db.embeddedDataDir() + " (DATA_DIR). Run ./che168 init to create it, or set DB_HOST to use a "
                    + "PostgreSQL server.");
        }
        PostgresDatabase database = app().database();
        StatusReport report = app().status().status(operations);
        PrintWriter out = out();
        out.println("che168-sync status at " + Formats.time(report.at()));
        out.println("Database:        " + database.description() + ", schema version "
                + database.schemaVersion().orElse("?"));
        out.println();
        TableCounts c = report.counts();
        out.println("raw_data:        " + Formats.count(c.rawTotal()) + " listings (" + Formats.count(c.rawActive())
                + " active, " + Formats.count(c.rawInactive()) + " removed); " + Formats.count(c.rawUnprocessed())
                + " waiting for normalization, " + Formats.count(c.rawFailed()) + " failed normalization");
        out.println("processed_data:  " + Formats.count(c.processedTotal()) + " listings ("
                + Formats.count(c.processedActive()) + " active)");
        out.println("api_tokens:      " + Formats.count(c.tokensTotal()) + " (" + Formats.count(c.tokensActive())
                + " active)");
        out.println("Initial load:    " + report.loadCheckpoint().map(StatusCommand::load).orElse("not started")
                + (c.failedPages() > 0 ? "; " + Formats.count(c.failedPages()) + " failed page(s) to re-fetch "
                + "(./che168 load --refetch-failed)" : report.loadCheckpoint().isPresent() ? "; 0 failed pages" : ""));
        out.println("Daily update:    " + report.syncState().map(StatusCommand::sync).orElse("no successful day yet")
                + (c.incompleteListings() > 0 ? "; " + Formats.count(c.incompleteListings())
                        + " listing(s) stored from a change event alone, to complete from /offer" : ""));
        out.println("Reconciliation:  " + report.lastReconciliation().map(StatusCommand::reconciliation)
                .orElse("never run (./che168 reconcile)"));
        out.println("Quarantine:      " + Formats.count(c.quarantined()) + " item(s) of the feed in ingest_quarantine"
                + (c.quarantined() > 0 ? " (" + Formats.count(c.quarantined() - c.quarantinedNotStored())
                        + " stored repaired, " + Formats.count(c.quarantinedNotStored()) + " not stored)" : ""));
        if (operations > 0) {
            out.println();
            if (report.recentOperations().isEmpty()) {
                out.println("Recent operations: none yet.");
            } else {
                out.println("Recent operations (newest first):");
                String format = "%6s  %-14s  %-19s  %-11s  %-7s  %s%n";
                out.printf(format, "ID", "TYPE", "STARTED", "DURATION", "STATUS", "DETAILS");
                for (OperationRecord op : report.recentOperations()) {
                    out.printf(format, op.id(), op.operationType(), Formats.time(op.startedAt()),
                            Formats.duration(op.duration()), op.status(), Formats.oneLine(op.details(), 120));
                }
            }
        }
        return ExitCode.OK;
    }

    private static String load(LoadCheckpointView l) {
        String where = "started " + l.loadStartDate() + ", " + Formats.count(l.pagesLoaded()) + " page(s) stored, last "
                + "page " + l.lastPage();
        return l.finishedAt() != null ? "finished " + Formats.time(l.finishedAt()) + " (" + where + ")"
                : "in progress or interrupted: next page " + (l.nextPage() == null ? "-" : l.nextPage()) + " ("
                + where + ", last progress " + Formats.time(l.updatedAt()) + ")";
    }

    /** The last reconciliation and the drift it found and repaired (its operations_log stats). */
    private static String reconciliation(OperationRecord r) {
        String when = "last run " + Formats.time(r.startedAt()) + ", " + r.status();
        if (r.status() == com.che168sync.application.port.out.ops.OperationStatus.RUNNING) {
            return when + " (running, or interrupted: the next run resumes its scan)";
        }
        java.util.Map<String, Object> s = r.stats();
        if (!s.containsKey("added")) {
            return when + " (" + Formats.oneLine(r.details(), 120) + ")";
        }
        return when + "; drift: " + s.get("added") + " added, " + s.get("reactivated") + " reactivated, "
                + s.get("changed") + " changed, " + s.get("removed") + " removed, " + s.get("confirmed_alive")
                + " confirmed alive, " + s.get("unconfirmed") + " unconfirmed, " + s.get("skipped_by_valve")
                + " skipped by the valve (" + s.get("listings_scanned") + " listings scanned, "
                + s.get("failed_pages") + " failed pages)";
    }

    private static String sync(SyncStateView s) {
        return "last successful day " + (s.lastSuccessfulDate() == null ? "-" : s.lastSuccessfulDate())
                + (s.lastChangeId() == null ? "" : ", last change id " + s.lastChangeId()) + " (updated "
                + Formats.time(s.updatedAt()) + ")";
    }
}
