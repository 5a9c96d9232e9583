package io.coremonitor.engine.internal.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.StackCleanup;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.store.NewVersion;
import io.coremonitor.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose keys that reach Docker's host config as given (CPU scheduler, swappiness, block IO, device cgroup rules,
 * cgroup and UTS namespaces), applied on the real engine: what the engine honours is seen in the created container, what
 * it cannot honour fails the APPLY naming the service and the key.
 */
@RequiresDocker
class ServiceKeysDockerTest {

    private static final AtomicLong COMMAND_IDS = new AtomicLong(5000);

    @TempDir
    Path dir;

    private final DockerClient docker;
    private Store store;
    private Map<CommandType, CommandExecutor> executors;
    private String stackId;
    private String stackName;

    ServiceKeysDockerTest(DockerClient docker) {
        this.docker = docker;
    }

    @BeforeEach
    void setUp() {
        TestImages.requireBusybox(docker);
        store = Store.openSqlite(dir.resolve("cm.db"));
        DockerOps ops = DockerOps.of(docker);
        FileContents contents = new FileContents(Optional.empty(), name -> Optional.empty());
        executors = TestExecutors.byType(store, ops, contents);
        stackName = TestLabels.uniqueName("keys");
        stackId = stackName + "-id";
        store.stacks().create(stackId, stackName);
    }

    @AfterEach
    void cleanUp() {
        StackCleanup.remove(docker, stackId);
        store.close();
    }

