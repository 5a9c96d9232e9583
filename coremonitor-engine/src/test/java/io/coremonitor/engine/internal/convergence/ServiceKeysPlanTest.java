package io.coremonitor.engine.internal.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ServiceTranslator;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.PlanAction;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ComposeLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** How the planner and the start order treat the keys of issue 20: volumes_from, links, hooks, resource keys. */
class ServiceKeysPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceTranslator.Context V2 = new ServiceTranslator.Context("id-1", "shop", "v2", "7");
    private static final String V1 = """
        services:
          data:
            image: busybox
            volumes: [/shared]
            environment: {ROUND: "1"}
          reader:
            image: busybox
            volumes_from: ["data:ro"]
            cpuset: "0"
            post_start: [{command: [echo, one]}]
          web:
            image: busybox
            links: ["data:db"]
        """;

    private final DockerOps ops = Mockito.mock(DockerOps.class);

    private static ComposeDefinition load(String yaml) {
        return ComposeLoader.load(yaml, Map.of());
    }

    private static Container container(String service, String hash) {
        try {
            return JSON.readValue(JSON.writeValueAsString(Map.of("Id", "c-" + service, "Names", List.of("/shop-" + service + "-1"),
                "State", "running", "Status", "Up 3 minutes", "Labels", Map.of(StackLabels.STACK_ID, "id-1", StackLabels.SERVICE, service,
                    StackLabels.VERSION, "v1", StackLabels.CONFIG_HASH, hash))), Container.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ConvergencePlan plan(String yaml) {
        ComposeDefinition v1 = load(V1);
        List<Container> containers = List.of("data", "reader", "web").stream()
            .map(s -> container(s, ServiceTranslator.configHash("shop", v1, s))).toList();
        Network network;
        try {
            network = JSON.readValue(JSON.writeValueAsString(Map.of("Id", "net-default", "Name", "shop_default",
                "Labels", Map.of(StackLabels.NETWORK, "default", StackLabels.STACK_ID, "id-1"))), Network.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Planner.plan(ops, V2, load(yaml), new Observed(containers, List.of(network), List.of()),
            v -> "v1".equals(v) ? Optional.of(v1) : Optional.empty());
    }

    private static PlanAction action(ConvergencePlan plan, String service) {
        return plan.view().actions().stream().filter(a -> a.service().equals(Optional.of(service))).findFirst().orElseThrow();
    }

    @Test
    void aRecreatedVolumesFromSourceRecreatesTheServicesMountingItsVolumes() {
        ConvergencePlan plan = plan(V1.replace("ROUND: \"1\"", "ROUND: \"2\""));
        assertThat(action(plan, "data").kind()).isEqualTo(PlanAction.Kind.RECREATE);
        assertThat(action(plan, "reader").kind()).isEqualTo(PlanAction.Kind.RECREATE);
        assertThat(action(plan, "reader").reasons()).containsExactly("volumes_from: data is recreated");
        // a link resolves the linked container by name: the linking one is kept
        assertThat(action(plan, "web").kind()).isEqualTo(PlanAction.Kind.KEEP);
    }

    @Test
    void aChangedResourceKeyIsNamedAndChangedHooksRecreateNothing() {
        ConvergencePlan plan = plan(V1.replace("cpuset: \"0\"", "cpuset: \"0-1\""));
        assertThat(action(plan, "reader").reasons()).containsExactly("cpuset changed (since v1)");
        assertThat(plan(V1.replace("[echo, one]", "[echo, two]")).view().unchanged()).isTrue();
    }

    @Test
    void volumesFromAndLinksOrderTheStartAndTheCreate() {
        ComposeDefinition d = load(V1);
        assertThat(DependencyOrder.startOrder(d, List.of("web", "reader", "data"))).containsExactly("data", "reader", "web");
        assertThat(DependencyOrder.createDependencies(d, "reader")).containsExactly("data");
        assertThat(DependencyOrder.createDependencies(d, "web")).containsExactly("data");
        assertThat(DependencyOrder.stopOrder(d, List.of("data", "reader", "web")).get(2)).isEqualTo("data");
    }
}
