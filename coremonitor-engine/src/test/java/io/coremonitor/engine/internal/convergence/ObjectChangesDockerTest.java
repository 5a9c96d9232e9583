package io.coremonitor.engine.internal.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ExecResult;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.StackCleanup;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.PlanAction;
import io.coremonitor.engine.StackInspector;
import io.coremonitor.engine.StackPlan;
import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.store.NewVersion;
import io.coremonitor.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Networks and volumes whose settings change between versions, against the real engine. */
@RequiresDocker
class ObjectChangesDockerTest {

    private static final AtomicLong COMMAND_IDS = new AtomicLong(5000);

    @TempDir
    Path dir;

    private final DockerClient docker;
    private Store store;
    private CountingOps ops;
    private Map<CommandType, CommandExecutor> executors;
    private StackInspector inspector;
    private String stackId;
    private String stackName;

    ObjectChangesDockerTest(DockerClient docker) {
        this.docker = docker;
    }

    @BeforeEach
    void setUp() {
        TestImages.requireBusybox(docker);
        store = Store.openSqlite(dir.resolve("cm.db"));
        ops = new CountingOps(DockerOps.of(docker));
        executors = TestExecutors.byType(store, ops, FileContents.withoutSecretStore());
        inspector = StackInspector.create(store, ops, Clock.systemUTC());
        stackName = TestLabels.uniqueName("objs");
        stackId = stackName + "-id";
        store.stacks().create(stackId, stackName);
    }

    @AfterEach
    void cleanUp() {
        StackCleanup.remove(docker, stackId);
        store.close();
    }

    private String version(String yaml) {
        String canonical = CanonicalJson.toJson(ComposeLoader.load(yaml, Map.of()));
        return store.versions().create(NewVersion.of(stackId, "test", null, canonical)).version();
    }

    private TestContext apply(String version, String extra) {
        TestContext ctx = new TestContext();
        Command command = new Command(COMMAND_IDS.incrementAndGet(), stackId, CommandType.APPLY_STACK_VERSION,
            "{\"version\":\"" + version + "\"" + extra + "}", CommandStatus.RUNNING, 1, Instant.now(), Optional.of(Instant.now()),
            Optional.empty(), "test", Optional.empty());
        executors.get(CommandType.APPLY_STACK_VERSION).execute(command, ctx);
        return ctx;
    }

    private Map<String, String> containerIds() {
        return ops.listContainers(StackLabels.STACK_ID, stackId).stream()
            .collect(Collectors.toMap(c -> c.getLabels().get(StackLabels.SERVICE), Container::getId));
    }

    private String exec(String service, String... command) {
        ExecResult r = ops.exec(containerIds().get(service), List.of(command), Duration.ofSeconds(15));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout().strip();
    }

    /** web serves on the network front under the alias webalias; client sits on it too; the network's settings vary. */
    private String withNetwork(String networkSettings) {
        return version("""
            services:
              web:
                image: %1$s
                command: ["sh", "-c", "mkdir -p /www && echo hello > /www/index.html && exec httpd -f -p 8080 -h /www"]
                stop_signal: SIGKILL
                networks:
                  front:
                    aliases: [webalias]
              client:
                image: %1$s
                command: ["sleep", "3600"]
                stop_signal: SIGKILL
                networks: [front]
            networks:
              front:
            %2$s
            """.formatted(TestImages.BUSYBOX, networkSettings.indent(4).stripTrailing()));
    }

    private Network front() {
        return docker.listNetworksCmd().withFilter("label", List.of(StackLabels.STACK_ID + "=" + stackId)).exec().stream()
            .filter(n -> "front".equals(n.getLabels().get(StackLabels.NETWORK))).findFirst().orElseThrow();
    }

