package io.coremonitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid definitions: each case names the exact path of its error and a fragment of the message. */
class InvalidDefinitionTest {

    /** A one-service document whose service "web" has these extra flow-style keys. */
    /** A service {@code web} of this image (quoted). */
    private static String image(String reference) {
        return "services: {web: {image: '" + reference + "'}}";
    }

    private static String web(String keys) {
        return "services: {web: {image: nginx, " + keys + "}}";
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
            // --- image references (Docker's grammar)
            Arguments.of(image("ngi nx"), "services.web.image",
                "'ngi nx' is not an image name"),
            Arguments.of(image("Nginx:Latest"), "services.web.image", "no capital letters"),
            Arguments.of(image("nginx@sha256:zz"), "services.web.image",
                "'sha256:zz' is not a digest"),
            Arguments.of(image("nginx@sha256:" + "A".repeat(64)), "services.web.image",
                "is not a digest"),
            Arguments.of(image("nginx:" + "t".repeat(129)), "services.web.image",
                "is not a tag"),
            Arguments.of(image("nginx:-x"), "services.web.image", "'-x' is not a tag"),
            Arguments.of(image("n".repeat(100_000)), "services.web.image",
                "the image name has 100000 characters, more than 255"),
            Arguments.of(image("my_registry:5000/app"), "services.web.image",
                "'my_registry:5000' is not a registry host[:port]"),
            Arguments.of(image("library//nginx"), "services.web.image",
                "is not an image name"),
            Arguments.of(image(":latest"), "services.web.image", "no image name"),
            Arguments.of("services: {web: {image: '&a', build: .}}", "services.web.image", "'&a' is not an image name"),
            // --- unknown and refused keys
            Arguments.of(web("imagee: nginx"), "services.web.imagee", "unknown key 'imagee' (not part of the compose specification)"),
            Arguments.of("services: {web: {image: x}}\nservics: {}", "servics", "unknown key 'servics'"),
            Arguments.of("services: {web: {image: x}}\nconfigs: {a: {file: ./a}}", "configs.a.file", "put the text under 'content:'"),
            Arguments.of("services: {web: {image: x}}\nsecrets: {a: {file: ./a}}", "secrets.a.file", "use 'external: true'"),
            Arguments.of("services: {web: {image: x}}\nsecrets: {a: {content: x}}", "secrets.a.content",
                "a secret's value is never written in a definition"),
            Arguments.of("services: {web: {image: x}}\nsecrets: {a: {}}", "secrets.a", "a secret needs a source"),
            Arguments.of("services: {web: {image: x}}\nconfigs: {a: {content: x, environment: Y}}", "configs.a",
                "a config has exactly one source"),
            Arguments.of("services: {web: {image: x}}\nsecrets: {a: {environment: Y, name: b}}", "secrets.a.name",
                "goes with 'external: true'"),
            Arguments.of("services: {web: {image: x}}\nsecrets: {A: {external: true}}", "secrets.A",
                "is not a name of Core Monitor's secret store"),
            Arguments.of("services: {web: {image: x}}\nsecrets: {a: {environment: 'no-var'}}", "secrets.a.environment",
                "not an environment variable name"),
            Arguments.of("services: {web: {image: x}}\ninclude: [a.yaml]", "include", "'include' is not supported by Core Monitor"),
            Arguments.of(web("secrets: [a]"), "services.web.secrets[0]", "undefined secret 'a'"),
            Arguments.of(web("configs: [{source: a, target: /etc/a}]"), "services.web.configs[0]", "undefined config 'a'"),
            Arguments.of(web("secrets: [{target: x}]"), "services.web.secrets[0]", "source"),
            Arguments.of(web("secrets: [{source: a, target: ../x}]") + "\nsecrets: {a: {external: true}}",
                "services.web.secrets[0].target", "not a file path"),
            Arguments.of(web("secrets: [{source: a, uid: www}]") + "\nsecrets: {a: {external: true}}",
                "services.web.secrets[0].uid", "not a numeric user id"),
            Arguments.of(web("secrets: [{source: a, mode: rwx}]") + "\nsecrets: {a: {external: true}}",
                "services.web.secrets[0].mode", "not a file mode"),
            Arguments.of(web("secrets: [a, {source: a, target: /run/secrets/a}]") + "\nsecrets: {a: {external: true}}",
                "services.web.secrets[1]", "already the target of services.web.secrets[0]"),
            Arguments.of(web("read_only: true, secrets: [a]") + "\nsecrets: {a: {external: true}}",
                "services.web.secrets", "read_only: true"),
            Arguments.of(web("tmpfs: [/run], secrets: [a]") + "\nsecrets: {a: {external: true}}",
                "services.web.secrets[0]", "hidden by the tmpfs mounted at /run"),
            Arguments.of(web("env_file: .env"), "services.web.env_file", "env file '.env' not found: no files were sent"),
            Arguments.of("services: {web: {build: .}}", "services.web.build",
                "'build' is not supported: Core Monitor runs images and does not build them; add 'image:'"),
            Arguments.of("services: {web: {command: [a]}}", "services.web", "missing required key 'image'"),
            Arguments.of(web("links: [db]"), "services.web.links[0]", "links to undefined service 'db'"),
            Arguments.of(web("extends: {service: base}"), "services.web.extends", "extends undefined service 'base'"),
            Arguments.of(web("scale: 2"), "services.web.scale", "one container per service"),
            Arguments.of(web("develop: {}"), "services.web.develop", "'develop' is not supported by Core Monitor"),
            Arguments.of(web("gpus: all"), "services.web.gpus", "GPU access is not supported"),
            Arguments.of(web("volumes_from: [db]"), "services.web.volumes_from[0]", "refers to undefined service 'db'"),
            Arguments.of(web("deploy: {replicas: 3}"), "services.web.deploy.replicas", "'replicas: 3' is not supported"),
            Arguments.of(web("deploy: {placement: {constraints: []}}"), "services.web.deploy.placement", "Swarm"),
            Arguments.of(web("deploy: {update_config: {order: random}}"), "services.web.deploy.update_config.order",
                "'random' is not allowed here; use one of 'stop-first', 'start-first'"),
            Arguments.of(web("deploy: {update_config: {parallelism: 2}}"), "services.web.deploy.update_config.parallelism",
                "one container per service, replaced at once"),
            Arguments.of(web("deploy: {update_config: {delay: 10s}}"), "services.web.deploy.update_config.delay", "no batches"),
            Arguments.of(web("deploy: {update_config: {failure_action: rollback}}"),
                "services.web.deploy.update_config.failure_action", "use the APPLY's auto_rollback"),
            Arguments.of(web("deploy: {update_config: {monitor: 30s}}"), "services.web.deploy.update_config.monitor",
                "until it is healthy"),
            Arguments.of(web("deploy: {update_config: {max_failure_ratio: 0.5}}"),
                "services.web.deploy.update_config.max_failure_ratio", "fails or succeeds as a whole"),
            Arguments.of(web("deploy: {rollback_config: {order: start-first}}"), "services.web.deploy.rollback_config", "Swarm"),
            Arguments.of(web("container_name: w, deploy: {update_config: {order: start-first}}"),
                "services.web.deploy.update_config.order", "impossible here: its container_name 'w' is fixed"),
            Arguments.of(web("ports: ['8080:80'], deploy: {update_config: {order: start-first}}"),
                "services.web.deploy.update_config.order", "it publishes the fixed host port 8080; use stop-first"),
            Arguments.of(web("network_mode: host, deploy: {update_config: {order: start-first}}"),
                "services.web.deploy.update_config.order", "it uses network_mode: host"),
            Arguments.of("services: {web: {image: x, deploy: {update_config: {order: start-first}}}, side: {image: y,"
                + " network_mode: 'service:web'}}", "services.web.deploy.update_config.order",
                "service 'side' shares its network namespace"),
            Arguments.of(web("networks: {default: {ipv4_address: 172.30.0.5}}, deploy: {update_config: {order: start-first}}"),
                "services.web.deploy.update_config.order", "a static address on network 'default'"),
            Arguments.of(web("deploy: {mode: global}"), "services.web.deploy.mode",
                "'global' is not allowed here; use one of 'replicated'"),
            Arguments.of(web("deploy: {resources: {reservations: {devices: [{capabilities: [gpu]}]}}}"),
                "services.web.deploy.resources.reservations.devices", "device reservations (GPUs) are not supported"),
            Arguments.of(web("deploy: {restart_policy: {condition: any, delay: 5s}}"), "services.web.deploy.restart_policy.delay",
                "no delay"),
            // --- ports
            Arguments.of(web("ports: ['99999:80']"), "services.web.ports[0]", "port 99999 is out of range (1-65535)"),
            Arguments.of(web("ports: ['80:0']"), "services.web.ports[0]", "port 0 is out of range"),
            Arguments.of(web("ports: ['8080:80', '80:80/xyz']"), "services.web.ports[1]", "'xyz' is not a protocol"),
            Arguments.of(web("ports: ['8000-8002:80-81']"), "services.web.ports[0]", "have different sizes"),
            Arguments.of(web("ports: ['a:b:c:d']"), "services.web.ports[0]", "is not a port mapping"),
            Arguments.of(web("ports: [{target: 80, publishd: 8080}]"), "services.web.ports[0].publishd", "unknown key 'publishd'"),
            Arguments.of(web("ports: [{published: 8080}]"), "services.web.ports[0]", "missing required key 'target'"),
            Arguments.of(web("ports: [{target: 80, protocol: icmp}]"), "services.web.ports[0].protocol", "'icmp' is not allowed here"),
            Arguments.of("services: {a: {image: x, ports: ['8080:80']}, b: {image: y, ports: ['9090:90', '8080:81']}}",
                "services.b.ports[1]", "host port 8080/tcp is already published by services.a.ports[0]"),
            Arguments.of(web("ports: ['8000-8001:80-81', '8001:90']"), "services.web.ports[1]",
                "host port 8001/tcp is already published by services.web.ports[0]"),
            Arguments.of(web("ports: ['127.0.0.1:80:80', '80:81']"), "services.web.ports[1]", "host port 80/tcp is already published"),
            // --- volumes
            Arguments.of(web("volumes: ['data:/data']"), "services.web.volumes[0]",
                "undefined volume 'data' (declare it under the top-level 'volumes:')"),
            Arguments.of(web("volumes: ['./a:/b:xyz']"), "services.web.volumes[0]", "'xyz' is not a valid mode for a bind mount"),
            Arguments.of(web("volumes: ['./a:relative']"), "services.web.volumes[0]", "must be an absolute path in the container"),
            Arguments.of(web("volumes: ['./a:/b:cached']"), "services.web.volumes[0]", "mode 'cached' is not supported"),
            Arguments.of(web("volumes: [{type: npipe, source: a, target: /b}]"), "services.web.volumes[0].type",
                "'npipe' is not allowed here"),
            Arguments.of(web("volumes: [{type: bind, target: /b}]"), "services.web.volumes[0]", "a bind mount needs 'source'"),
            Arguments.of(web("volumes: [{type: tmpfs, source: x, target: /b}]"), "services.web.volumes[0].source",
                "a tmpfs mount has no source"),
            Arguments.of(web("volumes: [{type: volume, target: /b, bind: {propagation: shared}}]"), "services.web.volumes[0].bind",
                "'bind' options only apply to type bind"),
            Arguments.of(web("volumes: [{type: bind, source: /a, target: /b, consistency: cached}]"),
                "services.web.volumes[0].consistency", "'consistency' is not supported by Core Monitor"),
            Arguments.of(web("volumes: [{type: bind, source: /a, target: /b, bind: {recursive: disabled}}]"),
                "services.web.volumes[0].bind.recursive", "'recursive' is not supported by Core Monitor"),
            Arguments.of("services: {web: {image: x, volumes: [{type: volume, source: v, target: /b, volume: {labels: {a: b}}}]}}\n"
                + "volumes: {v: {}}", "services.web.volumes[0].volume.labels", "'labels' is not supported by Core Monitor"),
            Arguments.of("services: {web: {image: x}}\nvolumes: {v: {name: a, external: {name: b}}}", "volumes.v.external.name",
                "conflicts with 'name: a'"),
            // --- networks
            Arguments.of(web("networks: [back]"), "services.web.networks.back", "undefined network 'back'"),
            Arguments.of(web("networks: [default], network_mode: host"), "services.web.network_mode", "cannot be combined with 'networks'"),
            Arguments.of("services: {web: {image: x}}\nnetworks: {ext: {external: true, driver: bridge}}", "networks.ext.driver",
                "only 'name' may be given"),
            Arguments.of("services: {web: {image: x}}\nnetworks: {n: {enable_ipv4: false}}", "networks.n.enable_ipv4",
                "'enable_ipv4' is not supported by Core Monitor"),
            Arguments.of("services: {web: {image: x}}\nvolumes: {v: {driver: local, size: 1g}}", "volumes.v.size", "unknown key 'size'"),
            Arguments.of(web("network_mode: host, ports: ['80:80']"), "services.web.ports",
                "ports are not published with network_mode: host"),
            Arguments.of("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
                "", "the definition is too large"),
            // --- depends_on
            Arguments.of(web("depends_on: [db]"), "services.web.depends_on.db", "depends on undefined service 'db'"),
            Arguments.of("services: {web: {image: x, depends_on: {db: {condition: service_ready}}}, db: {image: y}}",
                "services.web.depends_on.db.condition", "'service_ready' is not allowed here"),
            Arguments.of("services: {web: {image: x, depends_on: {db: {restart: true}}}, db: {image: y}}",
                "services.web.depends_on.db", "missing required key 'condition'"),
            Arguments.of("services: {a: {image: x, depends_on: [b]}, b: {image: y, depends_on: [a]}}", "services.a.depends_on",
                "dependency cycle: a -> b -> a"),
            Arguments.of("services: {a: {image: x, depends_on: [a]}}", "services.a.depends_on", "dependency cycle: a -> a"),
            // --- healthcheck
            Arguments.of(web("healthcheck: {test: [CURL, x]}"), "services.web.healthcheck.test[0]", "starts with CMD, CMD-SHELL or NONE"),
            Arguments.of(web("healthcheck: {test: [CMD]}"), "services.web.healthcheck.test", "'CMD' needs a command after it"),
            Arguments.of(web("healthcheck: {test: true}"), "services.web.healthcheck.test", "must be a list or a string, not a boolean"),
            Arguments.of(web("healthcheck: {test: 'true', interval: 10 seconds}"), "services.web.healthcheck.interval",
                "is not a duration"),
            Arguments.of(web("healthcheck: {test: 'true', timeout: 0s}"), "services.web.healthcheck.timeout", "must be longer than 0s"),
            Arguments.of(web("healthcheck: {test: 'true', retries: many}"), "services.web.healthcheck.retries", "must be an integer"),
            // --- other typed values
            Arguments.of(web("restart: sometimes"), "services.web.restart", "'sometimes' is not a restart policy"),
            Arguments.of(web("mem_limit: lots"), "services.web.mem_limit", "'lots' is not a size"),
            Arguments.of(web("shm_size: -1"), "services.web.shm_size", "'-1' is not a size"),
            Arguments.of(web("cpus: 1.5, deploy: {resources: {limits: {cpus: 2}}}"), "services.web.cpus",
                "conflicts with services.web.deploy.resources.limits.cpus"),
            Arguments.of(web("cpus: -1"), "services.web.cpus", "must not be negative"),
            Arguments.of(web("restart: always, deploy: {restart_policy: {condition: on-failure}}"), "services.web.deploy.restart_policy",
                "conflicts with 'restart: always'"),
            Arguments.of(web("deploy: {restart_policy: {condition: any, max_attempts: 3}}"),
                "services.web.deploy.restart_policy.max_attempts", "only works with condition: on-failure"),
            Arguments.of(web("ulimits: {nofile: {soft: 2000, hard: 1000}}"), "services.web.ulimits.nofile", "above the hard limit"),
            Arguments.of(web("ulimits: {nofile: {soft: 2000}}"), "services.web.ulimits.nofile", "missing required key 'hard'"),
            Arguments.of(web("oom_score_adj: 5000"), "services.web.oom_score_adj", "must be between -1000 and 1000"),
            Arguments.of(web("privileged: 12"), "services.web.privileged", "must be true or false, not a number"),
            Arguments.of(web("privileged: maybe"), "services.web.privileged", "must be true or false, not 'maybe'"),
            Arguments.of(web("stop_grace_period: 1 minute"), "services.web.stop_grace_period", "'1 minute' is not a duration"),
            Arguments.of(web("pull_policy: build"), "services.web.pull_policy", "does not build them"),
            Arguments.of(web("pull_policy: sometimes"), "services.web.pull_policy", "is not a pull policy"),
            Arguments.of(web("command: 'echo \"unclosed'"), "services.web.command", "a quote is not closed"),
            Arguments.of(web("extra_hosts: [nohost]"), "services.web.extra_hosts[0]", "is not a host entry"),
            Arguments.of(web("expose: [abc]"), "services.web.expose[0]", "is not a port"),
            Arguments.of(web("environment: [A=1, A=2]"), "services.web.environment[1]", "'A' is given twice"),
            Arguments.of(web("labels: {a: {b: c}}"), "services.web.labels.a",
                "must be a boolean or a number or a string or null, not a mapping"),
            Arguments.of(web("cap_add: [NET_ADMIN, NET_ADMIN]"), "services.web.cap_add", "contains the same item more than once"),
            Arguments.of(web("ipc: 'service:db'"), "services.web.ipc", "refers to undefined service 'db'"),
            Arguments.of("services: {a: {image: x, container_name: same}, b: {image: y, container_name: same}}",
                "services.b.container_name",
                "container name 'same' is already used by services.a.container_name"),
            Arguments.of("services: {web: nginx}", "services.web", "must be a mapping, not a string"),
            // --- names
            Arguments.of("services: {-web: {image: x}}", "services.-web", "'-web' is not a valid service name"),
            Arguments.of("services: {'my web': {image: x}}", "services[\"my web\"]", "is not a valid service name"),
            Arguments.of("name: My App\nservices: {web: {image: x}}", "name", "'My App' is not a valid project name"),
            Arguments.of("services: {web: {image: x}}\nvolumes: {_data: {}}", "volumes._data", "'_data' is not a valid volume name"),
            Arguments.of("services: {}", "services", "at least one service is required"),
            Arguments.of("name: app", "", "missing required key 'services'"),
            // --- interpolation
            Arguments.of(web("environment: {TAG: '${TAG:?set TAG}'}"), "services.web.environment.TAG",
                "required variable TAG is missing a value: set TAG"),
            Arguments.of("services: {web: {image: 'nginx:${TAG'}}", "services.web.image", "'${' is not closed by '}'"),
            Arguments.of(web("environment: {A: 'cost $5'}"), "services.web.environment.A", "invalid interpolation format"),
            Arguments.of(web("environment: {A: '${}'}"), "services.web.environment.A", "does not start with a variable name"),
            Arguments.of(web("environment: {A: '${A:x}'}"), "services.web.environment.A", "unknown operator"),
            // --- documents
            Arguments.of("", "", "the definition is empty"),
            Arguments.of("# only a comment\n", "", "the definition is empty"),
            Arguments.of("- a\n- b\n", "", "must be a mapping"),
            Arguments.of("just a string", "", "must be a mapping"),
            Arguments.of("services:\n  web:\n    image: x\n   bad: indentation\n", "", "line 4"),
            Arguments.of("services:\n  web:\n    image: x\n    image: y\n", "", "duplicate key image"),
            Arguments.of("{\"services\": {\"web\": {\"image\": \"x\", \"image\": \"y\"}}}", "", "Duplicate field 'image'"),
            Arguments.of("{\"services\": ", "", "JSON syntax error at line 1"),
            Arguments.of("services: !!binary aGVsbG8=", "services", "unsupported YAML value"),
            Arguments.of("services: !custom x", "", "YAML error"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalid")
    void reportsTheErrorAtItsPath(String yaml, String path, String fragment) {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
            () -> ComposeLoader.load(yaml, Map.of()));
        assertThat(e).as("expected an InvalidDefinitionException for %s", yaml).isNotNull();
        assertThat(e.errors())
            .as("errors of %s", yaml)
            .anySatisfy(error -> {
                assertThat(error.path()).isEqualTo(path);
                assertThat(error.message()).contains(fragment);
            });
        assertThat(e).isInstanceOf(CoreMonitorException.class);
    }

    @Test
    void reportsEveryErrorAtOnce() {
        String yaml = String.join("\n",
            "secrets: {a: {file: ./a}}",
            "services:",
            "  web:",
            "    imagee: x",
            "    build: .",
            "    env_file: a.env",
            "    ports: ['99999:80', {target: 80, publishd: 1}]",
            "    depends_on: [db]",
            "    healthcheck: {test: 3, interval: 10}",
            "    restart: sometimes",
            "    privileged: 12",
            "    deploy: {replicas: 3, placement: {}}",
            "    volumes: ['data:/x']",
            "  'bad name':",
            "    image: x",
            "");
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> ComposeLoader.load(yaml));
        assertThat(e.errors()).extracting(ValidationError::path).containsExactly(
            "secrets.a",
            "secrets.a.file",
            "services.web.build",
            "services.web.depends_on.db",
            "services.web.deploy.placement",
            "services.web.deploy.replicas",
            "services.web.env_file",
            "services.web.healthcheck.interval",
            "services.web.healthcheck.test",
            "services.web.imagee",
            "services.web.ports[0]",
            "services.web.ports[1].publishd",
            "services.web.privileged",
            "services.web.restart",
            "services.web.volumes[0]",
            "services[\"bad name\"]");
        assertThat(e.getMessage()).startsWith("invalid definition (16 errors)");
    }

