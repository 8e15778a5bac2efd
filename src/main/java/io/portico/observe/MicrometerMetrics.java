package io.portico.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The gateway's metrics in the server's Micrometer registry: WildFly's micrometer subsystem, which replaced
 * MicroProfile Metrics there and publishes them in Prometheus format. Same names and tags as
 * {@link MicroProfileMetrics}; histograms publish their 50th, 95th and 99th percentiles.
 */
final class MicrometerMetrics extends GatewayMetrics {

    private final MeterRegistry registry;

    MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected LongConsumer newCounter(String name, String description, String... tags) {
        Counter counter = Counter.builder(name).description(description).tags(tags).register(registry);
        return counter::increment;
    }

    @Override
    protected LongConsumer newHistogram(String name, String description, String... tags) {
        DistributionSummary summary = DistributionSummary.builder(name).description(description).tags(tags)
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        return summary::record;
    }

    @Override
    protected void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).strongReference(true).register(registry);
    }
}
