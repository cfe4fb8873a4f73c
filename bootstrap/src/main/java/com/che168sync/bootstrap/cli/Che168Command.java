package com.che168sync.bootstrap.cli;

import com.che168sync.bootstrap.config.DbConfig;
import com.che168sync.bootstrap.config.SecretFiles;
import com.che168sync.bootstrap.config.Settings;
import com.che168sync.bootstrap.config.SettingsLoader;
import com.che168sync.bootstrap.logging.LoggingSetup;
import com.che168sync.bootstrap.wiring.AppComponent;
import com.che168sync.bootstrap.wiring.DaggerAppComponent;
import com.che168sync.bootstrap.wiring.SchemaPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code che168}: the root of the command tree. Its options ({@code --config}, {@code --help}, {@code --version})
 * are inherited by every command. To add a command: write a class extending {@link AppCommand} in this package and
 * list it in {@code subcommands} below (or under its parent, e.g. {@link TokensCommand}).
 */
@Command(name = Che168Command.NAME, mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = Che168Command.Version.class,
        description = "Keeps a complete, current copy of the che168.com used-car listings in PostgreSQL and serves "
                + "it through a token-protected REST API.",
        footer = {"", "Exit codes: 0 = OK, 1 = finished with errors, 2 = refused (bad arguments or settings, or "
                + "another run holds the lock).",
                "Settings: config.yaml (--config), .env in the working directory, environment variables on top."},
        subcommands = {
                InitCommand.class,
                MigrateCommand.class,
                TokensCommand.class,
                LoadCommand.class,
                UpdateCommand.class,
                NormalizeCommand.class,
                DailyCommand.class,
                ReconcileCommand.class,
                ServeCommand.class,
                StatusCommand.class,
                SandboxCommand.class,
                DemoCommand.class,
                BenchStubCommand.class,
        })
public final class Che168Command implements Callable<Integer>, AutoCloseable {
    /** The program's name as the operator types it. */
    public static final String NAME = "che168";
    private static final Logger LOG = LoggerFactory.getLogger(Che168Command.class);

    private final Map<String, String> environment;
    private final Path workDir;
    private Settings settings;
    private SchemaPolicy schemaPolicy = SchemaPolicy.MIGRATE;
    private AppComponent component;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Settings file (default: ./config.yaml; built-in defaults when it is absent).")
    private Path config;

    public Che168Command(Map<String, String> environment, Path workDir) {
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
    }

    /** {@code che168} alone: the usage, and exit 2 (no command given). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.REFUSED;
    }

    /**
     * How every command runs: help requests are answered without reading settings; otherwise settings are loaded
     * and validated, logging is configured, a {@code .env} holding secrets that others can read is warned about
     * ({@link SecretFiles}), then the command's {@code call()} runs.
     */
    public int execute(ParseResult parseResult) {
        List<String> unmatched = leaf(parseResult).unmatched();
        if (!unmatched.isEmpty()) {
            // `che168 foo --help`: picocli lets a help request win over an unknown command; scripts rely on exit 2
            throw new CommandLine.UnmatchedArgumentException(leaf(parseResult).commandSpec().commandLine(),
                    unmatched);
        }
        Integer helpExit = CommandLine.executeHelpRequest(parseResult);
        if (helpExit != null) {
            return helpExit;
        }
        settings = SettingsLoader.load(configOption(parseResult), workDir, environment);
        if (leaf(parseResult).commandSpec().userObject() instanceof AppCommand command) {
            schemaPolicy = command.schemaPolicy();
        }
        LoggingSetup.configure(settings.logging(), settings.secrets(),
                logTag(leaf(parseResult).commandSpec().qualifiedName(" "), settings.db()));
        SecretFiles.warnings(workDir).forEach(LOG::warn);
        return new CommandLine.RunLast().execute(parseResult);
    }

    /** {@code load pid 4242 db che168@localhost:5432} or {@code … db che168@embedded:/srv/data/postgres}. */
    static String logTag(String qualifiedName, DbConfig db) {
        String command = qualifiedName.startsWith(NAME + " ") ? qualifiedName.substring(NAME.length() + 1)
                : qualifiedName;
        String where = db.embedded() ? "embedded:" + db.embeddedDataDir().toAbsolutePath().normalize()
                : db.host().orElseThrow() + ":" + db.port();
        return command + " pid " + ProcessHandle.current().pid() + " db " + db.name() + "@" + where;
    }

    /** The validated settings (after {@link #execute}). */
    Settings settings() {
        if (settings == null) {
            throw new IllegalStateException("settings are read when a command runs");
        }
        return settings;
    }

    /** The object graph of this run, created on first use. */
    synchronized AppComponent app() {
        if (component == null) {
            component = DaggerAppComponent.factory().create(settings(), schemaPolicy);
        }
        return component;
    }

    /** Closes what the run opened (database pool, embedded PostgreSQL, servers). */
    @Override
    public synchronized void close() {
        if (component != null) {
            component.lifecycle().close();
        }
    }

    private static ParseResult leaf(ParseResult parseResult) {
        ParseResult level = parseResult;
        while (level.hasSubcommand()) {
            level = level.subcommand();
        }
        return level;
    }

    private Path configOption(ParseResult parseResult) {
        Path found = config;
        for (ParseResult level = parseResult; level != null;
             level = level.hasSubcommand() ? level.subcommand() : null) {
            Path value = level.matchedOptionValue("--config", null);
            if (value != null) {
                found = value;
            }
        }
        return found;
    }

    /** {@code --version}: the version in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Che168Command.class.getPackage().getImplementationVersion();
            return new String[] {"che168-sync " + (version == null ? "(development build)" : version)};
        }
    }
}
