package com.che168sync.adapter.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Errors Helidon answers before routing (a request line or header it cannot parse, a too-long request line) get the
 * same JSON error shape as everything else, and bad input is always status 400 (the message names Helidon's reason,
 * e.g. "Request-URI Too Long"). The offending bytes are not echoed.
 */
final class TransportErrors implements DirectHandler {
    private TransportErrors() {
    }

    static DirectHandlers handlers() {
        TransportErrors handler = new TransportErrors();
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        int code = defaultStatus.code();
        String errorCode = switch (eventType) {
            case BAD_REQUEST -> "bad_request";
            case PAYLOAD_TOO_LARGE -> "too_large";
            case FORBIDDEN -> "forbidden";
            case HTTP_VERSION_NOT_SUPPORTED -> "http_version_not_supported";
            default -> code >= 500 ? "internal_error" : "bad_request";
        };
        String text = code >= 500 ? "internal error" : "the request could not be parsed: " + defaultStatus
                .reasonPhrase();
        responseHeaders.set(HeaderNames.CONTENT_TYPE, Responses.JSON);
        return TransportResponse.builder()
                // bad input is a 400, whatever part of the request was bad (e.g. 414 URI Too Long → 400)
                .status(code >= 400 && code < 500 && eventType != EventType.FORBIDDEN ? Status.BAD_REQUEST_400
                        : defaultStatus)
                .headers(responseHeaders)
                .keepAlive(false)
                .entity(JsonBodies.error(errorCode, text, null))
                .build();
    }
}
