package io.portico.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/configuration.md} equal to what {@link ConfigurationReference} renders from {@link Keys#ALL}.
 * Run with {@code -Dportico.docs.write=true} to rewrite the file after changing a key.
 */
class ConfigurationReferenceTest {

    private static final Path DOCUMENT = Path.of(System.getProperty("basedir", ""), "docs", "configuration.md");

    @Test
    void committedReferenceEqualsTheRenderedOne() throws IOException {
        String rendered = ConfigurationReference.render();
        if (Boolean.getBoolean("portico.docs.write")) {
            Files.createDirectories(DOCUMENT.getParent());
            Files.writeString(DOCUMENT, rendered);
        }

        String committed = Files.exists(DOCUMENT) ? Files.readString(DOCUMENT) : "";

        assertThat(committed)
                .as("%s is out of date; rerun the tests with -Dportico.docs.write=true and commit it", DOCUMENT)
                .isEqualTo(rendered);
    }

    @Test
    void everyKeyHasOneRowWithItsDefault() {
        String rendered = ConfigurationReference.render();

        assertThat(rendered.lines().filter(line -> line.startsWith("| `portico.") || line.startsWith("| `mp.jwt.")))
                .hasSize(Keys.ALL.size());
        assertThat(rendered).contains(
                "| `portico.limits.request-body` | `10MiB` | ",
                "| `portico.trusted-proxies` | *empty* | ",
                "| `portico.route.<id>.path` | *none* | Required. ",
                "| `portico.route.<id>.timeout.read` | `30s` | ");
    }

    @Test
    void placeholdersInMeaningsAreCodeAndPipesAreEscaped() {
        String rendered = ConfigurationReference.render(List.of(
                new Key("portico.x.<id>", "a|b", "Value of header <Name>, or a|b.")));

        assertThat(rendered).endsWith("| `portico.x.<id>` | `a\\|b` | Value of header `<Name>`, or a\\|b. |\n");
    }

    @Test
    void introExplainsOverridesAndEnvironmentNames() {
        String rendered = ConfigurationReference.render();

        assertThat(rendered).contains("system properties", "environment variables",
                "`PORTICO_ROUTE_API_TIMEOUT_READ`", "`500ms`", "`8KiB`");
        assertThat(rendered.indexOf("system properties")).isLessThan(rendered.indexOf("environment variables"));
        assertThat(rendered.indexOf("environment variables"))
                .isLessThan(rendered.indexOf("microprofile-config.properties"));
    }

    @Test
    void keysAreDottedLowerCaseUniqueAndUnderPorticoOrMpJwtVerify() {
        List<String> names = Keys.ALL.stream().map(Key::name).toList();

        assertThat(names).doesNotHaveDuplicates().allSatisfy(name -> assertThat(name)
                .matches("(portico|mp\\.jwt\\.verify)(\\.([a-z][a-z0-9-]*|<id>|<Name>|<name>))+"));
    }

    @Test
    void onlyTheMicroProfileJwtKeysPorticoReadsAreOutsideThePrefix() {
        List<String> names = Keys.ALL.stream().map(Key::name).filter(name -> !name.startsWith(Keys.PREFIX)).toList();

        assertThat(names).containsExactly("mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location",
                "mp.jwt.verify.publickey.algorithm", "mp.jwt.verify.issuer", "mp.jwt.verify.audiences",
                "mp.jwt.verify.clock.skew");
    }

    @Test
    void everyMeaningIsASentence() {
        assertThat(Keys.ALL).allSatisfy(key -> assertThat(key.description())
                .as(key.name())
                .matches("[A-Z].*\\.")
                .doesNotContain("\n"));
    }
}
