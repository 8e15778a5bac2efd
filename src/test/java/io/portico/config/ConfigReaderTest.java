package io.portico.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigReaderTest {

    private static final String KEY = "portico.test.value";

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "2s, PT2S", "1m, PT1M", "1h, PT1H"})
    void durationTakesOneUnit(String text, Duration expected) {
        ConfigReader reader = new ConfigReader(MapSettings.of(KEY, text));

        Duration duration = reader.duration(KEY, "9s");

        assertThat(duration).isEqualTo(expected);
        assertThatNoException().isThrownBy(reader::failIfInvalid);
    }

    @Test
    void absentDurationTakesTheDefault() {
        ConfigReader reader = new ConfigReader(MapSettings.of());

        Duration duration = reader.duration(KEY, "30s");

        assertThat(duration).isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0ms", "abc", "-1s", "1.5s", "2S", "2 s", "1d", "10"})
    void durationThatIsNotPositiveWithAUnitIsRejectedNamingKeyAndValue(String text) {
        ConfigReader reader = new ConfigReader(MapSettings.of(KEY, text));

        reader.duration(KEY, "9s");

        assertThat(problems(reader)).singleElement().asString()
                .startsWith(KEY + ": must be a duration longer than zero")
                .endsWith("was '" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"512, 512", "512B, 512", "8KiB, 8192", "10MiB, 10485760", "2GiB, 2147483648", "0, 0",
        "8589934591GiB, 9223372035781033984"})
    void sizeTakesAnOptionalBinaryUnit(String text, long expected) {
        ConfigReader reader = new ConfigReader(MapSettings.of(KEY, text));

        long size = reader.size(KEY, "1B");

        assertThat(size).isEqualTo(expected);
        assertThatNoException().isThrownBy(reader::failIfInvalid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8KB", "8kib", "-1", "1.5MiB", "lots", "8 KiB"})
    void malformedSizeIsRejectedNamingKeyAndValue(String text) {
        ConfigReader reader = new ConfigReader(MapSettings.of(KEY, text));

        reader.size(KEY, "1B");

        assertThat(problems(reader)).singleElement().asString()
                .startsWith(KEY + ": must be a size")
                .endsWith("was '" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8589934592GiB", "999999999999GiB"})
    void sizeBeyondTheLargestByteCountIsRejected(String text) {
        ConfigReader reader = new ConfigReader(MapSettings.of(KEY, text));

        reader.size(KEY, "1B");

        assertThat(problems(reader)).singleElement().asString()
                .startsWith(KEY + ": ")
                .endsWith("was '" + text + "'");
    }

    @Test
    void regexIsCompiledWithTheRequestedCase() {
        ConfigReader reader = new ConfigReader(MapSettings.of(KEY, "api\\.example\\.com"));

        Pattern pattern = reader.regex(KEY, true).orElseThrow();

        assertThat(pattern.matcher("API.Example.COM").matches()).isTrue();
    }

    @Test
    void absentRegexIsEmptyAndNoProblem() {
        ConfigReader reader = new ConfigReader(MapSettings.of());

        boolean present = reader.regex(KEY, false).isPresent();

        assertThat(present).isFalse();
        assertThatNoException().isThrownBy(reader::failIfInvalid);
    }

    @Test
    void invalidRegexIsRejectedNamingKeyAndValue() {
        ConfigReader reader = new ConfigReader(MapSettings.of(KEY, "v[12"));

        boolean present = reader.regex(KEY, false).isPresent();

        assertThat(present).isFalse();
        assertThat(problems(reader)).singleElement().asString()
                .startsWith(KEY + ": must be a valid regular expression (")
                .endsWith("was 'v[12'");
    }

    @Test
    void missingRequiredKeyIsRecorded() {
        ConfigReader reader = new ConfigReader(MapSettings.of(KEY, "   "));

        String value = reader.required(KEY);

        assertThat(value).isEmpty();
        assertThat(problems(reader)).containsExactly(KEY + ": is required and missing");
    }

    @Test
    void presentRequiredKeyIsReturned() {
        ConfigReader reader = new ConfigReader(MapSettings.of(KEY, "here"));

        String value = reader.required(KEY);

        assertThat(value).isEqualTo("here");
        assertThatNoException().isThrownBy(reader::failIfInvalid);
    }

    @Test
    void listDropsBlankItemsAndSpaces() {
        ConfigReader reader = new ConfigReader(MapSettings.of(KEY, " GET, ,HEAD ,, POST"));

        assertThat(reader.list(KEY, "")).containsExactly("GET", "HEAD", "POST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "two", "1.0", "99999999999"})
    void nonNegativeIntRejectsAnythingButAWholeNumber(String text) {
        ConfigReader reader = new ConfigReader(MapSettings.of(KEY, text));

        reader.nonNegativeInt(KEY, "0");

        assertThat(problems(reader)).containsExactly(KEY + ": must be a whole number, 0 or more; was '" + text + "'");
    }

    @Test
    void everyProblemIsCollectedIntoOneException() {
        ConfigReader reader = new ConfigReader(MapSettings.of(
                "portico.a", "0s", "portico.b", "8KB", "portico.c", "(", "portico.d", "-3"));

        reader.duration("portico.a", "1s");
        reader.size("portico.b", "1B");
        reader.regex("portico.c", false);
        reader.nonNegativeInt("portico.d", "0");
        reader.required("portico.e");

        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(reader::failIfInvalid)
                .withMessageStartingWith("Invalid Portico configuration:\n  portico.a: ")
                .withMessageContainingAll("\n  portico.b: ", "\n  portico.c: ", "\n  portico.d: ",
                        "\n  portico.e: is required")
                .satisfies(failure -> assertThat(failure.problems()).hasSize(5));
    }

    @Test
    void readerWithoutProblemsDoesNotFail() {
        ConfigReader reader = new ConfigReader(MapSettings.of(KEY, "2s"));

        reader.duration(KEY, "1s");

        assertThatNoException().isThrownBy(reader::failIfInvalid);
    }

    /** Returns the problems the reader has recorded; none when it would not fail. */
    private static List<String> problems(ConfigReader reader) {
        try {
            reader.failIfInvalid();
            return List.of();
        } catch (ConfigurationException e) {
            return e.problems();
        }
    }
}
