package io.portico.routing;

/**
 * A request's route decision together with the parsed path it was made on, so that later stages act on exactly
 * the path that was judged.
 *
 * @param match the matched route and its path variables
 * @param path the parsed request path
 */
public record RoutedRequest(RouteDecision.Matched match, RequestPath path) {

    public Route route() {
        return match.route();
    }
}
