package io.portico.quota;

import io.portico.observe.Exchange;
import io.portico.Gateway;
import io.portico.problem.ProblemResponse;
import io.portico.problem.Problems;
import io.portico.routing.RoutingFilter;
import io.portico.security.Identity;
import io.portico.security.SecurityFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * Takes each request on a limited route from its budget: refused ones get 429 and never reach the upstream;
 * every answer on the route carries the {@code RateLimit} headers.
 */
public final class QuotaFilter extends HttpFilter {

    private QuotaPolicy quotas;
    private Gateway gateway;

    @Override
    public void init() {
        gateway = Gateway.from(getServletContext());
        quotas = QuotaRuntime.policy(getServletContext());
    }

    @Override
    protected void doFilter(HttpServletRequest clientRequest, HttpServletResponse clientResponse, FilterChain chain)
            throws IOException, ServletException {
        Optional<RouteQuota> quota = quotas.forRoute(RoutingFilter.routed(clientRequest).route().id());
        if (quota.isEmpty()) {
            chain.doFilter(clientRequest, clientResponse);
            return;
        }

        QuotaOutcome outcome = quotas.take(quota.get(), caller(clientRequest, quota.get()), nowMicros());
        Map<String, String> headers = RateLimitHeaders.of(outcome, quotas.config().legacyHeaders());
        HttpServletResponse limitedResponse = new RateLimitedResponse(clientResponse, headers);

        if (outcome.allowed(quotas.config().failOpen())) {
            chain.doFilter(clientRequest, limitedResponse);
        } else if (outcome.decision().isEmpty()) {
            ProblemResponse.send(limitedResponse, Problems.serviceUnavailable("The quota store cannot answer now.",
                    1));
        } else {
            Exchange.of(clientRequest).quotaRejected();
            ProblemResponse.send(limitedResponse, Problems.tooManyRequests(outcome.decision().get()
                    .retryAfterSeconds()));
        }
    }

    private QuotaCaller caller(HttpServletRequest clientRequest, RouteQuota quota) {
        Optional<String> consumer = SecurityFilter.identity(clientRequest).map(Identity::consumer);
        String address = gateway.forwarding().clientAddress(clientRequest.getRemoteAddr(),
                Collections.list(clientRequest.getHeaders("X-Forwarded-For")));
        Optional<String> header = quota.key().kind() == QuotaKey.Kind.HEADER
                ? Optional.ofNullable(clientRequest.getHeader(quota.key().header())) : Optional.empty();
        return new QuotaCaller(consumer, address, header);
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return ChronoUnit.MICROS.between(Instant.EPOCH, now);
    }
}
