package io.portico.quota;

import java.util.Optional;

/**
 * What the quota check says about one request.
 *
 * @param quota the route's budget, with the limit that applied
 * @param decision the store's decision; empty when the store failed
 */
public record QuotaOutcome(RouteQuota quota, Optional<QuotaDecision> decision) {

    /** Returns whether the request may pass; with no decision, whether the gateway fails open. */
    public boolean allowed(boolean failOpen) {
        return decision.map(QuotaDecision::allowed).orElse(failOpen);
    }
}