    private void removeStackContainers() {
        for (Container c : docker.listContainersCmd().withShowAll(true)
            .withLabelFilter(List.of(StackLabels.STACK_ID + "=" + stackId)).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
    }

    TestContext apply(String yaml) {
        String canonical = CanonicalJson.toJson(ComposeLoader.load(yaml, Map.of()));
        String version = store.versions().create(NewVersion.of(stackId, "test", null, canonical)).version();
        TestContext ctx = new TestContext();
        Command command = new Command(COMMAND_IDS.incrementAndGet(), stackId, CommandType.APPLY_STACK_VERSION,
            "{\"version\":\"" + version + "\",\"auto_rollback\":false}", CommandStatus.RUNNING, 1, Instant.now(),
            Optional.of(Instant.now()), Optional.empty(), "test", Optional.empty());
        executors.get(CommandType.APPLY_STACK_VERSION).execute(command, ctx);
        return ctx;
    }

    InspectContainerResponse inspect(String service) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(StackLabels.STACK_ID + "=" + stackId)).exec()
            .stream().filter(c -> service.equals(c.getLabels().get(StackLabels.SERVICE)))
            .map(c -> docker.inspectContainerCmd(c.getId()).exec()).findFirst().orElseThrow();
    }

    String service(String name, String keys) {
        String command = keys.stripIndent().lines().anyMatch(l -> l.startsWith("command:")) ? "" : "    command: [\"sleep\", \"3600\"]\n";
        return "  " + name + ":\n    image: " + TestImages.BUSYBOX + "\n" + command + "    stop_signal: SIGKILL\n"
            + keys.lines().map(l -> "    " + l + "\n").collect(Collectors.joining());
    }

    /** A block device of the host, for the per-device block IO limits (Docker checks that it exists). */
    private static Optional<String> blockDevice() {
        return Stream.of("/dev/vda", "/dev/sda", "/dev/nvme0n1", "/dev/xvda", "/dev/loop0").filter(p -> Files.exists(Path.of(p)))
            .findFirst();
    }

    @Test
    void cpuMemoryBlockIoCgroupAndUtsKeysReachTheContainer() {
        String device = blockDevice().orElse(null);
        Assumptions.assumeTrue(device != null, "no block device on this host");
        TestContext ctx = apply("services:\n" + service("box", """
            cpuset: "0"
            cpu_period: 100ms
            cpu_quota: 50000
            mem_swappiness: 10
            device_cgroup_rules: ['c 1:3 mr']
            cgroup: private
            uts: host
            blkio_config:
              weight: 300
              device_read_bps: [{path: %1$s, rate: 1mb}]
              device_write_iops: [{path: %1$s, rate: 100}]
            """.formatted(device)));
        HostConfig host = inspect("box").getHostConfig();
        assertThat(host.getCpusetCpus()).isEqualTo("0");
        assertThat(host.getCpuPeriod()).isEqualTo(100_000L);
        assertThat(host.getCpuQuota()).isEqualTo(50_000L);
        assertThat(host.getDeviceCgroupRules()).containsExactly("c 1:3 mr");
        assertThat(host.getCgroupnsMode()).isEqualTo("private");
        assertThat(host.getUtSMode()).isEqualTo("host");
        assertThat(host.getBlkioDeviceReadBps()).singleElement().satisfies(d -> {
            assertThat(d.getPath()).isEqualTo(device);
            assertThat(d.getRate()).isEqualTo(1L << 20);
        });
        assertThat(host.getBlkioDeviceWriteIOps()).singleElement().satisfies(d -> assertThat(d.getRate()).isEqualTo(100L));
        // an engine without the blkio weight or swappiness controller discards the setting with a warning: never silently
        if (host.getBlkioWeight() == null || host.getBlkioWeight() != 300) {
            assertThat(ctx.text()).contains("box: the engine warns: ").containsIgnoringCase("weight");
        }
        if (host.getMemorySwappiness() == null || host.getMemorySwappiness() != 10) {
            assertThat(ctx.text()).contains("box: the engine warns: ").containsIgnoringCase("swappiness");
        }
        assertThat(inspect("box").getState().getRunning()).isTrue();
    }

    @Test
    void volumesFromMountsAnotherServicesVolumesAndIsCreatedAfterIt() {
        apply("services:\n"
            + service("data", "command: [\"sh\", \"-c\", \"echo shared > /shared/file; exec sleep 3600\"]\nvolumes: [/shared]")
            + service("reader", "command: [\"sh\", \"-c\", \"sleep 1; cat /shared/file; exec sleep 3600\"]\nvolumes_from: [\"data:ro\"]"));
        InspectContainerResponse reader = inspect("reader");
        assertThat(reader.getHostConfig().getVolumesFrom()).extracting(Object::toString)
            .containsExactly(stackName + "-data-1:ro");
        assertThat(reader.getMounts()).singleElement().satisfies(m -> {
            assertThat(m.getDestination().getPath()).isEqualTo("/shared");
            assertThat(m.getRW()).isFalse();
        });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
            assertThat(DockerOps.of(docker).logTail(reader.getId(), 5)).contains("shared"));
    }

    @Test
    void linksGiveAnAliasToTheLinkingContainerOnlyAndExternalLinksReachAContainerOutsideTheStack() {
        String network = stackName + "-outside";
        String legacy = stackName + "-legacy";
        docker.createNetworkCmd().withName(network).withLabels(TestLabels.TEST_LABELS).exec();
        try {
            docker.createContainerCmd(TestImages.BUSYBOX).withName(legacy).withLabels(TestLabels.TEST_LABELS).withCmd("sleep", "3600")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network)).exec();
            docker.startContainerCmd(legacy).exec();
            apply("services:\n"
                + service("db", "")
                + service("web", "links: [\"db:database\"]\nexternal_links: [\"" + legacy + ":olddb\"]\nnetworks: [default, outside]")
                + service("other", "")
                + "networks:\n  outside: {external: true, name: " + network + "}\n");
            DockerOps ops = DockerOps.of(docker);
            String web = inspect("web").getId();
            // on user-defined networks the engine keeps the links on each network's endpoint
            var networks = inspect("web").getNetworkSettings().getNetworks();
            assertThat(networks).containsOnlyKeys(stackName + "_default", network);
            networks.values().forEach(n -> assertThat(n.getLinks()).extracting(l -> l.getName().replaceFirst("^/", "") + ":" + l.getAlias())
                .containsExactlyInAnyOrder(stackName + "-db-1:database", legacy + ":olddb"));
            var viaLink = ops.exec(web, List.of("ping", "-c", "1", "-W", "2", "database"), java.time.Duration.ofSeconds(10));
            assertThat(viaLink.exitCode()).as("ping database from web: %s %s", viaLink.stdout(), viaLink.stderr()).isZero();
            var external = ops.exec(web, List.of("ping", "-c", "1", "-W", "2", "olddb"), java.time.Duration.ofSeconds(10));
            assertThat(external.exitCode()).as("ping olddb from web: %s %s", external.stdout(), external.stderr()).isZero();
            var unlinked = ops.exec(inspect("other").getId(), List.of("nslookup", "database"), java.time.Duration.ofSeconds(10));
            assertThat(unlinked.exitCode()).as("the alias is the linking container's only").isNotZero();
        } finally {
            docker.removeContainerCmd(legacy).withForce(true).exec();
            removeStackContainers();
            docker.removeNetworkCmd(network).exec();
        }
    }

    @Test
    void postStartHooksRunAfterTheStartAsTheirUserInTheirDirectoryWithTheirVariables() {
        TestContext ctx = apply("services:\n" + service("web", """
            post_start:
              - command: ["sh", "-c", "echo \\"$$GREETING $$(pwd) $$(id -u)\\" > /tmp/hook"]
                user: "1234"
                working_dir: /etc
                environment: {GREETING: hello}
              - command: touch /tmp/second
            """));
        String id = inspect("web").getId();
        DockerOps ops = DockerOps.of(docker);
        assertThat(ops.exec(id, List.of("cat", "/tmp/hook"), java.time.Duration.ofSeconds(10)).stdout()).isEqualTo("hello /etc 1234\n");
        assertThat(ops.exec(id, List.of("ls", "/tmp/second"), java.time.Duration.ofSeconds(10)).exitCode()).isZero();
        assertThat(ctx.text()).contains("web: post_start[0] [sh, -c, ", "web: post_start[1] [touch, /tmp/second] done");
    }

    @Test
    void aFailingPostStartHookFailsTheApplyWithItsExitCodeAndOutput() {
        assertThatThrownBy(() -> apply("services:\n" + service("web", """
            post_start:
              - command: ["sh", "-c", "echo preparing; echo broken >&2; exit 3"]
            """)))
            .isInstanceOf(CommandFailedException.class)
            .hasMessageStartingWith("service 'web' failed: post_start[0] [sh, -c, echo preparing; echo broken >&2; exit 3] exited"
                + " with code 3; last output lines:\npreparing\nbroken");
    }

    @Test
    void preStopHooksRunBeforeARecreateStopsTheContainerAndAFailureOnlyWarns() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        String hooks = """
            volumes: ["%s:/out"]
            environment: {ROUND: "%s"}
            pre_stop:
              - command: ["sh", "-c", "echo stopping $$ROUND >> /out/log"]
              - command: ["sh", "-c", "echo cannot; exit 4"]
            """;
        apply("services:\n" + service("web", hooks.formatted(out, "one")));
        assertThat(out.resolve("log")).doesNotExist();
        TestContext second = apply("services:\n" + service("web", hooks.formatted(out, "two")));
        assertThat(Files.readString(out.resolve("log"))).isEqualTo("stopping one\n");
        assertThat(second.text()).contains("WARN web: pre_stop[1] [sh, -c, echo cannot; exit 4] exited with code 4; last output"
            + " lines:\ncannot; stopping it anyway");
        assertThat(inspect("web").getState().getRunning()).isTrue();
        assertThat(inspect("web").getConfig().getEnv()).contains("ROUND=two");
    }

    @Test
    void storageOptOnAnEngineWithoutQuotasFailsTheApplyNamingServiceAndKey() {
        String backing = String.valueOf(docker.infoCmd().exec().getDriverStatuses());
        Assumptions.assumeFalse(backing.contains("xfs"), "this engine may support storage_opt: " + backing);
        assertThatThrownBy(() -> apply("services:\n" + service("store", "storage_opt: {size: 1G}")))
            .isInstanceOf(CommandFailedException.class)
            .hasMessageStartingWith("service 'store' failed: could not create container")
            .hasMessageContaining("storage-opt")
            .hasMessageContaining("the service sets storage_opt, which this engine may not support");
    }

    @Test
    void realTimeSchedulingWithoutKernelSupportFailsTheApplyNamingServiceAndKey() throws IOException {
        Path dockerRt = Path.of("/sys/fs/cgroup/cpu/docker/cpu.rt_runtime_us");
        Assumptions.assumeFalse(Files.exists(dockerRt) && Long.parseLong(Files.readString(dockerRt).trim()) > 0,
            "this engine gives containers real-time time");
        assertThatThrownBy(() -> apply("services:\n" + service("rt", "cpu_rt_runtime: 950ms")))
            .isInstanceOf(CommandFailedException.class)
            .hasMessageStartingWith("service 'rt' failed: could not ")
            .hasMessageContaining("the service sets cpu_rt_runtime, which this engine may not support");
    }

    @Test
    void windowsOnlyCpuKeysOnALinuxEngineFailTheApplyNamingServiceAndKey() {
        Assumptions.assumeFalse("windows".equalsIgnoreCase(docker.infoCmd().exec().getOsType()));
        assertThatThrownBy(() -> apply("services:\n" + service("win", "cpu_count: 2\ncpu_percent: 50")))
            .isInstanceOf(CommandFailedException.class)
            .hasMessageStartingWith("service 'win' failed: could not create container")
            .hasMessageContaining("cpu_count and cpu_percent are only supported on a Docker engine running on Windows")
            .hasMessageContaining("the service sets cpu_count, cpu_percent, which this engine may not support");
    }
}
