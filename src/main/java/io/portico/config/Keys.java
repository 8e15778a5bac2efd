package io.portico.config;

import java.util.List;

/**
 * Every configuration key Portico reads, with its default: the one place that defines them.
 *
 * <p>The configuration reference in {@code docs/configuration.md} is generated from {@link #ALL}, and a
 * test fails when the two differ.
 */
public final class Keys {

    public static final String PREFIX = "portico.";
    public static final String ROUTE_PREFIX = "portico.route.";
    public static final String CONSUMER_PREFIX = "portico.consumer.";

    public static final Key CONFIG_FILE = new Key("portico.config.file", null,
            "Path of a properties file read as a config source of ordinal 150: environment variables and system "
                    + "properties override its keys. Also read from PORTICO_CONFIG_FILE.");
    public static final Key TRUSTED_PROXIES = new Key("portico.trusted-proxies", "",
            "Comma list of addresses or CIDR blocks whose Forwarded and X-Forwarded-* headers are trusted.");
    public static final Key LIMITS_REQUEST_BODY = new Key("portico.limits.request-body", "10MiB",
            "Largest request body forwarded; a larger one gets 413. Sizes take B, KiB, MiB or GiB.");
    public static final Key LIMITS_REQUEST_HEADERS = new Key("portico.limits.request-headers", "8KiB",
            "Largest total size of the request's header lines; a larger one gets 431.");

    public static final Key ROUTE_PATH = new Key("portico.route.<id>.path", null,
            "Required. Path pattern: /exact, /prefix/** or segments such as /users/{id}.");
    public static final Key ROUTE_METHODS = new Key("portico.route.<id>.methods", "",
            "Comma list of HTTP methods the route accepts; empty accepts any method.");
    public static final Key ROUTE_HOST = new Key("portico.route.<id>.host", null,
            "Regular expression the request's host name (without port) must match, ignoring case.");
    public static final Key ROUTE_HEADER = new Key("portico.route.<id>.header.<Name>", null,
            "Regular expression one value of request header <Name> must match; the header must be present.");
    public static final Key ROUTE_QUERY = new Key("portico.route.<id>.query.<name>", null,
            "Regular expression one decoded value of query parameter <name> must match; it must be present.");
    public static final Key ROUTE_UPSTREAM = new Key("portico.route.<id>.upstream", null,
            "Required. Comma list of upstream base URLs (http or https), to which the request path is appended; "
                    + "each may carry a share of traffic as ;weight=1 to 100, such as http://10.0.0.5:8080;weight=3.");
    public static final Key ROUTE_STRIP_PREFIX = new Key("portico.route.<id>.strip-prefix", "0",
            "Number of leading path segments removed before the path is appended to the upstream URL.");
    public static final Key ROUTE_TIMEOUT_CONNECT = new Key("portico.route.<id>.timeout.connect", "2s",
            "Longest wait for a connection to the upstream; then 502. Durations take ms, s, m or h.");
    public static final Key ROUTE_TIMEOUT_READ = new Key("portico.route.<id>.timeout.read", "30s",
            "Longest wait for the upstream's next bytes of response; then 504 if nothing was sent yet.");

    public static final Key ROUTE_BALANCE = new Key("portico.route.<id>.balance", "round-robin",
            "How the route picks an upstream among those up: round-robin (in turn, as often as the weights say, "
                    + "spread evenly) or least-in-flight (fewest requests in flight per unit of weight).");
    public static final Key ROUTE_HEALTH_FAILURE_RATIO = new Key("portico.route.<id>.health.failure-ratio", "0.5",
            "Share of failed attempts (refused, timed out, broken, 5xx) within the window at which an upstream is "
                    + "ejected (passive health), above 0 and at most 1.");
    public static final Key ROUTE_HEALTH_MIN_REQUESTS = new Key("portico.route.<id>.health.min-requests", "5",
            "Fewest attempts within the window before their failure ratio counts.");
    public static final Key ROUTE_HEALTH_WINDOW = new Key("portico.route.<id>.health.window", "10s",
            "How far back attempts count for passive health.");
    public static final Key ROUTE_HEALTH_COOLDOWN = new Key("portico.route.<id>.health.cooldown", "10s",
            "How long an ejected upstream gets no traffic; then one trial request at a time (half-open) decides "
                    + "whether it is up again.");
    public static final Key ROUTE_HEALTH_CHECK_PATH = new Key("portico.route.<id>.health.check.path", null,
            "Path probed with GET on each upstream (active health check; off when unset). 2xx or 3xx is healthy; "
                    + "anything else, or no answer in time, keeps the upstream down until a probe succeeds.");
    public static final Key ROUTE_HEALTH_CHECK_INTERVAL = new Key("portico.route.<id>.health.check.interval", "5s",
            "Time between the probes of one upstream.");
    public static final Key ROUTE_HEALTH_CHECK_TIMEOUT = new Key("portico.route.<id>.health.check.timeout", "2s",
            "Longest a probe waits for a connection and for the answer.");
    public static final Key ROUTE_RETRIES = new Key("portico.route.<id>.retries", "2",
            "Most extra attempts, each on an upstream not yet tried, after a refused, timed-out or broken "
                    + "connection; only for idempotent methods and before any byte of the request body was read.");
    public static final Key ROUTE_RETRY_STATUSES = new Key("portico.route.<id>.retry.statuses", "",
            "Comma list of upstream statuses (500 to 599) retried like connection failures, such as 502,503,504.");
    public static final Key ROUTE_RETRY_TIME_LIMIT = new Key("portico.route.<id>.retry.time-limit", "10s",
            "Latest time, from the request's start, at which a retry may begin.");
    public static final Key SHUTDOWN_GRACE = new Key("portico.shutdown.grace", "30s",
            "How long undeploying or stopping the server waits for requests in flight to finish.");

