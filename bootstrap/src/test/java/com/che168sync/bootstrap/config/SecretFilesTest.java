package com.che168sync.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
    @TempDir
    Path dir;

    private Path env(String content, String mode) throws IOException {
        Path file = dir.resolve(".env");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void aWorldReadableEnvWithASecretIsWarnedAboutNamingTheFileTheSecretsAndTheFix() throws IOException {
        Path file = env("DB_HOST=db\nDB_PASSWORD=hunter2-secret\nCHE168_API_KEY=key-secret\n", "rw-r--r--");
        assertThat(SecretFiles.warnings(dir)).singleElement().asString()
                .contains(file.toString(), "DB_PASSWORD, CHE168_API_KEY", "other users can read it",
                        "rw-r--r--", "chmod 600 " + file)
                .doesNotContain("hunter2-secret", "key-secret");
    }

    @Test
    void aGroupReadableOneIsWarnedAboutToo() throws IOException {
        env("SECRET_KEY=abc\n", "rw-r-----");
        assertThat(SecretFiles.warnings(dir)).singleElement().asString().contains("SECRET_KEY", "chmod 600");
    }

    @Test
    void anOwnerOnlyEnvIsFine() throws IOException {
        env("DB_PASSWORD=hunter2-secret\n", "rw-------");
        assertThat(SecretFiles.warnings(dir)).isEmpty();
    }

    @Test
    void aReadableEnvWithoutAnySecretIsFine() throws IOException {
        env("DB_HOST=db\nDB_PASSWORD=\nAPI_PORT=8080\n", "rw-r--r--");
        assertThat(SecretFiles.warnings(dir)).isEmpty();
    }

    @Test
    void noEnvFileNoWarning() {
        assertThat(SecretFiles.warnings(dir)).isEmpty();
    }
}
