package io.coremonitor.engine.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.engine.internal.artifacts.ArtifactType;
import io.coremonitor.model.Artifact;
import io.coremonitor.model.DeployKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What each target refuses before anything is queued or a container touched. */
class DeployRulesTest {

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
        assertThat(DeployRules.refuses(DeployKind.NGINX, artifact("site.tgz"))).isEmpty();
        assertThat(DeployRules.refuses(DeployKind.NGINX, artifact("site.zip"))).isEmpty();
        assertThat(DeployRules.refuses(DeployKind.NGINX, artifact("app.war"))).get().asString().contains(".tar.gz");
        assertThat(DeployRules.refuses(DeployKind.TOMCAT, artifact("shop-1.4.WAR"))).isEmpty();
        assertThat(DeployRules.refuses(DeployKind.TOMCAT, artifact("shop.ear"))).get().asString().contains(".war");
        assertThat(DeployRules.refuses(DeployKind.TOMCAT, artifact("site.tar.gz"))).isPresent();
        assertThat(DeployRules.refuses(DeployKind.WILDFLY, artifact("shop.war"))).isEmpty();
        assertThat(DeployRules.refuses(DeployKind.WILDFLY, artifact("shop-1.0.ear"))).isEmpty();
        assertThat(DeployRules.refuses(DeployKind.WILDFLY, artifact("ejb.jar"))).isEmpty();
        assertThat(DeployRules.refuses(DeployKind.WILDFLY, artifact(".hidden.ear"))).isPresent();
        assertThat(DeployRules.refuses(DeployKind.WILDFLY, artifact("site.zip"))).isPresent();
    }

    @Test
    void pathsEachTargetTakes() {
        Artifact war = artifact("app.war");
        assertThat(DeployRules.refusesPath(DeployKind.NGINX, artifact("site.zip"), "/")).isEmpty();
        assertThat(DeployRules.refusesPath(DeployKind.NGINX, artifact("site.zip"), "/app")).get().asString()
            .contains("\"/\" only");
        assertThat(DeployRules.refusesPath(DeployKind.TOMCAT, war, "/a/b")).isEmpty();
        assertThat(DeployRules.refusesPath(DeployKind.TOMCAT, war, "/a/../b")).isPresent();
        assertThat(DeployRules.refusesPath(DeployKind.TOMCAT, war, "/a#b")).isPresent();
        assertThat(DeployRules.refusesPath(DeployKind.TOMCAT, war, "/" + "a".repeat(200))).get().asString()
            .contains("at most 200");
        assertThat(DeployRules.refusesPath(DeployKind.WILDFLY, war, "/a")).isEmpty();
        assertThat(DeployRules.refusesPath(DeployKind.WILDFLY, war, "/a/b")).get().asString().contains("at most 1");
        assertThat(DeployRules.refusesPath(DeployKind.WILDFLY, artifact("shop.ear"), "/shop/health")).isEmpty();
    }

    @Test
    void defaultAndNormalisedPaths() {
        assertThat(DeployRules.defaultPath(DeployKind.NGINX, ArtifactType.TAR_GZ, "site-v1.tar.gz")).isEqualTo("/");
        assertThat(DeployRules.defaultPath(DeployKind.TOMCAT, ArtifactType.WAR, "hello-v1.war")).isEqualTo("/hello-v1");
        assertThat(DeployRules.normalise(" /shop/ ")).isEqualTo("/shop");
        assertThat(DeployRules.normalise("/")).isEqualTo("/");
    }

    private static Artifact artifact(String name) {
        return new Artifact("0".repeat(64), name, 1, "application/octet-stream", Instant.EPOCH, "test");
    }
}
