import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Prints a signed RS256 JWT that the Portico demo accepts. Run it from the project root (deploy/demo-token.sh
 * does that for you), since the default key path is relative to the current directory:
 *
 * <pre>
 * java deploy/DemoToken.java --subject alice --groups user,admin --scope "read write"
 * </pre>
 *
 * The default key, server-config/payara-micro/demo-keys/private.pem, is public: a token signed with it is good
 * for the demo and nothing else. JDK classes only, so the file runs without a build.
 */
public class DemoToken {

    static final String ISSUER = "https://demo.portico.local";
    static final String AUDIENCE = "portico";
    static final Path DEFAULT_KEY = Path.of("server-config/payara-micro/demo-keys/private.pem");
    static final long DEFAULT_EXPIRES_IN = 3600;

    static final String USAGE = """
            usage: java deploy/DemoToken.java [options]   (run from the project root)
              --subject NAME           sub and upn claims (default demo-user)
              --groups a,b             groups claim, comma-separated (default none: an empty array)
              --scope "read write"     scope claim, space-separated (default none: no scope claim)
              --key PATH               PKCS#8 PEM private key to sign with
                                       (default server-config/payara-micro/demo-keys/private.pem)
              --expires-in SECONDS     exp = iat + SECONDS (default 3600; negative for a token already expired)
              --not-before-in SECONDS  nbf = iat + SECONDS, for a token not valid yet (default none: no nbf claim)
            """;

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        try {
            System.out.println(token(Options.parse(args), Instant.now()));
        } catch (UsageException e) {
            System.err.println("demo-token: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            System.err.println("demo-token: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Returns the compact JWT: header, claims and signature, each base64url-encoded without padding. */
    static String token(Options options, Instant now) throws IOException, GeneralSecurityException {
        PrivateKey key = readPrivateKey(options.key());
        String signingInput = base64Url(header()) + "." + base64Url(claims(options, now.getEpochSecond()));
        return signingInput + "." + base64Url(sign(signingInput, key));
    }

    static String header() {
        return new JsonObject().string("alg", "RS256").string("typ", "JWT").string("kid", "demo").toString();
    }

    static String claims(Options options, long issuedAt) {
        JsonObject claims = new JsonObject()
                .string("iss", ISSUER)
                .string("aud", AUDIENCE)
                .string("sub", options.subject())
                .string("upn", options.subject())
                .strings("groups", options.groups());
        options.scope().ifPresent(scope -> claims.string("scope", scope));
        claims.number("iat", issuedAt);
        options.notBeforeIn().ifPresent(seconds -> claims.number("nbf", issuedAt + seconds));
        return claims.number("exp", issuedAt + options.expiresIn())
                .string("jti", UUID.randomUUID().toString())
                .toString();
    }

    static byte[] sign(String signingInput, PrivateKey key) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signature.sign();
    }

    static String base64Url(String text) {
        return base64Url(text.getBytes(StandardCharsets.UTF_8));
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Reads an RSA private key from a PKCS#8 PEM file; fails with a message naming the file when it holds none. */
    static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = readKeyFile(file);
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            throw new GeneralSecurityException(file + " holds a PKCS#1 key; convert it to PKCS#8 with"
                    + " openssl pkcs8 -topk8 -nocrypt -in " + file + " -out private.pem");
        }
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException(file + " holds no unencrypted PKCS#8 key (" + begin + ")");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(file + " holds no RSA private key: " + e.getMessage(), e);
        }
    }

    private static String readKeyFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no key file " + file.toAbsolutePath()
                    + " (run from the project root, or give --key)");
        }
        // PEM is ASCII; ISO-8859-1 reads any byte, so a stray one fails at decoding with a clearer message.
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    /** The command line, checked: every value is well-formed once this exists. */
    record Options(String subject, List<String> groups, Optional<String> scope, Path key, long expiresIn,
            OptionalLong notBeforeIn) {

        static final Set<String> NAMES =
                Set.of("--subject", "--groups", "--scope", "--key", "--expires-in", "--not-before-in");

        /** Keeps exp and nbf far from long overflow: a hundred years is more than any demo needs. */
        static final long MAX_SECONDS = 100L * 366 * 24 * 60 * 60;

        /** Parses {@code --name value} pairs; a repeated option keeps its last value. */
        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                String name = args[i];
                if (!NAMES.contains(name)) {
                    throw new UsageException("unknown option: " + name);
                }
                if (i + 1 == args.length) {
                    throw new UsageException(name + " needs a value");
                }
                values.put(name, args[i + 1]);
            }
            return of(values);
        }

        private static Options of(Map<String, String> values) {
            long expiresIn = values.containsKey("--expires-in")
                    ? seconds("--expires-in", values.get("--expires-in")) : DEFAULT_EXPIRES_IN;
            return new Options(subject(values.getOrDefault("--subject", "demo-user")),
                    groups(values.getOrDefault("--groups", "")),
                    Optional.ofNullable(values.get("--scope")),
                    values.containsKey("--key") ? Path.of(values.get("--key")) : DEFAULT_KEY,
                    expiresIn,
                    notBeforeIn(values.get("--not-before-in"), expiresIn));
        }

        private static String subject(String subject) {
            if (subject.isBlank()) {
                throw new UsageException("--subject must not be blank");
            }
            return subject;
        }

        /** Returns the nbf offset, if given, once it is known to come before exp. */
        private static OptionalLong notBeforeIn(String value, long expiresIn) {
            if (value == null) {
                return OptionalLong.empty();
            }
            long notBeforeIn = seconds("--not-before-in", value);
            if (notBeforeIn >= expiresIn) {
                throw new UsageException("--not-before-in must be less than --expires-in, or the token is never valid: "
                        + notBeforeIn + " >= " + expiresIn);
            }
            return OptionalLong.of(notBeforeIn);
        }

        /** Splits a comma list, trimming each entry and dropping empty ones, so "" gives no groups. */
        private static List<String> groups(String list) {
            return Arrays.stream(list.split(",")).map(String::strip).filter(group -> !group.isEmpty()).toList();
        }

        private static long seconds(String name, String value) {
            long seconds;
            try {
                seconds = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new UsageException(name + " must be a whole number of seconds: " + value);
            }
            if (Math.abs(seconds) > MAX_SECONDS) {
                throw new UsageException(name + " must be at most " + MAX_SECONDS + " seconds either way: " + value);
            }
            return seconds;
        }
    }

    /** A command line that cannot be used; main prints the usage after its message. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    /** One flat JSON object written by hand, its members in the order they are added. */
    static final class JsonObject {
        private final StringJoiner members = new StringJoiner(",", "{", "}");

        JsonObject string(String name, String value) {
            return member(name, quote(value));
        }

        JsonObject number(String name, long value) {
            return member(name, Long.toString(value));
        }

        JsonObject strings(String name, List<String> values) {
            StringJoiner array = new StringJoiner(",", "[", "]");
            values.forEach(value -> array.add(quote(value)));
            return member(name, array.toString());
        }

        private JsonObject member(String name, String json) {
            members.add(quote(name) + ":" + json);
            return this;
        }

        @Override
        public String toString() {
            return members.toString();
        }

        /** Returns value as a JSON string, escaping what RFC 8259 requires: quote, backslash, control characters. */
        static String quote(String value) {
            StringBuilder json = new StringBuilder(value.length() + 2).append('"');
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    case '\n' -> json.append("\\n");
                    case '\r' -> json.append("\\r");
                    case '\t' -> json.append("\\t");
                    default -> json.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
            return json.append('"').toString();
        }
    }
}
