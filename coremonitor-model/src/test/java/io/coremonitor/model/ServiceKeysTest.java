package io.coremonitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coremonitor.model.BlkioConfig.BlkioDeviceValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The service keys that map to Docker's host config one to one: CPU scheduler, swappiness, block IO, cgroups, UTS. */
class ServiceKeysTest {

    private static ComposeDefinition load(String yaml) {
        return ComposeLoader.load(yaml, Map.of());
    }

    private static ServiceSpec web(String keys) {
        int margin = keys.lines().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        String indented = keys.lines().filter(l -> !l.isBlank()).map(l -> "    " + l.substring(margin) + "\n").reduce("", String::concat);
        return load("services:\n  web:\n    image: nginx\n" + indented).services().get("web");
    }

    private static void assertRoundTrip(ComposeDefinition d) {
        String json = CanonicalJson.toJson(d);
        assertThat(CanonicalJson.parse(json)).isEqualTo(d);
        assertThat(CanonicalJson.toJson(CanonicalJson.parse(json))).isEqualTo(json);
    }

    @Test
    void cpuMemoryBlockIoAndNamespaceKeysAreTyped() {
        ServiceSpec s = web("""
                cpuset: 0-1,3
                cpu_period: 100ms
                cpu_quota: 50000
                cpu_rt_period: '1000000'
                cpu_rt_runtime: 950ms
                cpu_count: 2
                cpu_percent: 50
                mem_swappiness: 10
                blkio_config:
                  weight: 300
                  weight_device: [{path: /dev/sda, weight: 400}]
                  device_read_bps: [{path: /dev/sdb, rate: 12mb}, {path: /dev/sda, rate: 1024}]
                  device_write_bps: [{path: /dev/sda, rate: '1k'}]
                  device_read_iops: [{path: /dev/sda, rate: 120}]
                  device_write_iops: [{path: /dev/sda, rate: '30'}]
                device_cgroup_rules: ['c 1:3 mr', 'a *:* rwm']
                storage_opt: {size: 1G}
                cgroup: private
                uts: host
            """);
        ServiceResources r = s.resources();
        assertThat(r.cpuset()).contains("0-1,3");
        assertThat(r.cpuPeriod()).contains(100_000L);
        assertThat(r.cpuQuota()).contains(50_000L);
        assertThat(r.cpuRtPeriod()).contains(1_000_000L);
        assertThat(r.cpuRtRuntime()).contains(950_000L);
        assertThat(r.cpuCount()).contains(2L);
        assertThat(r.cpuPercent()).contains(50L);
        assertThat(r.memSwappiness()).contains(10);
        assertThat(r.blkioConfig()).isEqualTo(new BlkioConfig(Optional.of(300),
            List.of(new BlkioDeviceValue("/dev/sda", 400)),
            List.of(new BlkioDeviceValue("/dev/sda", 1024), new BlkioDeviceValue("/dev/sdb", 12L << 20)),
            List.of(new BlkioDeviceValue("/dev/sda", 1024)),
            List.of(new BlkioDeviceValue("/dev/sda", 120)),
            List.of(new BlkioDeviceValue("/dev/sda", 30))));
        assertThat(r.deviceCgroupRules()).containsExactly("a *:* rwm", "c 1:3 mr");
        assertThat(r.storageOpt()).containsExactly(Map.entry("size", "1G"));
        assertThat(s.security().cgroup()).contains("private");
        assertThat(s.security().uts()).contains("host");
    }

