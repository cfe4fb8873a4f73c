package com.che168sync.bootstrap.cli;

import com.che168sync.application.port.in.reconcile.ReconcileResult;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code che168 reconcile}: a full scan of the catalogue that repairs what the change feed missed. */
@Command(name = "reconcile", description = {
        "Reconciliation: page through the whole /offers catalogue (resumable after a crash or kill, like load) and"
                + " repair the mirror where the change feed missed events: store listings missing here, reactivate"
                + " the ones removed here, replace data that differs, and mark removed the active listings absent"
                + " from a complete scan that /offer confirms are gone.",
        "Safety valves: a scan with failed pages removes nothing; a run that would write more than"
                + " reconcile.max_change_share of the active listings changes nothing and exits 1 (--force repairs"
                + " anyway). Changes the daily update wrote after the scan read a listing win over the scan.",
        "Exit codes: 0 repaired, 1 stopped by the valve or finished with errors, 2 refused (another run holds a"
                + " lock)."})
public final class ReconcileCommand extends AppCommand {
    @Option(names = "--restart", description = "Forget the stored scan (finished or not) and scan from page 1 again.")
    private boolean restart;

    @Option(names = "--force", description = "Repair even when the drift is over reconcile.max_change_share.")
    private boolean force;

    @Override
    public Integer call() {
        ReconcileResult result = app().reconcile().reconcile(
                new com.che168sync.application.port.in.reconcile.ReconcileCommand(restart, force));
        PrintWriter out = out();
        PrintWriter err = err();
        switch (result) {
            case ReconcileResult.Repaired r -> {
                out.println((r.errors().isEmpty() ? "Reconciled: " : "Reconciled with errors: ") + r.report().summary());
                r.errors().forEach(m -> err.println("  " + m));
            }
            case ReconcileResult.Stopped s -> {
                out.println("Nothing repaired: " + s.report().summary());
                err.println(s.reason());
            }
            case ReconcileResult.Refused f -> err.println("Refused: " + f.reason());
        }
        out.flush();
        err.flush();
        return result.exitCode();
    }
}