    @Test
    void reportsSchemaAndSemanticErrorsTogether() {
        String yaml = "services: {a: {image: x, depends_on: [b], ports: ['80:80']}, b: {image: y, depends_on: [a, c], ports: ['80:81'],"
            + " networks: [nope], mem_limit: huge, tty: perhaps}}";
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> ComposeLoader.load(yaml));
        assertThat(e.errors()).containsExactlyInAnyOrder(
            new ValidationError("services.a.depends_on", "dependency cycle: a -> b -> a"),
            new ValidationError("services.b.depends_on.c", "depends on undefined service 'c'"),
            new ValidationError("services.b.ports[0]", "host port 80/tcp is already published by services.a.ports[0]"),
            new ValidationError("services.b.networks.nope", "undefined network 'nope' (declare it under the top-level 'networks:')"),
            new ValidationError("services.b.mem_limit",
                "'huge' is not a size (write e.g. 1024, 512m, 1g, 1.5gb; units b, k, m, g of 1024)"),
            new ValidationError("services.b.tty", "must be true or false, not 'perhaps'"));
    }

    @Test
    void reportsEveryInterpolationError() {
        String yaml = "services: {web: {image: '${IMAGE:?image required}', environment: {A: '${B', C: '$'}}}";
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> ComposeLoader.load(yaml));
        assertThat(e.errors()).extracting(ValidationError::path)
            .containsExactly("services.web.environment.A", "services.web.environment.C", "services.web.image");
        assertThat(e.errors().get(2).message()).isEqualTo("required variable IMAGE is missing a value: image required");
    }

    @Test
    void aSchemaErrorHidesFollowUpErrorsAtTheSamePlace() {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
            () -> ComposeLoader.load(web("ports: [true]")));
        assertThat(e.errors()).containsExactly(
            new ValidationError("services.web.ports[0]", "must be a mapping or a string or an integer, not a boolean"));
    }

    @Test
    void theExceptionMessageListsEveryError() {
        assertThatThrownBy(() -> ComposeLoader.load(web("restart: sometimes, tty: perhaps")))
            .isInstanceOf(InvalidDefinitionException.class)
            .hasMessageContaining("services.web.restart: 'sometimes' is not a restart policy")
            .hasMessageContaining("services.web.tty: must be true or false");
    }

    @Test
    void errorsAreImmutable() {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> ComposeLoader.load(""));
        List<ValidationError> errors = e.errors();
        assertThatThrownBy(() -> errors.add(new ValidationError("a", "b"))).isInstanceOf(UnsupportedOperationException.class);
    }
}
