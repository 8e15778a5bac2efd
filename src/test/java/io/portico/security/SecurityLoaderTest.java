package io.portico.security;

import static io.portico.OneRoute.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.OneRoute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityLoaderTest {

    /** SHA-256 of "abc". */
    private static final String ABC_HASH = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String OTHER_HASH = ApiKeys.sha256("another key");
    private static final String JWT_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    private static final String PEM_URL = writePem();

    @Test
    void routeWithoutAuthIsOpen() {
        SecurityConfig security = load();

        RouteSecurity rules = security.rulesFor("a");

        assertThat(rules).isEqualTo(RouteSecurity.OPEN);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "none          | ",
        "jwt           | JWT",
        "api-key       | API_KEY",
        "'jwt, api-key' | JWT, API_KEY",
        "api-key,jwt   | JWT, API_KEY"})
    void authNamesTheAcceptedMethods(String auth, String expected) {
        SecurityConfig security = load("portico.route.a.auth", auth,
                JWT_KEY_LOCATION, PEM_URL);

        Set<AuthMethod> methods = security.rulesFor("a").methods();

        assertThat(methods).containsExactlyInAnyOrderElementsOf(expected == null ? List.of()
                : Arrays.stream(expected.split(",")).map(String::strip).map(AuthMethod::valueOf).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "JWT", "apikey", "none, jwt", "jwt, basic", ","})
    void unknownAuthIsRejectedNamingKeyAndValue(String auth) {
        List<String> problems = problems("portico.route.a.auth", auth,
                JWT_KEY_LOCATION, PEM_URL);

        assertThat(problems).containsExactly(
                "portico.route.a.auth: must be none, jwt, api-key or jwt,api-key; was '" + auth + "'");
    }

    @Test
    void rolesScopesAndForwardingAreRead() {
        SecurityConfig security = load("portico.route.a.auth", "jwt", JWT_KEY_LOCATION, "https://idp.example/jwks",
                "portico.route.a.roles", "admin, staff", "portico.route.a.scopes", "orders:read, orders:write",
                "portico.route.a.forward-authorization", "false");

        RouteSecurity rules = security.rulesFor("a");

        assertThat(rules).isEqualTo(new RouteSecurity(Set.of(AuthMethod.JWT), Set.of("admin", "staff"),
                Set.of("orders:read", "orders:write"), false));
    }

    @Test
    void jwtRouteWithoutAVerificationKeyIsRejected() {
        List<String> problems = problems("portico.route.a.auth", "jwt, api-key");

        assertThat(problems).containsExactly("portico.route.a.auth: jwt needs mp.jwt.verify.publickey.location or "
                + "mp.jwt.verify.publickey; was 'jwt, api-key'");
    }

    @Test
    void inlinePublicKeyIsEnoughForAJwtRoute() {
        SecurityConfig security = load("portico.route.a.auth", "jwt", "mp.jwt.verify.publickey",
                SigningKey.ISSUER.publicPem());

        Set<AuthMethod> methods = security.rulesFor("a").methods();

        assertThat(methods).containsExactly(AuthMethod.JWT);
    }

    @Test
    void apiKeyRouteNeedsNoVerificationKey() {
        SecurityConfig security = load("portico.route.a.auth", "api-key");

        Set<AuthMethod> methods = security.rulesFor("a").methods();

        assertThat(methods).containsExactly(AuthMethod.API_KEY);
    }

    @Test
    void bareFilePathAsKeyLocationIsRejectedWithAHintToUseAFileUrl(@TempDir Path directory) throws IOException {
        Path publicKey = Files.writeString(directory.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----");

        List<String> problems = problems("portico.route.a.auth", "jwt", JWT_KEY_LOCATION, publicKey.toString());

        assertThat(problems).singleElement().asString()
                .startsWith(JWT_KEY_LOCATION + ": must be a URL such as file://" + publicKey + " ")
                .endsWith("; was '" + publicKey + "'");
    }

    @Test
    void fileUrlAsKeyLocationIsAccepted(@TempDir Path directory) throws IOException {
        Path publicKey = Files.writeString(directory.resolve("public.pem"), SigningKey.ISSUER.publicPem());

        List<String> problems = problems("portico.route.a.auth", "jwt", JWT_KEY_LOCATION, publicKey.toUri().toString());

        assertThat(problems).isEmpty();
    }

    @Test
    void consumerKeysAreLoadedAndItsKeyFindsIt() {
        SecurityConfig security = load("portico.route.a.auth", "api-key",
                "portico.consumer.billing.api-key-sha256", ABC_HASH + ", " + OTHER_HASH,
                "portico.consumer.billing.roles", "invoices, reports");

        AccessDecision decision = decide(security, "another key");

        assertThat(decision).isEqualTo(new AccessDecision.Granted(Optional.of(new Identity("billing", "billing",
                Set.of("invoices", "reports"), Set.of(), AuthMethod.API_KEY))));
    }

    @Test
    void consumerWithRolesButNoKeyHashIsRejected() {
        List<String> problems = problems("portico.consumer.billing.roles", "invoices");

        assertThat(problems).containsExactly("portico.consumer.billing.api-key-sha256: is required and missing");
    }

    @Test
    void consumerWithOnlyAQuotaPlanNeedsNoKeyHash() {
        List<String> problems = problems("portico.consumer.subject-42.quota", "100/1m");

        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adx",
        "za7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "abc"})
    void keyHashThatIsNot64HexDigitsIsRejectedNamingKeyAndValue(String hash) {
        List<String> problems = problems("portico.consumer.billing.api-key-sha256", hash);

        assertThat(problems).singleElement().asString()
                .startsWith("portico.consumer.billing.api-key-sha256: must list SHA-256 hashes of 64 hex digits")
                .endsWith("; was '" + hash + "'");
    }

    @Test
    void sameKeyHashOnTwoConsumersIsRejected() {
        List<String> problems = problems("portico.consumer.billing.api-key-sha256", ABC_HASH,
                "portico.consumer.shipping.api-key-sha256", OTHER_HASH + "," + ABC_HASH);

        assertThat(problems).containsExactly("portico.consumer.shipping.api-key-sha256: an API key hash must belong "
                + "to one consumer only; was '" + ABC_HASH + "'");
    }

    @Test
    void upperCaseKeyHashIsAcceptedAsLowerCase() {
        SecurityConfig security = load("portico.route.a.auth", "api-key",
                "portico.consumer.billing.api-key-sha256", ABC_HASH.toUpperCase());

        AccessDecision decision = decide(security, "abc");

        assertThat(decision).isInstanceOfSatisfying(AccessDecision.Granted.class,
                granted -> assertThat(granted.identity()).map(Identity::consumer).contains("billing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Billing", "-billing", "billing_eu", "bill ing", "billing.eu"})
    void consumerNameOutsideLowerCaseLettersDigitsAndDashIsRejected(String name) {
        List<String> problems = problems("portico.consumer." + name + ".api-key-sha256", ABC_HASH);

        assertThat(problems).containsExactly("portico.consumer." + name + ".api-key-sha256: consumer names must be "
                + "lower-case letters, digits and '-'; was '" + name + "'");
    }

    @Test
    void rolesAndScopesOnAnOpenRouteAreRejectedEachNamingItsKey() {
        List<String> problems = problems("portico.route.a.roles", "admin", "portico.route.a.scopes", "orders:read");

        assertThat(problems).containsExactly(
                "portico.route.a.roles: roles and scopes need an auth method other than none; was 'admin'",
                "portico.route.a.scopes: roles and scopes need an auth method other than none; was 'orders:read'");
    }

    @Test
    void rolesOnARouteWithAuthNoneAreRejected() {
        List<String> problems = problems("portico.route.a.auth", "none", "portico.route.a.roles", "admin, staff");

        assertThat(problems).containsExactly(
                "portico.route.a.roles: roles and scopes need an auth method other than none; was 'admin, staff'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "TRUE", "0", "False"})
    void forwardAuthorizationMustBeTrueOrFalse(String value) {
        List<String> problems = problems("portico.route.a.forward-authorization", value);

        assertThat(problems).containsExactly(
                "portico.route.a.forward-authorization: must be true or false; was '" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"portico.consumer.billing.colour", "portico.consumer.billing",
        "portico.consumer.billing.api-key", "portico.security.nope", "portico.security.api-key.headers",
        "portico.route.a.role"})
    void unknownSecurityKeyIsRejectedNamingIt(String key) {
        List<String> problems = problems("portico.consumer.billing.api-key-sha256", ABC_HASH, key, "x");

        assertThat(problems).singleElement().asString().startsWith(key + ": is not a known ").endsWith("; was 'x'");
    }

    @Test
    void identityHeadersHaveTheDocumentedDefaults() {
        SecurityConfig security = load();

        IdentityHeaders headers = security.headers();

        assertThat(headers).isEqualTo(new IdentityHeaders("X-API-Key", "X-Portico-Subject", "X-Portico-Consumer",
                "X-Portico-Roles"));
    }

    @Test
    void identityHeadersAreConfigurable() {
        SecurityConfig security = load("portico.security.api-key.header", "Api-Key",
                "portico.security.identity.subject-header", "X-User",
                "portico.security.identity.consumer-header", "X-Client",
                "portico.security.identity.roles-header", "X-Groups");

        IdentityHeaders headers = security.headers();

        assertThat(headers).isEqualTo(new IdentityHeaders("Api-Key", "X-User", "X-Client", "X-Groups"));
    }

    @Test
    void configuredApiKeyHeaderIsNamedInTheChallenge() {
        SecurityConfig security = load("portico.route.a.auth", "api-key", "portico.security.api-key.header",
                "Api-Key");

        String challenge = security.challenges().unauthenticated(security.rulesFor("a"),
                new AccessDecision.Unauthenticated(null, "Refused."));

        assertThat(challenge).isEqualTo("ApiKey realm=\"portico\", header=\"Api-Key\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "portico.security.api-key.header            | X API Key",
        "portico.security.identity.subject-header   | X-Subject:",
        "portico.security.identity.consumer-header  | X(Consumer)",
        "portico.security.identity.roles-header     | X-Rôles"})
    void invalidHeaderNameIsRejectedNamingKeyAndValue(String key, String value) {
        List<String> problems = problems(key, value);

        assertThat(problems).containsExactly(key + ": must be a header name; was '" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "30s", "ten"})
    void clockSkewMustBeWholeSeconds(String value) {
        List<String> problems = problems("mp.jwt.verify.clock.skew", value);

        assertThat(problems).containsExactly("mp.jwt.verify.clock.skew: must be a whole number, 0 or more; was '"
                + value + "'");
    }

    @Test
    void clockSkewLetsATokenThroughEarly() {
        SecurityConfig security = load("portico.route.a.auth", "jwt", JWT_KEY_LOCATION, PEM_URL,
                "mp.jwt.verify.clock.skew", "60");
        Instant now = Instant.parse("2026-01-15T10:00:00Z");
        String token = SigningKey.ISSUER.signed("alice", now, claims -> claims.notBeforeTime(
                java.util.Date.from(now.plusSeconds(60))));

        AccessDecision decision = security.policy().decide(security.rulesFor("a"),
                new Credentials(Optional.of(token), Optional.empty()), now);

        assertThat(decision).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void issuerAndAudiencesAreEnforced() {
        SecurityConfig security = load("portico.route.a.auth", "jwt", "mp.jwt.verify.publickey",
                SigningKey.ISSUER.publicPem(), "mp.jwt.verify.issuer", "https://issuer.test",
                "mp.jwt.verify.audiences", "billing, reports");
        Instant now = Instant.now();
        String forPortico = SigningKey.ISSUER.signed("alice", now, claims -> claims);
        String forReports = SigningKey.ISSUER.signed("alice", now, claims -> claims.audience("reports"));

        assertThat(security.policy().decide(security.rulesFor("a"), bearer(forPortico), now))
                .isEqualTo(new AccessDecision.Unauthenticated(Challenges.INVALID_TOKEN,
                        "The token is not meant for this gateway's audience."));
        assertThat(security.policy().decide(security.rulesFor("a"), bearer(forReports), now))
                .isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void jwksDocumentAsInlineKeyVerifies() {
        SecurityConfig security = load("portico.route.a.auth", "jwt", "mp.jwt.verify.publickey",
                SigningKey.ISSUER.publicJwks());
        Instant now = Instant.now();

        AccessDecision decision = security.policy().decide(security.rulesFor("a"),
                bearer(SigningKey.ISSUER.signed("alice", now, claims -> claims)), now);

        assertThat(decision).isInstanceOf(AccessDecision.Granted.class);
    }

    @Test
    void keyThatIsNoPublicKeyIsRejected() {
        List<String> problems = problems("portico.route.a.auth", "jwt", "mp.jwt.verify.publickey", "MIIBIjANBg...");

        assertThat(problems).containsExactly("mp.jwt.verify.publickey: must hold a RS256 public key as PEM, a JWK or "
                + "a JWKS; was 'MIIBIjANBg...'");
    }

    @Test
    void keyLocationThatDoesNotExistIsRejected() {
        List<String> problems = problems("portico.route.a.auth", "jwt", JWT_KEY_LOCATION, "no/such/key.pem");

        assertThat(problems).containsExactly(JWT_KEY_LOCATION + ": must name a file: URL, an http(s): JWKS URL or "
                + "a class path resource that exists; was 'no/such/key.pem'");
    }

    @Test
    void unreadableFileUrlIsRejected(@TempDir Path directory) {
        String missing = directory.resolve("missing.pem").toUri().toString();

        List<String> problems = problems("portico.route.a.auth", "jwt", JWT_KEY_LOCATION, missing);

        assertThat(problems).containsExactly(JWT_KEY_LOCATION + ": must be readable (NoSuchFileException); was '"
                + missing + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mp.jwt.decrypt.key.location | file:///k.pem | encrypted tokens (JWE) are not supported",
        "mp.jwt.verify.token.age     | 300           | is not supported: limit the token's lifetime with exp",
        "mp.jwt.token.cookie         | jwt           | is not supported: tokens come in the Authorization header",
        "mp.jwt.token.header         | Cookie        | must be Authorization (cookies are not supported)",
        "mp.jwt.verify.publickey.algorithm | HS256   | must be RS256 or ES256"})
    void microProfileJwtKeysPorticoDoesNotImplementAreRejected(String key, String value, String rule) {
        List<String> problems = problems(key, value);

        assertThat(problems).containsExactly(key + ": " + rule + "; was '" + value + "'");
    }

    @Test
    void scopeWithASpaceIsRejectedSinceScopesAreCommaSeparated() {
        List<String> problems = problems("portico.route.a.auth", "jwt", "portico.route.a.scopes",
                "orders:read orders:write", JWT_KEY_LOCATION, PEM_URL);

        assertThat(problems).containsExactly("portico.route.a.scopes: scopes are separated by commas and hold no "
                + "spaces; was 'orders:read orders:write'");
    }

    @Test
    void scopesOnARouteWithoutJwtAreRejected() {
        List<String> problems = problems("portico.route.a.auth", "api-key", "portico.route.a.scopes", "orders:read");

        assertThat(problems).containsExactly("portico.route.a.scopes: scopes come from tokens only: the route's auth "
                + "must include jwt; was 'orders:read'");
    }

    private static Credentials bearer(String token) {
        return new Credentials(Optional.of(token), Optional.empty());
    }

    /** Writes the issuer's public key to a temporary file and returns its file: URL. */
    private static String writePem() {
        try {
            Path file = Files.createTempFile("portico-public", ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, SigningKey.ISSUER.publicPem()).toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AccessDecision decide(SecurityConfig security, String apiKey) {
        return security.policy().decide(security.rulesFor("a"), new Credentials(Optional.empty(), Optional.of(apiKey)),
                Instant.now());
    }

    private static SecurityConfig load(String... keysAndValues) {
        return OneRoute.gateway(keysAndValues).security();
    }
}
