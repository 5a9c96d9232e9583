package io.coremonitor.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ComposeLoader;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys of issue 20 in the create request: resource keys, namespaces, volumes_from and links. */
class ServiceKeysTranslatorTest {

    private static final ServiceTranslator.Context CTX = new ServiceTranslator.Context("id-1", "shop", "v3", "42");

    private static final ComposeDefinition DEFINITION = ComposeLoader.load("""
        services:
          db: {image: postgres}
          web:
            image: nginx
            cpuset: 0-1
            cpu_period: 100ms
            cpu_quota: 50000
            cpu_rt_period: 1000000
            cpu_rt_runtime: 950000
            cpu_count: 2
            cpu_percent: 50
            mem_swappiness: 10
            blkio_config:
              weight: 300
              weight_device: [{path: /dev/sda, weight: 400}]
              device_read_bps: [{path: /dev/sda, rate: 1mb}]
              device_write_bps: [{path: /dev/sda, rate: 2mb}]
              device_read_iops: [{path: /dev/sda, rate: 100}]
              device_write_iops: [{path: /dev/sda, rate: 200}]
            device_cgroup_rules: ['c 1:3 mr']
            storage_opt: {size: 1G}
            cgroup: private
            uts: host
            volumes_from: ["db:ro", "container:legacy"]
            links: ["db:database"]
            external_links: ["monitor"]
            networks: [default, back]
        networks:
          back: {}
        """, Map.of());

    private static HostConfig host(ContainerRequest request) {
        CreateContainerCmd cmd = request.applyTo(new CreateContainerCmdImpl(c -> null, null, request.image()));
        return cmd.getHostConfig();
    }

    @Test
    void resourceAndNamespaceKeysReachTheHostConfig() {
        HostConfig host = host(ServiceTranslator.translate(CTX, DEFINITION, "web"));
        assertThat(host.getCpusetCpus()).isEqualTo("0-1");
        assertThat(host.getCpuPeriod()).isEqualTo(100_000L);
        assertThat(host.getCpuQuota()).isEqualTo(50_000L);
        assertThat(host.getCpuRealtimePeriod()).isEqualTo(1_000_000L);
        assertThat(host.getCpuRealtimeRuntime()).isEqualTo(950_000L);
        assertThat(host.getCpuCount()).isEqualTo(2L);
        assertThat(host.getCpuPercent()).isEqualTo(50L);
        assertThat(host.getMemorySwappiness()).isEqualTo(10L);
        assertThat(host.getBlkioWeight()).isEqualTo(300);
        assertThat(host.getBlkioWeightDevice()).singleElement().satisfies(d -> assertThat(d.getWeight()).isEqualTo(400));
        assertThat(host.getBlkioDeviceReadBps()).singleElement().satisfies(d -> assertThat(d.getRate()).isEqualTo(1L << 20));
        assertThat(host.getBlkioDeviceWriteBps()).singleElement().satisfies(d -> assertThat(d.getRate()).isEqualTo(2L << 20));
        assertThat(host.getBlkioDeviceReadIOps()).singleElement().satisfies(d -> assertThat(d.getRate()).isEqualTo(100L));
        assertThat(host.getBlkioDeviceWriteIOps()).singleElement().satisfies(d -> assertThat(d.getRate()).isEqualTo(200L));
        assertThat(host.getDeviceCgroupRules()).containsExactly("c 1:3 mr");
        assertThat(host.getStorageOpt()).containsExactly(Map.entry("size", "1G"));
        assertThat(host.getCgroupnsMode()).isEqualTo("private");
        assertThat(host.getUtSMode()).isEqualTo("host");
        assertThat(ServiceTranslator.engineDependentKeys(DEFINITION.services().get("web"))).containsExactly("cpuset", "cpu_rt_period",
            "cpu_rt_runtime", "cpu_count", "cpu_percent", "blkio_config", "device_cgroup_rules", "storage_opt");
    }

    @Test
    void volumesFromAndLinksNameTheStacksContainersOnEveryNetwork() {
        ContainerRequest request = ServiceTranslator.translate(CTX, DEFINITION, "web");
        HostConfig host = host(request);
        assertThat(Arrays.stream(host.getVolumesFrom()).map(Object::toString)).containsExactly("shop-db-1:ro", "legacy:rw");
        assertThat(Arrays.stream(host.getLinks()).map(Object::toString)).containsExactly("shop-db-1:database", "monitor:monitor");
        assertThat(request.extraNetworks()).singleElement()
            .satisfies(join -> assertThat(join.links()).containsExactly("shop-db-1:database", "monitor:monitor"));
    }

    @Test
    void changingAResourceKeyChangesTheConfigHashAndChangingAHookDoesNot() {
        String base = "services:\n  web:\n    image: nginx\n";
        String hash = ServiceTranslator.configHash("shop", ComposeLoader.load(base, Map.of()), "web");
        assertThat(ServiceTranslator.configHash("shop", ComposeLoader.load(base + "    mem_swappiness: 5\n", Map.of()), "web"))
            .isNotEqualTo(hash);
        assertThat(ServiceTranslator.configHash("shop", ComposeLoader.load(base + "    links: []\n    post_start: [{command: [x]}]\n",
            Map.of()), "web")).isEqualTo(hash);
    }
}
