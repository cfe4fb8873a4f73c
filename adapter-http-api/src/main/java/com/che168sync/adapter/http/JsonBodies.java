package com.che168sync.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;

/** Writes JSON bodies with Jackson's streaming generator (stored listings are copied as raw JSON, never parsed). */
final class JsonBodies {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonBodies() {
    }

    /** What a body writer does with the generator. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] write(Body body) {
        return write(4096, body);
    }

    /** With a guess of the size, to spare the buffer's regrowth on large pages. */
    static byte[] write(int expectedBytes, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(expectedBytes);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] error(String code, String message, String parameter) {
        return write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            g.writeStringField("parameter", parameter);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    static void field(JsonGenerator g, String name, Instant value) throws IOException {
        g.writeStringField(name, value == null ? null : value.toString());
    }

    static void field(JsonGenerator g, String name, LocalDate value) throws IOException {
        g.writeStringField(name, value == null ? null : value.toString());
    }

    static void field(JsonGenerator g, String name, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    static void field(JsonGenerator g, String name, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }
}
