package com.che168sync.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    private static final Path SCRIPTS = Path.of("src/main/resources/db/migration");

    @TempDir
    Path tmp;

    /** The versions of src/main/resources/db/migration, as Flyway numbers them. */
    private static List<MigrationVersion> expected() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> MigrationVersion.fromVersion(n.substring(1, n.indexOf("__")))).sorted().toList();
        }
    }

    @Test
    void scriptVersionsFromTheClasspathDirectoryAreEveryScriptInOrder() throws IOException {
        List<MigrationVersion> versions = Migrations.scriptVersions();
        assertThat(versions).isEqualTo(expected()).isNotEmpty();
        // numeric order, not text order: V10 after V2..V9, V20 last among these
        assertThat(versions.getFirst().getVersion()).isEqualTo("1");
    }

    @Test
    void scriptVersionsAreReadFromAJarTooIgnoringOtherFiles() throws IOException {
        Path jar = tmp.resolve("db.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // directory entries first, as Maven writes them
            for (String name : List.of("db/", "db/migration/", "db/migration/sub/", "db/other/",
                    "db/migration/V1__schema.sql", "db/migration/V2_1__x.sql",
                    "db/migration/V10__y.sql", "db/migration/README.txt", "db/migration/sub/V99__nested.sql",
                    "db/other/V50__elsewhere.sql")) {
                out.putNextEntry(new JarEntry(name));
                if (!name.endsWith("/")) {
                    out.write("SELECT 1;".getBytes());
                }
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(Migrations.scriptVersions(loader)).extracting(MigrationVersion::getVersion)
                    .containsExactly("1", "2.1", "10");
        }
    }
}
