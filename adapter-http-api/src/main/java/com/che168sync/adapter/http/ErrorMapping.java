package com.che168sync.adapter.http;

import com.che168sync.application.port.in.api.InvalidQueryException;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error, mapped once on the routing to {@code {"error": {"code", "message", "parameter"}}}: bad input 400
 * (never 500), Helidon's own HTTP errors with their status, a database that does not answer 503, anything else
 * 500 with the details in the log only.
 */
final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    static void register(HttpRouting.Builder routing) {
        routing.error(InvalidQueryException.class, (req, res, e) ->
                        send(req, res, 400, "invalid_parameter", e.getMessage(), e.parameter()))
                .error(ApiError.class, (req, res, e) -> send(req, res, e.status(), e.code(), e.getMessage(),
                        e.parameter()))
                .error(HttpException.class, (req, res, e) -> {
                    int status = e.status().code();
                    send(req, res, status, status >= 500 ? "internal_error" : "bad_request",
                            status >= 500 ? "internal error" : e.status().reasonPhrase(), null);
                })
                .error(Exception.class, ErrorMapping::unexpected);
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        if (causedBy(e, SQLException.class)) {
            LOG.error("Database unavailable while serving {}: {}", req.path().path(), e.getMessage());
            send(req, res, 503, "unavailable", "the database is not available, try again shortly", null);
        } else {
            LOG.error("Unexpected error while serving {}", req.path().path(), e);
            send(req, res, 500, "internal_error", "internal error", null);
        }
    }

    private static void send(ServerRequest req, ServerResponse res, int status, String code, String message,
                             String parameter) {
        if (res.isSent()) {
            return;
        }
        Responses.error(req, res, status, code, message, parameter);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
