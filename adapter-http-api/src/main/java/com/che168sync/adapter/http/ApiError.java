package com.che168sync.adapter.http;

/** An HTTP error with its JSON code; thrown by handlers, turned into the error shape by {@link ErrorMapping}. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String parameter;

    ApiError(int status, String code, String message, String parameter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.parameter = parameter;
    }

    static ApiError badRequest(String parameter, String message) {
        return new ApiError(400, "invalid_parameter", message, parameter);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String parameter() {
        return parameter;
    }
}
