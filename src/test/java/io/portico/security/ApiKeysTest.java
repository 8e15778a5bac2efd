package io.portico.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static final Consumer BILLING = new Consumer("billing", Set.of("invoices"));

    @Test
    void sha256IsLowerCaseHexOfTheUtf8Bytes() {
        String hash = ApiKeys.sha256("abc");

        assertThat(hash).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void presentedKeyFindsTheConsumerOfItsHash() {
        ApiKeys keys = new ApiKeys(Map.of(ApiKeys.sha256("abc"), BILLING));

        Optional<Consumer> consumer = keys.find("abc");

        assertThat(consumer).contains(BILLING);
    }

    @Test
    void differentKeyFindsNoConsumer() {
        ApiKeys keys = new ApiKeys(Map.of(ApiKeys.sha256("abc"), BILLING));

        Optional<Consumer> consumer = keys.find("abd");

        assertThat(consumer).isEmpty();
    }

    @Test
    void theHashItselfIsNotAKey() {
        String hash = ApiKeys.sha256("abc");
        ApiKeys keys = new ApiKeys(Map.of(hash, BILLING));

        Optional<Consumer> consumer = keys.find(hash);

        assertThat(consumer).isEmpty();
    }
}
