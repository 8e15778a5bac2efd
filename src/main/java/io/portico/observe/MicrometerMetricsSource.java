package io.portico.observe;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Where the server offers a Micrometer registry to applications (WildFly's micrometer subsystem), hands it over.
 * Only looked up where the API is present, so that servers without it never load this class.
 */
@Dependent
public class MicrometerMetricsSource {

    @Inject
    Instance<MeterRegistry> registries;

    GatewayMetrics metrics() {
        return registries.isResolvable() ? new MicrometerMetrics(registries.get()) : null;
    }
}
