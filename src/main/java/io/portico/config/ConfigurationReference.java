package io.portico.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders {@code docs/configuration.md} from {@link Keys#ALL}, so that the documented keys and defaults are the
 * ones the code reads. {@code ConfigurationReferenceTest} fails when the committed file differs.
 */
public final class ConfigurationReference {

    /** A placeholder in a description, such as {@code <Name>}, which Markdown would take for an HTML tag. */
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z]+)>");

    private static final String INTRO = """
            # Configuration reference

            <!-- Generated from io.portico.config.Keys; do not edit. To regenerate:
                 mvn test -Dtest=ConfigurationReferenceTest -Dportico.docs.write=true -->

            Portico reads these keys through MicroProfile Config when the application deploys. Invalid
            configuration fails the deployment with one message that names every bad key, the rule it breaks and
            its value; so does any key under `portico.` that is not listed below, unless only an environment
            variable sets it (a shell exports whatever it likes): that one is logged as a warning and ignored.

            ## Where values come from

            Any MicroProfile Config source can set a key. A higher source in this list overrides a lower one:

            1. Java system properties (ordinal 400), such as `-Dportico.route.api.timeout.read=5s` or a file given
               to Payara Micro with `--systemproperties`;
            2. environment variables (ordinal 300);
            3. the properties file named by `portico.config.file` (ordinal 150);
            4. `META-INF/microprofile-config.properties` files (ordinal 100).

            An environment variable is looked up under the key's name with every character other than a letter or
            digit replaced by `_`, in upper case: `portico.route.api.timeout.read` becomes
            `PORTICO_ROUTE_API_TIMEOUT_READ` and `portico.limits.request-body` becomes
            `PORTICO_LIMITS_REQUEST_BODY`. Portico finds routes, their header and query predicates and consumers by
            the names of the keys, and an environment variable's name cannot be turned back into a key: an
            environment variable overrides a key that another source names, but cannot add a route, a predicate or
            a consumer.

            ## Values

            - In key names, `<id>` is a route id (lower-case letters, digits and `-`), `<Name>` a header name,
              and `<name>` a query parameter name under `portico.route.` or a consumer name (lower-case letters,
              digits and `-`) under `portico.consumer.`.
            - Durations are a whole number above zero and one unit: `ms`, `s`, `m` or `h`, as in `500ms`, `2s`,
              `1m` or `1h`.
            - Sizes are a whole number of bytes, optionally with a binary unit: `B`, `KiB` (1024 bytes), `MiB` or
              `GiB`, as in `512`, `8KiB` or `10MiB`.
            - Regular expressions use Java's syntax and must match the whole value.
            - Lists are separated by commas; spaces around items are ignored.

            ## Keys

            | Key | Default | Meaning |
            |-----|---------|---------|
            """;

    private ConfigurationReference() {
    }

    /** Returns the Markdown document for {@link Keys#ALL}, with {@code \n} line ends. */
    public static String render() {
        return render(Keys.ALL);
    }

    static String render(List<Key> keys) {
        StringBuilder document = new StringBuilder(INTRO);
        for (Key key : keys) {
            document.append("| ").append(code(key.name()))
                    .append(" | ").append(defaultValue(key.defaultValue()))
                    .append(" | ").append(cell(PLACEHOLDER.matcher(key.description()).replaceAll("`<$1>`")))
                    .append(" |\n");
        }
        return document.toString();
    }

    private static String defaultValue(String value) {
        if (value == null) {
            return "*none*";
        }
        return value.isEmpty() ? "*empty*" : code(value);
    }

    private static String code(String text) {
        return cell("`" + text + "`");
    }

    /** Escapes the one character that would end a table cell early. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
