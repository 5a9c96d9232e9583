package io.coremonitor.engine.internal.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ServiceTranslator;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.PlanAction;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ComposeLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** The planner with compose profiles active: which services are deployed, disabled, removed, or refused. */
class ProfilesPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceTranslator.Context CTX = new ServiceTranslator.Context("id-1", "shop", "v1", "7");
    private static final ComposeDefinition DEF = ComposeLoader.load("""
        services:
          web:
            image: nginx:1.25
            depends_on:
              metrics: {condition: service_started, required: false}
          metrics:
            image: busybox
            profiles: [monitoring]
          shell:
            image: busybox
            depends_on: [web]
            profiles: [debug, tools]
          fixture:
            image: busybox
            profiles: [test]
          test_runner:
            image: busybox
            depends_on: [fixture]
            profiles: [ci]
        """);

    private final DockerOps ops = Mockito.mock(DockerOps.class);

    private ConvergencePlan plan(List<String> profiles, List<Container> containers) {
        return Planner.plan(ops, CTX, DEF, new Observed(containers, List.of(), List.of()), v -> Optional.empty(), profiles);
    }

    private static List<String> services(ConvergencePlan plan, PlanAction.Kind kind) {
        return plan.view().actions(kind).stream().map(a -> a.service().orElseThrow()).toList();
    }

    private static Container container(String service) {
        try {
            return JSON.readValue(JSON.writeValueAsString(Map.of("Id", "c-" + service, "Names", List.of("/shop-" + service + "-1"),
                "State", "running", "Status", "Up 3 minutes", "Labels", Map.of(StackLabels.STACK_ID, "id-1",
                    StackLabels.SERVICE, service, StackLabels.VERSION, "v1",
                    StackLabels.CONFIG_HASH, ServiceTranslator.configHash("shop", DEF, service)))), Container.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutProfilesOnlyTheServicesWithoutProfilesAreDeployedAndTheOthersAreShownDisabled() {
        ConvergencePlan plan = plan(List.of(), List.of());
        assertThat(plan.services()).containsExactly("web");
        assertThat(services(plan, PlanAction.Kind.CREATE)).containsExactly("web");
        assertThat(plan.view().profiles()).isEmpty();
        assertThat(plan.view().disabled()).containsExactly(Map.entry("fixture", List.of("test")),
            Map.entry("metrics", List.of("monitoring")), Map.entry("shell", List.of("debug", "tools")),
            Map.entry("test_runner", List.of("ci")));
    }

    @Test
    void anActiveProfileDeploysItsServices() {
        ConvergencePlan plan = plan(List.of("tools", "monitoring"), List.of());
        assertThat(services(plan, PlanAction.Kind.CREATE)).containsExactly("metrics", "shell", "web");
        assertThat(plan.view().profiles()).containsExactly("monitoring", "tools");
        assertThat(plan.view().disabled()).containsOnlyKeys("fixture", "test_runner");
        assertThat(plan(List.of("*"), List.of()).services()).hasSize(5);
    }

    @Test
    void aServiceWhoseProfileIsNoLongerActiveIsRemoved() {
        ConvergencePlan plan = plan(List.of(), List.of(container("web"), container("shell")));
        assertThat(services(plan, PlanAction.Kind.KEEP)).containsExactly("web");
        assertThat(plan.view().actions(PlanAction.Kind.REMOVE)).singleElement().satisfies(a -> {
            assertThat(a.service()).contains("shell");
            assertThat(a.reasons()).containsExactly("service 'shell' is disabled by its profiles (debug, tools; no profile"
                + " active)");
        });
        assertThat(services(plan(List.of("debug"), List.of(container("web"), container("shell"))), PlanAction.Kind.KEEP))
            .containsExactly("shell", "web");
    }

    @Test
    void anEnabledServiceThatNeedsADisabledOneRefusesThePlan() {
        assertThatThrownBy(() -> plan(List.of("ci"), List.of())).isInstanceOf(CommandFailedException.class)
            .hasMessageContaining("services.test_runner.depends_on.fixture: service 'fixture' is disabled by its profiles"
                + " (test; active profiles: ci)");
        assertThat(plan(List.of("ci", "test"), List.of()).services()).containsExactly("fixture", "test_runner", "web");
    }
}
