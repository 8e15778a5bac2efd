package io.portico.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTableTest {

    private static final String UPSTREAM = "http://127.0.0.1:9";

    @ParameterizedTest
    @CsvSource({"/api/v1/users, v1", "/api/v1, v1", "/api/v2/users, api", "/api, api"})
    void longestLiteralPathWins(String path, String expectedRoute) {
        RouteTable table = Routes.load(
                "portico.route.api.path", "/api/**", "portico.route.api.upstream", UPSTREAM,
                "portico.route.v1.path", "/api/v1/**", "portico.route.v1.upstream", UPSTREAM);

        RouteDecision decision = table.decide(TestRequest.get(path));

        assertThat(matchedRoute(decision)).isEqualTo(expectedRoute);
    }

    @ParameterizedTest
    @CsvSource({"/api, exact", "/api/, prefix", "/api/x, prefix"})
    void exactPathWinsOverCatchAllWithTheSameLiteral(String path, String expectedRoute) {
        RouteTable table = Routes.load(
                "portico.route.prefix.path", "/api/**", "portico.route.prefix.upstream", UPSTREAM,
                "portico.route.exact.path", "/api", "portico.route.exact.upstream", UPSTREAM);

        RouteDecision decision = table.decide(TestRequest.get(path));

        assertThat(matchedRoute(decision)).isEqualTo(expectedRoute);
    }

    @ParameterizedTest
    @CsvSource({"/users/me, me", "/users/42, user"})
    void literalSegmentWinsOverVariable(String path, String expectedRoute) {
        RouteTable table = Routes.load(
                "portico.route.user.path", "/users/{id}", "portico.route.user.upstream", UPSTREAM,
                "portico.route.me.path", "/users/me", "portico.route.me.upstream", UPSTREAM);

        RouteDecision decision = table.decide(TestRequest.get(path));

        assertThat(matchedRoute(decision)).isEqualTo(expectedRoute);
    }

    @Test
    void routeWithMorePredicatesWinsWhenTheyHold() {
        RouteTable table = Routes.load(
                "portico.route.main.path", "/api/**", "portico.route.main.upstream", UPSTREAM,
                "portico.route.beta.path", "/api/**", "portico.route.beta.upstream", UPSTREAM,
                "portico.route.beta.header.X-Beta", "yes");

        RouteDecision withHeader = table.decide(TestRequest.get("/api/x").header("X-Beta", "yes"));
        RouteDecision withOtherValue = table.decide(TestRequest.get("/api/x").header("X-Beta", "no"));
        RouteDecision withoutHeader = table.decide(TestRequest.get("/api/x"));

        assertThat(matchedRoute(withHeader)).isEqualTo("beta");
        assertThat(matchedRoute(withOtherValue)).isEqualTo("main");
        assertThat(matchedRoute(withoutHeader)).isEqualTo("main");
    }

    @Test
    void pathVariablesComeWithTheMatch() {
        RouteTable table = Routes.load(
                "portico.route.order.path", "/users/{user}/orders/{order}", "portico.route.order.upstream", UPSTREAM);

        RouteDecision decision = table.decide(TestRequest.get("/users/ann/orders/7"));

        assertThat(decision).isInstanceOfSatisfying(RouteDecision.Matched.class,
                matched -> assertThat(matched.variables()).isEqualTo(Map.of("user", "ann", "order", "7")));
    }

    @ParameterizedTest
    @CsvSource({"api.example.com, true", "API.Example.COM, true", "www.example.com, false",
        "api.example.com.evil, false"})
    void hostPredicateMatchesTheWholeHostIgnoringCase(String host, boolean routed) {
        RouteTable table = Routes.load(
                "portico.route.api.path", "/**", "portico.route.api.upstream", UPSTREAM,
                "portico.route.api.host", "api\\.example\\.com");

        RouteDecision decision = table.decide(TestRequest.get("/x").host(host));

        assertThat(decision instanceof RouteDecision.Matched).isEqualTo(routed);
    }

    @Test
    void headerPredicateNeedsOneMatchingValueUnderAnyCaseOfName() {
        RouteTable table = Routes.load(
                "portico.route.acme.path", "/**", "portico.route.acme.upstream", UPSTREAM,
                "portico.route.acme.header.X-Tenant", "acme|acme-eu");

        RouteDecision secondValueMatches = table.decide(
                TestRequest.get("/x").header("x-tenant", "other").header("X-TENANT", "acme-eu"));
        RouteDecision partialMatch = table.decide(TestRequest.get("/x").header("X-Tenant", "acme-us"));
        RouteDecision absent = table.decide(TestRequest.get("/x"));

        assertThat(matchedRoute(secondValueMatches)).isEqualTo("acme");
        assertThat(absent).isInstanceOf(RouteDecision.NotFound.class);
        assertThat(partialMatch).isInstanceOf(RouteDecision.NotFound.class);
    }

    @Test
    void headerPredicateIsCaseSensitiveInItsValue() {
        RouteTable table = Routes.load(
                "portico.route.acme.path", "/**", "portico.route.acme.upstream", UPSTREAM,
                "portico.route.acme.header.X-Tenant", "acme");

        RouteDecision decision = table.decide(TestRequest.get("/x").header("X-Tenant", "ACME"));

        assertThat(decision).isInstanceOf(RouteDecision.NotFound.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/search?tier=gold%20plus | true", "/search?tier=gold+plus | true", "/search?a=1&tier=gold%20plus | true",
        "/search?tier=gold | false", "/search?Tier=gold%20plus | false", "/search | false"})
    void queryPredicateMatchesADecodedValue(String target, boolean routed) {
        RouteTable table = Routes.load(
                "portico.route.gold.path", "/search", "portico.route.gold.upstream", UPSTREAM,
                "portico.route.gold.query.tier", "gold plus");

        RouteDecision decision = table.decide(TestRequest.get(target));

        assertThat(decision instanceof RouteDecision.Matched).isEqualTo(routed);
    }

    @Test
    void configuredMethodsAreReadInAnyCase() {
        RouteTable table = Routes.load(
                "portico.route.read.path", "/items", "portico.route.read.upstream", UPSTREAM,
                "portico.route.read.methods", "get, head");

        RouteDecision decision = table.decide(TestRequest.request("HEAD", "/items"));

        assertThat(matchedRoute(decision)).isEqualTo("read");
    }

    @Test
    void refusedMethodGivesMethodNotAllowedWithTheSortedAllowedMethods() {
        RouteTable table = Routes.load(
                "portico.route.write.path", "/items", "portico.route.write.upstream", UPSTREAM,
                "portico.route.write.methods", "PUT,POST",
                "portico.route.read.path", "/items", "portico.route.read.upstream", UPSTREAM,
                "portico.route.read.methods", "HEAD,GET,DELETE");

        RouteDecision decision = table.decide(TestRequest.request("PATCH", "/items"));

        assertThat(decision).isEqualTo(new RouteDecision.MethodNotAllowed(
                List.of("DELETE", "GET", "HEAD", "POST", "PUT")));
    }

    @Test
    void routeWhosePredicatesFailDoesNotOfferItsMethods() {
        RouteTable table = Routes.load(
                "portico.route.admin.path", "/items", "portico.route.admin.upstream", UPSTREAM,
                "portico.route.admin.methods", "DELETE", "portico.route.admin.header.X-Role", "admin");

        RouteDecision decision = table.decide(TestRequest.request("DELETE", "/items"));

        assertThat(decision).isInstanceOf(RouteDecision.NotFound.class);
    }

    @Test
    void lessSpecificRouteServesAMethodTheMoreSpecificRefuses() {
        RouteTable table = Routes.load(
                "portico.route.all.path", "/**", "portico.route.all.upstream", UPSTREAM,
                "portico.route.status.path", "/status/{code}", "portico.route.status.upstream", UPSTREAM,
                "portico.route.status.methods", "GET");

        RouteDecision decision = table.decide(TestRequest.request("POST", "/status/200"));

        assertThat(matchedRoute(decision)).isEqualTo("all");
    }

    @Test
    void pathWithoutRouteIsNotFound() {
        RouteTable table = Routes.load(
                "portico.route.api.path", "/api/**", "portico.route.api.upstream", UPSTREAM);

        RouteDecision decision = table.decide(TestRequest.get("/apiary"));

        assertThat(decision).isEqualTo(new RouteDecision.NotFound());
    }

    @Test
    void tableListsRoutesMostSpecificFirst() {
        RouteTable table = Routes.load(
                "portico.route.a.path", "/**", "portico.route.a.upstream", UPSTREAM,
                "portico.route.b.path", "/api/**", "portico.route.b.upstream", UPSTREAM,
                "portico.route.c.path", "/api", "portico.route.c.upstream", UPSTREAM,
                "portico.route.d.path", "/api/v1", "portico.route.d.upstream", UPSTREAM);

        assertThat(table.routes()).extracting(Route::id).containsExactly("d", "c", "b", "a");
    }

    private static String matchedRoute(RouteDecision decision) {
        assertThat(decision).isInstanceOf(RouteDecision.Matched.class);
        return ((RouteDecision.Matched) decision).route().id();
    }
}
