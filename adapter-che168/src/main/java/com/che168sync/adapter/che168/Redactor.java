package com.che168sync.adapter.che168;

/** Replaces the API key wherever text from outside (a response, a library's message) might echo it. */
final class Redactor {
    static final String MASK = "***";
    private final String secret;

    Redactor(String secret) {
        this.secret = secret;
    }

    String redact(String text) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, MASK);
    }
}
