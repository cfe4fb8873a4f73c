/** The picocli command tree of {@code ./che168}: {@link com.che168sync.bootstrap.cli.Che168Command} and one {@link com.che168sync.bootstrap.cli.AppCommand} per command; exit codes in {@link com.che168sync.bootstrap.cli.ExitCode}. */
package com.che168sync.bootstrap.cli;
