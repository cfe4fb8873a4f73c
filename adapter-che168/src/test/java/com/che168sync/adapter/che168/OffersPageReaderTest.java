package com.che168sync.adapter.che168;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.application.port.out.source.OfferPage;
import com.che168sync.application.port.out.source.SourceMalformedResponseException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OffersPageReaderTest {
    private final OffersPageReader reader = new OffersPageReader(new JsonFactory());

    private OfferPage read(String json, int page) throws Exception {
        return reader.read(json.getBytes(StandardCharsets.UTF_8), page);
    }

    @Test
    void dataIsTheExactSliceEvenWithBracesQuotesEscapesAndMultibyteText() throws Exception {
        String data = "{\"d\": \"a } { \\\" ] [ \\\\\", \"n\": {\"x\": [1, {\"y\": \"}\"}]}, \"汉字\": \"Шампань\\n|\", \"e\": {}}";
        OfferPage page = read("{\"meta\": {\"page\": 2, \"next_page\": 3}, \"result\": [{\"data\": " + data
                + ", \"id\": 5, \"inner_id\": \"77\"}, {\"id\": 6, \"inner_id\": \"78\", \"data\":{}}]}", 2);

        assertThat(page.offers().get(0).dataJson()).isEqualTo(data);
        assertThat(page.offers().get(1).dataJson()).isEqualTo("{}");
        assertThat(page.nextPage()).isEqualTo(3);
    }

    @Test
    void utf8ByteOrderMarkIsSkippedAndSlicesStayAligned() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.write("{\"result\": [{\"id\": 1, \"inner_id\": \"1\", \"data\": {\"a\": \"Цзыбо\"}}], \"meta\": {\"page\": 1}}"
                .getBytes(StandardCharsets.UTF_8));

        OfferPage page = reader.read(out.toByteArray(), 1);

        assertThat(page.offers().get(0).dataJson()).isEqualTo("{\"a\": \"Цзыбо\"}");
        assertThat(page.isLast()).isTrue();
    }

    @Test
    void slicesOfARealPageParseBackToTheSameTrees() throws Exception {
        byte[] body = Fixtures.bytes("changes-page.json"); // any real payload with nested data
        String asOffers = new String(body, StandardCharsets.UTF_8)
                .replace("\"cur_change_id\": 892145", "\"page\": 1").replace("\"next_change_id\": 892151", "\"next_page\": 2");
        OfferPage page = read(asOffers, 1);
        ObjectMapper json = new ObjectMapper();
        var tree = json.readTree(asOffers).get("result");

        assertThat(page.offers()).hasSize(6);
        for (int i = 0; i < 6; i++) {
            var expected = tree.get(i).get("data");
            assertThat(json.readTree(page.offers().get(i).dataJson()))
                    .isEqualTo(expected == null ? json.createObjectNode() : expected);
        }
    }

    @Test
    void syntaxErrorsAreLeftToTheCallerAsJacksonExceptions() {
        assertThatThrownBy(() -> read("{\"result\": [{\"id\": 1, \"inner_id\": \"1\", \"data\": {\"a\": 1}", 1))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> read("{\"result\": [], \"meta\": {\"page\": 1}} trailing", 1))
                .isInstanceOfAny(JsonProcessingException.class, SourceMalformedResponseException.class);
    }

    @Test
    void anArrayBodyIsMalformed() {
        assertThatThrownBy(() -> read("[]", 1)).isInstanceOf(SourceMalformedResponseException.class);
    }

    @Test
    void hugeOrFractionalNextPageIsMalformed() {
        assertThatThrownBy(() -> read("{\"result\": [], \"meta\": {\"page\": 1, \"next_page\": 99999999999}}", 1))
                .isInstanceOf(SourceMalformedResponseException.class);
        assertThatThrownBy(() -> read("{\"result\": [], \"meta\": {\"page\": 1, \"next_page\": \"two\"}}", 1))
                .isInstanceOf(SourceMalformedResponseException.class);
    }
}
