package io.portico.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class VariantsTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void requestSelectsTheVariantStoredForItsValuesOfTheVariedHeaders() {
        StoredResponse english = variant("Accept-Language", request("Accept-Language", "en"));
        StoredResponse german = variant("Accept-Language", request("Accept-Language", "de"));
        Variants variants = new Variants(List.of(english, german));

        Optional<StoredResponse> forGerman = variants.select(request("accept-language", "de"));
        Optional<StoredResponse> forFrench = variants.select(request("Accept-Language", "fr"));

        assertThat(forGerman).containsSame(german);
        assertThat(forFrench).isEmpty();
    }

    @Test
    void everyVariedHeaderMustMatch() {
        StoredResponse stored = variant("Accept-Language, Accept-Encoding",
                request("Accept-Language", "en", "Accept-Encoding", "gzip"));
        Variants variants = new Variants(List.of(stored));

        Optional<StoredResponse> bothMatch = variants.select(request("Accept-Language", "en", "Accept-Encoding",
                "gzip"));
        Optional<StoredResponse> oneDiffers = variants.select(request("Accept-Language", "en", "Accept-Encoding",
                "br"));

        assertThat(bothMatch).containsSame(stored);
        assertThat(oneDiffers).isEmpty();
    }

    @Test
    void variantStoredWithoutTheHeaderMatchesOnlyRequestsWithoutIt() {
        StoredResponse withoutHeader = variant("Accept-Language", request());
        Variants variants = new Variants(List.of(withoutHeader));

        Optional<StoredResponse> forRequestWithout = variants.select(request());
        Optional<StoredResponse> forEmptyValue = variants.select(request("Accept-Language", ""));
        Optional<StoredResponse> forSomeValue = variants.select(request("Accept-Language", "en"));

        assertThat(forRequestWithout).containsSame(withoutHeader);
        assertThat(forEmptyValue).isEmpty();
        assertThat(forSomeValue).isEmpty();
    }

    @Test
    void variantStoredWithTheHeaderDoesNotMatchARequestWithoutIt() {
        Variants variants = new Variants(List.of(variant("Accept-Language", request("Accept-Language", ""))));

        assertThat(variants.select(request())).isEmpty();
    }

    @Test
    void whitespaceAroundCommasAndSplitFieldLinesDoNotMakeAnotherVariant() {
        StoredResponse stored = variant("Accept-Encoding", request("Accept-Encoding", "gzip, br"));
        Variants variants = new Variants(List.of(stored));

        Optional<StoredResponse> packed = variants.select(request("Accept-Encoding", "gzip,br"));
        Optional<StoredResponse> spaced = variants.select(request("Accept-Encoding", " gzip ,\tbr "));
        Optional<StoredResponse> twoLines = variants.select(request("Accept-Encoding", "gzip", "Accept-Encoding",
                "br"));
        Optional<StoredResponse> reordered = variants.select(request("Accept-Encoding", "br, gzip"));

        assertThat(packed).containsSame(stored);
        assertThat(spaced).containsSame(stored);
        assertThat(twoLines).containsSame(stored);
        assertThat(reordered).isEmpty();
    }

    @Test
    void responseWithoutVaryMatchesEveryRequest() {
        StoredResponse stored = Responses.stored(200, T, "Cache-Control: max-age=60");
        Variants variants = new Variants(List.of(stored));

        assertThat(variants.select(request("Accept-Language", "en"))).containsSame(stored);
        assertThat(variants.select(request())).containsSame(stored);
    }

    @Test
    void newResponseReplacesTheVariantForTheSameValues() {
        StoredResponse oldEnglish = variant("Accept-Language", request("Accept-Language", "en"));
        StoredResponse german = variant("Accept-Language", request("Accept-Language", "de"));
        StoredResponse newEnglish = variant("Accept-Language", request("Accept-Language", "en"));

        Variants variants = new Variants(List.of(oldEnglish, german)).with(newEnglish);

        assertThat(variants.responses()).containsExactly(newEnglish, german);
        assertThat(variants.select(request("Accept-Language", "en"))).containsSame(newEnglish);
    }

    @Test
    void ninthVariantPushesOutTheOldest() {
        List<StoredResponse> added = new ArrayList<>();
        Variants variants = new Variants(List.of());
        for (int i = 1; i <= 9; i++) {
            StoredResponse response = variant("X-Tenant", request("X-Tenant", "t" + i));
            added.add(response);
            variants = variants.with(response);
        }

        assertThat(variants.responses()).hasSize(8).first().isSameAs(added.get(8));
        assertThat(variants.select(request("X-Tenant", "t1"))).isEmpty();
        assertThat(variants.select(request("X-Tenant", "t2"))).containsSame(added.get(1));
    }

    /** Returns a response with {@code Vary: vary}, stored for a request with {@code requestHeaders}. */
    private static StoredResponse variant(String vary, Function<String, List<String>> requestHeaders) {
        StoredResponse response = Responses.stored(200, T, "Cache-Control: max-age=60", "Vary: " + vary);
        return new StoredResponse(response.status(), response.headers(), response.body(), T, T,
                Variants.varied(response.values("Vary"), requestHeaders));
    }

    /** Returns the headers of a request, as name-value pairs; names match whatever their case, as in a servlet. */
    private static Function<String, List<String>> request(String... namesAndValues) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.computeIfAbsent(namesAndValues[i], name -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return name -> headers.getOrDefault(name, List.of());
    }
}
