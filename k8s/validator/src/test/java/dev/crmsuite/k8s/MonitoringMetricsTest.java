package dev.crmsuite.k8s;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The alerts use the suite's metrics by the names the code registers: every {@code crm_*} series in a
 * PrometheusRule expression is a Micrometer meter of some service or the platform
 * ({@code meters.counter("crm.events.dead-lettered")} → {@code crm_events_dead_lettered_total}), or is
 * listed as still to be provided in the rule's annotation {@code crmsuite.dev/assumed-metrics}; and a
 * name listed there that the code does register is refused, so the list stays true.
 */
class MonitoringMetricsTest {

    static final Pattern METER = Pattern.compile("(?:counter|gauge|timer|summary|builder)\\(\\s*\"(crm\\.[a-z0-9.\\-]+)\"");
    static final Pattern SERIES = Pattern.compile("\\b(crm_[a-z0-9_]+)");

    /** The Prometheus names of every crm.* meter in the main sources (as counter, gauge and timer). */
    static Set<String> registered(Path root) throws IOException {
        Set<String> out = new HashSet<>();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(root, 1)) {
            sources = s.filter(p -> Files.isDirectory(p.resolve("src/main/java"))).toList();
        }
        for (Path module : sources) {
            try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = METER.matcher(Files.readString(f));
                    while (m.find()) {
                        String base = m.group(1).replace('.', '_').replace('-', '_');
                        out.addAll(List.of(base, base + "_total", base + "_seconds_count", base + "_seconds_sum",
                                base + "_seconds_max", base + "_seconds_bucket"));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void alertsUseRegisteredOrDeclaredMetricNames() throws IOException {
        Path root = Path.of(System.getProperty("crm.repo.root", "../.."));
        Set<String> registered = registered(root);
        assertFalse(registered.isEmpty(), "found no crm.* meters in the sources under " + root);
        List<Manifest> rules = OverlayShapeTest.of(OverlayShapeTest.rendered("prod"), "PrometheusRule");
        assertFalse(rules.isEmpty(), "prod renders no PrometheusRule");
        List<String> problems = new ArrayList<>();
        for (Manifest rule : rules) {
            Set<String> assumed = new TreeSet<>(Arrays.stream(rule.json().path("metadata").path("annotations")
                    .path("crmsuite.dev/assumed-metrics").asText("").split("[,\\s]+")).filter(s -> !s.isBlank()).toList());
            for (String name : assumed) {
                if (registered.contains(name)) {
                    problems.add(rule.id() + ": " + name + " is registered by the code now; remove it from crmsuite.dev/assumed-metrics");
                }
            }
            for (var group : rule.json().path("spec").path("groups")) {
                for (var r : group.path("rules")) {
                    Matcher m = SERIES.matcher(r.path("expr").asText(""));
                    while (m.find()) {
                        if (!registered.contains(m.group(1)) && !assumed.contains(m.group(1))) {
                            problems.add(rule.id() + ": " + r.path("alert").asText() + " uses " + m.group(1)
                                    + ", which no service registers and crmsuite.dev/assumed-metrics does not list");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }
}
