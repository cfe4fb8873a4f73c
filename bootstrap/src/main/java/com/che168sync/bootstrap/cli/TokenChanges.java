package com.che168sync.bootstrap.cli;

import com.che168sync.application.port.in.tokens.TokenChange;
import java.io.PrintWriter;

/** Prints the outcome of {@code tokens revoke} / {@code tokens describe}; returns the exit code. */
final class TokenChanges {
    private TokenChanges() {
    }

    static int report(TokenChange change, String done, PrintWriter out) {
        return switch (change) {
            case TokenChange.Changed changed -> {
                out.println(done + ": token " + changed.token().id() + " (" + changed.token().masked() + ")"
                        + changed.token().descriptionText().map(d -> ", \"" + d + "\"").orElse(""));
                yield ExitCode.OK;
            }
            case TokenChange.Unchanged unchanged -> {
                out.println("Token " + unchanged.token().id() + " (" + unchanged.token().masked() + "): nothing to do, "
                        + unchanged.reason() + ".");
                yield ExitCode.OK;
            }
            case TokenChange.NotFound notFound -> throw new RefusedException("No API token with " + notFound.ref()
                    + "; see ./che168 tokens list.");
        };
    }
}
