package io.portico.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The gateway's metrics in the server's Micrometer registry: WildFly's micrometer subsystem, which replaced
 * MicroProfile Metrics there and publishes them in Prometheus format. Same names and tags as
 * {@link MicroProfileMetrics}; histograms publish their count, sum and maximum.
 */
final class MicrometerMetrics extends GatewayMetrics {

    private final MeterRegistry registry;
    /** Micrometer holds a gauge's object weakly: the gateway keeps them for as long as it runs. */
    private final List<Supplier<Number>> gauges = new CopyOnWriteArrayList<>();

    MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    // Meters come from the registry's own methods, not from Counter.builder(...).register(registry): WildFly's
    // per-deployment registry passes only those on to the server's registries; a builder's meter stays in the
    // deployment's own registry and is never published (measured on WildFly 39). Descriptions are lost with it.

    @Override
    protected LongConsumer newCounter(String name, String description, String... tags) {
        Counter counter = registry.counter(name, tagList(tags));
        return counter::increment;
    }

    @Override
    protected LongConsumer newHistogram(String name, String description, String... tags) {
        // Count, sum and max only: client-side percentiles need HdrHistogram, which WildFly's Micrometer module
        // does not export (ClassNotFoundException: org.HdrHistogram.DoubleRecorder on the first record).
        DistributionSummary summary = registry.summary(name, tagList(tags));
        return summary::record;
    }

    @Override
    protected void gauge(String name, String description, Supplier<Number> value, String... tags) {
        gauges.add(value);
        registry.gauge(name, tagList(tags), value, supplier -> supplier.get().doubleValue());
    }

    /** The overloads taking an Iterable, which every Micrometer version has (WildFly 39 ships 1.15). */
    private static Iterable<Tag> tagList(String... tags) {
        return Tags.of(tags);
    }
}
