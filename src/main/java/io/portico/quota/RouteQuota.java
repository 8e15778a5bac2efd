package io.portico.quota;

/**
 * One route's budget.
 *
 * @param routeId the route, which also names the policy in the {@code RateLimit} headers
 * @param limit requests per period
 * @param key what the budget is counted by
 */
public record RouteQuota(String routeId, QuotaLimit limit, QuotaKey key) {
}
