package io.coremonitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every error and warning of a loaded text knows its line and column (1-based) in the text as it was given. */
class ComposeLoaderPositionsTest {

    private static ValidationReport validate(String text) {
        return ComposeLoader.validate(text, Map.of());
    }

    /** The one error at this path, with its position. */
    private static LocatedError error(ValidationReport report, String path) {
        List<LocatedError> at = report.errors().stream().filter(e -> e.path().equals(path)).toList();
        assertThat(at).as(report.errors().toString()).hasSize(1);
        return at.get(0);
    }

    private static SourcePosition at(int line, int column) {
        return new SourcePosition(line, column);
    }

    @Test
    void aYamlSyntaxErrorIsAtItsMark() {
        ValidationReport r = validate("services:\n  web:\n    image: nginx\n    ports: [80\n  db: {}\n");
        assertThat(r.valid()).isFalse();
        LocatedError e = error(r, "");
        assertThat(e.message()).startsWith("YAML error at line 5, column 5");
        assertThat(e.position()).contains(at(5, 5));
        assertThat(r.definition()).isEmpty();
    }

    @Test
    void aDuplicateKeyIsAtTheSecondKey() {
        LocatedError e = error(validate("services:\n  web:\n    image: a\n    image: b\n"), "");
        assertThat(e.message()).contains("duplicate key image");
        assertThat(e.position()).contains(at(4, 5));
    }

    @Test
    void aBadListItemIsAtThatItem() {
        String text = "services:\n  web:\n    image: nginx\n    ports:\n      - \"8080:80\"\n      - \"99999:80\"\n";
        LocatedError e = error(validate(text), "services.web.ports[1]");
        assertThat(e.message()).contains("99999 is out of range");
        assertThat(e.position()).contains(at(6, 9));
    }

    @Test
    void aBadItemOfAFlowListIsAtItsColumn() {
        LocatedError e = error(validate("services:\n  web:\n    image: nginx\n    ports: ['8080:80', '80:80/xyz']\n"),
                "services.web.ports[1]");
        assertThat(e.position()).contains(at(4, 24));
    }

    @Test
    void aMissingKeyIsAtTheMappingThatLacksIt() {
        ValidationReport r = validate("services:\n  db:\n    image: postgres\n  web:\n    command: [a]\n");
        LocatedError e = error(r, "services.web");
        assertThat(e.message()).startsWith("missing required key 'image'");
        assertThat(e.position()).contains(at(4, 3));
    }

    @Test
    void anUnknownTopLevelKeyIsAtTheKey() {
        LocatedError e = error(validate("# a comment\nservices:\n  web:\n    image: nginx\n\nservics: {}\n"), "servics");
        assertThat(e.message()).contains("unknown key 'servics'");
        assertThat(e.position()).contains(at(6, 1));
    }

    @Test
    void aBadValueOfAMappingEntryIsAtItsKey() {
        LocatedError e = error(validate("services:\n  web:\n    image: nginx\n    tty: perhaps\n"), "services.web.tty");
        assertThat(e.position()).contains(at(4, 5));
    }

    @Test
    void aPathBelowAMissingKeyIsAtTheDeepestValueThatExists() {
        // depends_on given as a list: the error names depends_on.c, which is no key of the text
        LocatedError e = error(validate("services:\n  web:\n    image: nginx\n    depends_on: [c]\n"),
                "services.web.depends_on.c");
        assertThat(e.position()).contains(at(4, 5));
    }

    @Test
    void aQuotedKeyIsFound() {
        String text = "services:\n  web:\n    image: nginx\n    labels:\n      com.example.a: x\n      com.example.b: [1]\n";
        LocatedError e = error(validate(text), "services.web.labels[\"com.example.b\"]");
        assertThat(e.position()).contains(at(6, 7));
    }

    @Test
    void anInterpolatedVariableOnALaterLineKeepsThePositionsOfTheText() {
        // the value of A spans three lines once interpolated; the error after it is still on line 5 of the text
        String text = "services:\n  web:\n    image: ${A}\n    environment: {X: \"${B}\"}\n    restart: ${R}\n";
        ValidationReport r = ComposeLoader.validate(text, Map.of("A", "nginx\n\n\nlatest", "R", "sometimes"));
        assertThat(error(r, "services.web.restart").position()).contains(at(5, 5));
        assertThat(r.warnings()).extracting(LocatedError::path).containsExactly("services.web.environment.X");
        assertThat(r.warnings().get(0).message()).contains("variable B is not set");
        assertThat(r.warnings().get(0).position()).contains(at(4, 19));
    }

    @Test
    void aRequiredVariableWithoutValueIsAtItsValue() {
        LocatedError e = error(validate("services:\n  web:\n    image: nginx\n    hostname: \"${H:?the host}\"\n"),
                "services.web.hostname");
        assertThat(e.message()).contains("required variable H is missing a value");
        assertThat(e.position()).contains(at(4, 5));
    }

