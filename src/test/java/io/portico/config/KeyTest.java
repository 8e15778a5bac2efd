package io.portico.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyTest {

    private static final Key HEADER = new Key("portico.route.<id>.header.<Name>", null, "A header.");
    private static final Key CONSUMER_ROLES = new Key("portico.consumer.<name>.roles", "", "Roles.");

    @ParameterizedTest
    @ValueSource(strings = {"portico.route.api.header.X-Tenant", "portico.route.a-1.header.X.Dotted"})
    void keyMatchesItsNameWithSomethingInEachPlaceholder(String candidate) {
        boolean matches = HEADER.matches(candidate);

        assertThat(matches).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"portico.route.a.b.header.X-Tenant", "portico.route.api.header.",
        "portico.route..header.X-Tenant", "portico.route.api.headers.X-Tenant", "portico.route.api.header"})
    void routeIdHoldsNoDotAndEveryPlaceholderSomething(String candidate) {
        boolean matches = HEADER.matches(candidate);

        assertThat(matches).isFalse();
    }

    @Test
    void keyWithoutPlaceholdersMatchesOnlyItselfLiterally() {
        Key key = new Key("portico.trusted-proxies", "", "Proxies.");

        assertThat(key.matches("portico.trusted-proxies")).isTrue();
        assertThat(key.matches("porticoXtrusted-proxies")).isFalse();
        assertThat(key.matches("portico.trusted-proxies.extra")).isFalse();
    }

    @Test
    void forNameReplacesThePlaceholderLiterally() {
        String name = CONSUMER_ROLES.forName("bill$1ng");

        assertThat(name).isEqualTo("portico.consumer.bill$1ng.roles");
    }

    @Test
    void forNameReplacesOnlyTheFirstPlaceholder() {
        String name = HEADER.forName("api");

        assertThat(name).isEqualTo("portico.route.api.header.<Name>");
    }

    @Test
    void forRouteReplacesTheRouteId() {
        String name = HEADER.forRoute("api");

        assertThat(name).isEqualTo("portico.route.api.header.<Name>");
    }

    @Test
    void knownNamesAreKeysOfAllWithTheirPlaceholdersFilled() {
        assertThat(Keys.known("portico.consumer.billing.api-key-sha256")).isTrue();
        assertThat(Keys.known("portico.route.api.forward-authorization")).isTrue();
        assertThat(Keys.known("portico.security.api-key.header")).isTrue();
        assertThat(Keys.known("portico.security.nope")).isFalse();
    }
}
