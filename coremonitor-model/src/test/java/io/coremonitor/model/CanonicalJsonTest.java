package io.coremonitor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

    private static final Map<String, String> VARS = Map.of("GRAFANA_PASSWORD", "admin", "DB_PASSWORD", "pw");

    private static String canonical(String yaml) {
        return CanonicalJson.toJson(ComposeLoader.load(yaml, VARS));
    }

    private static String web(String keys) {
        return "services: {web: {image: nginx, " + keys + "}}";
    }

    /** Pairs of definitions that mean the same thing. */
    static Stream<Arguments> sameMeaning() {
        return Stream.of(
            Arguments.of(web("ports: ['8080:80']"), web("ports: [{target: 80, published: '8080'}]")),
            Arguments.of(web("ports: ['8080:80']"), web("ports: [{target: 80, published: 8080, protocol: tcp, mode: ingress}]")),
            Arguments.of(web("ports: ['127.0.0.1:53:53/udp']"),
                web("ports: [{target: 53, published: 53, host_ip: 127.0.0.1, protocol: udp}]")),
            Arguments.of(web("ports: ['8000-8001:80-81']"), web("ports: ['8001:81', '8000:80']")),
            Arguments.of(web("environment: [A=1, B=two, C]"), web("environment: {B: two, A: 1, C: null}")),
            Arguments.of(web("environment: {DEBUG: true}"), web("environment: ['DEBUG=true']")),
            Arguments.of(web("labels: [a=1, b]"), web("labels: {b: '', a: '1'}")),
            Arguments.of("services: {web: {image: x, depends_on: [db]}, db: {image: y}}",
                "services: {web: {image: x, depends_on: {db: {condition: service_started, required: true, restart: false}}},"
                    + " db: {image: y}}"),
            Arguments.of(web("ulimits: {nofile: 1024}"), web("ulimits: {nofile: {soft: 1024, hard: 1024}}")),
            Arguments.of(web("healthcheck: {test: 'curl -f x', interval: 90s}"),
                web("healthcheck: {test: [CMD-SHELL, 'curl -f x'], interval: 1m30s}")),
            Arguments.of(web("healthcheck: {disable: true}"), web("healthcheck: {test: [NONE]}")),
            Arguments.of(web("mem_limit: 512m"), web("deploy: {resources: {limits: {memory: 0.5g}}}")),
            Arguments.of(web("mem_limit: 536870912"), web("mem_limit: 512MB")),
            Arguments.of(web("cpus: 0.50"), web("deploy: {resources: {limits: {cpus: '0.5'}}}")),
            Arguments.of(web("pids_limit: 100, mem_reservation: 1k"),
                web("deploy: {resources: {limits: {pids: 100}, reservations: {memory: 1024}}}")),
            Arguments.of(web("restart: on-failure:3"), web("deploy: {restart_policy: {condition: on-failure, max_attempts: 3}}")),
            Arguments.of(web("restart: always"), web("deploy: {restart_policy: {}}")),
            Arguments.of("services: {web: {image: x, volumes: ['data:/data:rw']}}\nvolumes: {data: }",
                "services: {web: {image: x, volumes: [{type: volume, source: data, target: /data, read_only: false}]}}"
                    + "\nvolumes: {data: {}}"),
            Arguments.of(web("volumes: ['/a:/b:ro']"), web("volumes: [{type: bind, source: /a, target: /b, read_only: true,"
                + " bind: {create_host_path: true}}]")),
            Arguments.of(web("extra_hosts: ['db:10.0.0.2', 'api=10.0.0.3']"), web("extra_hosts: {api: 10.0.0.3, db: [10.0.0.2]}")),
            Arguments.of("services: {web: {image: x, networks: [a, b]}}\nnetworks: {a: , b: }",
                "services: {web: {image: x, networks: {b: , a: {}}}}\nnetworks: {a: {}, b: {}}"),
            Arguments.of(web("cap_add: [NET_ADMIN, CHOWN]"), web("cap_add: [CHOWN, NET_ADMIN]")),
            Arguments.of(web("privileged: false, tty: false, init: false, attach: true"), "services: {web: {image: nginx}}"),
            Arguments.of(web("stop_grace_period: 120s"), web("stop_grace_period: 2m")),
            Arguments.of(web("command: echo 'hello world'"), web("command: [echo, hello world]")),
            Arguments.of("version: '3.8'\nx-a: 1\n" + web("x-b: 2"), "services: {web: {image: nginx}}"),
            Arguments.of(web("pull_policy: if_not_present"), web("pull_policy: missing")),
            Arguments.of("services: {web: {image: x, secrets: [db_pw]}}\nsecrets: {db_pw: {external: true}}",
                "services: {web: {image: x, secrets: [{source: db_pw, target: /run/secrets/db_pw, mode: '0444'}]}}"
                    + "\nsecrets: {db_pw: {external: true, name: db_pw}}"),
            Arguments.of("services: {web: {image: x, secrets: [{source: s, target: pw, uid: '33', mode: 0o440}]}}"
                    + "\nsecrets: {s: {environment: DB_PASSWORD}}",
                "services: {web: {image: x, secrets: [{source: s, target: /run/secrets/pw, uid: 33, gid: 0, mode: 288}]}}"
                    + "\nsecrets: {s: {environment: DB_PASSWORD}}"),
            Arguments.of("services: {web: {image: x, configs: [site]}}\nconfigs: {site: {content: 'listen 80;'}}",
                "services: {web: {image: x, configs: [{source: site, target: /site, mode: 292}]}}"
                    + "\nconfigs: {site: {content: 'listen 80;'}}"),
            Arguments.of("services:\n  web:\n    image: nginx\n    ports:\n      - 80:80\n",
                "{\"services\": {\"web\": {\"image\": \"nginx\", \"ports\": [{\"target\": 80, \"published\": 80}]}}}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("sameMeaning")
    void equalMeaningGivesEqualCanonicalJson(String a, String b) {
        assertThat(canonical(a)).isEqualTo(canonical(b));
        assertThat(ComposeLoader.load(a, VARS)).isEqualTo(ComposeLoader.load(b, VARS));
        assertThat(CanonicalJson.hash(ComposeLoader.load(a, VARS))).isEqualTo(CanonicalJson.hash(ComposeLoader.load(b, VARS)));
    }

    static Stream<String> documents() {
        return Stream.concat(
            Stream.of("webapp.yaml", "reverse-proxy.yaml", "monitoring.yaml", "anchors.yaml").map(ValidDefinitionTest::resource),
            sameMeaning().map(a -> (String) a.get()[0]));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void canonicalFormIsAFixedPointAndLoadsBackToAnEqualModel(String yaml) {
        ComposeDefinition model = ComposeLoader.load(yaml, VARS);
        String json = CanonicalJson.toJson(model);
        ComposeDefinition reloaded = CanonicalJson.parse(json);
        assertThat(reloaded).isEqualTo(model);
        assertThat(CanonicalJson.toJson(reloaded)).isEqualTo(json);
        assertThat(ComposeLoader.load(json, Map.of())).isEqualTo(model);
        assertThat(CanonicalJson.parse(CanonicalJson.toPrettyJson(model))).isEqualTo(model);
    }

    @Test
    void secretsAndConfigsKeepTheirSourcesAndMounts() {
        ComposeDefinition model = ComposeLoader.load("services: {web: {image: x, secrets: [{source: s, target: pw, gid: 101,"
            + " mode: '0440'}], configs: [{source: c, target: /etc/app.conf}]}}\n"
            + "secrets: {s: {external: true, name: prod_db_pw}}\nconfigs: {c: {content: 'a=1'}}", VARS);
        assertThat(model.secrets()).containsEntry("s", ContentSource.stored("prod_db_pw"));
        assertThat(model.configs()).containsEntry("c", ContentSource.inline("a=1"));
        ServiceStorage storage = model.services().get("web").storage();
        assertThat(storage.secrets()).containsExactly(new FileMount("s", "/run/secrets/pw", 0, 101, 0440));
        assertThat(storage.configs()).containsExactly(new FileMount("c", "/etc/app.conf", 0, 0, FileMount.DEFAULT_MODE));
        assertThat(ContentSource.inline("a=1").toString()).doesNotContain("a=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"webapp.yaml", "reverse-proxy.yaml", "monitoring.yaml", "anchors.yaml"})
    void hashIsStable(String file) {
        String yaml = ValidDefinitionTest.resource(file);
        String first = CanonicalJson.hash(ComposeLoader.load(yaml, VARS));
        String second = CanonicalJson.sha256(CanonicalJson.toJson(ComposeLoader.load(yaml, VARS)));
        assertThat(first).isEqualTo(second).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void updateOrderIsKeptOnlyWhenStartFirstBesideTheCpuReservation() {
        String startFirst = canonical(web("deploy: {update_config: {order: start-first}, resources: {reservations: {cpus: '0.5'}}}"));
        ComposeDefinition model = CanonicalJson.parse(startFirst);
        assertThat(model.services().get("web").lifecycle().updateOrder()).isEqualTo(UpdateOrder.START_FIRST);
        assertThat(model.services().get("web").resources().reservations().cpus()).isPresent();
        assertThat(startFirst).contains("\"update_config\":{\"order\":\"start-first\"}");
        assertThat(canonical(web("deploy: {update_config: {order: stop-first}}"))).isEqualTo(canonical(web("deploy: {}")));
        assertThat(ComposeLoader.load(web("deploy: {update_config: {}}")).services().get("web").lifecycle().updateOrder())
            .isEqualTo(UpdateOrder.STOP_FIRST);
    }

    @Test
    void differentMeaningsGiveDifferentHashes() {
        assertThat(CanonicalJson.hash(ComposeLoader.load(web("ports: ['8080:80']"))))
            .isNotEqualTo(CanonicalJson.hash(ComposeLoader.load(web("ports: ['8081:80']"))));
        assertThat(canonical(web("command: [a, b]"))).isNotEqualTo(canonical(web("command: [b, a]")));
        assertThat(canonical(web("dns: [1.1.1.1, 8.8.8.8]"))).isNotEqualTo(canonical(web("dns: [8.8.8.8, 1.1.1.1]")));
    }

    @Test
    void knownCanonicalFormAndHash() {
        String json = canonical("services:\n  web:\n    image: nginx:1.27\n    ports: ['8080:80']\n    environment: [A=1]\n"
            + "    healthcheck: {test: curl -f localhost, interval: 90s}\n    mem_limit: 1g\n");
        assertThat(json).isEqualTo("{\"services\":{\"web\":{\"environment\":{\"A\":\"1\"},\"healthcheck\":{\"interval\":\"1m30s\","
            + "\"test\":[\"CMD-SHELL\",\"curl -f localhost\"]},\"image\":\"nginx:1.27\",\"mem_limit\":1073741824,\"ports\":[{\"mode\":"
            + "\"ingress\",\"protocol\":\"tcp\",\"published\":\"8080\",\"target\":80}]}}}");
        assertThat(CanonicalJson.sha256(json)).isEqualTo(CanonicalJson.sha256(json));
        assertThat(CanonicalJson.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void dollarSignsSurviveTheRoundTrip() {
        ComposeDefinition d = ComposeLoader.load(web("environment: {PRICE: '$$5', RAW: '$${NOT_A_VAR}'}, command: [echo, '$$HOME']"));
        assertThat(d.services().get("web").process().environment().get("PRICE")).contains("$5");
        String json = CanonicalJson.toJson(d);
        assertThat(json).contains("\"$$5\"").contains("\"$${NOT_A_VAR}\"");
        assertThat(CanonicalJson.parse(json)).isEqualTo(d);
    }

    @Test
    void leavesOutExtensionsVersionAndIgnoredBuild() {
        String json = canonical("version: '3'\nx-a: 1\nservices: {web: {image: x, build: ., x-b: 2}}");
        assertThat(json).isEqualTo("{\"services\":{\"web\":{\"image\":\"x\"}}}");
    }
}
