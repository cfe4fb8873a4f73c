package com.che168sync.bootstrap.logging;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Removes secrets from log text before it is written anywhere. Three layers:
 * <ol>
 *   <li>the configured secret values (database password, source API key, secret key) and any value
 *       {@link #addSecret(String) registered} later, replaced wherever they appear;</li>
 *   <li>credentials by position: {@code api_key=...} in URLs and forms, {@code password=...},
 *       {@code Authorization: Bearer ...}, {@code X-API-Key: ...};</li>
 *   <li>anything shaped like one of our API tokens: a 16-character {@code [A-Za-z0-9]} word mixing upper case,
 *       lower case and digits.</li>
 * </ol>
 */
public final class SecretMasker {
    /** What a masked value becomes. */
    public static final String MASK = "***";

    private static final SecretMasker GLOBAL = new SecretMasker();
    private static final Pattern KEYED = Pattern.compile(
            "(?i)((?:api[_-]?key|apikey|x-api-key|password|passwd|pwd|secret[_-]?key|token)\\s*[=:]\\s*\"?)"
                    + "[^&\\s\"',;)}\\]]+");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern TOKEN_SHAPED = Pattern.compile(
            "(?<![A-Za-z0-9])(?=[A-Za-z0-9]{0,15}[a-z])(?=[A-Za-z0-9]{0,15}[A-Z])(?=[A-Za-z0-9]{0,15}[0-9])"
                    + "[A-Za-z0-9]{16}(?![A-Za-z0-9])");

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    /** The masker every log line of the process goes through. */
    public static SecretMasker global() {
        return GLOBAL;
    }

    /** Never log this value (values shorter than 4 characters are ignored: masking them would garble text). */
    public void addSecret(String secret) {
        if (secret != null && secret.length() >= 4 && !secrets.contains(secret)) {
            secrets.add(secret);
            // longest first, so a secret containing another is masked whole
            secrets.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    /** Registers several secrets at once. */
    public void addSecrets(Collection<String> values) {
        values.forEach(this::addSecret);
    }

    /** The text with every secret replaced by {@link #MASK}. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        result = KEYED.matcher(result).replaceAll("$1" + MASK);
        result = BEARER.matcher(result).replaceAll("$1" + MASK);
        return TOKEN_SHAPED.matcher(result).replaceAll(MASK);
    }
}
