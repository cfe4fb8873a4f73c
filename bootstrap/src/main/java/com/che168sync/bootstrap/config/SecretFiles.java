package com.che168sync.bootstrap.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Secrets at rest, checked at every start the way ssh checks its keys: a {@code .env} that holds a secret
 * ({@code DB_PASSWORD}, {@code CHE168_API_KEY}, {@code SECRET_KEY}) and that other users can read gets a warning
 * naming the file and the {@code chmod} that fixes it. ({@code config.yaml} cannot hold a secret: those keys are
 * refused there.) Only the names of the secrets are ever shown, never their values.
 */
public final class SecretFiles {
    private static final Set<PosixFilePermission> OTHERS_MAY_READ = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private SecretFiles() {
    }

    /** The warnings for the settings files of {@code workDir} (the {@code .env} the product reads), if any. */
    public static List<String> warnings(Path workDir) {
        List<String> warnings = new ArrayList<>();
        dotenvWarning(workDir.resolve(".env").toAbsolutePath().normalize()).ifPresent(warnings::add);
        return warnings;
    }

    static Optional<String> dotenvWarning(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty(); // not a POSIX file system (its ACLs are the operator's business) or unreadable
        }
        if (permissions.stream().noneMatch(OTHERS_MAY_READ::contains)) {
            return Optional.empty();
        }
        Set<String> declared = new HashSet<>();
        try {
            Dotenv dotenv = Dotenv.configure().directory(file.getParent().toString())
                    .filename(file.getFileName().toString()).load();
            for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                if (!entry.getValue().isBlank()) {
                    declared.add(entry.getKey());
                }
            }
        } catch (DotenvException e) {
            return Optional.empty(); // the settings loader reports a malformed file
        }
        List<String> held = Arrays.stream(SettingKey.values()).filter(SettingsLoader.SECRETS::contains)
                .map(SettingKey::name).filter(declared::contains).toList();
        if (held.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(file + " holds " + String.join(", ", held) + " and other users can read it (mode "
                + PosixFilePermissions.toString(permissions) + "): run chmod 600 " + file);
    }
}
