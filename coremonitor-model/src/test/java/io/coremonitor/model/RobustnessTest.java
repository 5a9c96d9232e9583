package io.coremonitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key in every position with values of every shape: the loader either succeeds or throws an
 * InvalidDefinitionException whose errors all have a non-blank message; never anything else.
 */
class RobustnessTest {

    private static final List<String> SERVICE_KEYS = List.of("image", "build", "command", "entrypoint", "environment", "ports",
        "expose", "volumes", "tmpfs", "networks", "network_mode", "depends_on", "healthcheck", "restart", "deploy", "cpus", "mem_limit",
        "mem_reservation", "memswap_limit", "pids_limit", "shm_size", "cpu_shares", "labels", "annotations", "user", "working_dir",
        "hostname", "domainname", "container_name", "cap_add", "cap_drop", "privileged", "read_only", "security_opt", "extra_hosts",
        "dns", "dns_search", "dns_opt", "ulimits", "init", "stop_signal", "stop_grace_period", "tty", "stdin_open", "sysctls", "logging",
        "platform", "pull_policy", "ipc", "pid", "userns_mode", "devices", "group_add", "mac_address", "oom_score_adj",
        "oom_kill_disable", "cgroup_parent", "runtime", "isolation", "attach", "profiles", "env_file", "links", "x-ext",
        "external_links", "volumes_from", "extends", "post_start", "pre_stop", "blkio_config", "cpuset", "cpu_period", "cpu_rt_runtime",
        "mem_swappiness", "device_cgroup_rules", "storage_opt", "cgroup", "uts");

    private static final List<String> VALUES = List.of("null", "true", "0", "-1", "1.5", "''", "'x'", "'$$'", "'80:80'", "[]", "[1]",
        "['a']", "[null]", "[[1]]", "[{}]", "[{a: 1}]", "[{target: 80}]", "[{type: bind}]", "{}", "{a: 1}", "{a: null}", "{a: {b: 1}}",
        "{a: [1]}", "{test: [CMD]}", "{resources: {limits: 1}}", "{resources: {limits: {cpus: x}}}", "{restart_policy: 1}",
        "{soft: 1}", "{driver: {}}", "{a: {condition: 1}}", "{a: {aliases: 1}}");

    static Stream<String> documents() {
        List<String> docs = new ArrayList<>();
        for (String key : SERVICE_KEYS) {
            for (String value : VALUES) {
                docs.add("services: {web: {image: nginx, " + key + ": " + value + "}, db: {image: pg}}\nvolumes: {a: }\nnetworks: {a: }");
            }
        }
        for (String top : List.of("name", "version", "services", "networks", "volumes", "x-a")) {
            for (String value : VALUES) {
                docs.add("services: {web: {image: nginx}}\n" + top + ": " + value);
            }
        }
        for (String key : List.of("driver", "driver_opts", "external", "labels", "name", "ipam", "attachable", "internal", "enable_ipv6")) {
            for (String value : VALUES) {
                docs.add("services: {web: {image: nginx}}\nnetworks: {n: {" + key + ": " + value + "}}\nvolumes: {v: {" + key + ": "
                    + value + "}}");
            }
        }
        // recursive aliases: a list or a map that contains itself (was a StackOverflowError)
        docs.add("a: &a [*a, *a]\nservices: *a\n");
        docs.add("services: &s {web: {image: nginx, labels: *s}}");
        docs.add("x-a: &a {b: *a}\nservices: {web: {image: nginx, environment: *a}}");
        // numbers too large for Docker (were stored, then the canonical JSON did not load again)
        docs.add("services: {web: {image: nginx, cpus: 1e999}}");
        docs.add("services: {web: {image: nginx, cpus: '99999999999999999999'}}");
        return docs.stream();
    }

    @ParameterizedTest
    @MethodSource("documents")
    void neverThrowsAnythingButInvalidDefinition(String yaml) {
        try {
            ComposeDefinition d = ComposeLoader.load(yaml);
            assertThat(CanonicalJson.parse(CanonicalJson.toJson(d))).isEqualTo(d);
        } catch (InvalidDefinitionException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(error -> assertThat(error.message()).isNotBlank());
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for " + yaml, e);
        }
    }
}
