package io.portico.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CacheControlTest {

    private static final long TWO_TO_THE_31 = 2_147_483_648L;

    @Test
    void directivesOfEveryFieldLineCount() {
        CacheControl control = CacheControl.parse(List.of("max-age=60", "no-transform, public"));

        assertThat(control.seconds("max-age")).hasValue(60);
        assertThat(control.has("no-transform")).isTrue();
        assertThat(control.has("public")).isTrue();
    }

    @Test
    void directiveNamesMatchWhateverTheirCase() {
        CacheControl control = CacheControl.parse(List.of("Max-Age=60, NO-STORE, S-MaxAge=5"));

        assertThat(control.seconds("max-age")).hasValue(60);
        assertThat(control.has("no-store")).isTrue();
        assertThat(control.seconds("s-maxage")).hasValue(5);
    }

    @Test
    void quotedArgumentsLoseTheirQuotesAndEscapes() {
        CacheControl control = CacheControl.parse(List.of("private=\"Set-Cookie\", ext=\"say \\\"hi\\\"\""));

        assertThat(control.argument("private")).isEqualTo("Set-Cookie");
        assertThat(control.argument("ext")).isEqualTo("say \"hi\"");
    }

    @Test
    void quotedDeltaSecondsCountLikeBareOnes() {
        CacheControl control = CacheControl.parse(List.of("max-age=\"60\""));

        assertThat(control.seconds("max-age")).hasValue(60);
    }

    @Test
    void commaInsideQuotesDoesNotEndTheDirective() {
        CacheControl control = CacheControl.parse(List.of("no-cache=\"Set-Cookie, X-Token\", max-age=5"));

        assertThat(control.argument("no-cache")).isEqualTo("Set-Cookie, X-Token");
        assertThat(control.seconds("max-age")).hasValue(5);
        assertThat(control.has("x-token\"")).isFalse();
    }

    @Test
    void firstOccurrenceOfADirectiveWins() {
        CacheControl acrossLines = CacheControl.parse(List.of("max-age=60", "max-age=5"));
        CacheControl inOneLine = CacheControl.parse(List.of("max-age=7, MAX-AGE=600"));

        assertThat(acrossLines.seconds("max-age")).hasValue(60);
        assertThat(inOneLine.seconds("max-age")).hasValue(7);
    }

    @Test
    void directiveWithoutArgumentHasAnEmptyOneAndAnAbsentOneNone() {
        CacheControl control = CacheControl.parse(List.of("no-cache"));

        assertThat(control.argument("no-cache")).isEmpty();
        assertThat(control.argument("no-store")).isNull();
        assertThat(control.seconds("max-age")).isEmpty();
    }

    @Test
    void invalidDeltaSecondsCountAsZero() {
        for (String invalid : List.of("max-age=-1", "max-age=1.5", "max-age=abc", "max-age=", "max-age",
                "max-age=6 0", "max-age=+60", "max-age=0x10")) {
            CacheControl control = CacheControl.parse(List.of(invalid));

            assertThat(control.seconds("max-age")).as(invalid).hasValue(0);
        }
    }

    @Test
    void hugeDeltaSecondsAreTakenAsTwoToThe31() {
        CacheControl justAbove = CacheControl.parse(List.of("max-age=2147483649"));
        CacheControl farAbove = CacheControl.parse(List.of("max-age=99999999999999999999999"));
        CacheControl justBelow = CacheControl.parse(List.of("max-age=2147483647"));

        assertThat(justAbove.seconds("max-age")).hasValue(TWO_TO_THE_31);
        assertThat(farAbove.seconds("max-age")).hasValue(TWO_TO_THE_31);
        assertThat(justBelow.seconds("max-age")).hasValue(2_147_483_647L);
    }

    @Test
    void leadingZerosDoNotMakeDeltaSecondsHuge() {
        CacheControl control = CacheControl.parse(List.of("max-age=000000000060"));

        assertThat(control.seconds("max-age")).hasValue(60);
    }

    @Test
    void noFieldLinesParseToNone() {
        CacheControl none = CacheControl.parse(List.of());
        CacheControl blank = CacheControl.parse(List.of("", " , "));

        assertThat(none).isSameAs(CacheControl.NONE);
        assertThat(blank).isSameAs(CacheControl.NONE);
    }
}