    @Test
    void theCanonicalFormWritesMicrosecondsAndBytesAndReadsBack() {
        ComposeDefinition d = load("""
            services:
              web:
                image: nginx
                cpu_period: 100ms
                cpu_rt_runtime: 950ms
                mem_swappiness: 0
                blkio_config: {weight: 300, device_read_bps: [{path: /dev/sda, rate: 1mb}]}
                device_cgroup_rules: ['c 1:3 mr']
                storage_opt: {size: 1G}
                cgroup: host
                uts: host
            """);
        String json = CanonicalJson.toJson(d);
        assertThat(json).contains("\"cpu_period\":100000", "\"cpu_rt_runtime\":950000", "\"mem_swappiness\":0",
            "\"blkio_config\":{\"device_read_bps\":[{\"path\":\"/dev/sda\",\"rate\":1048576}],\"weight\":300}",
            "\"device_cgroup_rules\":[\"c 1:3 mr\"]", "\"storage_opt\":{\"size\":\"1G\"}", "\"cgroup\":\"host\"", "\"uts\":\"host\"");
        assertRoundTrip(d);
        assertThat(CanonicalJson.hash(d)).isNotEqualTo(CanonicalJson.hash(load("services: {web: {image: nginx, cpu_period: 100ms}}")));
    }

    @Test
    void volumesFromNamesServicesAndContainersReadOnlyOrNot() {
        ComposeDefinition d = load("""
            services:
              data: {image: busybox}
              web:
                image: nginx
                volumes_from: ["data:ro", "container:legacy", "container:other:rw", "data"]
            """);
        assertThat(d.services().get("web").storage().volumesFrom()).extracting(VolumesFrom::spelling)
            .containsExactly("data", "data:ro", "container:legacy", "container:other");
        assertThat(d.services().get("web").storage().volumesFromServices()).containsExactly("data");
        assertThat(CanonicalJson.toJson(d)).contains("\"volumes_from\":[\"data\",\"data:ro\",\"container:legacy\",\"container:other\"]");
        assertRoundTrip(d);
    }

