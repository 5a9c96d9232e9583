package io.coremonitor.engine.internal.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ServiceTranslator;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.PlanAction;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ComposeLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** The planner's decisions and reasons, on containers described as Docker's list call returns them. */
class PlannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceTranslator.Context V2 = new ServiceTranslator.Context("id-1", "shop", "v2", "7");

    private static final String V1 = """
        services:
          db:
            image: postgres:16
            environment: {POSTGRES_PASSWORD: x}
            volumes: ["pg:/var/lib/postgresql/data"]
          web:
            image: nginx:1.25
            depends_on:
              db: {condition: service_started, restart: true}
          sidecar:
            image: busybox
            network_mode: "service:db"
          tools:
            image: busybox
            profiles: [debug]
        volumes:
          pg: {}
        """;

    private final DockerOps ops = Mockito.mock(DockerOps.class);

    private static ComposeDefinition load(String yaml) {
        return ComposeLoader.load(yaml, Map.of());
    }

    private static Container container(String id, String service, String version, String hash, String state) {
        Map<String, Object> json = new HashMap<>();
        json.put("Id", id);
        json.put("Names", List.of("/shop-" + service + "-1"));
        json.put("State", state);
        json.put("Status", "running".equals(state) ? "Up 3 minutes" : "Exited (0) 2 minutes ago");
        Map<String, String> labels = new HashMap<>();
        labels.put(StackLabels.STACK_ID, "id-1");
        if (service != null) {
            labels.put(StackLabels.SERVICE, service);
        }
        labels.put(StackLabels.VERSION, version);
        labels.put(StackLabels.CONFIG_HASH, hash);
        json.put("Labels", labels);
        try {
            return JSON.readValue(JSON.writeValueAsString(json), Container.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Network network(String key) {
        try {
            return JSON.readValue(JSON.writeValueAsString(Map.of("Id", "net-" + key, "Name", "shop_" + key,
                "Labels", Map.of(StackLabels.NETWORK, key, StackLabels.STACK_ID, "id-1"))), Network.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InspectVolumeResponse volume(String key) {
        try {
            return JSON.readValue(JSON.writeValueAsString(Map.of("Name", "shop_" + key,
                "Labels", Map.of(StackLabels.VOLUME, key, StackLabels.STACK_ID, "id-1"))), InspectVolumeResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Containers exactly as v1 made them. */
    private static List<Container> deployedV1() {
        ComposeDefinition v1 = load(V1);
        List<Container> result = new ArrayList<>();
        for (String s : List.of("db", "web", "sidecar")) {
            result.add(container("c-" + s, s, "v1", ServiceTranslator.configHash("shop", v1, s), "running"));
        }
        return result;
    }

    private ConvergencePlan plan(String yaml, List<Container> containers) {
        Observed observed = new Observed(containers, containers.isEmpty() ? List.of() : List.of(network("default")),
            containers.isEmpty() ? List.of() : List.of(volume("pg")));
        return Planner.plan(ops, V2, load(yaml), observed, v -> "v1".equals(v) ? Optional.of(load(V1)) : Optional.empty());
    }

    private static PlanAction action(ConvergencePlan plan, String service) {
        return plan.view().actions().stream().filter(a -> a.service().equals(Optional.of(service)) && a.kind() != PlanAction.Kind.REMOVE)
            .findFirst().orElseThrow();
    }

    @Test
    void anEmptyEngineGetsEverythingCreatedExceptProfiledServices() {
        ConvergencePlan plan = plan(V1, List.of());
        assertThat(plan.view().actions(PlanAction.Kind.CREATE_NETWORK)).extracting(PlanAction::name).containsExactly("shop_default");
        assertThat(plan.view().actions(PlanAction.Kind.CREATE_VOLUME)).extracting(PlanAction::name).containsExactly("shop_pg");
        assertThat(plan.view().actions(PlanAction.Kind.CREATE)).extracting(a -> a.service().orElseThrow())
            .containsExactly("db", "sidecar", "web");
        assertThat(plan.services()).doesNotContain("tools");
        assertThat(plan.newVolumes().get(0).labels()).containsEntry(StackLabels.VOLUME, "pg").containsEntry(StackLabels.MANAGED, "true");
    }

    @Test
    void theSameVersionKeepsEverything() {
        ConvergencePlan plan = plan(V1, deployedV1());
        assertThat(plan.view().unchanged()).isTrue();
        assertThat(plan.view().actions()).extracting(PlanAction::kind).containsOnly(PlanAction.Kind.KEEP);
        assertThat(plan.newNetworks()).isEmpty();
        assertThat(plan.newVolumes()).isEmpty();
    }

    @Test
    void aChangedServiceIsRecreatedWithTheChangedFieldsNamed() {
        String v2 = V1.replace("image: nginx:1.25", "image: nginx:1.26\n    environment: {MODE: two}");
        ConvergencePlan plan = plan(v2, deployedV1());
        PlanAction web = action(plan, "web");
        assertThat(web.kind()).isEqualTo(PlanAction.Kind.RECREATE);
        assertThat(web.reasons()).containsExactly("image changed (since v1)", "environment changed (since v1)");
        assertThat(web.containerId()).contains("c-web");
        assertThat(action(plan, "db").kind()).isEqualTo(PlanAction.Kind.KEEP);
        assertThat(action(plan, "sidecar").kind()).isEqualTo(PlanAction.Kind.KEEP);
    }

    @Test
    void recreatingADependencyRecreatesItsNetworkSharersAndRestartsRestartDependents() {
        String v2 = V1.replace("POSTGRES_PASSWORD: x", "POSTGRES_PASSWORD: y");
        ConvergencePlan plan = plan(v2, deployedV1());
        assertThat(action(plan, "db").kind()).isEqualTo(PlanAction.Kind.RECREATE);
        assertThat(action(plan, "db").reasons()).containsExactly("environment changed (since v1)");
        assertThat(action(plan, "sidecar").kind()).isEqualTo(PlanAction.Kind.RECREATE);
        assertThat(action(plan, "sidecar").reasons()).containsExactly("network_mode: service:db is recreated");
        assertThat(action(plan, "web").kind()).isEqualTo(PlanAction.Kind.RESTART);
    }

    @Test
    void dependsOnChangesAloneRecreateNothing() {
        String v2 = V1.replace("condition: service_started", "condition: service_healthy");
        assertThat(plan(v2, deployedV1()).view().unchanged()).isTrue();
    }

    @Test
    void goneServicesAndOrphansAreRemovedAndUnknownOriginsSaySo() {
        List<Container> containers = new ArrayList<>(deployedV1());
        containers.add(container("c-old", "old", "v1", "x", "exited"));
        containers.add(container("c-orphan", null, "v1", "x", "exited"));
        containers.set(1, container("c-web", "web", "v9", "stale", "running"));
        ConvergencePlan plan = plan(V1, containers);
        assertThat(plan.view().actions(PlanAction.Kind.REMOVE)).extracting(a -> a.containerId().orElseThrow(), a -> a.reasons().get(0))
            .containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("c-old", "service 'old' is no longer defined"),
                org.assertj.core.groups.Tuple.tuple("c-orphan", "orphan container (no service label)"));
        assertThat(action(plan, "web").reasons()).singleElement().asString().startsWith("config hash differs")
            .contains("v9");
    }

    private ConvergencePlan planOverV1Objects(String yaml) {
        Observed observed = new Observed(deployedV1(), List.of(labelled(network("default"), "v1")), List.of(labelled(volume("pg"), "v1")));
        return Planner.plan(ops, V2, load(yaml), observed, v -> "v1".equals(v) ? Optional.of(load(V1)) : Optional.empty());
    }

    private static Network labelled(Network n, String version) {
        Map<String, String> labels = new HashMap<>(n.getLabels());
        labels.put(StackLabels.VERSION, version);
        try {
            return JSON.readValue(JSON.writeValueAsString(Map.of("Id", n.getId(), "Name", n.getName(), "Labels", labels)), Network.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InspectVolumeResponse labelled(InspectVolumeResponse v, String version) {
        Map<String, String> labels = new HashMap<>(v.getLabels());
        labels.put(StackLabels.VERSION, version);
        try {
            return JSON.readValue(JSON.writeValueAsString(Map.of("Name", v.getName(), "Labels", labels)), InspectVolumeResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void networksAndVolumesAsTheirVersionMadeThemAreKept() {
        ConvergencePlan plan = planOverV1Objects(V1);
        assertThat(plan.view().unchanged()).isTrue();
        assertThat(plan.networkRecreations()).isEmpty();
        assertThat(plan.volumeRecreations()).isEmpty();
    }

    @Test
    void aNetworkWhoseSettingsChangedIsRecreatedAndItsContainersKept() {
        String v2 = V1 + "networks:\n  default:\n    labels: {tier: front}\n    driver_opts: {com.docker.network.driver.mtu: \"1400\"}\n";
        ConvergencePlan plan = planOverV1Objects(v2);
        assertThat(plan.view().actions(PlanAction.Kind.RECREATE_NETWORK)).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("shop_default");
            assertThat(a.reasons()).containsExactly("driver_opts changed (since v1)", "labels changed (since v1)");
        });
        assertThat(plan.networkRecreations().get("default").labels()).containsEntry("tier", "front")
            .containsEntry(StackLabels.VERSION, "v2").containsEntry(StackLabels.NETWORK, "default");
        assertThat(plan.networkRecreations().get("default").options()).containsEntry("com.docker.network.driver.mtu", "1400");
        // the containers keep running: they are disconnected and connected again, not recreated
        assertThat(action(plan, "db").kind()).isEqualTo(PlanAction.Kind.KEEP);
        assertThat(action(plan, "web").kind()).isEqualTo(PlanAction.Kind.KEEP);
        assertThat(plan.view().unchanged()).isFalse();
    }

    @Test
    void aVolumeWhoseSettingsChangedIsRecreatedWithTheServicesMountingIt() {
        String v2 = V1.replace("  pg: {}", "  pg:\n    labels: {backup: daily}");
        ConvergencePlan plan = planOverV1Objects(v2);
        assertThat(plan.view().actions(PlanAction.Kind.RECREATE_VOLUME)).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("shop_pg");
            assertThat(a.reasons()).containsExactly("labels changed (since v1)", ObjectChanges.DATA_LOST);
        });
        assertThat(plan.volumeRecreations().get("pg").labels()).containsEntry("backup", "daily");
        assertThat(action(plan, "db").kind()).isEqualTo(PlanAction.Kind.RECREATE);
        assertThat(action(plan, "db").reasons()).containsExactly("volume 'pg' is recreated");
        // sidecar shares db's network namespace: recreated with it; web restarts (depends_on db with restart: true)
        assertThat(action(plan, "sidecar").kind()).isEqualTo(PlanAction.Kind.RECREATE);
        assertThat(action(plan, "web").kind()).isEqualTo(PlanAction.Kind.RESTART);
    }

    @Test
    void aStartFirstContainerLeftUnderItsTemporaryNameIsRemovedNeverKept() throws JsonProcessingException {
        String v2 = V1.replace("image: nginx:1.25", "image: nginx:1.26");
        List<Container> containers = new ArrayList<>(deployedV1());
        Container next = container("c-web-next", "web", "v2", ServiceTranslator.configHash("shop", load(v2), "web"), "running");
        Map<String, Object> json = JSON.readValue(JSON.writeValueAsString(next), Map.class);
        json.put("Names", List.of("/shop-web-1" + StartFirst.TEMPORARY_SUFFIX));
        containers.add(0, JSON.readValue(JSON.writeValueAsString(json), Container.class));
        ConvergencePlan plan = plan(v2, containers);
        assertThat(action(plan, "web").kind()).isEqualTo(PlanAction.Kind.RECREATE);
        assertThat(action(plan, "web").containerId()).contains("c-web");
        assertThat(plan.view().actions(PlanAction.Kind.REMOVE)).singleElement().satisfies(a -> {
            assertThat(a.containerId()).contains("c-web-next");
            assertThat(a.reasons()).containsExactly("start-first container of service 'web' left under its temporary name");
        });
    }

    @Test
    void untranslatableFieldsAndMissingExternalsRefuseThePlan() {
        Mockito.when(ops.findNetwork("outside")).thenReturn(Optional.empty());
        String bad = """
            services:
              a:
                image: busybox
                pull_policy: always
                networks: [ext]
            networks:
              ext:
                external: true
                name: outside
            """;
        assertThatThrownBy(() -> plan(bad, List.of())).isInstanceOf(CommandFailedException.class)
            .hasMessageContaining("services.a.pull_policy")
            .hasMessageContaining("networks.ext: external network 'outside' does not exist");
    }

    @Test
    void fieldNamesAreSpelledLikeCompose() {
        assertThat(SpecDiff.snake("stopGracePeriod")).isEqualTo("stop_grace_period");
        assertThat(SpecDiff.snake("limits")).isEqualTo("deploy.resources.limits");
    }
}
