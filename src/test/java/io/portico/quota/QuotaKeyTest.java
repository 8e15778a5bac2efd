package io.portico.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuotaKeyTest {

    @ParameterizedTest
    @CsvSource({"consumer, CONSUMER", "ip, IP", "route, ROUTE"})
    void plainKindsAreParsedWithoutAHeader(String text, QuotaKey.Kind kind) {
        Optional<QuotaKey> key = QuotaKey.parse(text);

        assertThat(key).contains(new QuotaKey(kind, null));
    }

    @Test
    void headerKindKeepsTheHeaderNameAsWritten() {
        Optional<QuotaKey> key = QuotaKey.parse("header:X-Tenant");

        assertThat(key).contains(new QuotaKey(QuotaKey.Kind.HEADER, "X-Tenant"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"header:", "header", "IP", "Consumer", "other", "", "x-tenant"})
    void anythingElseIsRejected(String text) {
        Optional<QuotaKey> key = QuotaKey.parse(text);

        assertThat(key).isEmpty();
    }
}
