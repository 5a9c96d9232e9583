package io.coremonitor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidDefinitionTest {

    static String resource(String name) {
        try (InputStream in = ValidDefinitionTest.class.getResourceAsStream("/compose/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServiceSpec web(String keys) {
        return ComposeLoader.load("services: {web: {image: nginx, " + keys + "}}").services().get("web");
    }

    @ParameterizedTest
    @ValueSource(strings = {"webapp.yaml", "reverse-proxy.yaml", "monitoring.yaml", "anchors.yaml"})
    void realWorldFilesLoad(String file) {
        ComposeDefinition d = ComposeLoader.load(resource(file), Map.of("GRAFANA_PASSWORD", "admin"));
        assertThat(d.services()).isNotEmpty();
    }

    @Test
    void webApp() {
        ComposeDefinition d = ComposeLoader.load(resource("webapp.yaml"), Map.of("DB_PASSWORD", "pw"));
        assertThat(d.name()).contains("shop");
        ServiceSpec web = d.services().get("web");
        assertThat(web.lifecycle().dependsOn()).containsEntry("db", new DependsOn(DependsOnCondition.SERVICE_HEALTHY, false, true))
            .containsEntry("cache", DependsOn.started());
        assertThat(web.process().environment()).containsEntry("DATABASE_URL", Optional.of("postgres://shop:pw@db:5432/shop"))
            .containsEntry("PORT", Optional.of("3000"));
        assertThat(web.resources().limits())
            .isEqualTo(new Resources(Optional.of(new BigDecimal("0.5")), Optional.of(new ByteSize(512L << 20)),
            Optional.empty()));
        assertThat(web.lifecycle().healthcheck().orElseThrow()).isEqualTo(new HealthCheck(List.of("CMD", "wget", "-qO-",
            "http://localhost:3000/health"), Optional.of(Duration.ofSeconds(30)), Optional.of(Duration.ofSeconds(5)),
            Optional.of(Duration.ofSeconds(10)), Optional.empty(), Optional.of(3), false));
        assertThat(web.lifecycle().restart()).contains(new RestartPolicy(RestartPolicy.Mode.UNLESS_STOPPED, Optional.empty()));
        ServiceSpec db = d.services().get("db");
        assertThat(db.lifecycle().healthcheck().orElseThrow().test()).containsExactly("CMD-SHELL", "pg_isready -U shop -d shop");
        assertThat(db.resources().shmSize()).contains(new ByteSize(128L << 20));
        assertThat(db.storage().volumes()).containsExactly(new Mount(MountType.VOLUME, Optional.of("db-data"), "/var/lib/postgresql/data",
            false, Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(d.services().get("cache").process().command())
            .contains(List.of("redis-server", "--appendonly", "yes", "--maxmemory", "256mb"));
        assertThat(d.services().get("cache").lifecycle().healthcheck().orElseThrow().interval()).contains(Duration.ofSeconds(90));
        assertThat(d.volumes()).containsOnlyKeys("db-data", "cache-data");
    }

    @Test
    void reverseProxy() {
        ComposeDefinition d = ComposeLoader.load(resource("reverse-proxy.yaml"));
        ServiceSpec proxy = d.services().get("proxy");
        assertThat(proxy.networking().ports()).extracting(PortMapping::target, p -> p.published().orElseThrow()
            .start(), PortMapping::protocol)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple(80, 80, Protocol.TCP),
                org.assertj.core.groups.Tuple.tuple(443, 443, Protocol.TCP),
                org.assertj.core.groups.Tuple.tuple(443, 443, Protocol.UDP));
        assertThat(proxy.storage().volumes()).filteredOn(m -> m.type() == MountType.BIND).allSatisfy(m -> assertThat(m.readOnly())
            .isTrue());
        assertThat(proxy.storage().volumes()).filteredOn(m -> m.type() == MountType.TMPFS).singleElement()
            .satisfies(m -> assertThat(m.tmpfs().orElseThrow().size()).contains(new ByteSize(64L << 20)));
        assertThat(proxy.networking().networks()).containsOnlyKeys("frontend", "backend");
        assertThat(proxy.security().capDrop()).containsExactly("ALL");
        assertThat(proxy.networking().extraHosts()).containsExactly(new ExtraHost("host.docker.internal", "host-gateway"));
        assertThat(proxy.metadata().labels()).containsEntry("com.example.role", "proxy");
        assertThat(d.services().get("app").networking().networks().get("backend").aliases()).containsExactly("frontend-app");
        assertThat(d.services().get("api").networking().networks().get("backend").ipv4Address()).contains("172.28.0.10");
        assertThat(d.networks().get("backend").internal()).isTrue();
        assertThat(d.networks().get("backend").ipam().orElseThrow().config()).singleElement()
            .satisfies(p -> assertThat(p.subnet()).contains("172.28.0.0/16"));
    }

    @Test
    void monitoring() {
        ComposeDefinition d = ComposeLoader.load(resource("monitoring.yaml"), Map.of("GRAFANA_PASSWORD", "admin"));
        ServiceSpec prometheus = d.services().get("prometheus");
        assertThat(prometheus.resources().ulimits()).containsEntry("nofile", new Ulimit(65536, 65536))
            .containsEntry("nproc", new Ulimit(65535, 65535));
        assertThat(prometheus.metadata().logging().orElseThrow().options()).containsEntry("max-size", "10m").containsEntry("max-file", "3");
        assertThat(prometheus.networking().ports().get(0).hostIp()).contains("127.0.0.1");
        ServiceSpec node = d.services().get("node-exporter");
        assertThat(node.security().pid()).contains("host");
        assertThat(node.networking().networkMode()).contains("host");
        assertThat(node.process().command().orElseThrow().get(3)).endsWith("($|/)");
        assertThat(node.storage().volumes()).filteredOn(m -> m.target().equals("/rootfs")).singleElement()
            .satisfies(m -> assertThat(m.bind().orElseThrow().propagation()).contains("rslave"));
        assertThat(d.services().get("cadvisor").security().privileged()).isTrue();
        assertThat(d.services().get("cadvisor").resources().devices())
            .containsExactly(new DeviceMapping("/dev/kmsg", "/dev/kmsg", Optional.empty()));
        assertThat(d.services().get("grafana").lifecycle().dependsOn().get("prometheus").restart()).isTrue();
        assertThat(d.services().get("grafana").process().environment()).containsEntry("GF_SECURITY_ADMIN_PASSWORD", Optional.of("admin"));
    }

    @Test
    void anchorsMergeKeysAndExtensions() {
        LoadResult r = ComposeLoader.loadWithWarnings(resource("anchors.yaml"), Map.of());
        ComposeDefinition d = r.definition();
        ServiceSpec worker = d.services().get("worker");
        assertThat(worker.lifecycle().restart()).contains(new RestartPolicy(RestartPolicy.Mode.UNLESS_STOPPED, Optional.empty()));
        assertThat(worker.metadata().logging().orElseThrow().driver()).contains("json-file");
        assertThat(worker.process().environment()).containsOnlyKeys("TZ", "LOG_FORMAT", "QUEUE");
        ServiceSpec scheduler = d.services().get("scheduler");
        assertThat(scheduler.lifecycle().restart()).contains(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, Optional.of(5)));
        assertThat(scheduler.metadata().logging()).isEqualTo(worker.metadata().logging());
        assertThat(d.networks().get("default").labels()).containsEntry("com.example.stack", "workers");
        assertThat(r.warnings()).extracting(ValidationError::path).containsExactly("version");
    }

    @Test
    void shortPortSyntaxes() {
        ServiceSpec s = web("ports: ['80', '8080:81', '127.0.0.1:9000:82/udp', '8000-8001:90-91', '[::1]:7000:83', '6000-6010:84',"
            + " '127.0.0.1::85', 86]");
        assertThat(s.networking().ports()).containsExactly(
            new PortMapping(80, Optional.empty(), Optional.empty(), Protocol.TCP, "ingress", Optional.empty(), Optional.empty()),
            new PortMapping(81, Optional.of(PortRange.single(8080)), Optional.empty(), Protocol.TCP, "ingress", Optional.empty(),
                Optional.empty()),
            new PortMapping(82, Optional.of(PortRange.single(9000)), Optional.of("127.0.0.1"), Protocol.UDP, "ingress", Optional.empty(),
                Optional.empty()),
            new PortMapping(83, Optional.of(PortRange.single(7000)), Optional.of("::1"), Protocol.TCP, "ingress", Optional.empty(),
                Optional.empty()),
            new PortMapping(84, Optional.of(new PortRange(6000, 6010)), Optional.empty(), Protocol.TCP, "ingress", Optional.empty(),
                Optional.empty()),
            new PortMapping(85, Optional.empty(), Optional.of("127.0.0.1"), Protocol.TCP, "ingress", Optional.empty(), Optional.empty()),
            new PortMapping(86, Optional.empty(), Optional.empty(), Protocol.TCP, "ingress", Optional.empty(), Optional.empty()),
            new PortMapping(90, Optional.of(PortRange.single(8000)), Optional.empty(), Protocol.TCP, "ingress", Optional.empty(),
                Optional.empty()),
            new PortMapping(91, Optional.of(PortRange.single(8001)), Optional.empty(), Protocol.TCP, "ingress", Optional.empty(),
                Optional.empty()));
    }

    @Test
    void unquotedValuesAreReadLikeCompose() {
        ServiceSpec s = web("restart: no, ports: [22:22], user: 1000, expose: [3000]");
        assertThat(s.lifecycle().restart()).contains(new RestartPolicy(RestartPolicy.Mode.NO, Optional.empty()));
        assertThat(s.networking().ports().get(0).published()).contains(PortRange.single(22));
        assertThat(s.security().user()).contains("1000");
        assertThat(s.networking().expose()).containsExactly(new ExposedPorts(PortRange.single(3000), Protocol.TCP, "3000"));
    }

    @Test
    void shortVolumeSyntaxes() {
        ComposeDefinition d = ComposeLoader.load("services: {web: {image: x, volumes: ['data:/data:ro', './rel:/rel', '/abs:/abs:rw,z',"
            + " '/anon', 'cache:/cache:nocopy']}}\nvolumes: {data: {}, cache: {}}");
        assertThat(d.services().get("web").storage().volumes()).containsExactly(
            new Mount(MountType.BIND, Optional.of("/abs"), "/abs", false,
                Optional.of(new BindOptions(Optional.empty(), true, Optional.of("z"))), Optional.empty(), Optional.empty()),
            new Mount(MountType.VOLUME, Optional.empty(), "/anon", false, Optional.empty(), Optional.empty(), Optional.empty()),
            new Mount(MountType.VOLUME, Optional.of("cache"), "/cache", false, Optional.empty(),
                Optional.of(new VolumeOptions(true, Optional.empty())), Optional.empty()),
            new Mount(MountType.VOLUME, Optional.of("data"), "/data", true, Optional.empty(), Optional.empty(), Optional.empty()),
            new Mount(MountType.BIND, Optional.of("./rel"), "/rel", false,
                Optional.of(new BindOptions(Optional.empty(), true, Optional.empty())), Optional.empty(), Optional.empty()));
    }

    @Test
    void healthcheckForms() {
        assertThat(web("healthcheck: {test: [NONE]}").lifecycle().healthcheck().orElseThrow().disable()).isTrue();
        HealthCheck disabled = web("healthcheck: {disable: true}").lifecycle().healthcheck().orElseThrow();
        assertThat(disabled.disable()).isTrue();
        assertThat(disabled.test()).containsExactly("NONE");
        HealthCheck h = web("healthcheck: {test: [CMD-SHELL, 'curl -f localhost'], start_interval: 500ms, start_period: 2us, retries: '4'}")
            .lifecycle().healthcheck().orElseThrow();
        assertThat(h.startInterval()).contains(Duration.ofMillis(500));
        assertThat(h.startPeriod()).contains(Duration.ofNanos(2000));
        assertThat(h.retries()).contains(4);
    }

    @Test
    void resourcesRestartAndSizes() {
        ServiceSpec s = web("mem_limit: 1.5gb, mem_reservation: 256m, memswap_limit: -1, pids_limit: 100, cpu_shares: 512,"
            + " deploy: {resources: {reservations: {cpus: '0.25'}}, restart_policy: {condition: on-failure, max_attempts: 3}}");
        assertThat(s.resources().limits().memory()).contains(new ByteSize(1610612736L));
        assertThat(s.resources().limits().pids()).contains(100L);
        assertThat(s.resources().reservations())
            .isEqualTo(new Resources(Optional.of(new BigDecimal("0.25")), Optional.of(new ByteSize(256L << 20)),
            Optional.empty()));
        assertThat(s.resources().memswapLimit().orElseThrow().unlimited()).isTrue();
        assertThat(s.resources().cpuShares()).contains(512L);
        assertThat(s.lifecycle().restart()).contains(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, Optional.of(3)));
        assertThat(web("deploy: {replicas: 1, mode: replicated}").lifecycle().restart()).isEmpty();
    }

    @Test
    void everyOtherSupportedKey() {
        ServiceSpec s = web("entrypoint: /bin/sh -c, user: 'app:app', working_dir: /srv, hostname: h, domainname: example.com,"
            + " container_name: c, privileged: 'true', read_only: true, security_opt: [label=disable], dns: [8.8.8.8, 1.1.1.1],"
            + " dns_search: example.com, dns_opt: [use-vc], init: true, stop_signal: SIGINT, stop_grace_period: 1m30s, tty: true,"
            + " stdin_open: true, sysctls: [net.core.somaxconn=1024], platform: linux/amd64, pull_policy: if_not_present, ipc: shareable,"
            + " userns_mode: host, group_add: [audio, 1001], mac_address: '02:42:ac:11:65:43', oom_score_adj: -500, oom_kill_disable: true,"
            + " cgroup_parent: cm, runtime: runc, isolation: default, annotations: {a: b}, attach: false, profiles: [debug],"
            + " tmpfs: [/run, /tmp], cap_add: [SYS_PTRACE], extra_hosts: {db: [10.0.0.2, 10.0.0.3]},"
            + " devices: [{source: /dev/fuse, permissions: rwm}], expose: ['53/udp', '8000-8001']");
        assertThat(s.process().entrypoint()).contains(List.of("/bin/sh", "-c"));
        assertThat(s.security().privileged()).isTrue();
        assertThat(s.networking().dns()).containsExactly("8.8.8.8", "1.1.1.1");
        assertThat(s.networking().dnsSearch()).containsExactly("example.com");
        assertThat(s.lifecycle().stopGracePeriod()).contains(Duration.ofSeconds(90));
        assertThat(s.resources().sysctls()).containsEntry("net.core.somaxconn", "1024");
        assertThat(s.process().pullPolicy()).contains("missing");
        assertThat(s.security().groupAdd()).containsExactly("1001", "audio");
        assertThat(s.resources().oomScoreAdj()).contains(-500);
        assertThat(s.metadata().attach()).isFalse();
        assertThat(s.lifecycle().profiles()).containsExactly("debug");
        assertThat(s.storage().tmpfs()).containsExactly(new TmpfsPath("/run", Optional.empty()), new TmpfsPath("/tmp", Optional.empty()));
        assertThat(s.networking().extraHosts()).containsExactly(new ExtraHost("db", "10.0.0.2"), new ExtraHost("db", "10.0.0.3"));
        assertThat(s.resources().devices()).containsExactly(new DeviceMapping("/dev/fuse", "/dev/fuse", Optional.of("rwm")));
        assertThat(s.networking().expose()).containsExactly(new ExposedPorts(PortRange.single(53), Protocol.UDP, "53/udp"),
            new ExposedPorts(new PortRange(8000, 8001), Protocol.TCP, "8000-8001"));
    }

    @Test
    void buildWithImageIsAcceptedWithAWarning() {
        LoadResult r = ComposeLoader.loadWithWarnings("services: {web: {image: app:1, build: .}}", Map.of());
        assertThat(r.definition().services().get("web").process().image()).isEqualTo("app:1");
        assertThat(r.warnings()).containsExactly(new ValidationError("services.web.build",
            "ignored: Core Monitor runs the image 'app:1' and does not build it"));
    }

    @Test
    void extensionsAreAllowedWhereComposeAllowsThem() {
        ComposeDefinition d = ComposeLoader.load(String.join("\n",
            "x-top: {any: thing}",
            "services:",
            "  web:",
            "    image: x",
            "    x-svc: 1",
            "    ports: [{target: 80, x-port: 1}]",
            "    healthcheck: {test: 'true', x-hc: 1}",
            "    deploy: {x-d: 1, resources: {x-r: 1, limits: {x-l: 1}}}",
            "    logging: {driver: local, x-log: 1}",
            "networks: {n: {x-net: 1, ipam: {x-ipam: 1}}}",
            "volumes: {v: {x-vol: 1}}",
            ""));
        assertThat(d.networks()).containsEntry("n", new NetworkSpec(Optional.empty(), false, Optional.empty(), Map.of(), false,
            Optional.empty(), false, Map.of(), Optional.of(new Ipam(Optional.empty(), List.of(), Map.of()))));
        assertThat(d.volumes()).containsEntry("v", VolumeSpec.DEFAULT);
    }

    @Test
    void jsonInput() {
        ComposeDefinition d = ComposeLoader.load("{\"services\": {\"web\": {\"image\": \"nginx\", \"cpus\": 1.25, \"ports\": [8080]}}}");
        assertThat(d.services().get("web").resources().limits().cpus()).contains(new BigDecimal("1.25"));
        assertThat(d.services().get("web").networking().ports().get(0).target()).isEqualTo(8080);
    }

    @Test
    void externalNetworksAndVolumes() {
        ComposeDefinition d = ComposeLoader.load("services: {web: {image: x, networks: [proxy], volumes: ['certs:/certs']}}\n"
            + "networks: {proxy: {external: true, name: traefik_proxy}}\nvolumes: {certs: {external: true}}");
        assertThat(d.networks().get("proxy").external()).isTrue();
        assertThat(d.networks().get("proxy").name()).contains("traefik_proxy");
        assertThat(d.volumes().get("certs").external()).isTrue();
        ComposeDefinition legacy = ComposeLoader.load("services: {web: {image: x, networks: [proxy]}}\n"
            + "networks: {proxy: {external: {name: traefik_proxy}}}");
        assertThat(legacy.networks()).isEqualTo(d.networks());
    }

    @Test
    void recordsAreImmutable() {
        ServiceSpec s = web("cap_add: [A]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.security().capAdd().add("B"))
            .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.metadata().labels().put("a", "b"))
            .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx", "nginx:1.27", "library/nginx:latest", "docker.io/library/nginx:1.27-alpine",
        "quay.io/wildfly/wildfly:39.0.1.Final-jdk17", "localhost:5000/team/app_x:v1", "registry.example.com/a/b/c",
        "Registry.Example.com:443/app", "[::1]:5000/app", "my-app__x/y.z", "a--b", "nginx:_x",
        "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void acceptsTheImageReferencesDockerAccepts(String image) {
        assertThat(ComposeLoader.load("services: {web: {image: '" + image + "'}}").services().get("web").process().image())
            .isEqualTo(image);
    }
}
