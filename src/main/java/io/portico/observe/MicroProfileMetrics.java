package io.portico.observe;

import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The gateway's metrics in MicroProfile Metrics' application registry, read at the server's metrics endpoint
 * ({@code /metrics?scope=application} in Prometheus format on Payara and Open Liberty).
 */
final class MicroProfileMetrics extends GatewayMetrics {

    private final MetricRegistry registry;

    MicroProfileMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected LongConsumer newCounter(String name, String description, String... tags) {
        Counter counter = registry.counter(Metadata.builder().withName(name).withDescription(description).build(),
                tags(tags));
        return counter::inc;
    }

    @Override
    protected LongConsumer newHistogram(String name, String description, String... tags) {
        Histogram histogram = registry.histogram(Metadata.builder().withName(name).withDescription(description)
                .withUnit(MetricUnits.NONE).build(), tags(tags));
        return histogram::update;
    }

    @Override
    protected void gauge(String name, String description, Supplier<Number> value, String... tags) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(),
                () -> value.get().doubleValue(), tags(tags));
    }

    private static Tag[] tags(String... namesAndValues) {
        Tag[] tags = new Tag[namesAndValues.length / 2];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new Tag(namesAndValues[2 * i], namesAndValues[2 * i + 1]);
        }
        return tags;
    }
}
