package io.portico.routing;

import io.portico.config.ConfigReader;
import io.portico.config.Keys;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Loads and validates the {@code portico.route.<id>.*} keys into a {@link RouteTable}. */
public final class RouteLoader {

    private static final Pattern ROUTE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern METHOD = Pattern.compile("[A-Z]+");
    private final ConfigReader reader;

    public RouteLoader(ConfigReader reader) {
        this.reader = reader;
    }

    /** Reads every route, recording each violation in the reader; the caller fails on them. */
    public RouteTable load() {
        List<Route> routes = new ArrayList<>();
        for (String id : routeIds()) {
            route(id).ifPresent(routes::add);
        }
        rejectTies(routes);
        return new RouteTable(routes);
    }

    private Set<String> routeIds() {
        Set<String> ids = new TreeSet<>();
        for (String name : reader.names()) {
            if (!name.startsWith(Keys.ROUTE_PREFIX)) {
                continue;
            }
            String rest = name.substring(Keys.ROUTE_PREFIX.length());
            int dot = rest.indexOf('.');
            String id = dot < 0 ? rest : rest.substring(0, dot);
            if (!ROUTE_ID.matcher(id).matches()) {
                reader.reject(name, "route ids must be lower-case letters, digits and '-'", id);
            } else if (!Keys.known(name)) {
                reader.reject(name, "is not a known route key (see docs/configuration.md)",
                        reader.optional(name).orElse(""));
            } else {
                ids.add(id);
            }
        }
        return ids;
    }

    private Optional<Route> route(String id) {
        Optional<PathPattern> path = path(id);
        Set<String> methods = methods(id);
        Optional<Pattern> host = reader.regex(Keys.ROUTE_HOST.forRoute(id), true);
        Map<String, Pattern> headers = predicates(id, "header.", true);
        Map<String, Pattern> queries = predicates(id, "query.", false);
        List<UpstreamAddress> upstreams = upstreams(id);
        int stripPrefix = reader.nonNegativeInt(Keys.ROUTE_STRIP_PREFIX.forRoute(id),
                Keys.ROUTE_STRIP_PREFIX.defaultValue());
        Duration connect = reader.duration(Keys.ROUTE_TIMEOUT_CONNECT.forRoute(id),
                Keys.ROUTE_TIMEOUT_CONNECT.defaultValue());
        Duration read = reader.duration(Keys.ROUTE_TIMEOUT_READ.forRoute(id), Keys.ROUTE_TIMEOUT_READ.defaultValue());
        if (path.isEmpty() || upstreams.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Route(id, path.get(), methods, host, headers, queries, upstreams, stripPrefix,
                connect, read));
    }

