package io.coremonitor.engine.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.docker.LogLine;
import io.coremonitor.docker.ServiceLogs;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.engine.internal.convergence.DockerExecutors;
import io.coremonitor.engine.internal.convergence.FileContents;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackState;
import io.coremonitor.store.ContainerStats;
import io.coremonitor.store.CommandFilter;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Monitoring on the real engine: drift from Docker events, self-heal, stats, retention, logs. */
@RequiresDocker
class MonitoringDockerTest {

    @TempDir
    Path dir;

    private final DockerClient docker;
    private final List<MonitorEvent> events = new CopyOnWriteArrayList<>();
    private CoreMonitor cm;
    private String stackName;
    private String stackId;

    MonitoringDockerTest(DockerClient docker) {
        this.docker = docker;
    }

    @BeforeEach
    void setUp() {
        TestImages.requireBusybox(docker);
        stackName = TestLabels.uniqueName("mon");
    }

    @AfterEach
    void cleanUp() {
        if (cm != null) {
            cm.close();
        }
        if (stackId != null) {
            for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(StackLabels.STACK_ID + "=" + stackId)).exec()) {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
            docker.listNetworksCmd().withFilter("label", List.of(StackLabels.STACK_ID + "=" + stackId)).exec()
                .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        }
    }

    /** An engine whose APPLY/ROLLBACK/DELETE/RUNTIME_ACTION executors are the convergence ones (made lazily). */
    private CoreMonitor engine(boolean selfHeal) {
        AtomicReference<CoreMonitor> self = new AtomicReference<>();
        AtomicReference<Map<CommandType, CommandExecutor>> real = new AtomicReference<>();
        CoreMonitor.Builder b = CoreMonitor.builder().sqlite(dir.resolve("cm.db")).pollInterval(Duration.ofMillis(50))
            .docker(DockerSettings.fromEnvironment())
            .monitoring(MonitoringSettings.defaults().withStatsInterval(Duration.ofSeconds(1)).withSelfHeal(selfHeal)
                .withDriftDebounce(Duration.ofMillis(300)))
            .monitorListener(events::add);
        for (CommandType type : List.of(CommandType.APPLY_STACK_VERSION, CommandType.ROLLBACK_STACK_VERSION,
            CommandType.DELETE_STACK, CommandType.RUNTIME_ACTION)) {
            b.executor(new CommandExecutor() {
                @Override
                public CommandType type() {
                    return type;
                }

                @Override
                public void execute(Command command, ExecutionContext context) {
                    real.updateAndGet(m -> m != null ? m : DockerExecutors.create(self.get().store(),
                        self.get().docker(), Clock.systemUTC(), DockerSettings.fromEnvironment().host(),
                        self.get().artifacts()::file, FileContents.withoutSecretStore()).stream()
                        .collect(Collectors.toMap(CommandExecutor::type, e -> e)))
                        .get(type).execute(command, context);
                }
            });
        }
        CoreMonitor engine = b.build();
        self.set(engine);
        return engine;
    }

    /** A busy service and an idle one that prints {@code idleSays} first. */
    private static String definition(String idleSays) {
        return """
            services:
              busy:
                image: %1$s
                command: ["sh", "-c", "while :; do :; done"]
                stop_signal: SIGKILL
              idle:
                image: %1$s
                command: ["sh", "-c", "echo %2$s; exec sleep 3600"]
                stop_signal: SIGKILL
            """.formatted(TestImages.BUSYBOX, idleSays);
    }

    private Stack applyStack() {
        String yaml = definition("early");
        Stack stack = cm.stacks().createStack(stackName, yaml, Map.of(), "tester", "first", Optional.empty());
        stackId = stack.stackId();
        cm.startWorker();
        Command apply = cm.commands().apply(stack.stackId(), "v1", false, "tester");
        Command done = awaitEnd(apply.commandId());
        assertThat(done.status()).as(done.error().orElse("")).isEqualTo(CommandStatus.DONE);
        return cm.stacks().get(stack.stackId());
    }

    private Command awaitEnd(long commandId) {
        await("command " + commandId + " ends", Duration.ofSeconds(60), () -> {
            CommandStatus s = cm.commands().get(commandId).status();
            return s == CommandStatus.DONE || s == CommandStatus.FAILED || s == CommandStatus.CANCELLED;
        });
        return cm.commands().get(commandId);
    }

    private void await(String what, Duration timeout, BooleanSupplier condition) {
        Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
            .pollInSameThread().untilAsserted(() -> assertThat(condition.getAsBoolean())
                .as("%s; events: %s", what, events).isTrue());
    }

    private String containerOf(Stack stack, String service) {
        return new ServiceLogs(docker).containerOf(stack.stackId(), service);
    }

    @Test
    void aContainerTheCurrentVersionKeptFromAnOlderOneIsNotDrift() {
        cm = engine(false);
        Stack stack = applyStack();
        String busyV1 = containerOf(stack, "busy");
        String v2 = definition("changed");
        cm.stacks().createVersion(stack.stackId(), v2, Map.of(), "tester", "idle changed", Optional.empty());
        Command apply = awaitEnd(cm.commands().apply(stack.stackId(), "v2", false, "tester").commandId());
        assertThat(apply.status()).as(apply.error().orElse("")).isEqualTo(CommandStatus.DONE);

        StackMonitorView after = cm.monitoring().status(stack.stackId());
        ServiceMonitorView busy = after.services().get("busy");
        assertThat(busy.containerId()).as("kept: same configuration").contains(busyV1);
        assertThat(busy.version()).as("created by v1").contains("v1");
        assertThat(busy.drift()).isEmpty();
        assertThat(after.services().get("idle").version()).contains("v2");
        assertThat(after.drifted()).isFalse();
        assertThat(after.status().actual()).isEqualTo(StackState.RUNNING);
    }

    @Test
    void aContainerKilledOutsideMakesTheStackDegradedAndPublishesDrift() {
        cm = engine(false);
        Stack stack = applyStack();
        cm.startMonitoring();
        StackMonitorView before = cm.monitoring().status(stack.stackId());
        assertThat(before.status().actual()).isEqualTo(StackState.RUNNING);
        assertThat(before.drifted()).isFalse();
        ServiceMonitorView busy = before.services().get("busy");
        assertThat(busy.version()).contains("v1");
        assertThat(busy.restartCount()).contains(0);
        assertThat(busy.uptime()).isPresent();
        assertThat(busy.exitCode()).isEmpty();
        await("the event stream is open", Duration.ofSeconds(10), () -> cm.monitoring().dockerEvents().orElseThrow().connected());

        String idle = containerOf(stack, "idle");
        docker.killContainerCmd(idle).exec();

        await("a drift event", Duration.ofSeconds(10), () -> events.stream()
            .anyMatch(e -> e.type() == MonitorEvent.Type.DRIFT_DETECTED && e.service().equals(Optional.of("idle"))));
        assertThat(events).anyMatch(e -> e.type() == MonitorEvent.Type.CONTAINER_EVENT && e.stackId().equals(stack.stackId())
            && e.containerId().equals(Optional.of(idle)) && (e.action().equals("die") || e.action().equals("kill")));
        StackMonitorView after = cm.monitoring().status(stack.stackId());
        assertThat(after.status().actual()).isEqualTo(StackState.DEGRADED);
        ServiceMonitorView idleView = after.services().get("idle");
        assertThat(idleView.state()).isEqualTo("exited");
        assertThat(idleView.exitCode()).contains(137);
        assertThat(idleView.drift()).hasValueSatisfying(r -> assertThat(r).contains("exited"));
        assertThat(after.services().get("busy").drift()).isEmpty();
        // what a page of stacks shows without asking Docker
        assertThat(cm.monitoring().drift(stack.stackId())).hasValueSatisfying(d -> {
            assertThat(d.services()).containsOnlyKeys("idle");
            assertThat(d.services().get("idle")).contains("exited");
        });
        // self-heal is off: nothing queued
        assertThat(events).noneMatch(e -> e.type() == MonitorEvent.Type.SELF_HEAL_QUEUED);
        assertThat(cm.commands().list(CommandFilter.byStack(stack.stackId()), PageRequest.first()).items()).hasSize(1);
        assertThat(cm.meterRegistry().get("coremonitor.monitor.events").tag("type", "DRIFT_DETECTED").counter().count())
            .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aContainerKilledWhileTheEventStreamIsDownIsDriftOnceItReconnects() {
        cm = engine(false);
        Stack stack = applyStack();
        cm.startMonitoring();
        DockerEvents stream = cm.monitoring().dockerEvents().orElseThrow();
        await("the event stream is open", Duration.ofSeconds(10), stream::connected);
        long before = stream.connections();

        stream.endStream();
        // killed in the gap (the stream reopens after 1 s): heard after the reconnect, asked for with since=
        String idle = containerOf(stack, "idle");
        docker.killContainerCmd(idle).exec();

        await("the event stream is open again", Duration.ofSeconds(10),
            () -> stream.connected() && stream.connections() > before);
        await("a drift event after reconnecting", Duration.ofSeconds(10), () -> events.stream()
            .anyMatch(e -> e.type() == MonitorEvent.Type.DRIFT_DETECTED && e.service().equals(Optional.of("idle"))));
        await("the container event of the gap", Duration.ofSeconds(10), () -> events.stream()
            .anyMatch(e -> e.type() == MonitorEvent.Type.CONTAINER_EVENT && e.containerId().equals(Optional.of(idle))
                && e.action().equals("die")));
    }

    @Test
    void selfHealQueuesOneApplyThatBringsTheContainerBack() {
        cm = engine(true);
        Stack stack = applyStack();
        cm.startMonitoring();
        await("the event stream is open", Duration.ofSeconds(10), () -> cm.monitoring().dockerEvents().orElseThrow().connected());
        String idle = containerOf(stack, "idle");

        docker.killContainerCmd(idle).exec();

        await("self-heal queued", Duration.ofSeconds(10), () -> events.stream()
            .anyMatch(e -> e.type() == MonitorEvent.Type.SELF_HEAL_QUEUED && e.stackId().equals(stack.stackId())));
        await("the stack runs again", Duration.ofSeconds(60),
            () -> cm.monitoring().status(stack.stackId()).status().actual() == StackState.RUNNING);
        List<Command> commands = cm.commands().list(CommandFilter.byStack(stack.stackId()), PageRequest.first()).items();
        assertThat(commands).hasSize(2);
        Command heal = commands.get(1);
        assertThat(heal.type()).isEqualTo(CommandType.APPLY_STACK_VERSION);
        assertThat(heal.createdBy()).isEqualTo(Monitoring.SELF_HEAL_ACTOR);
        assertThat(awaitEnd(heal.commandId()).status()).isEqualTo(CommandStatus.DONE);
        assertThat(docker.inspectContainerCmd(containerOf(stack, "idle")).exec().getState().getRunning()).isTrue();
        // the apply converged it: the drift seen is forgotten
        assertThat(cm.monitoring().drift(stack.stackId())).isEmpty();
        // the apply's own container events are not drift: no second self-heal
        sleep(1500);
        assertThat(events.stream().filter(e -> e.type() == MonitorEvent.Type.SELF_HEAL_QUEUED).count()).isEqualTo(1);
        assertThat(cm.commands().list(CommandFilter.byStack(stack.stackId()), PageRequest.first()).items()).hasSize(2);
    }

    @Test
    void selfHealActivatesTheProfilesTheCurrentVersionWasConvergedWith() {
        cm = engine(true);
        String yaml = definition("early").replace("  idle:\n", "  idle:\n    profiles: [extra]\n");
        Stack stack = cm.stacks().createStack(stackName, yaml, Map.of(), "tester", "first", Optional.empty());
        stackId = stack.stackId();
        cm.startWorker();
        Command apply = cm.commands().apply(stack.stackId(), "v1", false, List.of("extra"), "tester");
        assertThat(awaitEnd(apply.commandId()).status()).isEqualTo(CommandStatus.DONE);
        assertThat(cm.stacks().version(stackId, "v1").runtime().orElseThrow().profiles()).containsExactly("extra");
        cm.startMonitoring();
        await("the event stream is open", Duration.ofSeconds(10), () -> cm.monitoring().dockerEvents().orElseThrow().connected());

        docker.killContainerCmd(containerOf(cm.stacks().get(stackId), "idle")).exec();

        await("self-heal queued", Duration.ofSeconds(10), () -> events.stream()
            .anyMatch(e -> e.type() == MonitorEvent.Type.SELF_HEAL_QUEUED && e.stackId().equals(stackId)));
        List<Command> commands = cm.commands().list(CommandFilter.byStack(stackId), PageRequest.first()).items();
        Command heal = commands.get(commands.size() - 1);
        assertThat(heal.createdBy()).isEqualTo(Monitoring.SELF_HEAL_ACTOR);
        assertThat(heal.payload()).contains("\"profiles\":[\"extra\"]");
        assertThat(awaitEnd(heal.commandId()).status()).isEqualTo(CommandStatus.DONE);
        assertThat(docker.inspectContainerCmd(containerOf(cm.stacks().get(stackId), "idle")).exec().getState().getRunning())
            .as("the profiled service was healed, not removed").isTrue();
    }

    @Test
    void statsOfABusyContainerShowCpuAndOldSamplesArePurged() {
        cm = engine(false);
        Stack stack = applyStack();
        cm.startMonitoring();
        Instant from = Instant.now().minusSeconds(60);
        await("a busy sample with CPU above zero", Duration.ofSeconds(20), () -> cm.monitoring()
            .stats(stack.stackId(), Optional.of("busy"), from, Instant.now().plusSeconds(60), 100).stream()
            .anyMatch(s -> s.cpuPercent() > 0));
        ContainerStats s = cm.monitoring().stats(stack.stackId(), Optional.of("busy"), from, Instant.now().plusSeconds(60), 100)
            .get(0);
        assertThat(s.memUsage()).isPositive();
        assertThat(s.memLimit()).isPositive();
        assertThat(s.containerId()).isEqualTo(containerOf(stack, "busy"));
        assertThat(cm.monitoring().sampler().orElseThrow().lastRound()).isPresent();

        // retention, on a clock the test moves
        MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofDays(30)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            StatsSampler sampler = new StatsSampler(cm.store(), DockerOps.of(docker), docker, clock, pool, Duration.ofHours(1));
            cm.store().stats().append(List.of(new ContainerStats(stack.stackId(), "old", "c0",
                clock.instant().minus(Duration.ofHours(2)), 1, 1, 1, 1, 1, 1, 1)));
            StatsSampler.Round round = sampler.sampleOnce();
            assertThat(round.purged()).isPositive();
            assertThat(round.sampled()).isGreaterThanOrEqualTo(2);
            assertThat(cm.store().stats().query(stack.stackId(), Optional.of("old"), Instant.EPOCH, clock.instant(), 10)).isEmpty();
            assertThat(cm.store().stats().query(stack.stackId(), Optional.empty(), clock.instant(),
                clock.instant().plusSeconds(1), 10)).extracting(ContainerStats::service).contains("busy", "idle");
            // every sample older than an hour on the moved clock is gone, the real sampler's ones included
            assertThat(cm.store().stats().query(stack.stackId(), Optional.of("busy"), Instant.EPOCH,
                clock.instant().minus(Duration.ofHours(1)), 10)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logsTailAndFollowSeeALineWrittenAfterTheStreamStarted() throws Exception {
        cm = engine(false);
        Stack stack = applyStack();
        ServiceLogs logs = cm.monitoring().logs();
        List<LogLine> tail = logs.tail(stack.stackId(), "idle", 10, Duration.ofSeconds(10));
        assertThat(tail).extracting(LogLine::text).contains("early");
        assertThat(tail.get(0).timestamp()).isPresent();

        List<LogLine> followed = new CopyOnWriteArrayList<>();
        try (ServiceLogs.Follow follow = logs.follow(stack.stackId(), "idle", 0, followed::add)) {
            sleep(500);
            String idle = containerOf(stack, "idle");
            exec(idle, "echo late > /proc/1/fd/1; echo oops > /proc/1/fd/2");
            await("the late lines", Duration.ofSeconds(10), () -> followed.size() >= 2);
        }
        assertThat(followed).extracting(LogLine::text).containsExactlyInAnyOrder("late", "oops");
        assertThat(followed).filteredOn(l -> l.text().equals("late")).extracting(LogLine::stream).containsExactly("stdout");
        assertThat(followed).filteredOn(l -> l.text().equals("oops")).extracting(LogLine::stream).containsExactly("stderr");
        assertThat(followed).allMatch(l -> l.timestamp().isPresent());

        // a follow ends by itself when the container stops, and says so
        AtomicReference<String> end = new AtomicReference<>();
        try (ServiceLogs.Follow follow = logs.follow(stack.stackId(), "idle", 0, new ServiceLogs.FollowListener() {
            @Override
            public void onLine(LogLine line) {
            }

            @Override
            public void onEnd() {
                end.set("end");
            }

            @Override
            public void onError(Throwable error) {
                end.set("error: " + error);
            }
        })) {
            sleep(500);
            docker.stopContainerCmd(containerOf(stack, "idle")).withTimeout(1).exec();
            assertThat(follow.awaitEnd(Duration.ofSeconds(20))).isTrue();
        }
        assertThat(end.get()).isEqualTo("end");
    }

    private void exec(String containerId, String script) throws InterruptedException {
        ExecCreateCmdResponse exec = docker.execCreateCmd(containerId).withCmd("sh", "-c", script).exec();
        docker.execStartCmd(exec.getId()).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<>())
            .awaitCompletion(10, TimeUnit.SECONDS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
