package io.portico.cache;

import static io.portico.cache.Responses.date;
import static io.portico.cache.Responses.headers;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredResponseTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant LATER = T.plusSeconds(300);

    private final StoredResponse stored = new StoredResponse(200, headers("Cache-Control: max-age=60",
            "Date: " + date(T), "ETag: \"v1\"", "Content-Type: text/plain", "Content-Length: 4", "X-Version: 1"),
            "body".getBytes(StandardCharsets.UTF_8), T, T, Map.of("accept-language", "en"));

    @Test
    void notModifiedReplacesTheHeadersItCarries() {
        StoredResponse freshened = stored.freshenedBy(headers("Cache-Control: max-age=120", "Date: " + date(LATER),
                "X-Version: 2"), LATER, LATER.plusSeconds(1));

        assertThat(freshened.values("Cache-Control")).containsExactly("max-age=120");
        assertThat(freshened.values("Date")).containsExactly(date(LATER));
        assertThat(freshened.values("X-Version")).containsExactly("2");
        assertThat(freshened.values("Content-Type")).containsExactly("text/plain");
        assertThat(freshened.values("ETag")).containsExactly("\"v1\"");
    }

    @Test
    void everyLineOfAReplacedHeaderComesFromTheNotModifiedWhateverTheCase() {
        StoredResponse withLinks = stored.freshenedBy(headers("Link: </a>", "Link: </b>"), LATER, LATER);
        StoredResponse freshened = withLinks.freshenedBy(headers("link: </c>", "x-version: 3"), LATER, LATER);

        assertThat(withLinks.values("Link")).containsExactly("</a>", "</b>");
        assertThat(freshened.values("Link")).containsExactly("</c>");
        assertThat(freshened.values("X-Version")).containsExactly("3");
    }

    @Test
    void headersThatDescribeTheStoredBodyAreNeverReplacedNorAdded() {
        StoredResponse freshened = stored.freshenedBy(headers("Content-Length: 0", "Content-Encoding: gzip",
                "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==", "Content-Range: bytes 0-1/4", "ETag: \"v2\"",
                "Transfer-Encoding: chunked", "X-Version: 2"), LATER, LATER);

        assertThat(freshened.values("Content-Length")).containsExactly("4");
        assertThat(freshened.values("ETag")).containsExactly("\"v1\"");
        assertThat(freshened.values("Content-Encoding")).isEmpty();
        assertThat(freshened.values("Content-MD5")).isEmpty();
        assertThat(freshened.values("Content-Range")).isEmpty();
        assertThat(freshened.values("Transfer-Encoding")).isEmpty();
        assertThat(freshened.values("X-Version")).containsExactly("2");
    }

    @Test
    void freshenedResponseKeepsStatusBodyAndVariantAndTakesTheNewTimes() {
        Instant arrived = LATER.plusSeconds(2);

        StoredResponse freshened = stored.freshenedBy(List.of(), LATER, arrived);

        assertThat(freshened.status()).isEqualTo(200);
        assertThat(freshened.body()).isEqualTo(stored.body());
        assertThat(freshened.varied()).isEqualTo(Map.of("accept-language", "en"));
        assertThat(freshened.headers()).isEqualTo(stored.headers());
        assertThat(freshened.requestTime()).isEqualTo(LATER);
        assertThat(freshened.responseTime()).isEqualTo(arrived);
    }
}