    private Optional<PathPattern> path(String id) {
        String key = Keys.ROUTE_PATH.forRoute(id);
        String text = reader.required(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PathPattern.parse(text));
        } catch (IllegalArgumentException e) {
            reader.reject(key, "path " + e.getMessage(), text);
            return Optional.empty();
        }
    }

    private Set<String> methods(String id) {
        String key = Keys.ROUTE_METHODS.forRoute(id);
        Set<String> methods = new LinkedHashSet<>();
        for (String method : reader.list(key, Keys.ROUTE_METHODS.defaultValue())) {
            String upper = method.toUpperCase(Locale.ROOT);
            if (METHOD.matcher(upper).matches()) {
                methods.add(upper);
            } else {
                reader.reject(key, "methods must be HTTP method names such as GET or POST", method);
            }
        }
        return methods;
    }

    private Map<String, Pattern> predicates(String id, String kind, boolean header) {
        String prefix = Keys.ROUTE_PREFIX + id + "." + kind;
        Map<String, Pattern> predicates = new LinkedHashMap<>();
        for (String name : reader.names()) {
            if (name.startsWith(prefix)) {
                String field = name.substring(prefix.length());
                reader.regex(name, false).ifPresent(pattern ->
                        predicates.put(header ? field.toLowerCase(Locale.ROOT) : field, pattern));
            }
        }
        return predicates;
    }

    private List<UpstreamAddress> upstreams(String id) {
        String key = Keys.ROUTE_UPSTREAM.forRoute(id);
        if (reader.required(key).isEmpty()) {
            return List.of();
        }
        List<UpstreamAddress> upstreams = new ArrayList<>();
        for (String text : reader.list(key, "")) {
            int semicolon = text.indexOf(';');
            String url = semicolon < 0 ? text : text.substring(0, semicolon);
            Optional<URI> base = parseUpstream(url);
            if (base.isEmpty()) {
                reader.reject(key, "upstreams must be absolute http or https URLs without user info, query or "
                        + "fragment", withoutUserInfo(text));
                continue;
            }
            OptionalInt weight = semicolon < 0 ? OptionalInt.of(1) : weight(text.substring(semicolon + 1));
            if (weight.isEmpty()) {
                reader.reject(key, "an upstream's only parameter is weight=1 to " + UpstreamAddress.MAX_WEIGHT,
                        withoutUserInfo(text));
                continue;
            }
            upstreams.add(new UpstreamAddress(base.get(), weight.getAsInt()));
        }
        if (upstreams.stream().map(upstream -> sameness(upstream.base())).distinct().count() < upstreams.size()) {
            reader.reject(key, "an upstream must not be listed twice (give it a weight instead)",
                    reader.required(key));
        }
        return upstreams;
    }

    /** Returns what tells two upstream URLs apart: scheme, host, effective port and path without a final slash. */
    private static String sameness(URI base) {
        String scheme = base.getScheme().toLowerCase(Locale.ROOT);
        int port = base.getPort() >= 0 ? base.getPort() : scheme.equals("https") ? 443 : 80;
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        return scheme + "://" + base.getHost().toLowerCase(Locale.ROOT) + ":" + port
                + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    private static OptionalInt weight(String parameter) {
        String prefix = "weight=";
        if (!parameter.strip().startsWith(prefix)) {
            return OptionalInt.empty();
        }
        try {
            int weight = Integer.parseInt(parameter.strip().substring(prefix.length()));
            return weight >= 1 && weight <= UpstreamAddress.MAX_WEIGHT ? OptionalInt.of(weight) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static Optional<URI> parseUpstream(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean valid = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            return valid ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Returns {@code text} with the user info of a URL masked, so that a password never reaches the log. */
    private static String withoutUserInfo(String text) {
        int at = text.indexOf('@');
        int start = text.indexOf("://");
        if (at < 0 || start < 0 || at < start) {
            return text;
        }
        int end = text.indexOf('/', start + 3);
        return end >= 0 && end < at ? text : text.substring(0, start + 3) + "***" + text.substring(at);
    }

    private void rejectTies(List<Route> routes) {
        for (int i = 0; i < routes.size(); i++) {
            for (int j = i + 1; j < routes.size(); j++) {
                Route first = routes.get(i);
                Route second = routes.get(j);
                if (tie(first, second)) {
                    reader.problem(Keys.ROUTE_PREFIX + first.id() + " and " + Keys.ROUTE_PREFIX + second.id()
                            + ": routes must not tie (same specificity, overlapping paths '" + first.path() + "' and '"
                            + second.path() + "', shared methods, no predicate that tells them apart)");
                }
            }
        }
    }

    private static boolean tie(Route first, Route second) {
        return Route.MOST_SPECIFIC_FIRST.compare(first, second) == 0
                && first.path().overlaps(second.path())
                && methodsOverlap(first, second)
                && !toldApart(first, second);
    }

    private static boolean methodsOverlap(Route first, Route second) {
        return first.methods().isEmpty() || second.methods().isEmpty()
                || first.methods().stream().anyMatch(second.methods()::contains);
    }

    /** Returns whether both routes test one host, header or query with different patterns. */
    private static boolean toldApart(Route first, Route second) {
        if (first.host().isPresent() && second.host().isPresent()
                && !first.host().get().pattern().equals(second.host().get().pattern())) {
            return true;
        }
        return differ(first.headers(), second.headers()) || differ(first.queries(), second.queries());
    }

    private static boolean differ(Map<String, Pattern> first, Map<String, Pattern> second) {
        for (Map.Entry<String, Pattern> entry : first.entrySet()) {
            Pattern other = second.get(entry.getKey());
            if (other != null && !other.pattern().equals(entry.getValue().pattern())) {
                return true;
            }
        }
        return false;
    }
}
