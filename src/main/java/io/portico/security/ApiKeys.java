package io.portico.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The consumers by the SHA-256 hash of each of their API keys. Only hashes are configured or held: a key is
 * hashed when presented and looked up. API keys are long random strings, so a fast hash suffices; nothing here
 * depends on a secret's timing. Immutable and thread-safe.
 */
public final class ApiKeys {

    private final Map<String, Consumer> consumersByHash;

    /** Builds the lookup from lower-case hex SHA-256 hashes to their consumers. */
    public ApiKeys(Map<String, Consumer> consumersByHash) {
        this.consumersByHash = Map.copyOf(consumersByHash);
    }

    /** Returns the consumer whose key {@code presentedKey} is, if any. */
    public Optional<Consumer> find(String presentedKey) {
        return Optional.ofNullable(consumersByHash.get(sha256(presentedKey)));
    }

    /** Returns the lower-case hex SHA-256 of a key's UTF-8 bytes, as {@code deploy/api-key.sh} prints it. */
    public static String sha256(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