    @Test
    void crlfLineEndsCountOnce() {
        String text = "services:\r\n  web:\r\n    image: nginx\r\n    ports:\r\n      - \"8080:80\"\r\n      - \"99999:80\"\r\n";
        assertThat(error(validate(text), "services.web.ports[1]").position()).contains(at(6, 9));
        LocatedError syntax = error(validate("services:\r\n  web:\r\n    image: [nginx\r\n"), "");
        assertThat(syntax.position()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(4));
    }

    @Test
    void aTabIsOneColumn() {
        // a tab inside a quoted value counts one column
        String text = "services:\n  web:\n    image: nginx\n    environment: {A: \"x\ty\", B: [1]}\n";
        assertThat(error(validate(text), "services.web.environment.B").position()).contains(at(4, 29));
        // SnakeYAML refuses a tab after a key's colon: the error is at the tab, after 6 characters and 4 spaces
        LocatedError afterKey = error(validate("services:\n  web:\n    image:\tnginx\n"), "");
        assertThat(afterKey.position()).contains(at(3, 11));
        LocatedError indented = error(validate("services:\n  web:\n\t\timage: nginx\n"), "");
        assertThat(indented.message()).contains("TAB");
        assertThat(indented.position()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(3));
    }

    @Test
    void documentWideErrorsAreAtTheStart() {
        assertThat(error(validate("\n\n# nothing\n"), "").position()).contains(SourcePosition.START);
        assertThat(error(validate("- a\n- b\n"), "").position()).contains(SourcePosition.START);
        assertThat(error(validate("services: {}\nx: !!binary aGVsbG8=\n"), "x").position()).contains(at(2, 1));
    }

    @Test
    void mergeKeysPointAtTheAnchoredValues() {
        String text = "x-base: &base\n  image: nginx\n  tty: perhaps\nservices:\n  web:\n    <<: *base\n    hostname: web\n";
        assertThat(error(validate(text), "services.web.tty").position()).contains(at(3, 3));
    }

    @Test
    void jsonTextHasPositionsToo() {
        String text = "\n{\n  \"services\": {\n    \"web\": {\n      \"image\": \"nginx\",\n      \"ports\": [\"8080:80\", \"0:80\"]\n"
                + "    }\n  }\n}\n";
        assertThat(error(validate(text), "services.web.ports[1]").position()).contains(at(6, 28));
        LocatedError syntax = error(validate("\uFEFF{\"services\": {\n  \"web\": {\"image\": nginx}}}"), "");
        assertThat(syntax.message()).startsWith("JSON syntax error at line 2");
        assertThat(syntax.position()).hasValueSatisfying(p -> assertThat(p.line()).isEqualTo(2));
        ComposeDefinition loaded = ComposeLoader.load("  {\"services\": {\"web\": {\"image\": \"nginx\", \"cpus\": 1.5,"
                + " \"pids_limit\": 100}}}");
        assertThat(loaded.services()).containsKey("web");
    }

    @Test
    void warningsOfAnInvalidDefinitionAreReportedAndLocated() {
        ValidationReport r = validate("version: '3'\nservices:\n  web:\n    image: nginx:${TAG}\n    tty: perhaps\n");
        assertThat(r.valid()).isFalse();
        assertThat(r.warnings()).extracting(LocatedError::path).containsExactly("services.web.image", "version");
        assertThat(r.warnings()).extracting(w -> w.position().orElseThrow())
                .containsExactly(at(4, 5), at(1, 1));
    }

    @Test
    void theLoaderThrowsTheSameErrorsWithTheirPositions() {
        String text = "services:\n  web:\n    image: nginx\n    tty: perhaps\n    restart: sometimes\n";
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> ComposeLoader.load(text));
        assertThat(e.locatedErrors()).extracting(LocatedError::error).isEqualTo(e.errors());
        assertThat(e.locatedErrors()).extracting(l -> l.position().orElseThrow()).containsExactly(at(5, 5), at(4, 5));
        assertThat(e.locatedErrors()).isEqualTo(validate(text).errors());

        LoadResult ok = ComposeLoader.loadWithWarnings("services:\n  web:\n    image: nginx${SUFFIX}\n", Map.of());
        assertThat(ok.locatedWarnings()).extracting(LocatedError::error).isEqualTo(ok.warnings());
        assertThat(ok.locatedWarnings().get(0).position()).contains(at(3, 5));
        assertThat(validate("services:\n  web:\n    image: nginx\n").definition()).isPresent();
    }

    @Test
    void errorsMadeOutsideTheLoaderHaveNoPosition() {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> Names.checkStackName("Not A Name"));
        assertThat(e.locatedErrors()).extracting(LocatedError::position).containsExactly(Optional.empty());
        assertThat(new InvalidDefinitionException("a", "b").locatedErrors().get(0).toString()).isEqualTo("a: b");
        assertThat(LocatedError.at(new ValidationError("a", "b"), at(2, 3)).toString()).isEqualTo("2:3: a: b");
        assertThatThrownBy(() -> new SourcePosition(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
