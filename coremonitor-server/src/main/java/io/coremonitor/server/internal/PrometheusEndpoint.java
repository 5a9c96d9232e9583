package io.coremonitor.server.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The server's Prometheus scrape: the JVM binders (memory, GC, threads, class loading, processor, uptime) bound to
 * the engine's registry, and the handler of {@code GET /metrics} and {@code GET /api/v1/metrics}, which scrapes the
 * {@link PrometheusMeterRegistry} that registry is (or holds, when it is a composite). The HTTP server metrics are
 * bound to the same registry by Javalin's Micrometer plugin in {@link HttpApi#create()}.
 */
final class PrometheusEndpoint implements AutoCloseable {

    /** The text format 0.0.4, which {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /**
     * @throws IllegalArgumentException when the engine does not record into a Prometheus registry
     */
    PrometheusEndpoint(MeterRegistry engineRegistry) {
        this.registry = engineRegistry;
        this.prometheus = prometheusOf(engineRegistry).orElseThrow(() -> new IllegalArgumentException("the engine must"
                + " record into a PrometheusMeterRegistry (CoreMonitor.builder().meterRegistry(...)) for the server to"
                + " serve its metrics; it has a " + engineRegistry.getClass().getSimpleName()));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private static Optional<PrometheusMeterRegistry> prometheusOf(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry p) {
            return Optional.of(p);
        }
        if (registry instanceof CompositeMeterRegistry c) {
            return c.getRegistries().stream().map(PrometheusEndpoint::prometheusOf).flatMap(Optional::stream).findFirst();
        }
        return Optional.empty();
    }

    /** Where the server's own meters go: the engine's registry. */
    MeterRegistry registry() {
        return registry;
    }

    void scrape(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(prometheus.scrape());
    }

    @Override
    public void close() {
        gc.close();
    }
}
