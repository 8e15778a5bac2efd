package io.portico.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a metrics endpoint in the Prometheus text format, read line by line. Samples are found by name and
 * by a set of labels that must all be present with those values: other labels (such as the scope a server adds)
 * and the order a server prints them in do not matter.
 */
final class PrometheusText {

    /** One sample line: {@code name{label="value",...} value}. */
    record Sample(String name, Map<String, String> labels, double value, String line) {
    }

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    /** Parses a scrape; comment lines ({@code # HELP}, {@code # TYPE}) and blank lines are skipped. */
    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(trimmed);
            if (!sample.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + trimmed);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\n", "\n")
                        .replace("\\\\", "\\"));
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3)), trimmed));
        }
        return new PrometheusText(samples);
    }

    /**
     * Returns the value of the one sample named {@code name} that carries all of {@code labels} (name, value,
     * name, value...), or null when none does; fails when several do, as the labels then do not say which.
     */
    Double value(String name, String... labels) {
        List<Sample> matching = find(name, labels);
        if (matching.size() > 1) {
            throw new AssertionError("several samples match " + name + " " + List.of(labels) + ": " + matching);
        }
        return matching.isEmpty() ? null : matching.get(0).value();
    }

    /** Returns every sample named {@code name} that carries all of {@code labels} (name, value, ...). */
    List<Sample> find(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(wanted.entrySet())).toList();
    }

    /** Returns the lines of samples whose name starts with {@code prefix}, as the server printed them. */
    List<String> lines(String prefix) {
        return samples.stream().filter(sample -> sample.name().startsWith(prefix)).map(Sample::line).toList();
    }
}
