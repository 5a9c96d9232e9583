package io.coremonitor.engine.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.docker.DockerOps;
import io.coremonitor.model.Artifact;
import io.coremonitor.model.DeployKind;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** What each target refuses before touching a container. */
class ContextPathsTest {

    private final DockerOps ops = Mockito.mock(DockerOps.class);

    @Test
    void contextPaths() {
        assertThat(ContextPaths.refuses("/", 5)).isEmpty();
        assertThat(ContextPaths.refuses("/shop", 1)).isEmpty();
        assertThat(ContextPaths.refuses("/shop/v-1.2_x", 5)).isEmpty();
        assertThat(ContextPaths.refuses("/shop/admin", 1)).get().asString().contains("at most 1");
        assertThat(ContextPaths.refuses("shop", 5)).isPresent();
        assertThat(ContextPaths.refuses("/shop/", 5)).isPresent();
        assertThat(ContextPaths.refuses("//shop", 5)).isPresent();
        assertThat(ContextPaths.refuses("/a/../b", 5)).isPresent();
        assertThat(ContextPaths.refuses("/a/./b", 5)).isPresent();
        assertThat(ContextPaths.refuses("/.hidden", 5)).isPresent();
        assertThat(ContextPaths.refuses("/a#b", 5)).isPresent();
        assertThat(ContextPaths.refuses("/a b", 5)).isPresent();
        assertThat(ContextPaths.refuses("/ROOT", 5)).isPresent();
    }

    @Test
    void tomcatNames() {
        assertThat(ContextPaths.baseName("/")).isEqualTo("ROOT");
        assertThat(ContextPaths.baseName("/a")).isEqualTo("a");
        assertThat(ContextPaths.baseName("/a/b")).isEqualTo("a#b");
    }

    @Test
    void artifactsEachTargetTakes() {
        DeployTarget nginx = DeployTargets.of(DeployKind.NGINX, ops, Clock.systemUTC());
        DeployTarget tomcat = DeployTargets.of(DeployKind.TOMCAT, ops, Clock.systemUTC());
        DeployTarget wildfly = DeployTargets.of(DeployKind.WILDFLY, ops, Clock.systemUTC());

        assertThat(nginx.kind()).isEqualTo(DeployKind.NGINX);
        assertThat(nginx.refuses(artifact("site.tgz"))).isEmpty();
        assertThat(nginx.refuses(artifact("site.zip"))).isEmpty();
        assertThat(nginx.refuses(artifact("app.war"))).isPresent();
        assertThat(tomcat.refuses(artifact("shop-1.4.WAR"))).isEmpty();
        assertThat(tomcat.refuses(artifact("shop.ear"))).get().asString().contains(".war");
        assertThat(wildfly.refuses(artifact("shop.war"))).isEmpty();
        assertThat(wildfly.refuses(artifact("shop-1.0.ear"))).isEmpty();
        assertThat(wildfly.refuses(artifact("ejb.jar"))).isEmpty();
        assertThat(wildfly.refuses(artifact(".hidden.ear"))).isPresent();
        assertThat(wildfly.refuses(artifact("site.zip"))).isPresent();
        assertThat(wildfly.refusesPath("/a")).isEmpty();
        assertThat(wildfly.refusesPath("/a/b")).isPresent();
        Mockito.verifyNoInteractions(ops);
    }

    private static Artifact artifact(String name) {
        return new Artifact("0".repeat(64), name, 1, "application/octet-stream", Instant.EPOCH, "test");
    }
}
