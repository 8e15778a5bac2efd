package io.portico.security;

import java.util.Arrays;
import java.util.Optional;

/** A way for a client to prove who it is, named as in {@code portico.route.<id>.auth}. */
public enum AuthMethod {

    /** A bearer token, verified by {@link JwtVerifier} under the MicroProfile JWT keys. */
    JWT("jwt"),
    /** A key sent in the configured header, matched against the consumers' key hashes. */
    API_KEY("api-key");

    private final String configName;

    AuthMethod(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Returns the method with this configuration name, if any. */
    public static Optional<AuthMethod> byConfigName(String name) {
        return Arrays.stream(values()).filter(method -> method.configName.equals(name)).findFirst();
    }
}
