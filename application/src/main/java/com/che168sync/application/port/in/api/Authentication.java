package com.che168sync.application.port.in.api;

/** The outcome of checking a request's token. */
public sealed interface Authentication {
    /** A valid token: who it was issued to. */
    record Authenticated(ApiClient client) implements Authentication {
    }

    /** Refused (HTTP 401), with the reason. */
    record Rejected(Reason reason) implements Authentication {
    }

    /** Why a token was refused; unknown and revoked tokens are not told apart. */
    enum Reason {
        MISSING("missing_token", "a token is required: Authorization: Bearer <token> or X-API-Key: <token>"),
        MALFORMED("malformed_token", "the token is malformed: 16 letters and digits expected"),
        INVALID("invalid_token", "unknown or revoked token"),
        EXPIRED("expired_token", "the token has expired");

        private final String code;
        private final String message;

        Reason(String code, String message) {
            this.code = code;
            this.message = message;
        }

        public String code() {
            return code;
        }

        public String message() {
            return message;
        }
    }

    /** The holder of a valid token: id and description only (the token itself never leaves the authenticator). */
    record ApiClient(int tokenId, String description) {
        /** How the client is named in logs: the description, else the token's row id. */
        public String label() {
            return description == null || description.isBlank() ? "token #" + tokenId : description + " (token #"
                    + tokenId + ")";
        }
    }
}