    @Test
    void aNetworkWhoseLabelsAndOptionsChangeIsRecreatedAndItsContainersReachEachOtherByAliasAgain() {
        String v1 = withNetwork("labels: {tier: one}");
        apply(v1, "");
        assertThat(exec("client", "wget", "-q", "-O", "-", "http://webalias:8080/")).isEqualTo("hello");
        Map<String, String> before = containerIds();
        String oldNetwork = front().getId();

        String v2 = withNetwork("labels: {tier: two}\ndriver_opts: {com.docker.network.driver.mtu: \"1400\"}");
        StackPlan plan = inspector.plan(stackId, v2);
        assertThat(plan.actions(PlanAction.Kind.RECREATE_NETWORK)).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo(stackName + "_front");
            assertThat(a.reasons()).containsExactly("driver_opts changed (since " + v1 + ")", "labels changed (since " + v1 + ")");
        });
        assertThat(plan.actions(PlanAction.Kind.KEEP)).hasSize(2);

        TestContext log = apply(v2, "");
        assertThat(log.text()).contains("plan: RECREATE_NETWORK " + stackName + "_front (driver_opts changed (since " + v1 + ")",
            "disconnected client from network " + stackName + "_front", "recreated network " + stackName + "_front: ",
            "connected web to network " + stackName + "_front again (aliases web, webalias)");
        Network recreated = front();
        assertThat(recreated.getId()).isNotEqualTo(oldNetwork);
        assertThat(recreated.getLabels()).containsEntry("tier", "two").containsEntry(StackLabels.VERSION, v2);
        assertThat(recreated.getOptions()).containsEntry("com.docker.network.driver.mtu", "1400");
        // the same containers, still running, on the new network, reaching each other by alias and service name
        assertThat(containerIds()).isEqualTo(before);
        assertThat(exec("client", "wget", "-q", "-O", "-", "http://webalias:8080/")).isEqualTo("hello");
        assertThat(exec("client", "wget", "-q", "-O", "-", "http://web:8080/")).isEqualTo("hello");
        assertThat(docker.inspectContainerCmd(before.get("web")).exec().getNetworkSettings().getNetworks())
            .containsOnlyKeys(stackName + "_front");

        // applying v2 again changes nothing: the network was made by v2
        ops.mutations.clear();
        assertThat(apply(v2, "").text()).contains("nothing to create, recreate or remove");
        assertThat(ops.mutations).isEmpty();
    }

    private String withVolume(String volumeSettings) {
        return version("""
            services:
              x:
                image: %s
                command: ["sh", "-c", "ls /data; touch /data/written; exec sleep 3600"]
                stop_signal: SIGKILL
                volumes: ["data:/data"]
            volumes:
              data:
            %s
            """.formatted(TestImages.BUSYBOX, volumeSettings.indent(4).stripTrailing()));
    }

    @Test
    void aVolumeChangeIsRefusedWithoutRecreateVolumesAndDoneWithIt() {
        String v1 = withVolume("labels: {backup: weekly}");
        apply(v1, "");
        String kept = containerIds().get("x");
        assertThat(exec("x", "ls", "/data")).isEqualTo("written");

        String v2 = withVolume("labels: {backup: daily}");
        assertThat(inspector.plan(stackId, v2).actions(PlanAction.Kind.RECREATE_VOLUME)).singleElement()
            .satisfies(a -> assertThat(a.reasons()).containsExactly("labels changed (since " + v1 + ")", ObjectChanges.DATA_LOST));
        ops.mutations.clear();
        assertThatThrownBy(() -> apply(v2, "")).isInstanceOf(CommandFailedException.class)
            .hasMessageContaining("is refused: volumes.data: labels changed (since " + v1 + "): recreating volume " + stackName
                + "_data deletes its data; apply with \"recreate_volumes\": true to accept that");
        assertThat(ops.mutations).isEmpty();
        assertThat(containerIds().get("x")).isEqualTo(kept);
        assertThat(exec("x", "ls", "/data")).isEqualTo("written");

        TestContext log = apply(v2, ",\"recreate_volumes\":true");
        assertThat(log.text()).contains("removed volume " + stackName + "_data and its data to recreate it: labels changed (since " + v1,
            "created volume " + stackName + "_data again", "volume 'data' is recreated");
        assertThat(docker.inspectVolumeCmd(stackName + "_data").exec().getLabels()).containsEntry("backup", "daily")
            .containsEntry(StackLabels.VERSION, v2);
        assertThat(containerIds().get("x")).isNotEqualTo(kept);
        // the new container found an empty volume (its ls printed nothing before it wrote)
        assertThat(ops.logTail(containerIds().get("x"), 10)).doesNotContain("written");
    }
}
