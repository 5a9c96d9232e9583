package io.coremonitor.engine.internal.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.model.ComposeLoader;
import io.coremonitor.model.ServiceSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fields named as the reasons of a RECREATE. */
class SpecDiffTest {

    private static ServiceSpec app(String keys) {
        return ComposeLoader.load("services: {app: {" + keys + "}}", Map.of()).services().get("app");
    }

    @Test
    void namesTheChangedFieldsInComposeSpelling() {
        assertThat(SpecDiff.changedFields(app("image: a, stop_grace_period: 1s"), app("image: b, stop_grace_period: 2s")))
            .containsExactly("image", "stop_grace_period");
    }

    @Test
    void whereApplicationsGoIsNotAContainerChange() {
        ServiceSpec plain = app("image: tomcat");
        ServiceSpec deploying = app("image: tomcat, x-coremonitor-deploy: {target: tomcat}");
        assertThat(SpecDiff.changedFields(plain, deploying)).isEmpty();
        assertThat(SpecDiff.changedFields(deploying, app("image: tomcat, x-coremonitor-deploy: {target: wildfly}")))
            .isEmpty();
    }
}
