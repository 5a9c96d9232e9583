package io.coremonitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Profiles as {@code docker compose --profile} activates them (compose's own example, and the references). */
class ProfilesTest {

    /** The example of the compose specification. */
    private static final ComposeDefinition SPEC = ComposeLoader.load(String.join("\n",
        "services:",
        "  web: {image: web_image}",
        "  test_lib: {image: test_lib_image, profiles: [test]}",
        "  coverage_lib: {image: coverage_lib_image, depends_on: [test_lib], profiles: [test]}",
        "  debug_lib: {image: debug_lib_image, depends_on: [test_lib], profiles: [debug]}",
        ""));

    @Test
    void servicesWithoutProfilesAreAlwaysEnabledOthersWhenOneOfTheirProfilesIs() {
        assertThat(Profiles.enabledServices(SPEC, List.of())).containsExactly("web");
        assertThat(Profiles.enabledServices(SPEC, List.of("test"))).containsExactly("coverage_lib", "test_lib", "web");
        assertThat(Profiles.enabledServices(SPEC, List.of("*"))).hasSize(4);
        assertThat(Profiles.disabledServices(SPEC, List.of())).containsExactly(Map.entry("coverage_lib", List.of("test")),
            Map.entry("debug_lib", List.of("debug")), Map.entry("test_lib", List.of("test")));
        assertThat(Profiles.check(SPEC, List.of())).isEmpty();
        assertThat(Profiles.check(SPEC, List.of("test"))).isEmpty();
        assertThat(Profiles.check(SPEC, List.of("debug", "test"))).isEmpty();
    }

    @Test
    void anEnabledServiceThatNeedsADisabledOneIsAnError() {
        assertThat(Profiles.check(SPEC, List.of("debug"))).containsExactly(new ValidationError(
            "services.debug_lib.depends_on.test_lib", "service 'test_lib' is disabled by its profiles (test; active profiles:"
                + " debug), and 'debug_lib' depends on it; activate one of its profiles, or declare the dependency"
                + " 'required: false'"));
        ComposeDefinition shared = ComposeLoader.load("services: {vpn: {image: v, profiles: [vpn]},"
            + " app: {image: a, network_mode: 'service:vpn'}, tool: {image: t, ipc: 'service:vpn', profiles: [tools]}}");
        assertThat(Profiles.check(shared, List.of("tools"))).extracting(ValidationError::path)
            .containsExactly("services.app.network_mode", "services.tool.ipc");
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
            () -> Profiles.apply(SPEC, List.of("debug")));
        assertThat(e.errors()).hasSize(1);
    }

    @Test
    void applyKeepsTheEnabledServicesAndDropsOptionalDependenciesOnDisabledOnes() {
        ComposeDefinition d = ComposeLoader.load("services: {app: {image: a, depends_on: {db: {condition: service_started},"
            + " metrics: {condition: service_started, required: false}}}, db: {image: d},"
            + " metrics: {image: m, profiles: [monitoring]}}\nvolumes: {data: {}}");
        ComposeDefinition off = Profiles.apply(d, List.of());
        assertThat(off.services()).containsOnlyKeys("app", "db");
        assertThat(off.services().get("app").lifecycle().dependsOn()).containsOnlyKeys("db");
        assertThat(off.volumes()).containsOnlyKeys("data");
        assertThat(CanonicalJson.parse(CanonicalJson.toJson(off))).isEqualTo(off);
        assertThat(Profiles.apply(d, List.of("monitoring"))).isEqualTo(d);
    }

    @Test
    void profileNamesAreChecked() {
        assertThat(Profiles.checkNames(List.of("debug", "*", "a.b-c_1", "x"), "profiles")).isEmpty();
        assertThat(Profiles.checkNames(List.of("-x", "", "debug", "debug", "a b"), "profiles"))
            .extracting(ValidationError::path).containsExactly("profiles[0]", "profiles[1]", "profiles[3]", "profiles[4]");
    }
}