    public static final Key API_KEY_HEADER = new Key("portico.security.api-key.header", "X-API-Key",
            "Request header that carries an API key; it is never forwarded upstream.");
    public static final Key SUBJECT_HEADER = new Key("portico.security.identity.subject-header", "X-Portico-Subject",
            "Header that tells the upstream the verified subject: the token's `sub`, or the API key's consumer. "
                    + "Like the other identity headers, any copy a client sends is removed.");
    public static final Key CONSUMER_HEADER = new Key("portico.security.identity.consumer-header",
            "X-Portico-Consumer", "Header that tells the upstream the consumer: the API key's consumer, or the "
                    + "token's subject.");
    public static final Key ROLES_HEADER = new Key("portico.security.identity.roles-header", "X-Portico-Roles",
            "Header that tells the upstream the roles, comma-separated: the token's groups or the consumer's roles.");
    public static final Key JWT_PUBLIC_KEY = new Key("mp.jwt.verify.publickey", null,
            "MicroProfile JWT key: the key that verifies token signatures, inline: a PEM public key, a JWK or a JWKS. "
                    + "Portico verifies tokens itself, on routes whose auth includes jwt.");
    public static final Key JWT_PUBLIC_KEY_LOCATION = new Key("mp.jwt.verify.publickey.location", null,
            "MicroProfile JWT key: where that key is, when not inline: a file: URL of a PEM key, JWK or JWKS, an "
                    + "http(s): URL of a JWKS (cached 5 minutes, read again at once for an unknown key id), or a "
                    + "class path resource. Any route with jwt auth needs this or mp.jwt.verify.publickey.");
    public static final Key JWT_ALGORITHM = new Key("mp.jwt.verify.publickey.algorithm", "RS256",
            "MicroProfile JWT key: the one signature algorithm accepted, RS256 or ES256.");
    public static final Key JWT_ISSUER = new Key("mp.jwt.verify.issuer", null,
            "MicroProfile JWT key: the `iss` every token must carry; unset, any issuer is accepted.");
    public static final Key JWT_AUDIENCES = new Key("mp.jwt.verify.audiences", null,
            "MicroProfile JWT key: comma list of audiences; a token's `aud` must name one. Unset, any audience.");
    public static final Key CLOCK_SKEW = new Key("mp.jwt.verify.clock.skew", "0",
            "MicroProfile JWT key, in seconds: the leeway for a token's `exp` and `nbf`.");
    public static final Key CONSUMER_API_KEY = new Key("portico.consumer.<name>.api-key-sha256", null,
            "Required for each consumer. Comma list of the SHA-256 hashes (64 hex digits) of consumer <name>'s API "
                    + "keys; `deploy/api-key.sh` makes a key and its hash. Keys themselves are never configured.");
    public static final Key CONSUMER_ROLES = new Key("portico.consumer.<name>.roles", "",
            "Comma list of consumer <name>'s roles.");
    public static final Key ROUTE_AUTH = new Key("portico.route.<id>.auth", "none",
            "How clients prove who they are: none, jwt, api-key, or jwt,api-key for either.");
    public static final Key ROUTE_ROLES = new Key("portico.route.<id>.roles", "",
            "Comma list of roles; a client needs any one of them, else 403. Empty lets any authenticated client in.");
    public static final Key ROUTE_SCOPES = new Key("portico.route.<id>.scopes", "",
            "Comma list of scopes the token's `scope` claim must all hold, else 403 `insufficient_scope`. Scopes "
                    + "come from tokens only, so auth must include jwt.");
    public static final Key ROUTE_FORWARD_AUTHORIZATION = new Key("portico.route.<id>.forward-authorization", "true",
            "Whether the client's Authorization header is passed upstream.");

