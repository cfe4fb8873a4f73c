package com.che168sync.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/** The schema of record: Flyway scripts under {@code classpath:db/migration}. */
public final class Migrations {
    /** Where the scripts live on the classpath. */
    public static final String LOCATION = "classpath:db/migration";
    private static final String DIRECTORY = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/]*\\.sql");

    private Migrations() {
    }

    /** A Flyway instance for the given database, configured the one way the product uses. */
    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .validateMigrationNaming(true)
                .load();
    }

    /** Applies every pending migration; returns how many ran. */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = flyway(dataSource).migrate();
        return result.migrationsExecuted;
    }

    /**
     * The versions of the versioned scripts shipped with this build ({@code V20__api_indexes.sql} → {@code 20}),
     * ascending, read straight from the classpath (a directory or a jar) without starting Flyway: a few
     * milliseconds, for a start-up check that the database is up to date.
     */
    public static List<MigrationVersion> scriptVersions() {
        return scriptVersions(Migrations.class.getClassLoader());
    }

    static List<MigrationVersion> scriptVersions(ClassLoader classLoader) {
        TreeSet<MigrationVersion> versions = new TreeSet<>();
        try {
            Enumeration<URL> roots = classLoader.getResources(DIRECTORY);
            while (roots.hasMoreElements()) {
                for (String name : fileNames(roots.nextElement())) {
                    Matcher m = VERSIONED.matcher(name);
                    if (m.matches()) {
                        versions.add(MigrationVersion.fromVersion(m.group(1).replace('_', '.')));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migration scripts on the classpath: " + e.getMessage(),
                    e);
        }
        return List.copyOf(versions);
    }

    private static List<String> fileNames(URL root) throws IOException {
        if ("file".equals(root.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                return files.map(p -> p.getFileName().toString()).toList();
            } catch (URISyntaxException e) {
                throw new IOException("unexpected classpath URL " + root, e);
            }
        }
        URLConnection connection = root.openConnection();
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                String prefix = jar.getEntryName() + "/";
                return file.stream().map(JarEntry::getName)
                        .filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0)
                        .map(n -> n.substring(prefix.length())).toList();
            }
        }
        throw new IOException("cannot list " + root + " (neither a directory nor a jar)");
    }
}
