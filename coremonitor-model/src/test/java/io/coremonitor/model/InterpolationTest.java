package io.coremonitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InterpolationTest {

    private static final Map<String, String> VARS = Map.of("SET", "value", "EMPTY", "", "B", "bee", "TAG", "1.27");

    private static String interpolate(String template) {
        String yaml = "services:\n  web:\n    image: nginx\n    environment:\n      X: '" + template.replace("'", "''") + "'\n";
        return ComposeLoader.load(yaml, VARS).services().get("web").process().environment().get("X").orElseThrow();
    }

    static Stream<Arguments> forms() {
        return Stream.of(
            Arguments.of("$SET", "value"),
            Arguments.of("${SET}", "value"),
            Arguments.of("a-${SET}-b", "a-value-b"),
            Arguments.of("$SET/$B", "value/bee"),
            Arguments.of("${UNSET}", ""),
            Arguments.of("$UNSET", ""),
            Arguments.of("${UNSET:-default}", "default"),
            Arguments.of("${EMPTY:-default}", "default"),
            Arguments.of("${SET:-default}", "value"),
            Arguments.of("${UNSET-default}", "default"),
            Arguments.of("${EMPTY-default}", ""),
            Arguments.of("${SET:?must be set}", "value"),
            Arguments.of("${EMPTY?must be set}", ""),
            Arguments.of("${SET:+alt}", "alt"),
            Arguments.of("${EMPTY:+alt}", ""),
            Arguments.of("${EMPTY+alt}", "alt"),
            Arguments.of("${UNSET+alt}", ""),
            Arguments.of("${UNSET:+alt}", ""),
            Arguments.of("$$", "$"),
            Arguments.of("$${SET}", "${SET}"),
            Arguments.of("cost: $$5", "cost: $5"),
            Arguments.of("${UNSET:-${B}}", "bee"),
            Arguments.of("${UNSET:-${ALSO_UNSET:-deep}}", "deep"),
            Arguments.of("${UNSET:-x${B}y}", "xbeey"),
            Arguments.of("${SET:-${B}}", "value"),
            Arguments.of("${UNSET:-}", ""),
            Arguments.of("${UNSET:-a:b}", "a:b"),
            Arguments.of("${UNSET:-{}}", "{}"),
            Arguments.of("no variables", "no variables"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("forms")
    void interpolates(String template, String expected) {
        assertThat(interpolate(template)).isEqualTo(expected);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
            Arguments.of("${UNSET:?please set it}", "required variable UNSET is missing a value: please set it"),
            Arguments.of("${EMPTY:?please set it}", "required variable EMPTY is missing a value: please set it"),
            Arguments.of("${UNSET?}", "required variable UNSET is missing a value"),
            Arguments.of("${UNSET:?need ${B}}", "required variable UNSET is missing a value: need bee"),
            Arguments.of("${", "'${' is not closed by '}'"),
            Arguments.of("${SET", "'${' is not closed by '}'"),
            Arguments.of("${SET:-${B}", "'${' is not closed by '}'"),
            Arguments.of("${}", "does not start with a variable name"),
            Arguments.of("${1A}", "does not start with a variable name"),
            Arguments.of("${SET!x}", "unknown operator"),
            Arguments.of("trailing $", "a '$' must be followed by a name"),
            Arguments.of("$5", "a '$' must be followed by a name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void refusesWithThePathOfTheValue(String template, String message) {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> interpolate(template));
        assertThat(e).isNotNull();
        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().get(0).path()).isEqualTo("services.web.environment.X");
        assertThat(e.errors().get(0).message()).contains(message);
    }

    @Test
    void interpolatesEveryStringValueButNotKeys() {
        String yaml = String.join("\n",
            "services:",
            "  web:",
            "    image: nginx:${TAG}",
            "    ports: ['${PORT:-8080}:80']",
            "    labels:",
            "      $SET: ${SET}",
            "    command: [echo, '${B}']",
            "    healthcheck: {test: 'curl -f http://localhost/${SET}', interval: '${IVL:-15s}'}",
            "    privileged: ${PRIV:-false}",
            "");
        ServiceSpec web = ComposeLoader.load(yaml, VARS).services().get("web");
        assertThat(web.process().image()).isEqualTo("nginx:1.27");
        assertThat(web.networking().ports()).singleElement().satisfies(p -> {
            assertThat(p.target()).isEqualTo(80);
            assertThat(p.published()).contains(PortRange.single(8080));
        });
        assertThat(web.metadata().labels()).containsExactly(Map.entry("$SET", "value"));
        assertThat(web.process().command()).contains(java.util.List.of("echo", "bee"));
        assertThat(web.lifecycle().healthcheck().orElseThrow().interval()).contains(java.time.Duration.ofSeconds(15));
        assertThat(web.security().privileged()).isFalse();
    }

    @Test
    void unsetVariablesAreWarnings() {
        LoadResult r = ComposeLoader.loadWithWarnings("services: {web: {image: 'nginx$NOPE'}}", Map.of());
        assertThat(r.definition().services().get("web").process().image()).isEqualTo("nginx");
        assertThat(r.warnings()).containsExactly(
            new ValidationError("services.web.image", "variable NOPE is not set; using an empty string"));
    }

    @Test
    void keysNamedLikeExtensionsInDataMapsAreInterpolated() {
        ServiceSpec web = ComposeLoader.load("services: {web: {image: x, environment: {x-api-key: '${SET}'}, labels: {x-a: $B}}}", VARS)
            .services().get("web");
        assertThat(web.process().environment()).containsEntry("x-api-key", Optional.of("value"));
        assertThat(web.metadata().labels()).containsEntry("x-a", "bee");
    }

    @Test
    void extensionsAreInterpolatedLikeCompose() {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
            () -> ComposeLoader.load("x-raw: '${NOT_CLOSED'\nservices: {web: {image: nginx}}", Map.of()));
        assertThat(e.errors()).extracting(ValidationError::path).containsExactly("x-raw");
    }

    @Test
    void environmentEntriesWithoutValueComeFromTheVariables() {
        ServiceSpec web = ComposeLoader.load("services: {web: {image: x, environment: [SET, UNSET, 'K=v']}}", VARS)
            .services().get("web");
        assertThat(web.process().environment()).containsExactly(
            Map.entry("K", Optional.of("v")), Map.entry("SET", Optional.of("value")), Map.entry("UNSET", Optional.empty()));
    }
}
