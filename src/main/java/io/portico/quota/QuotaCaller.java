package io.portico.quota;

import java.util.Optional;

/**
 * What a quota may be counted by for one request, read by {@link QuotaFilter}.
 *
 * @param consumer the authenticated consumer, if any
 * @param clientAddress the real client address
 * @param header the value of the route's key header, if the route counts by one and the request has it
 */
public record QuotaCaller(Optional<String> consumer, String clientAddress, Optional<String> header) {
}
