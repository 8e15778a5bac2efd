package io.portico.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteLoaderTest {

    private static final String UPSTREAM = "http://127.0.0.1:9";

    @Test
    void routeTakesTheDocumentedDefaults() {
        RouteTable table = Routes.load("portico.route.api.path", "/api/**", "portico.route.api.upstream", UPSTREAM);

        Route route = table.routes().get(0);

        assertThat(route.methods()).isEmpty();
        assertThat(route.stripPrefix()).isZero();
        assertThat(route.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(route.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(route.predicateCount()).isZero();
    }

    @Test
    void everyRouteKeyIsRead() {
        RouteTable table = Routes.load(
                "portico.route.api.path", "/api/**",
                "portico.route.api.upstream", "http://127.0.0.1:9001/base, https://127.0.0.1:9002",
                "portico.route.api.methods", "GET,POST",
                "portico.route.api.host", "api\\..*",
                "portico.route.api.header.X-Tenant", "acme",
                "portico.route.api.query.version", "2",
                "portico.route.api.strip-prefix", "1",
                "portico.route.api.timeout.connect", "500ms",
                "portico.route.api.timeout.read", "1m");

        Route route = table.routes().get(0);

        assertThat(route.upstreams()).extracting(UpstreamAddress::base)
                .containsExactly(URI.create("http://127.0.0.1:9001/base"), URI.create("https://127.0.0.1:9002"));
        assertThat(route.methods()).containsExactlyInAnyOrder("GET", "POST");
        assertThat(route.headers()).containsOnlyKeys("x-tenant");
        assertThat(route.queries()).containsOnlyKeys("version");
        assertThat(route.predicateCount()).isEqualTo(3);
        assertThat(route.stripPrefix()).isEqualTo(1);
        assertThat(route.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(route.readTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void routesWithTheSameSpecificityAndPathTieAndBothKeysAreNamed() {
        List<String> problems = Routes.problems(
                "portico.route.first.path", "/api/**", "portico.route.first.upstream", UPSTREAM,
                "portico.route.second.path", "/api/**", "portico.route.second.upstream", UPSTREAM);

        assertThat(problems).singleElement().asString()
                .startsWith("portico.route.first and portico.route.second: routes must not tie")
                .contains("'/api/**'");
    }

    @Test
    void variablePatternsThatShareAPathTie() {
        List<String> problems = Routes.problems(
                "portico.route.left.path", "/{x}/b", "portico.route.left.upstream", UPSTREAM,
                "portico.route.right.path", "/a/{y}", "portico.route.right.upstream", UPSTREAM);

        assertThat(problems).singleElement().asString()
                .contains("portico.route.left and portico.route.right", "'/{x}/b'", "'/a/{y}'");
    }

    @Test
    void routesWithASharedMethodTie() {
        List<String> problems = Routes.problems(
                "portico.route.a.path", "/items", "portico.route.a.upstream", UPSTREAM,
                "portico.route.a.methods", "GET,POST",
                "portico.route.b.path", "/items", "portico.route.b.upstream", UPSTREAM,
                "portico.route.b.methods", "POST");

        assertThat(problems).singleElement().asString().contains("portico.route.a and portico.route.b");
    }

    @Test
    void routeWithoutMethodsTiesWithOneThatHasSome() {
        List<String> problems = Routes.problems(
                "portico.route.a.path", "/items", "portico.route.a.upstream", UPSTREAM,
                "portico.route.b.path", "/items", "portico.route.b.upstream", UPSTREAM,
                "portico.route.b.methods", "DELETE");

        assertThat(problems).singleElement().asString().contains("portico.route.a and portico.route.b");
    }

    @Test
    void routesWithDisjointMethodsDoNotTie() {
        List<String> problems = Routes.problems(
                "portico.route.a.path", "/items", "portico.route.a.upstream", UPSTREAM,
                "portico.route.a.methods", "GET",
                "portico.route.b.path", "/items", "portico.route.b.upstream", UPSTREAM,
                "portico.route.b.methods", "POST");

        assertThat(problems).isEmpty();
    }

    @Test
    void routesToldApartByDifferentHeaderPatternsDoNotTie() {
        RouteTable table = Routes.load(
                "portico.route.v1.path", "/api/**", "portico.route.v1.upstream", UPSTREAM,
                "portico.route.v1.header.X-Version", "1",
                "portico.route.v2.path", "/api/**", "portico.route.v2.upstream", UPSTREAM,
                "portico.route.v2.header.x-version", "2");

        RouteDecision decision = table.decide(TestRequest.get("/api/x").header("X-Version", "2"));

        assertThat(decision).isInstanceOfSatisfying(RouteDecision.Matched.class,
                matched -> assertThat(matched.route().id()).isEqualTo("v2"));
    }

    @Test
    void routesToldApartByDifferentHostPatternsDoNotTie() {
        List<String> problems = Routes.problems(
                "portico.route.a.path", "/**", "portico.route.a.upstream", UPSTREAM,
                "portico.route.a.host", "a\\.example",
                "portico.route.b.path", "/**", "portico.route.b.upstream", UPSTREAM,
                "portico.route.b.host", "b\\.example");

        assertThat(problems).isEmpty();
    }

    @Test
    void routesToldApartByDifferentQueryPatternsDoNotTie() {
        List<String> problems = Routes.problems(
                "portico.route.a.path", "/**", "portico.route.a.upstream", UPSTREAM,
                "portico.route.a.query.v", "1",
                "portico.route.b.path", "/**", "portico.route.b.upstream", UPSTREAM,
                "portico.route.b.query.v", "2");

        assertThat(problems).isEmpty();
    }

    @Test
    void routesWithTheSameHeaderPatternTie() {
        List<String> problems = Routes.problems(
                "portico.route.a.path", "/**", "portico.route.a.upstream", UPSTREAM,
                "portico.route.a.header.X-Tenant", "acme",
                "portico.route.b.path", "/**", "portico.route.b.upstream", UPSTREAM,
                "portico.route.b.header.X-Tenant", "acme");

        assertThat(problems).singleElement().asString().contains("portico.route.a and portico.route.b");
    }

    @Test
    void predicatesOnDifferentHeadersTieBecauseBothCanHold() {
        List<String> problems = Routes.problems(
                "portico.route.a.path", "/**", "portico.route.a.upstream", UPSTREAM,
                "portico.route.a.header.X-Tenant", "acme",
                "portico.route.b.path", "/**", "portico.route.b.upstream", UPSTREAM,
                "portico.route.b.header.X-Region", "eu");

        assertThat(problems).singleElement().asString().contains("portico.route.a and portico.route.b");
    }

    @Test
    void routesOfDifferentSpecificityDoNotTie() {
        List<String> problems = Routes.problems(
                "portico.route.exact.path", "/api", "portico.route.exact.upstream", UPSTREAM,
                "portico.route.prefix.path", "/api/**", "portico.route.prefix.upstream", UPSTREAM,
                "portico.route.beta.path", "/api/**", "portico.route.beta.upstream", UPSTREAM,
                "portico.route.beta.header.X-Beta", "yes");

        assertThat(problems).isEmpty();
    }

    @Test
    void routesWhosePathsCannotMeetDoNotTie() {
        List<String> problems = Routes.problems(
                "portico.route.a.path", "/a/**", "portico.route.a.upstream", UPSTREAM,
                "portico.route.b.path", "/b/**", "portico.route.b.upstream", UPSTREAM);

        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"colour", "timeout", "timeout.write", "header.", "query.", "Path", "upstreams"})
    void unknownRouteKeyIsRejectedByName(String suffix) {
        List<String> problems = Routes.problems(
                "portico.route.a.path", "/a", "portico.route.a.upstream", UPSTREAM,
                "portico.route.a." + suffix, "blue");

        assertThat(problems).containsExactly("portico.route.a." + suffix
                + ": is not a known route key (see docs/configuration.md); was 'blue'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Api", "my_api", "-api", "api!"})
    void invalidRouteIdIsRejectedByKey(String id) {
        List<String> problems = Routes.problems("portico.route." + id + ".path", "/a",
                "portico.route." + id + ".upstream", UPSTREAM);

        assertThat(problems).hasSize(2).allSatisfy(problem -> assertThat(problem)
                .startsWith("portico.route." + id + ".")
                .contains("route ids must be lower-case letters, digits and '-'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/files", "127.0.0.1:8080", "/relative", "http://", "http:///path",
        "http://127.0.0.1/?q=1", "http://127.0.0.1/#top", "http://127.0.0.1:80 80", "mailto:ops@example.com"})
    void badUpstreamUrlIsRejectedNamingKeyAndValue(String upstream) {
        List<String> problems = Routes.problems("portico.route.a.path", "/a", "portico.route.a.upstream", upstream);

        assertThat(problems).containsExactly("portico.route.a.upstream: upstreams must be absolute http or https "
                + "URLs without user info, query or fragment; was '" + upstream + "'");
    }

    @Test
    void upstreamWithUserInfoIsRejectedWithoutEchoingThePassword() {
        List<String> problems = Routes.problems("portico.route.a.path", "/a",
                "portico.route.a.upstream", "http://user:s3cret@127.0.0.1:9/base");

        assertThat(problems).singleElement().asString()
                .startsWith("portico.route.a.upstream: upstreams must be absolute http or https URLs without user info")
                .endsWith("was 'http://***@127.0.0.1:9/base'")
                .doesNotContain("s3cret");
    }

    @Test
    void oneBadUpstreamInAListIsNamed() {
        List<String> problems = Routes.problems("portico.route.a.path", "/a",
                "portico.route.a.upstream", "http://127.0.0.1:9001, gopher://127.0.0.1");

        assertThat(problems).singleElement().asString().endsWith("was 'gopher://127.0.0.1'");
    }

    @Test
    void missingPathIsRejected() {
        List<String> problems = Routes.problems("portico.route.a.upstream", UPSTREAM);

        assertThat(problems).containsExactly("portico.route.a.path: is required and missing");
    }

    @Test
    void missingUpstreamIsRejected() {
        List<String> problems = Routes.problems("portico.route.a.path", "/a");

        assertThat(problems).containsExactly("portico.route.a.upstream: is required and missing");
    }

    @Test
    void blankUpstreamIsRejectedAsMissing() {
        List<String> problems = Routes.problems("portico.route.a.path", "/a", "portico.route.a.upstream", "  ");

        assertThat(problems).containsExactly("portico.route.a.upstream: is required and missing");
    }

    @Test
    void routeWithOnlyOptionalKeysIsRejectedForBothRequiredOnes() {
        List<String> problems = Routes.problems("portico.route.a.methods", "GET");

        assertThat(problems).containsExactlyInAnyOrder("portico.route.a.path: is required and missing",
                "portico.route.a.upstream: is required and missing");
    }

    @Test
    void invalidPathPatternIsRejectedNamingKeyRuleAndValue() {
        List<String> problems = Routes.problems("portico.route.a.path", "api/**", "portico.route.a.upstream", UPSTREAM);

        assertThat(problems).containsExactly("portico.route.a.path: path must start with '/'; was 'api/**'");
    }

    @Test
    void invalidMethodIsRejectedNamingIt() {
        List<String> problems = Routes.problems("portico.route.a.path", "/a", "portico.route.a.upstream", UPSTREAM,
                "portico.route.a.methods", "GET, PO ST, DELETE");

        assertThat(problems).containsExactly(
                "portico.route.a.methods: methods must be HTTP method names such as GET or POST; was 'PO ST'");
    }

    @Test
    void invalidPredicateRegexIsRejectedNamingTheKey() {
        List<String> problems = Routes.problems("portico.route.a.path", "/a", "portico.route.a.upstream", UPSTREAM,
                "portico.route.a.header.X-Tenant", "acme(", "portico.route.a.host", "*.example");

        assertThat(problems).extracting(RouteLoaderTest::keyOf)
                .containsExactlyInAnyOrder("portico.route.a.host", "portico.route.a.header.X-Tenant");
        assertThat(problems).allSatisfy(problem -> assertThat(problem)
                .contains(": must be a valid regular expression"));
    }

    @Test
    void invalidStripPrefixAndTimeoutsAreRejectedByKey() {
        List<String> problems = Routes.problems("portico.route.a.path", "/a", "portico.route.a.upstream", UPSTREAM,
                "portico.route.a.strip-prefix", "-1", "portico.route.a.timeout.connect", "0s",
                "portico.route.a.timeout.read", "30");

        assertThat(problems).extracting(RouteLoaderTest::keyOf)
                .containsExactly("portico.route.a.strip-prefix", "portico.route.a.timeout.connect",
                        "portico.route.a.timeout.read");
    }

    @Test
    void repeatedPathVariableIsRejectedNamingTheKey() {
        List<String> problems = Routes.problems("portico.route.a.path", "/{id}/x/{id}",
                "portico.route.a.upstream", UPSTREAM);

        assertThat(problems).singleElement().asString().startsWith("portico.route.a.path: path variable names must");
    }

    @Test
    void upstreamWeightIsReadAndDefaultsToOne() {
        RouteTable table = Routes.load("portico.route.a.path", "/a",
                "portico.route.a.upstream", "http://127.0.0.1:9001;weight=3, http://127.0.0.1:9002");

        List<UpstreamAddress> upstreams = table.routes().get(0).upstreams();

        assertThat(upstreams).containsExactly(new UpstreamAddress(URI.create("http://127.0.0.1:9001"), 3),
                new UpstreamAddress(URI.create("http://127.0.0.1:9002"), 1));
    }

    @Test
    void upstreamWeightMayBeSpacedAndReachTheMaximum() {
        RouteTable table = Routes.load("portico.route.a.path", "/a",
                "portico.route.a.upstream", "http://127.0.0.1:9001/base ; weight=100, http://127.0.0.1:9002;weight=1");

        List<UpstreamAddress> upstreams = table.routes().get(0).upstreams();

        assertThat(upstreams).containsExactly(new UpstreamAddress(URI.create("http://127.0.0.1:9001/base"), 100),
                new UpstreamAddress(URI.create("http://127.0.0.1:9002"), 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"weight=0", "weight=101", "weight=x", "weight=", "weight=-1", "weight=2.5", "foo=1",
        "Weight=2", "weight = 2", "weight=2;weight=3", ""})
    void badUpstreamParameterIsRejectedNamingKeyAndValue(String parameter) {
        String upstream = "http://127.0.0.1:9001;" + parameter;

        List<String> problems = Routes.problems("portico.route.a.path", "/a", "portico.route.a.upstream",
                "http://127.0.0.1:9002, " + upstream);

        assertThat(problems).containsExactly("portico.route.a.upstream: an upstream's only parameter is weight=1 to "
                + "100; was '" + upstream + "'");
    }

    @Test
    void badWeightOnAnUpstreamWithUserInfoDoesNotEchoThePassword() {
        List<String> problems = Routes.problems("portico.route.a.path", "/a",
                "portico.route.a.upstream", "http://user:s3cret@127.0.0.1:9;weight=3");

        assertThat(problems).singleElement().asString().doesNotContain("s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9001, http://127.0.0.1:9001",
        "http://127.0.0.1:9001;weight=2, http://127.0.0.1:9002, http://127.0.0.1:9001;weight=3",
        "http://backend.example/api, HTTP://Backend.Example/api;weight=2",
        "http://127.0.0.1:9001, http://127.0.0.1:9001/", "http://backend.example, http://backend.example:80",
        "https://backend.example/v1/, https://backend.example:443/v1"})
    void upstreamListedTwiceIsRejectedNamingKeyAndValue(String upstreams) {
        List<String> problems = Routes.problems("portico.route.a.path", "/a", "portico.route.a.upstream", upstreams);

        assertThat(problems).containsExactly("portico.route.a.upstream: an upstream must not be listed twice (give it "
                + "a weight instead); was '" + upstreams + "'");
    }

    @Test
    void sameHostWithDifferentPortsOrPathsIsNotListedTwice() {
        List<String> problems = Routes.problems("portico.route.a.path", "/a", "portico.route.a.upstream",
                "http://127.0.0.1:9001, http://127.0.0.1:9002, http://127.0.0.1:9001/v2, https://127.0.0.1:9001");

        assertThat(problems).isEmpty();
    }

    private static String keyOf(String problem) {
        return problem.substring(0, problem.indexOf(':'));
    }
}
