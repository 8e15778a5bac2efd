package io.portico.cache;

import static io.portico.cache.Responses.date;
import static io.portico.cache.Responses.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.portico.cache.CachePolicy.Use;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachePolicyTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final CachePolicy POLICY = new CachePolicy(false);

    // What may be stored

    @Test
    void freshResponseMayBeStored() {
        assertThat(refusal("max-age=60")).isEmpty();
    }

    @Test
    void noStoreInTheRequestRefusesStorage() {
        Optional<String> refusal = POLICY.refusal(control("no-store"), false, 200, control("max-age=60"), List.of(),
                List.of(), false);

        assertThat(refusal).hasValue("no-store");
    }

    @Test
    void noStoreInTheResponseRefusesStorage() {
        assertThat(refusal("max-age=60, no-store")).hasValue("no-store");
    }

    @Test
    void privateRefusesStorageInASharedCache() {
        assertThat(refusal("private, max-age=60")).hasValue("private");
    }

    @Test
    void privateNamingFieldsOnlyKeepsThoseFieldsOut() {
        assertThat(refusal("private=\"Set-Cookie\", max-age=60")).isEmpty();
    }

    @Test
    void responseToARequestWithAuthorizationIsNotStoredWithoutExplicitPermission() {
        Optional<String> refusal = POLICY.refusal(CacheControl.NONE, true, 200, control("max-age=60"), List.of(),
                List.of(), false);

        assertThat(refusal).hasValue("authorization");
    }

    @Test
    void publicSMaxageOrMustRevalidateLetAResponseToAnAuthorizedRequestBeStored() {
        for (String permission : List.of("public, max-age=60", "s-maxage=60", "must-revalidate, max-age=60")) {
            Optional<String> refusal = POLICY.refusal(CacheControl.NONE, true, 200, control(permission), List.of(),
                    List.of(), false);

            assertThat(refusal).as(permission).isEmpty();
        }
    }

    @Test
    void varyStarRefusesStorage() {
        for (List<String> vary : List.of(List.of("*"), List.of("Accept-Encoding, *"), List.of("Accept", " * "))) {
            Optional<String> refusal = POLICY.refusal(CacheControl.NONE, false, 200, control("max-age=60"), vary,
                    List.of(), false);

            assertThat(refusal).as(vary.toString()).hasValue("vary-star");
        }
    }

    @Test
    void setCookieRefusesStorageUnlessConfiguredToStoreIt() {
        Optional<String> byDefault = POLICY.refusal(CacheControl.NONE, false, 200, control("max-age=60"), List.of(),
                List.of(), true);
        Optional<String> allowed = new CachePolicy(true).refusal(CacheControl.NONE, false, 200,
                control("max-age=60"), List.of(), List.of(), true);

        assertThat(byDefault).hasValue("set-cookie");
        assertThat(allowed).isEmpty();
    }

    @Test
    void partialContentNotModifiedAndInterimResponsesAreNotStored() {
        for (int status : List.of(100, 103, 206, 304)) {
            Optional<String> refusal = POLICY.refusal(CacheControl.NONE, false, status, control("max-age=60"),
                    List.of(), List.of(), false);

            assertThat(refusal).as("status %d", status).hasValue("status");
        }
    }

    @Test
    void responseWithoutFreshnessOfAStatusNotHeuristicallyCacheableIsNotStored() {
        Optional<String> refusal = POLICY.refusal(CacheControl.NONE, false, 302, CacheControl.NONE, List.of(),
                List.of(), false);

        assertThat(refusal).hasValue("no-freshness");
    }

    @Test
    void responseOfAStatusNotHeuristicallyCacheableIsStoredWithExplicitFreshness() {
        Optional<String> maxAge = POLICY.refusal(CacheControl.NONE, false, 302, control("max-age=60"), List.of(),
                List.of(), false);
        Optional<String> expires = POLICY.refusal(CacheControl.NONE, false, 302, CacheControl.NONE, List.of(),
                List.of(date(T)), false);

        assertThat(maxAge).isEmpty();
        assertThat(expires).isEmpty();
    }

    @Test
    void responseWithoutFreshnessOfAHeuristicallyCacheableStatusIsStored() {
        for (int status : List.of(200, 404, 410)) {
            Optional<String> refusal = POLICY.refusal(CacheControl.NONE, false, status, CacheControl.NONE,
                    List.of(), List.of(), false);

            assertThat(refusal).as("status %d", status).isEmpty();
        }
    }

    @Test
    void mustUnderstandOverridesNoStoreForAnUnderstoodStatus() {
        assertThat(refusal("must-understand, no-store, max-age=60")).isEmpty();
    }

    @Test
    void mustUnderstandRefusesAStatusTheCacheDoesNotKnow() {
        Optional<String> refusal = POLICY.refusal(CacheControl.NONE, false, 299,
                control("must-understand, no-store, max-age=60"), List.of(), List.of(), false);

        assertThat(refusal).hasValue("must-understand");
    }

    // What a stored response may do

    @Test
    void freshResponseAnswersFromTheCache() {
        StoredResponse stored = stored(200, T, "Date: " + date(T), "Cache-Control: max-age=60");

        assertThat(use(stored, "", T.plusSeconds(10))).isEqualTo(Use.FRESH);
    }

    @Test
    void staleResponseWithoutPermissionMustBeValidated() {
        StoredResponse stored = stored(200, T, "Date: " + date(T), "Cache-Control: max-age=60");

        assertThat(use(stored, "", T.plusSeconds(61))).isEqualTo(Use.VALIDATE);
    }

    @Test
    void requestNoCacheValidatesAFreshResponse() {
        StoredResponse stored = stored(200, T, "Date: " + date(T), "Cache-Control: max-age=60");

        assertThat(use(stored, "no-cache", T.plusSeconds(10))).isEqualTo(Use.VALIDATE);
    }

    @Test
    void pragmaNoCacheValidatesAFreshResponse() {
        StoredResponse stored = stored(200, T, "Date: " + date(T), "Cache-Control: max-age=60");

        Use use = POLICY.use(stored, CacheControl.NONE, true, T.plusSeconds(10));

        assertThat(use).isEqualTo(Use.VALIDATE);
    }

    @Test
    void responseNoCacheValidatesEvenWhenFresh() {
        StoredResponse stored = stored(200, T, "Date: " + date(T), "Cache-Control: max-age=60, no-cache");

        assertThat(use(stored, "", T.plusSeconds(10))).isEqualTo(Use.VALIDATE);
    }

    @Test
    void requestMaxAgeRefusesAnOlderResponse() {
        StoredResponse stored = stored(200, T, "Date: " + date(T), "Cache-Control: max-age=60");

        assertThat(use(stored, "max-age=5", T.plusSeconds(10))).isEqualTo(Use.VALIDATE);
        assertThat(use(stored, "max-age=20", T.plusSeconds(10))).isEqualTo(Use.FRESH);
    }

    @Test
    void requestMinFreshAsksForFreshnessLeftOver() {
        StoredResponse stored = stored(200, T, "Date: " + date(T), "Cache-Control: max-age=60");

        assertThat(use(stored, "min-fresh=55", T.plusSeconds(10))).isEqualTo(Use.VALIDATE);
        assertThat(use(stored, "min-fresh=40", T.plusSeconds(10))).isEqualTo(Use.FRESH);
    }

    @Test
    void requestMaxStaleAcceptsAResponseStaleWithinIt() {
        StoredResponse stored = stored(200, T, "Date: " + date(T), "Cache-Control: max-age=60");
        Instant tenSecondsStale = T.plusSeconds(70);

        assertThat(use(stored, "max-stale=20", tenSecondsStale)).isEqualTo(Use.STALE);
        assertThat(use(stored, "max-stale=5", tenSecondsStale)).isEqualTo(Use.VALIDATE);
        assertThat(use(stored, "max-stale", tenSecondsStale)).isEqualTo(Use.STALE);
    }

    @Test
    void staleWhileRevalidateServesAStaleResponseWithinItsWindow() {
        StoredResponse stored = stored(200, T, "Date: " + date(T),
                "Cache-Control: max-age=60, stale-while-revalidate=30");

        assertThat(use(stored, "", T.plusSeconds(80))).isEqualTo(Use.STALE_WHILE_REVALIDATE);
        assertThat(use(stored, "", T.plusSeconds(100))).isEqualTo(Use.VALIDATE);
    }

    @Test
    void mustRevalidateProxyRevalidateAndSMaxageForbidServingStale() {
        for (String forbidding : List.of("max-age=60, must-revalidate", "max-age=60, proxy-revalidate",
                "s-maxage=60")) {
            StoredResponse stored = stored(200, T, "Date: " + date(T),
                    "Cache-Control: " + forbidding + ", stale-while-revalidate=600");

            assertThat(use(stored, "max-stale", T.plusSeconds(70))).as(forbidding).isEqualTo(Use.VALIDATE);
        }
    }

    // Stale responses in place of errors

    @Test
    void staleIfErrorOfTheResponseCoversErrorsWithinItsWindow() {
        StoredResponse stored = stored(200, T, "Date: " + date(T), "Cache-Control: max-age=60, stale-if-error=60");

        assertThat(POLICY.staleIfError(stored, CacheControl.NONE, T.plusSeconds(100))).isTrue();
        assertThat(POLICY.staleIfError(stored, CacheControl.NONE, T.plusSeconds(130))).isFalse();
    }

    @Test
    void staleIfErrorOfTheRequestReplacesTheResponses() {
        StoredResponse shortWindow = stored(200, T, "Date: " + date(T),
                "Cache-Control: max-age=60, stale-if-error=5");
        StoredResponse noWindow = stored(200, T, "Date: " + date(T), "Cache-Control: max-age=60");

        assertThat(POLICY.staleIfError(shortWindow, control("stale-if-error=100"), T.plusSeconds(100))).isTrue();
        assertThat(POLICY.staleIfError(noWindow, control("stale-if-error=100"), T.plusSeconds(100))).isTrue();
        assertThat(POLICY.staleIfError(noWindow, control("stale-if-error=10"), T.plusSeconds(100))).isFalse();
    }

    @Test
    void withoutStaleIfErrorNoStaleResponseCoversAnError() {
        StoredResponse stored = stored(200, T, "Date: " + date(T), "Cache-Control: max-age=60");

        assertThat(POLICY.staleIfError(stored, CacheControl.NONE, T.plusSeconds(61))).isFalse();
    }

    @Test
    void staleIfErrorNeverCoversAResponseThatForbidsStaleUse() {
        for (String forbidding : List.of("max-age=60, must-revalidate", "max-age=60, proxy-revalidate",
                "s-maxage=60", "max-age=60, no-cache")) {
            StoredResponse stored = stored(200, T, "Date: " + date(T),
                    "Cache-Control: " + forbidding + ", stale-if-error=600");

            boolean covers = POLICY.staleIfError(stored, CacheControl.NONE, T.plusSeconds(100));

            assertThat(covers).as(forbidding).isFalse();
        }
    }

    private static Optional<String> refusal(String responseCacheControl) {
        return POLICY.refusal(CacheControl.NONE, false, 200, control(responseCacheControl), List.of(), List.of(),
                false);
    }

    private static Use use(StoredResponse stored, String requestCacheControl, Instant now) {
        return POLICY.use(stored, control(requestCacheControl), false, now);
    }

    private static CacheControl control(String value) {
        return CacheControl.parse(List.of(value));
    }
}
