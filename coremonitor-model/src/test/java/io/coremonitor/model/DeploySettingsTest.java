package io.coremonitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code x-coremonitor-deploy} extension key: defaults per target, overrides, refusals, canonical form. */
class DeploySettingsTest {

    private static ServiceSpec app(String deploy) {
        return ComposeLoader.load("services: {app: {image: tomcat, x-coremonitor-deploy: " + deploy + "}}", Map.of())
            .services().get("app");
    }

    @ParameterizedTest
    @CsvSource({
        "nginx, /usr/share/nginx/html, 80",
        "tomcat, /usr/local/tomcat/webapps, 8080",
        "wildfly, /opt/jboss/wildfly/standalone/deployments, 8080"})
    void onlyTheTargetGivesTheOfficialImagesLayout(String target, String directory, int port) {
        assertThat(app("{target: " + target + "}").deploy())
            .contains(new DeploySettings(DeployKind.fromKey(target).orElseThrow(), directory, port));
    }

    @Test
    void theDirectoryKeyAndThePortOverrideTheDefaults() {
        assertThat(app("{target: tomcat, webapps: /opt/tomcat/webapps/, port: 9090}").deploy())
            .contains(new DeploySettings(DeployKind.TOMCAT, "/opt/tomcat/webapps", 9090));
        assertThat(app("{target: nginx, root: /srv/www}").deploy())
            .contains(new DeploySettings(DeployKind.NGINX, "/srv/www", 80));
    }

    @Test
    void aServiceWithoutTheKeyTakesNoArtifacts() {
        assertThat(ComposeLoader.load("services: {app: {image: x, x-other: 1}}", Map.of()).services().get("app").deploy())
            .isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{webapps: /a}|services.app.x-coremonitor-deploy|needs 'target': one of nginx, tomcat, wildfly",
        "{target: jetty}|services.app.x-coremonitor-deploy.target|unknown deploy target 'jetty'",
        "{target: tomcat, root: /a}|services.app.x-coremonitor-deploy.root|allowed are target, webapps and port",
        "{target: tomcat, webapps: relative}|services.app.x-coremonitor-deploy.webapps|must be an absolute path",
        "{target: nginx, root: /a/../etc}|services.app.x-coremonitor-deploy.root|must be an absolute path without '..'",
        "{target: nginx, root: /}|services.app.x-coremonitor-deploy.root|cannot be the container's root directory",
        "{target: wildfly, port: 70000}|services.app.x-coremonitor-deploy.port|must be between 1 and 65535",
        "tomcat|services.app.x-coremonitor-deploy|must be a mapping"})
    void badSettingsAreRefusedAtTheirPath(String deploy, String path, String message) {
        InvalidDefinitionException e = catchThrowableOfType(() -> app(deploy), InvalidDefinitionException.class);
        assertThat(e).isNotNull();
        assertThat(e.errors()).anySatisfy(err -> {
            assertThat(err.path()).isEqualTo(path);
            assertThat(err.message()).contains(message);
        });
    }

    @Test
    void theCanonicalFormKeepsTheSettingsCompleteAndLoadsBack() {
        ComposeDefinition short1 = ComposeLoader.load("services: {app: {image: x, x-coremonitor-deploy: {target: tomcat}}}",
            Map.of());
        ComposeDefinition long1 = ComposeLoader.load("services: {app: {image: x, x-coremonitor-deploy: "
            + "{target: tomcat, webapps: /usr/local/tomcat/webapps, port: 8080}}}", Map.of());
        String json = CanonicalJson.toJson(short1);
        assertThat(json).isEqualTo("{\"services\":{\"app\":{\"image\":\"x\",\"x-coremonitor-deploy\":"
            + "{\"port\":8080,\"target\":\"tomcat\",\"webapps\":\"/usr/local/tomcat/webapps\"}}}}");
        assertThat(CanonicalJson.toJson(long1)).isEqualTo(json);
        assertThat(CanonicalJson.parse(json)).isEqualTo(short1);
    }
}
