package com.che168sync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 2,500 random and malicious query strings, sent as raw bytes over a socket (so broken percent-encoding and invalid
 * UTF-8 reach the server unchanged): never a 5xx; every refusal a 400 with the JSON error shape.
 */
class FuzzIT {
    private static final String[] NAMES = {"mark", "model", "year_from", "year_to", "price_from", "price_to",
        "km_age_from", "km_age_to", "engine_type", "transmission_type", "body_type", "drive_type", "color", "city",
        "seller", "q", "sort", "page", "limit", "cursor", "unknown", "MARK", "mark[]", "", "%00", "%ZZ", "a%FFb"};
    private static final String[] NASTY = {"'", "' OR '1'='1", "1; DROP TABLE processed_data; --", "\" OR 1=1 --",
        "%27%20OR%201%3D1--", "%", "%%", "%2", "%G0", "%FF", "%C3%28", "%E2%82", "%F0%9F%98%80", "%ED%A0%80",
        "%00", "%0A", "%0D%0A", "\\", "%5C", "_", "%25", "%5F%25", "1e9", "1000000000", "99999999999999999999999",
        "-1", "0", "+1", "1.5", "0x10", "NaN", "Infinity", "２０１５", "2015", "BMW", "bmw", "Бензиновый", "%E6%B7%84",
        "<script>alert(1)</script>", "${jndi:ldap://x/a}", "../../etc/passwd", "%2e%2e%2f", "null", "true", "[]",
        "{}", "price", "-price", "newest", "dealer", "private", "electric", "a".repeat(101), "a".repeat(5000),
        "%E2%80%8B", "%EF%BF%BD", "%7F", "x%C0%80", "100000000000", "2100", "1899"};
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = new TestApi().withListings(500, 10);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void rawUtf8InTheRequestLineGetsA400ThatSaysToPercentEncodeNamingTheParameter() throws IOException {
        String raw = new String("/offers?body_type=suv&city=北京&page=2".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        Response r = send(raw);
        assertThat(r.status()).isEqualTo(400);
        JsonNode error = TestApi.JSON.readTree(r.body()).get("error");
        assertThat(error.get("parameter").asText()).isEqualTo("city");
        assertThat(error.get("message").asText()).startsWith("city holds characters that are not percent-encoded")
                .contains("%E5%8C%97%E4%BA%AC", "--data-urlencode");
        assertThat(send("/offers?body_type=suv&city=%E5%8C%97%E4%BA%AC&page=2").status()).isEqualTo(200);
    }

    @Test
    void noQueryStringGetsA5xxAndEveryRefusalIsA400WithTheJsonShape() throws IOException {
        Random random = new Random(20261123);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            queries.add(randomQuery(random));
        }
        int refused = 0;
        int ok = 0;
        for (String query : queries) {
            for (String path : new String[] {"/offers?", random.nextInt(10) == 0 ? "/offers/" : null}) {
                if (path == null) {
                    continue;
                }
                Response r = send(path + query);
                assertThat(r.status).as(path + query + " → " + r.body).isLessThan(500);
                if (r.status == 400) {
                    refused++;
                    JsonNode error = TestApi.JSON.readTree(r.body).get("error");
                    assertThat(error).as(query + " → " + r.body).isNotNull();
                    assertThat(error.get("code").asText()).isNotBlank();
                    assertThat(error.get("message").asText()).isNotBlank();
                    assertThat(error.has("parameter")).isTrue();
                } else if (r.status == 200) {
                    ok++;
                } else {
                    assertThat(r.status).as(path + query + " → " + r.body).isIn(404, 410);
                }
            }
        }
        assertThat(refused).isGreaterThan(500);
        assertThat(ok).isGreaterThan(100);
    }

    private static String randomQuery(Random random) {
        StringBuilder b = new StringBuilder();
        int pairs = random.nextInt(5);
        for (int p = 0; p < pairs; p++) {
            if (p > 0) {
                b.append(random.nextInt(20) == 0 ? "&&" : "&");
            }
            b.append(NAMES[random.nextInt(NAMES.length)]);
            if (random.nextInt(15) != 0) {
                b.append('=');
                b.append(random.nextBoolean() ? NASTY[random.nextInt(NASTY.length)] : randomValue(random));
            }
        }
        return b.toString();
    }

    private static String randomValue(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Long.toString(random.nextLong() % 100_000_000_000L);
            case 1 -> Integer.toString(1990 + random.nextInt(40));
            case 2 -> {
                StringBuilder s = new StringBuilder();
                for (int i = random.nextInt(6); i >= 0; i--) {
                    s.append('%').append(String.format("%02X", random.nextInt(256)));
                }
                yield s.toString();
            }
            default -> {
                StringBuilder s = new StringBuilder();
                for (int i = random.nextInt(12); i >= 0; i--) {
                    s.append((char) ('!' + random.nextInt(94)));
                }
                yield s.toString().replace(" ", "").replace("#", "").replace("&", "");
            }
        };
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            b.append((char) c);
            if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return b.toString();
    }

    private record Response(int status, String body) {
    }

    /** One raw HTTP/1.1 request: the target goes out byte for byte. */
    private static Response send(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // a client never puts a raw space into a request line; everything else goes out as generated
            out.write(("GET " + target.replace(" ", "%20") + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + TestApi.TOKEN
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            return new Response(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("no answer to GET " + target, e);
        }
    }
}
