package io.portico.security;

import io.portico.config.ConfigReader;
import io.portico.config.Keys;
import io.portico.routing.Route;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Loads and validates the security keys: route rules, consumers and their API key hashes, header names. */
public final class SecurityLoader {

    private static final Pattern CONSUMER_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final ConfigReader reader;

    public SecurityLoader(ConfigReader reader) {
        this.reader = reader;
    }

    /** Reads the rules of {@code routes} and the consumers, recording each violation in the reader. */
    public SecurityConfig load(List<Route> routes) {
        Map<String, RouteSecurity> rules = new HashMap<>();
        for (Route route : routes) {
            rules.put(route.id(), rules(route.id()));
        }
        checkJwtKey(rules);
        IdentityHeaders headers = new IdentityHeaders(header(Keys.API_KEY_HEADER.name(), Keys.API_KEY_HEADER
                .defaultValue()), header(Keys.SUBJECT_HEADER.name(), Keys.SUBJECT_HEADER.defaultValue()),
                header(Keys.CONSUMER_HEADER.name(), Keys.CONSUMER_HEADER.defaultValue()),
                header(Keys.ROLES_HEADER.name(), Keys.ROLES_HEADER.defaultValue()));
        AccessPolicy policy = new AccessPolicy(new ApiKeys(consumersByKeyHash()), new JwtLoader(reader).load());
        return new SecurityConfig(rules, policy, new Challenges(headers.apiKey()), headers);
    }

    private RouteSecurity rules(String id) {
        String authKey = Keys.ROUTE_AUTH.forRoute(id);
        Set<AuthMethod> methods = EnumSet.noneOf(AuthMethod.class);
        List<String> names = reader.list(authKey, Keys.ROUTE_AUTH.defaultValue());
        if (names.isEmpty()) {
            reader.reject(authKey, "must be none, jwt, api-key or jwt,api-key", reader.optional(authKey).orElse(""));
        }
        for (String name : names) {
            if (name.equals("none") && names.size() == 1) {
                continue;
            }
            Optional<AuthMethod> method = AuthMethod.byConfigName(name);
            if (method.isEmpty()) {
                reader.reject(authKey, "must be none, jwt, api-key or jwt,api-key",
                        reader.optional(authKey).orElse(""));
                break;
            }
            methods.add(method.get());
        }
        Set<String> roles = new LinkedHashSet<>(reader.list(Keys.ROUTE_ROLES.forRoute(id), ""));
        Set<String> scopes = new LinkedHashSet<>(reader.list(Keys.ROUTE_SCOPES.forRoute(id), ""));
        if (methods.isEmpty()) {
            rejectOnOpenRoute(Keys.ROUTE_ROLES.forRoute(id), roles);
            rejectOnOpenRoute(Keys.ROUTE_SCOPES.forRoute(id), scopes);
        } else if (!scopes.isEmpty() && !methods.contains(AuthMethod.JWT)) {
            reader.reject(Keys.ROUTE_SCOPES.forRoute(id), "scopes come from tokens only: the route's auth must "
                    + "include jwt", String.join(",", scopes));
        }
        scopes.stream().filter(scope -> scope.chars().anyMatch(Character::isWhitespace)).findFirst()
                .ifPresent(scope -> reader.reject(Keys.ROUTE_SCOPES.forRoute(id),
                        "scopes are separated by commas and hold no spaces", scope));
        boolean forward = reader.bool(Keys.ROUTE_FORWARD_AUTHORIZATION.forRoute(id),
                Keys.ROUTE_FORWARD_AUTHORIZATION.defaultValue());
        return new RouteSecurity(methods, roles, scopes, forward);
    }

    private void rejectOnOpenRoute(String key, Set<String> values) {
        if (!values.isEmpty()) {
            reader.reject(key, "roles and scopes need an auth method other than none",
                    reader.optional(key).orElse(""));
        }
    }

    /** A route that takes tokens needs a key to verify them; without one, every token would be refused. */
    private void checkJwtKey(Map<String, RouteSecurity> rules) {
        String locationKey = Keys.JWT_PUBLIC_KEY_LOCATION.name();
        boolean keyConfigured = reader.optional(locationKey).isPresent()
                || reader.optional(Keys.JWT_PUBLIC_KEY.name()).isPresent();
        rules.forEach((id, rule) -> {
            if (rule.accepts(AuthMethod.JWT) && !keyConfigured) {
                String authKey = Keys.ROUTE_AUTH.forRoute(id);
                reader.reject(authKey, "jwt needs " + locationKey + " or " + Keys.JWT_PUBLIC_KEY.name(),
                        reader.optional(authKey).orElse(""));
            }
        });
    }

    private String header(String key, String defaultValue) {
        String name = reader.optional(key).orElse(defaultValue);
        if (!HEADER_NAME.matcher(name).matches()) {
            reader.reject(key, "must be a header name", name);
        }
        return name;
    }

    private Map<String, Consumer> consumersByKeyHash() {
        Map<String, Consumer> consumers = new HashMap<>();
        for (String name : consumerNames()) {
            String hashKey = Keys.CONSUMER_API_KEY.forName(name);
            Consumer consumer = new Consumer(name, new LinkedHashSet<>(reader.list(
                    Keys.CONSUMER_ROLES.forName(name), Keys.CONSUMER_ROLES.defaultValue())));
            if (reader.optional(hashKey).isEmpty()) {
                // A consumer with only a quota plan may be a token's subject; roles come with keys only.
                if (!consumer.roles().isEmpty()) {
                    reader.required(hashKey);
                }
                continue;
            }
            for (String hash : reader.list(hashKey, "")) {
                String lower = hash.toLowerCase(Locale.ROOT);
                if (!SHA256_HEX.matcher(lower).matches()) {
                    reader.reject(hashKey, "must list SHA-256 hashes of 64 hex digits (see deploy/api-key.sh)",
                            hash);
                } else if (consumers.putIfAbsent(lower, consumer) != null) {
                    reader.reject(hashKey, "an API key hash must belong to one consumer only", hash);
                }
            }
        }
        return consumers;
    }

    /** Returns the names of the consumers; {@link io.portico.Gateway} reports keys that are not known at all. */
    private Set<String> consumerNames() {
        Set<String> names = new TreeSet<>();
        for (String key : reader.names()) {
            if (key.startsWith(Keys.CONSUMER_PREFIX) && Keys.known(key)) {
                // Every consumer key ends in one segment after the name, which may itself hold dots here.
                String name = key.substring(Keys.CONSUMER_PREFIX.length(), key.lastIndexOf('.'));
                if (CONSUMER_NAME.matcher(name).matches()) {
                    names.add(name);
                } else {
                    reader.reject(key, "consumer names must be lower-case letters, digits and '-'", name);
                }
            }
        }
        return names;
    }
}
