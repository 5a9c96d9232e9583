package io.coremonitor.engine.monitoring;

import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.CommandListener;
import io.coremonitor.engine.monitoring.internal.Histogram;
import io.coremonitor.engine.monitoring.internal.PrometheusText;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core Monitor's metrics in the Prometheus text format 0.0.4 ({@code GET /metrics}, content type
 * {@link #CONTENT_TYPE}). Counters and histograms come from the command transitions this engine observes (it is a
 * {@link CommandListener}) and from the monitoring events; gauges are read at render time: the queue and the commands
 * per status from the store (one count query per status), the containers per state and health from ONE Docker list
 * call (label {@code coremonitor.managed=true}), and the stats sampler's lag. Without Docker the container gauges are
 * absent and {@code coremonitor_docker_up} is 0.
 */
public final class Metrics implements CommandListener, MonitorListener {

    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);

    public static final String CONTENT_TYPE = PrometheusText.CONTENT_TYPE;
    private static final double[] COMMAND_BUCKETS = {0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600};

    private final Store store;
    private final Supplier<Optional<DockerOps>> docker;
    private final Supplier<Optional<StatsSampler>> sampler;
    private final Supplier<Optional<String>> queueWaiting;
    private final Clock clock;
    private final Map<List<String>, AtomicLong> transitions = new ConcurrentHashMap<>();
    private final Map<List<String>, Histogram> durations = new ConcurrentHashMap<>();
    private final Map<String, Histogram> applyDurations = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> events = new ConcurrentHashMap<>();

    /**
     * @param queueWaiting why this engine's worker does not start the head of the queue now (Docker unreachable),
     *                     empty when it does not wait
     */
    public Metrics(Store store, Supplier<Optional<DockerOps>> docker, Supplier<Optional<StatsSampler>> sampler,
            Supplier<Optional<String>> queueWaiting, Clock clock) {
        this.store = store;
        this.docker = docker;
        this.sampler = sampler;
        this.queueWaiting = queueWaiting;
        this.clock = clock;
    }

    @Override
    public void onStatusChange(Optional<Command> before, Command after) {
        transitions.computeIfAbsent(List.of(after.type().name(), after.status().name()), k -> new AtomicLong()).incrementAndGet();
        boolean ended = before.filter(b -> b.status() == CommandStatus.RUNNING).isPresent() && after.status() != CommandStatus.RUNNING;
        if (ended && after.startedAt().isPresent() && after.endedAt().isPresent()) {
            double seconds = Duration.between(after.startedAt().get(), after.endedAt().get()).toNanos() / 1e9;
            durations.computeIfAbsent(List.of(after.type().name(), after.status().name()), k -> new Histogram(COMMAND_BUCKETS))
                .observe(seconds);
            if (after.type() == CommandType.APPLY_STACK_VERSION || after.type() == CommandType.ROLLBACK_STACK_VERSION) {
                applyDurations.computeIfAbsent(after.status().name(), k -> new Histogram(COMMAND_BUCKETS)).observe(seconds);
            }
        }
    }

    @Override
    public void onEvent(MonitorEvent event) {
        events.computeIfAbsent(event.type().name(), k -> new AtomicLong()).incrementAndGet();
    }

    /** The metrics now, in the text format. */
    public String render() {
        PrometheusText t = new PrometheusText();
        t.family("coremonitor_queue_pending", "gauge", "Commands waiting in the queue (PENDING).");
        t.sample("coremonitor_queue_pending", Map.of(), store.commands().countPending());
        t.family("coremonitor_queue_waiting", "gauge", "1 while this engine's worker holds the head of the queue back"
            + " because what it needs is unavailable (Docker unreachable; the reason is GET /queue waiting_for).");
        t.sample("coremonitor_queue_waiting", Map.of(), queueWaiting.get().isPresent() ? 1 : 0);

        t.family("coremonitor_commands", "gauge", "Commands in the store by status.");
        for (CommandStatus s : CommandStatus.values()) {
            t.sample("coremonitor_commands", Map.of("status", s.name()), store.commands().count(s));
        }

        t.family("coremonitor_command_transitions_total", "counter",
            "Command status changes observed by this engine, by command type and new status.");
        stringKeys(transitions).forEach((k, v) -> t.sample("coremonitor_command_transitions_total",
            labels("type", k.get(0), "status", k.get(1)), v.get()));

        t.family("coremonitor_command_duration_seconds", "histogram",
            "Time from RUNNING to the end of commands run by this engine, by type and final status.");
        stringKeys(durations).forEach((k, h) -> h.write(t, "coremonitor_command_duration_seconds",
            labels("type", k.get(0), "status", k.get(1))));

        t.family("coremonitor_apply_duration_seconds", "histogram", "Duration of APPLY and ROLLBACK commands, by final status.");
        new TreeMap<>(applyDurations).forEach((k, h) -> h.write(t, "coremonitor_apply_duration_seconds", labels("status", k)));

        t.family("coremonitor_monitor_events_total", "counter", "Monitoring events published, by type.");
        for (MonitorEvent.Type type : MonitorEvent.Type.values()) {
            AtomicLong n = events.get(type.name());
            t.sample("coremonitor_monitor_events_total", labels("type", type.name()), n == null ? 0 : n.get());
        }

        containers(t);
        stats(t);
        return t.toString();
    }

    private void containers(PrometheusText t) {
        Optional<DockerOps> ops = docker.get();
        List<Container> listed = null;
        if (ops.isPresent()) {
            try {
                listed = ops.get().listContainers(StackLabels.MANAGED, "true");
            } catch (RuntimeException e) {
                LOG.debug("metrics: listing containers failed: {}", e.toString());
            }
        }
        t.family("coremonitor_docker_up", "gauge", "1 when the last Docker list call of the metrics succeeded.");
        t.sample("coremonitor_docker_up", Map.of(), listed == null ? 0 : 1);
        if (listed == null) {
            return;
        }
        Map<List<String>, Long> counts = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        for (Container c : listed) {
            String state = c.getState() == null ? "unknown" : c.getState();
            String health = healthOf(c.getStatus());
            counts.merge(List.of(state, health), 1L, Long::sum);
        }
        t.family("coremonitor_containers", "gauge", "Managed containers by Docker state and health (none: no health check).");
        counts.forEach((k, n) -> t.sample("coremonitor_containers", labels("state", k.get(0), "health", k.get(1)), n));
    }

    private void stats(PrometheusText t) {
        Optional<StatsSampler> s = sampler.get();
        t.family("coremonitor_stats_last_success_age_seconds", "gauge",
            "Seconds since the last successful stats sampling round (NaN before the first).");
        t.sample("coremonitor_stats_last_success_age_seconds", Map.of(), s.flatMap(StatsSampler::lastSuccess)
            .map(i -> Duration.between(i, clock.instant()).toMillis() / 1000.0).orElse(Double.NaN));
        t.family("coremonitor_stats_round_duration_seconds", "gauge", "Duration of the last stats sampling round.");
        t.sample("coremonitor_stats_round_duration_seconds", Map.of(), s.flatMap(StatsSampler::lastRound)
            .map(r -> r.duration().toMillis() / 1000.0).orElse(Double.NaN));
        t.family("coremonitor_stats_round_containers", "gauge", "Containers sampled (ok) and failed in the last round.");
        t.sample("coremonitor_stats_round_containers", labels("result", "ok"),
            s.flatMap(StatsSampler::lastRound).map(StatsSampler.Round::sampled).orElse(0));
        t.sample("coremonitor_stats_round_containers", labels("result", "failed"),
            s.flatMap(StatsSampler::lastRound).map(StatsSampler.Round::failed).orElse(0));
    }

    private static String healthOf(String status) {
        if (status == null) {
            return "none";
        }
        if (status.contains("(healthy)")) {
            return "healthy";
        }
        if (status.contains("(unhealthy)")) {
            return "unhealthy";
        }
        if (status.contains("(health: starting)")) {
            return "starting";
        }
        return "none";
    }

    private static <V> Map<List<String>, V> stringKeys(Map<List<String>, V> map) {
        Map<List<String>, V> sorted = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        sorted.putAll(map);
        return sorted;
    }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
