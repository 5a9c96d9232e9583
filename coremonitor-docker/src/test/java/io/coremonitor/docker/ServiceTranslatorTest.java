package io.coremonitor.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.BindPropagation;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ComposeLoader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceTranslatorTest {

    private static final ServiceTranslator.Context CTX = new ServiceTranslator.Context("id-1", "shop", "v3", "42");

    private static ComposeDefinition load(String yaml) {
        return ComposeLoader.load(yaml, Map.of());
    }

    private static CreateContainerCmd cmd(ContainerRequest request) {
        return request.applyTo(new CreateContainerCmdImpl(c -> null, null, request.image()));
    }

    private static final String FULL = """
        services:
          web:
            image: nginx:1.25
            command: ["nginx", "-g", "daemon off;"]
            entrypoint: ["/docker-entrypoint.sh"]
            environment:
              A: "1"
              B: two
            ports:
              - "8080:80"
              - "127.0.0.1:9000-9001:9000-9001"
              - "53:53/udp"
              - "3000"
            expose: ["7000", "7100-7101", "5353/udp"]
            volumes:
              - data:/var/lib/data:ro
              - type: volume
                source: cache
                target: /cache
                volume:
                  nocopy: true
              - type: bind
                source: /srv/conf
                target: /etc/conf
                bind:
                  propagation: rslave
              - type: tmpfs
                target: /scratch
                tmpfs:
                  size: 64m
            tmpfs: ["/run:size=1m"]
            networks:
              front:
                aliases: [www]
                ipv4_address: 172.28.0.10
                priority: 10
              back: {}
            healthcheck:
              test: ["CMD-SHELL", "curl -f http://localhost/"]
              interval: 5s
              timeout: 2s
              retries: 4
              start_period: 10s
            restart: on-failure:3
            cpus: 1.5
            mem_limit: 512m
            mem_reservation: 128m
            pids_limit: 100
            memswap_limit: 1g
            shm_size: 64m
            cpu_shares: 512
            labels:
              team: web
            user: "1000:1000"
            working_dir: /app
            hostname: web1
            domainname: example.org
            cap_add: [NET_ADMIN]
            cap_drop: [MKNOD]
            privileged: true
            read_only: true
            security_opt: ["no-new-privileges:true"]
            extra_hosts: ["db.local:10.0.0.5"]
            dns: [1.1.1.1, 8.8.8.8]
            dns_search: [example.org]
            dns_opt: [ndots:2]
            ulimits:
              nofile:
                soft: 1024
                hard: 2048
            init: true
            stop_signal: SIGQUIT
            stop_grace_period: 1m30s
            tty: true
            stdin_open: true
            sysctls:
              net.core.somaxconn: "1024"
            logging:
              driver: json-file
              options:
                max-size: 10m
            platform: linux/amd64
            ipc: shareable
            pid: host
            userns_mode: host
            devices: ["/dev/fuse:/dev/fuse:rwm"]
            group_add: [audio]
            oom_score_adj: 100
            oom_kill_disable: true
            cgroup_parent: /custom
            runtime: runc
        networks:
          front:
            ipam:
              config:
                - subnet: 172.28.0.0/16
          back: {}
        volumes:
          data: {}
          cache:
            name: shared-cache
        """;

    @Test
    void everyFieldReachesTheCreateRequest() {
        ContainerRequest request = ServiceTranslator.translate(CTX, load(FULL), "web");
        CreateContainerCmd cmd = cmd(request);
        HostConfig host = cmd.getHostConfig();

        assertThat(cmd.getName()).isEqualTo("shop-web-1");
        assertThat(cmd.getImage()).isEqualTo("nginx:1.25");
        assertThat(cmd.getCmd()).containsExactly("nginx", "-g", "daemon off;");
        assertThat(cmd.getEntrypoint()).containsExactly("/docker-entrypoint.sh");
        assertThat(cmd.getEnv()).containsExactly("A=1", "B=two");
        assertThat(cmd.getExposedPorts()).contains(ExposedPort.tcp(80), ExposedPort.tcp(9000), ExposedPort.tcp(9001),
            ExposedPort.udp(53), ExposedPort.tcp(3000), ExposedPort.tcp(7000), ExposedPort.tcp(7100), ExposedPort.tcp(7101),
            ExposedPort.udp(5353));
        Map<ExposedPort, Ports.Binding[]> bindings = host.getPortBindings().getBindings();
        assertThat(bindings.get(ExposedPort.tcp(80))).containsExactly(new Ports.Binding(null, "8080"));
        assertThat(bindings.get(ExposedPort.tcp(9000))).containsExactly(new Ports.Binding("127.0.0.1", "9000"));
        assertThat(bindings.get(new ExposedPort(53, InternetProtocol.UDP))).containsExactly(new Ports.Binding(null, "53"));
        assertThat(bindings.get(ExposedPort.tcp(3000))).containsExactly(new Ports.Binding(null, null));

        assertThat(host.getMounts()).anySatisfy(m -> {
            assertThat(m.getType()).isEqualTo(MountType.VOLUME);
            assertThat(m.getSource()).isEqualTo("shop_data");
            assertThat(m.getTarget()).isEqualTo("/var/lib/data");
            assertThat(m.getReadOnly()).isTrue();
        }).anySatisfy(m -> {
            assertThat(m.getSource()).isEqualTo("shared-cache");
            assertThat(m.getVolumeOptions().getNoCopy()).isTrue();
        }).anySatisfy(m -> {
            assertThat(m.getType()).isEqualTo(MountType.BIND);
            assertThat(m.getSource()).isEqualTo("/srv/conf");
            assertThat(m.getBindOptions().getPropagation()).isEqualTo(BindPropagation.R_SLAVE);
        }).anySatisfy(m -> {
            assertThat(m.getType()).isEqualTo(MountType.TMPFS);
            assertThat(m.getTmpfsOptions().getSizeBytes()).isEqualTo(64L * 1024 * 1024);
        });
        assertThat(host.getTmpFs()).containsEntry("/run", "size=1m");

        assertThat(host.getNetworkMode()).isEqualTo("shop_front");
        assertThat(cmd.getAliases()).containsExactly("web", "www");
        assertThat(cmd.getIpv4Address()).isEqualTo("172.28.0.10");
        assertThat(request.extraNetworks()).singleElement().satisfies(j -> {
            assertThat(j.network()).isEqualTo("shop_back");
            assertThat(j.aliases()).containsExactly("web");
        });

        assertThat(cmd.getHealthcheck().getTest()).containsExactly("CMD-SHELL", "curl -f http://localhost/");
        assertThat(cmd.getHealthcheck().getInterval()).isEqualTo(5_000_000_000L);
        assertThat(cmd.getHealthcheck().getTimeout()).isEqualTo(2_000_000_000L);
        assertThat(cmd.getHealthcheck().getStartPeriod()).isEqualTo(10_000_000_000L);
        assertThat(cmd.getHealthcheck().getRetries()).isEqualTo(4);
        assertThat(host.getRestartPolicy().getName()).isEqualTo("on-failure");
        assertThat(host.getRestartPolicy().getMaximumRetryCount()).isEqualTo(3);

        assertThat(host.getNanoCPUs()).isEqualTo(1_500_000_000L);
        assertThat(host.getMemory()).isEqualTo(512L * 1024 * 1024);
        assertThat(host.getMemoryReservation()).isEqualTo(128L * 1024 * 1024);
        assertThat(host.getPidsLimit()).isEqualTo(100L);
        assertThat(host.getMemorySwap()).isEqualTo(1024L * 1024 * 1024);
        assertThat(host.getShmSize()).isEqualTo(64L * 1024 * 1024);
        assertThat(host.getCpuShares()).isEqualTo(512);

        assertThat(cmd.getLabels()).containsEntry("team", "web").containsEntry(StackLabels.MANAGED, "true")
            .containsEntry(StackLabels.STACK_ID, "id-1").containsEntry(StackLabels.VERSION, "v3")
            .containsEntry(StackLabels.SERVICE, "web").containsEntry(StackLabels.COMMAND_ID, "42")
            .containsEntry(StackLabels.CONFIG_HASH, request.configHash()).containsEntry(StackLabels.COMPOSE_PROJECT, "shop")
            .containsEntry(StackLabels.COMPOSE_SERVICE, "web");
        assertThat(cmd.getUser()).isEqualTo("1000:1000");
        assertThat(cmd.getWorkingDir()).isEqualTo("/app");
        assertThat(cmd.getHostName()).isEqualTo("web1");
        assertThat(cmd.getDomainName()).isEqualTo("example.org");
        assertThat(host.getCapAdd()).containsExactly(Capability.NET_ADMIN);
        assertThat(host.getCapDrop()).containsExactly(Capability.MKNOD);
        assertThat(host.getPrivileged()).isTrue();
        assertThat(host.getReadonlyRootfs()).isTrue();
        assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges:true");
        assertThat(host.getExtraHosts()).containsExactly("db.local:10.0.0.5");
        assertThat(host.getDns()).containsExactly("1.1.1.1", "8.8.8.8");
        assertThat(host.getDnsSearch()).containsExactly("example.org");
        assertThat(host.getDnsOptions()).containsExactly("ndots:2");
        assertThat(host.getUlimits()).singleElement().satisfies(u -> {
            assertThat(u.getName()).isEqualTo("nofile");
            assertThat(u.getSoftLong()).isEqualTo(1024L);
            assertThat(u.getHardLong()).isEqualTo(2048L);
        });
        assertThat(host.getInit()).isTrue();
        assertThat(cmd.getStopSignal()).isEqualTo("SIGQUIT");
        assertThat(cmd.getStopTimeout()).isEqualTo(90);
        assertThat(request.stopTimeoutSeconds()).isEqualTo(90);
        assertThat(cmd.isTty()).isTrue();
        assertThat(cmd.isStdinOpen()).isTrue();
        assertThat(host.getSysctls()).containsEntry("net.core.somaxconn", "1024");
        assertThat(host.getLogConfig().getType()).isEqualTo(LogConfig.LoggingType.JSON_FILE);
        assertThat(host.getLogConfig().getConfig()).containsEntry("max-size", "10m");
        assertThat(cmd.getPlatform()).isEqualTo("linux/amd64");
        assertThat(host.getIpcMode()).isEqualTo("shareable");
        assertThat(host.getPidMode()).isEqualTo("host");
        assertThat(host.getUsernsMode()).isEqualTo("host");
        assertThat(host.getDevices()).singleElement().satisfies(d -> {
            assertThat(d.getPathOnHost()).isEqualTo("/dev/fuse");
            assertThat(d.getPathInContainer()).isEqualTo("/dev/fuse");
            assertThat(d.getcGroupPermissions()).isEqualTo("rwm");
        });
        assertThat(host.getGroupAdd()).containsExactly("audio");
        assertThat(host.getOomScoreAdj()).isEqualTo(100);
        assertThat(host.getOomKillDisable()).isTrue();
        assertThat(host.getCgroupParent()).isEqualTo("/custom");
        assertThat(host.getRuntime()).isEqualTo("runc");
    }

    @Test
    void networkModeServiceBecomesTheOtherContainerAndDefaultsAreUnset() {
        ComposeDefinition def = load("""
            services:
              a:
                image: busybox
                container_name: fixed-a
              b:
                image: busybox
                network_mode: "service:a"
            """);
        CreateContainerCmd a = cmd(ServiceTranslator.translate(CTX, def, "a"));
        assertThat(a.getName()).isEqualTo("fixed-a");
        assertThat(a.getHostConfig().getNetworkMode()).isEqualTo("shop_default");
        assertThat(a.getAliases()).containsExactly("a");
        assertThat(a.getCmd()).isNull();
        assertThat(a.getEnv()).isNull();
        assertThat(a.getHostConfig().getPrivileged()).isNull();
        assertThat(a.getHostConfig().getPortBindings()).isNull();
        CreateContainerCmd b = cmd(ServiceTranslator.translate(CTX, def, "b"));
        assertThat(b.getHostConfig().getNetworkMode()).isEqualTo("container:fixed-a");
        assertThat(b.getAliases()).isNull();
    }

    @Test
    void bindsThatCreateTheHostPathUseTheBindsForm() {
        ComposeDefinition def = load("""
            services:
              a:
                image: busybox
                volumes:
                  - /srv/data:/data:ro
            """);
        HostConfig host = cmd(ServiceTranslator.translate(CTX, def, "a")).getHostConfig();
        assertThat(Arrays.stream(host.getBinds()).map(Object::toString)).containsExactly("/srv/data:/data:ro");
    }

    @Test
    void untranslatableFieldsAreRefusedByPath() {
        ComposeDefinition def = load("""
            services:
              a:
                image: busybox
                pull_policy: always
                annotations: {a: b}
                healthcheck:
                  test: ["CMD", "true"]
                  start_interval: 1s
                volumes:
                  - ./relative:/data
                deploy:
                  resources:
                    reservations:
                      cpus: "0.5"
            """);
        assertThatThrownBy(() -> ServiceTranslator.translate(CTX, def, "a"))
            .isInstanceOfSatisfying(UnsupportedFieldException.class, e -> assertThat(e.problems()).hasSize(5)
                .anySatisfy(p -> assertThat(p).startsWith("services.a.annotations: needs Docker API 1.43"))
                .anySatisfy(p -> assertThat(p).startsWith("services.a.healthcheck.start_interval: needs Docker API 1.44"))
                .anySatisfy(p -> assertThat(p).startsWith("services.a.pull_policy: 'always' is not supported"))
                .anySatisfy(p -> assertThat(p).startsWith("services.a.volumes[0].source: relative bind path"))
                .anySatisfy(p -> assertThat(p).startsWith("services.a.deploy.resources.reservations.cpus")));
    }

    @Test
    void theConfigHashIgnoresDependsOnButSeesEveryContainerField() {
        String base = "services:\n  a:\n    image: busybox\n  b:\n    image: busybox\n";
        String hash = ServiceTranslator.configHash("shop", load(base), "a");
        assertThat(ServiceTranslator.configHash("shop", load(base), "a")).isEqualTo(hash);
        assertThat(ServiceTranslator.configHash("shop", load(base + "    depends_on: [a]\n"), "b"))
            .isEqualTo(ServiceTranslator.configHash("shop", load(base), "b"));
        assertThat(ServiceTranslator.configHash("shop", load(base.replace("image: busybox\n  b", "image: busybox:1\n  b")), "a"))
            .isNotEqualTo(hash);
        assertThat(ServiceTranslator.configHash("other", load(base), "a")).isNotEqualTo(hash);
        assertThat(ServiceTranslator.configHash("shop", load(base + "    environment: {X: y}\n"), "b"))
            .isNotEqualTo(ServiceTranslator.configHash("shop", load(base), "b"));
        assertThat(List.of(hash)).allSatisfy(h -> assertThat(h).matches("[0-9a-f]{64}"));
    }
}