    public static final Key ROUTE_QUOTA = new Key("portico.route.<id>.quota", null,
            "Requests allowed per period, such as 100/1m, 10/1s or 5000/1h; over it, 429 with Retry-After. Counted "
                    + "by GCRA: the full number at once after a quiet period, then one per period/number, so no "
                    + "span of one period ever sees twice the number.");
    public static final Key ROUTE_QUOTA_KEY = new Key("portico.route.<id>.quota.key", "ip",
            "What the budget is counted by: consumer (needs auth), ip (the real client address), route (one "
                    + "budget), or header:<Name> (the client address when the header is absent).");
    public static final Key CONSUMER_QUOTA = new Key("portico.consumer.<name>.quota", null,
            "Consumer <name>'s own plan, such as 1000/1m: replaces the limit of every route counted by consumer.");
    public static final Key QUOTA_STORE = new Key("portico.quota.store", "local",
            "Where budgets live: local (Ehcache in each server) or cluster (the server's clustered JCache, on "
                    + "Payara its data grid, so that all members share one budget).");
    public static final Key QUOTA_MAX_KEYS = new Key("portico.quota.max-keys", "100000",
            "How many budgets the local store keeps at most; the least recently used go first.");
    public static final Key QUOTA_ON_STORE_FAILURE = new Key("portico.quota.on-store-failure", "open",
            "What happens when the store fails: open lets requests through, closed answers 503. Logged once.");
    public static final Key QUOTA_LEGACY_HEADERS = new Key("portico.quota.legacy-headers", "false",
            "Whether to send X-RateLimit-Limit, -Remaining and -Reset besides RateLimit-Policy and RateLimit.");

    public static final Key ROUTE_CACHE = new Key("portico.route.<id>.cache", "off",
            "Whether the route's responses are kept in the shared HTTP cache (RFC 9111) as far as their "
                    + "Cache-Control and Expires allow: on or off.");
    public static final Key CACHE_STORE = new Key("portico.cache.store", "local",
            "Where responses are kept: local (Ehcache off the Java heap in each server) or cluster (the server's "
                    + "clustered JCache).");
    public static final Key CACHE_MAX_ENTRY_SIZE = new Key("portico.cache.max-entry-size", "1MiB",
            "Largest body stored; a larger response streams to the client and is not stored.");
    public static final Key CACHE_MAX_SIZE = new Key("portico.cache.max-size", "64MiB",
            "Most the local store holds in all, off the Java heap; the least recently used responses go first.");
    public static final Key CACHE_RETENTION = new Key("portico.cache.retention", "1h",
            "Longest a response is kept after it was stored or validated, fresh or stale.");
    public static final Key CACHE_STORE_SET_COOKIE = new Key("portico.cache.store-set-cookie", "false",
            "Whether responses that set cookies may be stored and served to other clients.");

    public static final Key ADMIN_ROLE = new Key("portico.admin.role", "portico-admin",
            "Role a token's groups or a consumer's roles must hold to use the admin API under /_portico/.");

    /** Every key, in the order of the configuration reference. */
    public static final List<Key> ALL = List.of(CONFIG_FILE, TRUSTED_PROXIES, LIMITS_REQUEST_BODY,
            LIMITS_REQUEST_HEADERS, SHUTDOWN_GRACE,
            ROUTE_PATH, ROUTE_METHODS, ROUTE_HOST, ROUTE_HEADER, ROUTE_QUERY, ROUTE_UPSTREAM,
            ROUTE_STRIP_PREFIX, ROUTE_TIMEOUT_CONNECT, ROUTE_TIMEOUT_READ, ROUTE_BALANCE, ROUTE_HEALTH_FAILURE_RATIO,
            ROUTE_HEALTH_MIN_REQUESTS, ROUTE_HEALTH_WINDOW, ROUTE_HEALTH_COOLDOWN, ROUTE_HEALTH_CHECK_PATH,
            ROUTE_HEALTH_CHECK_INTERVAL, ROUTE_HEALTH_CHECK_TIMEOUT, ROUTE_RETRIES, ROUTE_RETRY_STATUSES,
            ROUTE_RETRY_TIME_LIMIT, ROUTE_AUTH, ROUTE_ROLES, ROUTE_SCOPES,
            ROUTE_FORWARD_AUTHORIZATION, API_KEY_HEADER, SUBJECT_HEADER, CONSUMER_HEADER, ROLES_HEADER,
            CONSUMER_API_KEY, CONSUMER_ROLES, JWT_PUBLIC_KEY, JWT_PUBLIC_KEY_LOCATION, JWT_ALGORITHM, JWT_ISSUER,
            JWT_AUDIENCES, CLOCK_SKEW, ROUTE_QUOTA, ROUTE_QUOTA_KEY,
            CONSUMER_QUOTA, QUOTA_STORE, QUOTA_MAX_KEYS, QUOTA_ON_STORE_FAILURE, QUOTA_LEGACY_HEADERS, ROUTE_CACHE,
            CACHE_STORE, CACHE_MAX_ENTRY_SIZE, CACHE_MAX_SIZE, CACHE_RETENTION, CACHE_STORE_SET_COOKIE, ADMIN_ROLE);

    /** Returns whether {@code name} is one of {@link #ALL}, with names in place of placeholders. */
    public static boolean known(String name) {
        return ALL.stream().anyMatch(key -> key.matches(name));
    }

    private Keys() {
    }
}
