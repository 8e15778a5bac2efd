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
 * {@link MicroProfileMetrics}; histograms publish their count, sum and maximum.
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
        // Count, sum and max only: client-side percentiles need HdrHistogram, which WildFly's Micrometer module
        // does not export (ClassNotFoundException: org.HdrHistogram.DoubleRecorder on the first record).
        DistributionSummary summary = DistributionSummary.builder(name).description(description).tags(tags)
                .register(registry);
        return summary::record;
    }

    @Override
    protected void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).strongReference(true).register(registry);
    }
}
