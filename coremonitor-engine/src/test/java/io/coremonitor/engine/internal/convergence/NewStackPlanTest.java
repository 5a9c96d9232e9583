package io.coremonitor.engine.internal.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.docker.DockerOps;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.PlanAction;
import io.coremonitor.engine.StackPlan;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

/** The plan of a stack not created yet (the wizard's preview): everything created, Docker asked only about external objects. */
class NewStackPlanTest {

    @TempDir
    Path dir;

    @Test
    void everyObjectIsCreatedWithoutAskingDocker() {
        DockerOps ops = Mockito.mock(DockerOps.class);
        try (Store store = Store.openSqlite(dir.resolve("cm.db"))) {
            StackPlan plan = new Inspections(store, ops, Clock.systemUTC()).planNew("shop", ComposeLoader.load("""
                services:
                  web: {image: "nginx:1.27", ports: ["8080:80"]}
                  db: {image: "postgres:16", volumes: ["pg:/var/lib/postgresql/data"]}
                volumes:
                  pg: {}
                """, Map.of()));
            assertThat(plan.stackId()).isEmpty();
            assertThat(plan.stackName()).isEqualTo("shop");
            assertThat(plan.version()).isEqualTo("v1");
            assertThat(plan.actions()).extracting(PlanAction::kind).containsExactly(PlanAction.Kind.CREATE_NETWORK,
                PlanAction.Kind.CREATE_VOLUME, PlanAction.Kind.CREATE, PlanAction.Kind.CREATE);
            assertThat(plan.actions()).extracting(PlanAction::name).containsExactly("shop_default", "shop_pg", "shop-db-1",
                "shop-web-1");
            Mockito.verifyNoInteractions(ops);
        }
    }

    @Test
    void aMissingExternalVolumeIsRefusedLikeAnApply() {
        DockerOps ops = Mockito.mock(DockerOps.class);
        Mockito.when(ops.findVolume("data")).thenReturn(Optional.empty());
        try (Store store = Store.openSqlite(dir.resolve("cm.db"))) {
            Inspections inspections = new Inspections(store, ops, Clock.systemUTC());
            assertThatThrownBy(() -> inspections.planNew("shop", ComposeLoader.load(
                "services: {web: {image: nginx, volumes: ['data:/d']}}\nvolumes: {data: {external: true}}\n", Map.of())))
                .isInstanceOf(CommandFailedException.class).hasMessageContaining("external volume 'data' does not exist");
        }
    }
}
