package io.coremonitor.engine.internal.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.DockerClients;
import io.coremonitor.docker.DockerEndpoint;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.ResourceUnavailableException;
import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.model.StackState;
import io.coremonitor.model.VersionStatus;
import io.coremonitor.store.NewVersion;
import io.coremonitor.store.Store;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker executors when the engine is unreachable: they say so before a command starts, and a failure caused by
 * the engine going away is a {@link ResourceUnavailableException} naming the host, not a FAILED version.
 */
class DockerOutageTest {

    private static final URI NOWHERE = URI.create("unix:///tmp/coremonitor-no-such-docker.sock");

    @TempDir
    Path dir;
    private Store store;
    private String stackId;

    @BeforeEach
    void setUp() {
        store = Store.openSqlite(dir.resolve("cm.db"));
        String name = TestLabels.uniqueName("outage");
        stackId = name + "-id";
        store.stacks().create(stackId, name);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private String version(String marker) {
        String yaml = "services:\n  app:\n    image: " + TestImages.BUSYBOX + "\n    command: [sleep, '3600']\n"
            + "    stop_signal: SIGKILL\n    environment:\n      MARKER: " + marker + "\n";
        return store.versions().create(NewVersion.of(stackId, "test", null,
            CanonicalJson.toJson(ComposeLoader.load(yaml, Map.of())))).version();
    }

    private static Command apply(String stackId, String version, boolean autoRollback) {
        return new Command(System.nanoTime(), stackId, CommandType.APPLY_STACK_VERSION, "{\"version\":\"" + version
            + "\",\"auto_rollback\":" + autoRollback + "}", CommandStatus.RUNNING, 1, Instant.now(), Optional.of(Instant.now()),
            Optional.empty(), "test", Optional.empty());
    }

    /** APPLY of {@code version} through the executors over {@code ops}, which name {@code host} in their reasons. */
    private void applyWith(DockerOps ops, String host, String version, boolean autoRollback, TestContext ctx) {
        executors(store, ops, host).get(CommandType.APPLY_STACK_VERSION).execute(apply(stackId, version, autoRollback), ctx);
    }

    private static Map<CommandType, CommandExecutor> executors(Store store, DockerOps ops, String host) {
        return DockerExecutors.create(store, ops, Clock.systemUTC(), host).stream()
            .collect(Collectors.toMap(CommandExecutor::type, e -> e));
    }

    @Test
    void anEngineThatDoesNotAnswerMakesEveryExecutorUnavailableAndFailsARunWithItsHost() throws IOException {
        DockerSettings settings = DockerSettings.defaults().withHost(NOWHERE).withConnectTimeout(Duration.ofSeconds(2))
            .withResponseTimeout(Duration.ofSeconds(2));
        try (DockerClient client = DockerClients.create(settings)) {
            Map<CommandType, CommandExecutor> executors = executors(store, DockerOps.of(client), NOWHERE.toString());
            String v1 = version("one");

            for (CommandExecutor e : executors.values()) {
                assertThat(e.unavailableReason()).as(e.type().name()).get().asString()
                    .startsWith("Docker is unreachable at " + NOWHERE + ": ");
            }
            assertThatThrownBy(() -> executors.get(CommandType.APPLY_STACK_VERSION).execute(apply(stackId, v1, true),
                new TestContext()))
                .isInstanceOf(ResourceUnavailableException.class)
                .hasMessageStartingWith("Docker is unreachable at " + NOWHERE + ": ");

            VersionStatus status = store.versions().getOrThrow(stackId, v1).status().orElseThrow();
            assertThat(status.actual()).isEqualTo(StackState.UNKNOWN);
            assertThat(status.reason().orElseThrow()).startsWith("interrupted: Docker is unreachable at ");
            assertThat(store.stacks().getOrThrow(stackId).currentVersion()).isEmpty();
        }
    }

    /**
     * A daemon shutting down removes its socket first and still serves the connections it holds: the client's ping
     * is answered on its pooled connection. The executors ask for a new connection too, so they wait for the daemon
     * rather than start a command that fails at its first new connection.
     */
    @Test
    @RequiresDocker
    void anEngineThatAnswersThePingButAcceptsNoNewConnectionIsUnavailable(DockerClient docker) {
        DockerOps ops = DockerOps.of(docker);
        ops.ping();
        List<CommandExecutor> refused = DockerExecutors.create(store, ops, Clock.systemUTC(), "the dying engine",
            () -> DockerEndpoint.connect(NOWHERE, Duration.ofSeconds(2)));
        for (CommandExecutor e : refused) {
            assertThat(e.unavailableReason()).as(e.type().name()).get().asString()
                .startsWith("Docker is unreachable at the dying engine: UncheckedIOException: no new connection to "
                    + NOWHERE);
        }
        List<CommandExecutor> accepted = DockerExecutors.create(store, ops, Clock.systemUTC(), "the live engine",
            () -> DockerEndpoint.connect(DockerSettings.fromEnvironment().host(),
                Duration.ofSeconds(2)));
        for (CommandExecutor e : accepted) {
            assertThat(e.unavailableReason()).as(e.type().name()).isEmpty();
        }
    }

    @Test
    @RequiresDocker
    void aServerErrorFromADaemonThatThenStopsAnsweringIsAnOutageButOneFromALiveDaemonIsAFailure(DockerClient docker) {
        TestImages.requireBusybox(docker);
        try {
            DockerOps real = DockerOps.of(docker);
            String v1 = version("one");
            // a daemon being stopped: it answers 500 to the start, and its socket is gone a moment later
            DockerOps stopping = spy(real);
            AtomicBoolean gone = new AtomicBoolean();
            doAnswer(i -> {
                gone.set(true);
                throw new InternalServerErrorException("failed to update store for object type *libnetwork.endpoint");
            }).when(stopping).startContainer(anyString());
            doAnswer(i -> {
                if (gone.get()) {
                    throw new RuntimeException(new SocketException("No such file or directory"));
                }
                return i.callRealMethod();
            }).when(stopping).ping();

            assertThatThrownBy(() -> applyWith(stopping, "unix:///stopping.sock", v1, false, new TestContext()))
                .isInstanceOf(ResourceUnavailableException.class)
                .hasMessageStartingWith("Docker is unreachable at unix:///stopping.sock: ")
                .hasMessageContaining("SocketException: No such file or directory")
                .hasMessageContaining("(while: service 'app' failed: could not start: InternalServerErrorException");

            // the same 500 from a daemon that still answers is the command's failure
            DockerOps live = spy(real);
            doThrow(new InternalServerErrorException("port is already allocated")).when(live).startContainer(anyString());
            assertThatThrownBy(() -> applyWith(live, "unix:///var/run/docker.sock", v1, false, new TestContext()))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("port is already allocated");
            assertThat(store.versions().getOrThrow(stackId, v1).status().orElseThrow().actual()).isEqualTo(StackState.FAILED);
        } finally {
            removeStack(docker);
        }
    }

    @Test
    @RequiresDocker
    void aConnectionDroppedMidApplyIsAnOutageAndNoRollbackIsTried(DockerClient docker) {
        TestImages.requireBusybox(docker);
        try {
            DockerOps real = DockerOps.of(docker);
            String v1 = version("one");
            applyWith(real, "unix:///var/run/docker.sock", v1, false, new TestContext());
            DockerOps dropping = spy(real);
            doThrow(new RuntimeException(new IOException("Broken pipe"))).when(dropping).startContainer(anyString());
            String v2 = version("two");
            TestContext ctx = new TestContext();

            assertThatThrownBy(() -> applyWith(dropping, "unix:///var/run/docker.sock", v2, true, ctx))
                .isInstanceOf(ResourceUnavailableException.class)
                .hasMessage("Docker is unreachable at unix:///var/run/docker.sock: IOException: Broken pipe (while: service 'app'"
                    + " failed: could not start: RuntimeException: java.io.IOException: Broken pipe)");

            assertThat(ctx.text()).doesNotContain("auto_rollback: converging").contains("interrupted: Docker is unreachable");
            assertThat(store.versions().getOrThrow(stackId, v2).status().orElseThrow().actual()).isEqualTo(StackState.UNKNOWN);
            assertThat(store.stacks().getOrThrow(stackId).currentVersion()).contains(v1);
        } finally {
            removeStack(docker);
        }
    }

    private void removeStack(DockerClient docker) {
        for (Container c : docker.listContainersCmd().withShowAll(true)
            .withLabelFilter(List.of(StackLabels.STACK_ID + "=" + stackId)).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).exec();
        }
        docker.listNetworksCmd().withFilter("label", List.of(StackLabels.STACK_ID + "=" + stackId)).exec()
            .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
    }
}
