package io.portico;

import io.portico.cache.CacheConfig;
import io.portico.cache.CacheLoader;
import io.portico.config.ConfigFileCheck;
import io.portico.config.ConfigReader;
import io.portico.config.Keys;
import io.portico.config.Settings;
import io.portico.dispatch.ForwardingHeaders;
import io.portico.dispatch.TrustedProxies;
import io.portico.limits.RequestLimits;
import io.portico.quota.QuotaConfig;
import io.portico.quota.QuotaLoader;
import io.portico.routing.RouteLoader;
import io.portico.routing.RouteTable;
import io.portico.security.SecurityConfig;
import io.portico.security.SecurityLoader;
import io.portico.upstream.UpstreamConfig;
import io.portico.upstream.UpstreamLoader;
import jakarta.servlet.ServletContext;
import java.util.List;
import java.util.logging.Logger;

/**
 * Everything loaded from configuration at deployment, immutable, shared by the filters and the dispatch servlet
 * through the servlet context.
 *
 * @param routes the route table
 * @param limits the request size limits
 * @param forwarding the forwarding headers policy
 * @param security the access rules and identity headers
 * @param quota the routes' budgets and the quota store settings
 * @param cache the cached routes and the response store settings
 * @param upstreams each route's balancing, health and retry policy, and the shutdown grace period
 * @param adminRole the role the admin API asks for
 */
public record Gateway(RouteTable routes, RequestLimits limits, ForwardingHeaders forwarding, SecurityConfig security,
        QuotaConfig quota, CacheConfig cache, UpstreamConfig upstreams, String adminRole) {

    private static final String ATTRIBUTE = Gateway.class.getName();
    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

    /**
     * Loads and validates every key, or throws {@link io.portico.config.ConfigurationException} naming each bad
     * one.
     */
    public static Gateway load(Settings settings) {
        ConfigReader reader = new ConfigReader(settings);
        rejectUnknownKeys(reader);
        ConfigFileCheck.check(reader);
        RouteTable routes = new RouteLoader(reader).load();
        RequestLimits limits = new RequestLimits(
                reader.size(Keys.LIMITS_REQUEST_BODY.name(), Keys.LIMITS_REQUEST_BODY.defaultValue()),
                reader.size(Keys.LIMITS_REQUEST_HEADERS.name(), Keys.LIMITS_REQUEST_HEADERS.defaultValue()));
        TrustedProxies trustedProxies = trustedProxies(reader);
        SecurityConfig security = new SecurityLoader(reader).load(routes.routes());
        QuotaConfig quota = new QuotaLoader(reader).load(routes.routes(), security.authenticatedRoutes());
        CacheConfig cache = new CacheLoader(reader).load(routes.routes());
        UpstreamConfig upstreams = new UpstreamLoader(reader).load(routes.routes());
        String adminRole = reader.optional(Keys.ADMIN_ROLE.name()).orElse(Keys.ADMIN_ROLE.defaultValue());
        reader.failIfInvalid();
        return new Gateway(routes, limits, new ForwardingHeaders(trustedProxies), security, quota, cache,
                upstreams, adminRole);
    }

    private static void rejectUnknownKeys(ConfigReader reader) {
        for (String name : reader.names()) {
            if (name.startsWith(Keys.ROUTE_PREFIX) || Keys.known(name)) {
                continue;
            }
            if (reader.onlyInEnvironment(name)) {
                LOG.warning(() -> "Ignoring the environment variable for " + name + ": not a known key");
            } else {
                reader.reject(name, "is not a known key (see docs/configuration.md)", reader.optional(name).orElse(""));
            }
        }
    }

    private static TrustedProxies trustedProxies(ConfigReader reader) {
        List<String> entries = reader.list(Keys.TRUSTED_PROXIES.name(), Keys.TRUSTED_PROXIES.defaultValue());
        try {
            return TrustedProxies.parse(entries);
        } catch (IllegalArgumentException e) {
            reader.reject(Keys.TRUSTED_PROXIES.name(), "entries must be IP addresses or CIDR blocks", e.getMessage());
            return TrustedProxies.none();
        }
    }

    public void attachTo(ServletContext context) {
        context.setAttribute(ATTRIBUTE, this);
    }

    /** Returns the gateway loaded for {@code context} by {@link GatewayListener}. */
    public static Gateway from(ServletContext context) {
        return (Gateway) context.getAttribute(ATTRIBUTE);
    }
}
