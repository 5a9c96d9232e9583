package io.coremonitor.engine.monitoring;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.transport.DockerHttpClient;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.CommandListener;
import io.coremonitor.engine.monitoring.internal.CachedReading;
import io.coremonitor.engine.monitoring.internal.TimedDockerHttpClient;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine records into a Micrometer {@link MeterRegistry} (the embedding application's, or one the engine
 * made: {@code CoreMonitor.meterRegistry()}). Names follow Micrometer's dotted convention; a Prometheus registry
 * shows them as {@code coremonitor_...} (MONITORING.md lists both).
 *
 * <p>Counters and timers come from the command transitions this engine observes (it is a {@link CommandListener}),
 * the monitoring events and the Docker calls ({@link #timed}, wrapped around the engine's Docker transport). Gauges
 * are read when the registry is scraped: the commands per status come from ONE reading of the store (one count query
 * per status) and the containers per state and health from ONE Docker list call (label
 * {@code coremonitor.managed=true}), each shared by the gauges of one scrape ({@link #READING_MAX_AGE}). Without
 * Docker settings the container gauges are absent; while Docker does not answer they are NaN and
 * {@code coremonitor.docker.up} is 0. {@link #close()} removes the gauges (they read the store and Docker of this
 * engine).
 */
public final class Metrics implements CommandListener, MonitorListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);

    /** How long one reading of the store or of Docker serves the gauges: one scrape reads each once. */
    public static final Duration READING_MAX_AGE = Duration.ofSeconds(1);
    /** The states a container can be in (Docker Engine API). */
    public static final List<String> CONTAINER_STATES = List.of("created", "running", "paused", "restarting", "removing",
            "exited", "dead");
    /** Container health: {@code none} when it has no health check. */
    public static final List<String> CONTAINER_HEALTH = List.of("none", "starting", "healthy", "unhealthy");

    private static final List<Duration> COMMAND_BUCKETS = List.of(Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10));

    private final MeterRegistry registry;
    private final Store store;
    private final Supplier<Optional<DockerOps>> docker;
    private final Supplier<Optional<StatsSampler>> sampler;
    private final Clock clock;
    private final CachedReading<Optional<Map<CommandStatus, Long>>> commands;
    private final CachedReading<Optional<ContainerCounts>> containers;
    private final List<Meter> gauges = new ArrayList<>();

    /**
     * Registers the gauges and the monitoring event counters.
     *
     * @param registry         where to record
     * @param dockerConfigured whether the engine has Docker settings (else no container gauges)
     * @param docker           the Docker operations now, empty when unavailable (engine closing)
     * @param queueWaiting     why this engine's worker does not start the head of the queue now (Docker unreachable),
     *                         empty when it does not wait
     * @param clock            the engine's clock (for the age of the last stats round)
     */
    public Metrics(MeterRegistry registry, Store store, boolean dockerConfigured, Supplier<Optional<DockerOps>> docker,
            Supplier<Optional<StatsSampler>> sampler, Supplier<Optional<String>> queueWaiting, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
        this.docker = Objects.requireNonNull(docker, "docker");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(queueWaiting, "queueWaiting");
        this.commands = new CachedReading<>(this::readCommands, registry.config().clock(), READING_MAX_AGE);
        this.containers = new CachedReading<>(this::readContainers, registry.config().clock(), READING_MAX_AGE);

        gauge("coremonitor.queue.pending", "Commands waiting in the queue (PENDING).", null, () -> commandCount(CommandStatus.PENDING));
        gauge("coremonitor.queue.running", "Commands running now (RUNNING): 0 or 1.", null,
                () -> commandCount(CommandStatus.RUNNING));
        gauge("coremonitor.queue.waiting", "1 while this engine's worker holds the head of the queue back because what"
                + " it needs is unavailable (Docker unreachable; the reason is GET /queue waiting_for).", null,
                () -> queueWaiting.get().isPresent() ? 1 : 0);
        for (CommandStatus s : CommandStatus.values()) {
            gauges.add(Gauge.builder("coremonitor.commands", () -> commandCount(s)).tag("status", s.name())
                    .description("Commands in the store by status.").strongReference(true).register(registry));
        }
        for (MonitorEvent.Type type : MonitorEvent.Type.values()) {
            eventCounter(type);
        }
        gauge("coremonitor.docker.up", "1 when the last Docker list call of the metrics succeeded.", null,
                () -> containers.get().isPresent() ? 1 : 0);
        if (dockerConfigured) {
            for (String state : CONTAINER_STATES) {
                for (String health : CONTAINER_HEALTH) {
                    gauges.add(Gauge.builder("coremonitor.containers", () -> containers.get()
                            .map(c -> (Number) c.count(state, health)).orElse(Double.NaN))
                            .tags("state", state, "health", health)
                            .description("Managed containers by Docker state and health (none: no health check).")
                            .strongReference(true).register(registry));
                }
            }
            gauge("coremonitor.stacks.with.containers", "Stacks with at least one managed container.", null,
                    () -> containers.get().map(c -> (Number) c.stacks()).orElse(Double.NaN));
        }
        gauge("coremonitor.stats.last.success.age", "Seconds since the last successful stats sampling round (NaN before"
                + " the first).", "seconds", () -> sampler.get().flatMap(StatsSampler::lastSuccess)
                .map(i -> (Number) (Duration.between(i, this.clock.instant()).toMillis() / 1000.0)).orElse(Double.NaN));
        gauge("coremonitor.stats.round.duration", "Duration of the last stats sampling round.", "seconds",
                () -> sampler.get().flatMap(StatsSampler::lastRound).map(r -> (Number) (r.duration().toMillis() / 1000.0))
                .orElse(Double.NaN));
        for (String result : List.of("ok", "failed")) {
            gauges.add(Gauge.builder("coremonitor.stats.round.containers", () -> sampler.get()
                    .flatMap(StatsSampler::lastRound).map(r -> result.equals("ok") ? r.sampled() : r.failed()).orElse(0))
                    .tag("result", result).description("Containers sampled (ok) and failed in the last round.")
                    .strongReference(true).register(registry));
        }
    }

    private void gauge(String name, String description, String unit, Supplier<Number> value) {
        gauges.add(Gauge.builder(name, value).description(description).baseUnit(unit).strongReference(true)
                .register(registry));
    }

    /** The registry this engine records into. */
    public MeterRegistry registry() {
        return registry;
    }

    /** {@code transport} timing every Docker API call into {@code registry}'s {@value TimedDockerHttpClient#NAME}. */
    public static DockerHttpClient timed(DockerHttpClient transport, MeterRegistry registry) {
        return new TimedDockerHttpClient(transport, registry);
    }

    @Override
    public void onStatusChange(Optional<Command> before, Command after) {
        Counter.builder("coremonitor.command.transitions")
                .description("Command status changes observed by this engine, by command type and new status.")
                .tags("type", after.type().name(), "status", after.status().name()).register(registry).increment();
        boolean ended = before.filter(b -> b.status() == CommandStatus.RUNNING).isPresent()
                && after.status() != CommandStatus.RUNNING;
        if (ended && after.startedAt().isPresent() && after.endedAt().isPresent()) {
            Duration took = Duration.between(after.startedAt().get(), after.endedAt().get());
            timer("coremonitor.command.duration", "Time from RUNNING to the end of commands run by this engine, by"
                    + " type and final status.").tags("type", after.type().name(), "status", after.status().name())
                    .register(registry).record(took);
            if (after.type() == CommandType.APPLY_STACK_VERSION || after.type() == CommandType.ROLLBACK_STACK_VERSION) {
                timer("coremonitor.apply.duration", "Duration of APPLY and ROLLBACK commands, by final status.")
                        .tag("status", after.status().name()).register(registry).record(took);
            }
        }
    }

    private static Timer.Builder timer(String name, String description) {
        return Timer.builder(name).description(description)
                .serviceLevelObjectives(COMMAND_BUCKETS.toArray(Duration[]::new))
                .publishPercentiles(0.5, 0.95, 0.99);
    }

    @Override
    public void onEvent(MonitorEvent event) {
        eventCounter(event.type()).increment();
    }

    private Counter eventCounter(MonitorEvent.Type type) {
        return Counter.builder("coremonitor.monitor.events").description("Monitoring events published, by type.")
                .tag("type", type.name()).register(registry);
    }

    /** Removes the gauges from the registry (counters and timers stay: they hold no resource). Idempotent. */
    @Override
    public void close() {
        gauges.forEach(registry::remove);
    }

    private Number commandCount(CommandStatus status) {
        return commands.get().map(m -> (Number) m.get(status)).orElse(Double.NaN);
    }

    private Optional<Map<CommandStatus, Long>> readCommands() {
        try {
            Map<CommandStatus, Long> counts = new EnumMap<>(CommandStatus.class);
            for (CommandStatus s : CommandStatus.values()) {
                counts.put(s, store.commands().count(s));
            }
            return Optional.of(counts);
        } catch (RuntimeException e) {
            LOG.debug("metrics: counting commands failed: {}", e.toString());
            return Optional.empty();
        }
    }

    private Optional<ContainerCounts> readContainers() {
        Optional<DockerOps> ops = docker.get();
        if (ops.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContainerCounts.of(ops.get().listContainers(StackLabels.MANAGED, "true")));
        } catch (RuntimeException e) {
            LOG.debug("metrics: listing containers failed: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Managed containers by state and health, and the stacks they belong to, from one list call. */
    private record ContainerCounts(Map<List<String>, Integer> byStateAndHealth, int stacks) {

        static ContainerCounts of(List<Container> listed) {
            Map<List<String>, Integer> counts = new HashMap<>();
            Set<String> stacks = new HashSet<>();
            for (Container c : listed) {
                String state = c.getState() == null ? "unknown" : c.getState();
                counts.merge(List.of(state, healthOf(c.getStatus())), 1, Integer::sum);
                Map<String, String> labels = c.getLabels();
                if (labels != null && labels.get(StackLabels.STACK_ID) != null) {
                    stacks.add(labels.get(StackLabels.STACK_ID));
                }
            }
            return new ContainerCounts(Map.copyOf(counts), stacks.size());
        }

        int count(String state, String health) {
            return byStateAndHealth.getOrDefault(List.of(state, health), 0);
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
    }
}
