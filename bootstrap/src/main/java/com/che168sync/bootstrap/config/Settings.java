package com.che168sync.bootstrap.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of the product, read once at start by {@link SettingsLoader} and validated. Services never look
 * settings up themselves: the Dagger modules hand them the record they need.
 *
 * @param configFile the {@code config.yaml} that was read, empty when built-in defaults were used
 * @param dataDir    {@code DATA_DIR}: the embedded PostgreSQL and other local state
 * @param secretKey  {@code SECRET_KEY} (optional; secret)
 */
public record Settings(Optional<Path> configFile, Path dataDir, DbConfig db, SourceConfig source, RetryConfig retry,
                       LoadConfig load, UpdateConfig update, ReconcileConfig reconcile, NormalizeConfig normalize,
                       ApiConfig api,
                       LoggingConfig logging, Optional<String> secretKey) {

    /** The secret values set (database password, source API key, secret key): what logs must never show. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        if (!db.password().isEmpty()) {
            secrets.add(db.password());
        }
        source.apiKey().ifPresent(secrets::add);
        secretKey.ifPresent(secrets::add);
        return secrets;
    }

    @Override
    public String toString() {
        return "Settings[configFile=" + configFile.map(Path::toString).orElse("(defaults)") + ", dataDir=" + dataDir
                + ", " + db + ", " + source + ", " + retry + ", " + load + ", " + update + ", " + reconcile + ", " + normalize + ", "
                + api + ", " + logging + ", secretKey=" + (secretKey.isPresent() ? "***" : "(none)") + "]";
    }
}
