package io.coremonitor.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ComposeLoader;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The primitives and a translated request on the real engine: what the translator sends, the engine accepts. */
@RequiresDocker
class DockerOpsTest {

    private final DockerClient docker;
    private final DockerOps ops;
    private final String stack = TestLabels.uniqueName("ops");
    private final String stackId = stack + "-id";

    DockerOpsTest(DockerClient docker) {
        this.docker = docker;
        this.ops = DockerOps.of(docker);
    }

    @AfterEach
    void cleanUp() {
        ops.listContainers(StackLabels.STACK_ID, stackId).forEach(c -> ops.removeContainer(c.getId()));
        ops.listNetworks(StackLabels.STACK_ID, stackId).forEach(n -> ops.removeNetwork(n.getId()));
        ops.listVolumes(StackLabels.STACK_ID, stackId).forEach(v -> ops.removeVolume(v.getName()));
    }

    private Map<String, String> labels(String extraKey, String extraValue) {
        Map<String, String> labels = new TreeMap<>(TestLabels.TEST_LABELS);
        labels.put(StackLabels.MANAGED, "true");
        labels.put(StackLabels.STACK_ID, stackId);
        labels.put(extraKey, extraValue);
        return labels;
    }

    @Test
    void aTranslatedServiceRunsWithItsNetworksVolumesAndSettings() {
        TestImages.requireBusybox(docker);
        // a random /24 outside Docker's default address pools (172.17-31.0.0/16, 192.168.0.0/16), which the networks
        // of other tests on the same engine are given (with 15 of them, 172.31.0.0/16 is taken and a 172.31.x.0/24
        // overlaps); random, so another build running this test on the same engine does not collide with this one
        String net = "10.213." + ThreadLocalRandom.current().nextInt(1, 255);
        ComposeDefinition def = ComposeLoader.load("""
            services:
              box:
                image: %1$s
                command: ["sh", "-c", "echo started; exec sleep 3600"]
                environment: {GREETING: hi}
                stop_signal: SIGKILL
                stop_grace_period: 3s
                init: true
                cap_add: [NET_ADMIN]
                extra_hosts: ["db.local:10.1.2.3"]
                dns_opt: ["ndots:2"]
                tmpfs: ["/run:size=1m"]
                ulimits:
                  nofile: {soft: 1024, hard: 2048}
                labels: {team: ops}
                volumes:
                  - type: volume
                    source: data
                    target: /data
                    volume: {nocopy: true}
                  - type: tmpfs
                    target: /scratch
                    tmpfs: {size: 1m}
                networks:
                  front:
                    aliases: [boxy]
                    ipv4_address: %2$s.10
                    priority: 10
                  back:
                    aliases: [backbox]
                healthcheck:
                  test: ["CMD", "true"]
                  interval: 1s
            networks:
              front:
                ipam:
                  config:
                    - subnet: %2$s.0/24
              back: {}
            volumes:
              data: {}
            """.formatted(TestImages.BUSYBOX, net), Map.of());
        ContainerRequest request = ServiceTranslator.translate(new ServiceTranslator.Context(stackId, stack, "v1", "1"), def, "box");
        Map<String, String> networkIds = new TreeMap<>();
        for (int round = 0; round < 2; round++) {
            for (String key : List.of("front", "back")) {
                var spec = def.networks().get(key);
                String networkId = ops.ensureNetwork(stackId, key, new NetworkRequest(StackNaming.network(stack, key, spec), spec.driver(),
                    spec.driverOpts(), spec.internal(), spec.attachable(), false, spec.ipam(), labels(StackLabels.NETWORK, key)));
                assertThat(networkIds.computeIfAbsent(key, k -> networkId)).as("ensuring again finds the same network")
                    .isEqualTo(networkId);
            }
            VolumeRequest volume = new VolumeRequest(stack + "_data", java.util.Optional.empty(), Map.of(),
                labels(StackLabels.VOLUME, "data"));
            assertThat(ops.ensureVolume(stackId, "data", volume)).isEqualTo(stack + "_data");
        }
        assertThat(ops.listVolumes(StackLabels.STACK_ID, stackId)).hasSize(1);

        String id = ops.createContainer(request);
        assertThat(ops.inspectContainer(id).getState().getRunning()).isFalse();
        ops.startContainer(id);
        ops.startContainer(id);

        InspectContainerResponse inspect = ops.inspectContainer(id);
        assertThat(inspect.getName()).isEqualTo("/" + stack + "-box-1");
        assertThat(inspect.getState().getRunning()).isTrue();
        Map<String, ContainerNetwork> networks = inspect.getNetworkSettings().getNetworks();
        assertThat(networks).containsOnlyKeys(stack + "_front", stack + "_back");
        assertThat(networks.get(stack + "_front").getIpAddress()).isEqualTo(net + ".10");
        assertThat(networks.get(stack + "_front").getAliases()).contains("box", "boxy");
        assertThat(networks.get(stack + "_back").getAliases()).contains("box", "backbox");
        assertThat(Arrays.asList(inspect.getConfig().getEnv())).contains("GREETING=hi");
        assertThat(inspect.getConfig().getLabels()).containsEntry("team", "ops")
            .containsEntry(StackLabels.CONFIG_HASH, request.configHash());
        assertThat(inspect.getHostConfig().getInit()).isTrue();
        assertThat(inspect.getHostConfig().getExtraHosts()).containsExactly("db.local:10.1.2.3");
        assertThat(inspect.getHostConfig().getTmpFs()).containsEntry("/run", "size=1m");
        assertThat(inspect.getMounts()).anySatisfy(m -> assertThat(m.getName()).isEqualTo(stack + "_data"));
        assertThat(inspect.getConfig().getHealthcheck().getInterval()).isEqualTo(1_000_000_000L);

        assertThat(ops.listContainers(StackLabels.STACK_ID, stackId)).extracting(c -> c.getId()).containsExactly(id);
        assertThat(ops.listNetworks(StackLabels.STACK_ID, stackId)).extracting(Network::getName)
            .containsExactlyInAnyOrder(stack + "_front", stack + "_back");
        assertThat(ops.logTail(id, 20)).contains("started");

        ops.stopContainer(id, null);
        ops.stopContainer(id, null);
        assertThat(ops.inspectContainer(id).getState().getRunning()).isFalse();
        ops.removeContainer(id);
        ops.removeContainer(id);
        assertThat(ops.listContainers(StackLabels.STACK_ID, stackId)).isEmpty();
    }

    @Test
    void aMissingImageCannotBePulledAndSaysSo() {
        assertThat(ops.imageExists("coremonitor-test/absent:nope")).isFalse();
        assertThatThrownBy(() -> ops.pullImage("coremonitor-test/absent:nope", Duration.ofSeconds(20)))
            .isInstanceOf(ImageUnavailableException.class)
            .hasMessageStartingWith("image coremonitor-test/absent:nope not found locally and could not be pulled: ");
    }
}
