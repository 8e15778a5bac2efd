package io.portico.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathPatternTest {

    @ParameterizedTest
    @CsvSource({"/, /, true", "/, /a, false", "/users, /users, true", "/users, /users/, false",
        "/users, /users/1, false", "/users, /user, false", "/users, /Users, false", "/a/b, /a/b, true"})
    void exactPatternMatchesOnlyItsOwnPath(String pattern, String path, boolean matches) {
        Optional<Map<String, String>> variables = PathPattern.parse(pattern).match(parse(path));

        assertThat(variables.isPresent()).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/", "/a/b/c"})
    void rootCatchAllMatchesEveryPath(String path) {
        Optional<Map<String, String>> variables = PathPattern.parse("/**").match(parse(path));

        assertThat(variables).contains(Map.of());
    }

    @ParameterizedTest
    @CsvSource({"/api, true", "/api/, true", "/api/v1, true", "/api/v1/users, true", "/apiary, false",
        "/, false", "/other/api, false"})
    void prefixCatchAllMatchesThePrefixAndDeeper(String path, boolean matches) {
        Optional<Map<String, String>> variables = PathPattern.parse("/api/**").match(parse(path));

        assertThat(variables.isPresent()).isEqualTo(matches);
    }

    @Test
    void variablesAreCapturedDecoded() {
        PathPattern pattern = PathPattern.parse("/users/{userId}/orders/{order_2}");

        Optional<Map<String, String>> variables = pattern.match(parse("/users/j%C3%BCrgen/orders/42"));

        assertThat(variables).contains(Map.of("userId", "jürgen", "order_2", "42"));
    }

    @Test
    void variableBeforeCatchAllIsCaptured() {
        PathPattern pattern = PathPattern.parse("/tenants/{tenant}/**");

        Optional<Map<String, String>> variables = pattern.match(parse("/tenants/acme/a/b"));

        assertThat(variables).contains(Map.of("tenant", "acme"));
    }

    @Test
    void variableDoesNotMatchAnEmptySegment() {
        PathPattern pattern = PathPattern.parse("/users/{id}");

        Optional<Map<String, String>> variables = pattern.match(parse("/users/"));

        assertThat(variables).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "users", "/a//b", "/a/", "//", "/a/**/b", "/a*", "/*", "/a/**x", "/{1id}", "/{id",
        "/id}", "/{}", "/x{id}", "/{a-b}"})
    void invalidPatternIsRejected(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> PathPattern.parse(text));
    }

    @Test
    void repeatedVariableNameIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PathPattern.parse("/{id}/sub/{id}"))
                .withMessageContaining("id");
    }

    @ParameterizedTest
    @CsvSource({"/, 0", "/**, 0", "/api, 4", "/api/**, 4", "/api/v1, 7", "/users/{id}, 7", "/{a}/{b}, 2"})
    void literalLengthCountsLiteralTextAndOneSlashPerVariable(String pattern, int expected) {
        assertThat(PathPattern.parse(pattern).literalLength()).isEqualTo(expected);
    }

    @Test
    void exactLiteralIsLongerThanAVariableInItsPlace() {
        int literal = PathPattern.parse("/users/me").literalLength();
        int variable = PathPattern.parse("/users/{id}").literalLength();

        assertThat(literal).isGreaterThan(variable);
    }

    @ParameterizedTest
    @CsvSource({
        "/a, /a", "/a, /{x}", "/{x}/b, /a/{y}", "/**, /", "/**, /a/b", "/a/**, /a", "/a/**, /a/b/c",
        "/a/**, /a/**", "/a/**, /a/b/**", "/a/**, /{x}/b", "/{x}/**, /a/**"})
    void patternsThatShareAPathOverlap(String first, String second) {
        PathPattern one = PathPattern.parse(first);
        PathPattern other = PathPattern.parse(second);

        assertThat(one.overlaps(other)).isTrue();
        assertThat(other.overlaps(one)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "/a, /b", "/a, /a/b", "/a, /{x}/b", "/, /a", "/a/**, /b", "/a/**, /b/**", "/a/b/**, /a", "/a/b/**, /a/c",
        "/{x}, /a/b"})
    void patternsWithoutACommonPathDoNotOverlap(String first, String second) {
        PathPattern one = PathPattern.parse(first);
        PathPattern other = PathPattern.parse(second);

        assertThat(one.overlaps(other)).isFalse();
        assertThat(other.overlaps(one)).isFalse();
    }

    @Test
    void catchAllIsReportedAndTextIsKept() {
        PathPattern pattern = PathPattern.parse("/api/**");

        assertThat(pattern.catchAll()).isTrue();
        assertThat(pattern).hasToString("/api/**");
    }

    private static RequestPath parse(String raw) {
        try {
            return RequestPath.parse(raw);
        } catch (InvalidPathException e) {
            throw new AssertionError(raw, e);
        }
    }
}
