package io.portico.observe;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Where the server offers MicroProfile Metrics, hands over its application registry. The registry comes through an
 * injected {@code Instance}: Payara's producer needs the injection point that a programmatic lookup lacks. Only
 * looked up where the API is present, so that servers without it never load this class.
 */
@Dependent
public class MicroProfileMetricsSource {

    @Inject
    Instance<MetricRegistry> registries;

    GatewayMetrics metrics() {
        return registries.isResolvable() ? new MicroProfileMetrics(registries.get()) : null;
    }
}