    @Test
    void volumesFromCountsAsADependencyForCycles() {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> load("""
            services:
              a: {image: x, volumes_from: [b]}
              b: {image: x, depends_on: [a]}
            """));
        assertThat(e.errors()).anySatisfy(error -> {
            assertThat(error.path()).isEqualTo("services.a.volumes_from");
            assertThat(error.message()).contains("dependency cycle: a -> b -> a");
        });
    }

    @Test
    void linksNameAServiceAndAnAliasAndExternalLinksAContainer() {
        ComposeDefinition d = load("""
            services:
              db: {image: postgres}
              cache: {image: redis}
              web:
                image: nginx
                links: ["db:database", cache, db]
                external_links: ["legacy-db:olddb", "monitor"]
            """);
        ServiceNetworking n = d.services().get("web").networking();
        assertThat(n.links()).containsExactly(new ContainerLink("cache", "cache"), new ContainerLink("db", "database"),
            new ContainerLink("db", "db"));
        assertThat(n.linkedServices()).containsExactly("cache", "db");
        assertThat(n.externalLinks()).extracting(ContainerLink::spelling).containsExactly("legacy-db:olddb", "monitor");
        assertThat(CanonicalJson.toJson(d)).contains("\"links\":[\"cache\",\"db:database\",\"db\"]",
            "\"external_links\":[\"legacy-db:olddb\",\"monitor\"]");
        assertRoundTrip(d);
    }

    @Test
    void aLinkIsADependencyForCycles() {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> load("""
            services:
              a: {image: x, links: [b]}
              b: {image: x, links: ["a:alpha"]}
            """));
        assertThat(e.errors()).anySatisfy(error -> {
            assertThat(error.path()).isEqualTo("services.a.links");
            assertThat(error.message()).contains("dependency cycle: a -> b -> a");
        });
    }

    @Test
    void extendsMergesTheBaseServiceByTheComposeRules() {
        ComposeDefinition d = load("""
            services:
              db: {image: postgres}
              base:
                image: nginx:1
                command: [nginx, -g, daemon off;]
                environment: [A=1, B=2]
                labels: {team: web}
                ports: ["80"]
                dns: 1.1.1.1
                volumes: ["/srv/a:/a", "/srv/b:/b"]
                healthcheck: {test: [CMD, "true"], interval: 5s, retries: 3}
                depends_on: [db]
                links: [db]
                volumes_from: [db]
              mid:
                extends: base
                environment: {B: two, C: "3"}
                ports: ["443", "80"]
              web:
                extends: {service: mid}
                image: nginx:2
                command: [nginx]
                dns: [8.8.8.8]
                volumes: ["/srv/other:/b"]
                healthcheck: {interval: 10s}
                labels: [tier=front]
            """);
        ServiceSpec web = d.services().get("web");
        assertThat(web.process().image()).isEqualTo("nginx:2");
        assertThat(web.process().command()).contains(List.of("nginx"));
        assertThat(web.process().environment()).containsExactly(Map.entry("A", Optional.of("1")), Map.entry("B", Optional.of("two")),
            Map.entry("C", Optional.of("3")));
        assertThat(web.metadata().labels()).containsExactly(Map.entry("team", "web"), Map.entry("tier", "front"));
        assertThat(web.networking().ports()).extracting(PortMapping::target).containsExactlyInAnyOrder(80, 443);
        assertThat(web.networking().dns()).containsExactly("1.1.1.1", "8.8.8.8");
        assertThat(web.storage().volumes()).extracting(m -> m.source().orElseThrow() + ":" + m.target())
            .containsExactlyInAnyOrder("/srv/a:/a", "/srv/other:/b");
        assertThat(web.lifecycle().healthcheck().orElseThrow().interval()).contains(java.time.Duration.ofSeconds(10));
        assertThat(web.lifecycle().healthcheck().orElseThrow().retries()).contains(3);
        assertThat(web.lifecycle().healthcheck().orElseThrow().test()).containsExactly("CMD", "true");
        // depends_on, links and volumes_from belong to the service that declares them
        assertThat(web.lifecycle().dependsOn()).isEmpty();
        assertThat(web.networking().links()).isEmpty();
        assertThat(web.storage().volumesFrom()).isEmpty();
        assertThat(d.services().get("base").lifecycle().dependsOn()).containsOnlyKeys("db");
        assertThat(CanonicalJson.toJson(d)).doesNotContain("extends");
        assertRoundTrip(d);
    }

    @Test
    void extendsErrorsAreAtTheExtendsPath() {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> load("""
            services:
              a: {image: x, extends: b}
              b: {image: x, extends: {service: a}}
              c: {image: x, extends: nothere}
              d: {image: x, extends: {service: a, file: other.yaml}}
              e: {image: x, extends: {file: other.yaml}}
              f: {image: x, extends: f}
            """));
        assertThat(e.errors()).extracting(ValidationError::path, ValidationError::message).contains(
            org.assertj.core.groups.Tuple.tuple("services.c.extends", "extends undefined service 'nothere'"),
            org.assertj.core.groups.Tuple.tuple("services.f.extends", "extends cycle: f -> f"));
        assertThat(e.errors()).anySatisfy(error -> {
            assertThat(error.path()).isIn("services.a.extends", "services.b.extends");
            assertThat(error.message()).matches("extends cycle: (a -> b -> a|b -> a -> b)");
        });
        assertThat(e.errors()).anySatisfy(error -> {
            assertThat(error.path()).isEqualTo("services.d.extends.file");
            assertThat(error.message()).contains("'file' is not supported by Core Monitor", "self-contained");
        });
        assertThat(e.errors()).anySatisfy(error -> assertThat(error.path()).isIn("services.e.extends.file"));
    }

    @Test
    void hooksKeepTheirOrderAndOptions() {
        ComposeDefinition d = load("""
            services:
              web:
                image: nginx
                post_start:
                  - command: ./init.sh --fast "a b"
                    user: root
                    privileged: true
                    working_dir: /app
                    environment: [MODE=fast, EMPTY]
                  - command: [echo, done]
                pre_stop:
                  - command: [sh, -c, "kill -USR1 1"]
            """);
        ServiceLifecycle l = d.services().get("web").lifecycle();
        assertThat(l.postStart()).containsExactly(
            new ServiceHook(List.of("./init.sh", "--fast", "a b"), Optional.of("root"), true, Optional.of("/app"),
                Map.of("MODE", Optional.of("fast"), "EMPTY", Optional.empty())),
            new ServiceHook(List.of("echo", "done"), Optional.empty(), false, Optional.empty(), Map.of()));
        assertThat(l.postStart().get(0).environmentList()).containsExactly("EMPTY", "MODE=fast");
        assertThat(l.preStop()).singleElement().satisfies(h -> assertThat(h.command()).containsExactly("sh", "-c", "kill -USR1 1"));
        assertThat(CanonicalJson.toJson(d)).contains("\"post_start\":[{\"command\":[\"./init.sh\",\"--fast\",\"a b\"],"
            + "\"environment\":{\"EMPTY\":null,\"MODE\":\"fast\"},\"privileged\":true,\"user\":\"root\",\"working_dir\":\"/app\"},"
            + "{\"command\":[\"echo\",\"done\"]}]");
        assertRoundTrip(d);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
            Arguments.of("cpuset: 'a-b'", "services.web.cpuset", "is not a list of CPUs"),
            Arguments.of("cpu_period: 10", "services.web.cpu_period", "between 1000 and 1000000"),
            Arguments.of("cpu_period: soon", "services.web.cpu_period", "neither microseconds nor a duration"),
            Arguments.of("cpu_quota: 10", "services.web.cpu_quota", "at least 1000 microseconds"),
            Arguments.of("cpu_percent: 101", "services.web.cpu_percent", "between 0 and 100"),
            Arguments.of("mem_swappiness: 200", "services.web.mem_swappiness", "between 0 and 100"),
            Arguments.of("blkio_config: {weight: 5}", "services.web.blkio_config.weight", "between 10 and 1000"),
            Arguments.of("blkio_config: {weight_device: [{path: /dev/sda, weight: 2000}]}",
                "services.web.blkio_config.weight_device[0].weight", "between 10 and 1000"),
            Arguments.of("blkio_config: {device_read_bps: [{path: /dev/sda, rate: fast}]}",
                "services.web.blkio_config.device_read_bps[0].rate", "is not a size"),
            Arguments.of("blkio_config: {device_read_iops: [{path: /dev/sda}]}",
                "services.web.blkio_config.device_read_iops[0].rate", "missing required key 'rate'"),
            Arguments.of("blkio_config: {bogus: 1}", "services.web.blkio_config.bogus", "unknown key 'bogus'"),
            Arguments.of("device_cgroup_rules: ['x 1:3 r']", "services.web.device_cgroup_rules[0]", "is not a device cgroup rule"),
            Arguments.of("cgroup: shared", "services.web.cgroup", "must be 'host' or 'private'"),
            Arguments.of("uts: private", "services.web.uts", "must be 'host'"),
            Arguments.of("volumes_from: [nothere]", "services.web.volumes_from[0]", "refers to undefined service 'nothere'"),
            Arguments.of("volumes_from: [web]", "services.web.volumes_from[0]", "cannot mount its own volumes"),
            Arguments.of("volumes_from: ['a:b:c']", "services.web.volumes_from[0]", "is not a volumes_from entry"),
            Arguments.of("volumes_from: ['container:']", "services.web.volumes_from[0]", "is not a volumes_from entry"),
            Arguments.of("links: [db]", "services.web.links[0]", "links to undefined service 'db'"),
            Arguments.of("links: ['web:me']", "services.web.links[0]", "cannot link to itself"),
            Arguments.of("links: ['a:b:c']", "services.web.links[0]", "is not a link"),
            Arguments.of("external_links: ['x:']", "services.web.external_links[0]", "is not a link"),
            Arguments.of("post_start: [{command: []}]", "services.web.post_start[0].command", "a hook needs a command"),
            Arguments.of("pre_stop: [{user: root}]", "services.web.pre_stop[0]", "command"),
            Arguments.of("pre_stop: [{command: x, bogus: 1}]", "services.web.pre_stop[0].bogus", "unknown key 'bogus'"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalid")
    void reportsTheErrorAtItsPath(String keys, String path, String fragment) {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> web(keys + "\n"));
        assertThat(e).as("expected an error for %s", keys).isNotNull();
        assertThat(e.errors()).anySatisfy(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.message()).contains(fragment);
        });
    }
}
