package com.che168sync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Optional;

/** Calls the sandbox's document methods directly, as the HTTP layer does without faults. */
final class InProcessFetcher implements ReferenceMirror.Fetcher {
    private final Sandbox sandbox;

    InProcessFetcher(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public JsonNode get(String pathAndQuery) {
        String path = pathAndQuery.substring(0, pathAndQuery.indexOf('?'));
        String value = pathAndQuery.substring(pathAndQuery.indexOf('=') + 1);
        byte[] body = switch (path) {
            case "/offers" -> sandbox.offersPage(Long.parseLong(value), Sandbox.MetaMode.NORMAL);
            case "/changes" -> sandbox.changesPage(Long.parseLong(value), Sandbox.MetaMode.NORMAL);
            case "/change_id" -> ("{\"change_id\":" + sandbox.changeIdFor(LocalDate.parse(value)) + "}").getBytes();
            case "/offer" -> {
                Optional<byte[]> offer = sandbox.offer(value);
                yield offer.orElse(null);
            }
            default -> throw new IllegalArgumentException(pathAndQuery);
        };
        try {
            return body == null ? null : ReferenceMirror.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
