package io.coremonitor.server.internal.client;

import static io.coremonitor.server.internal.client.SyntaxTest.assertUsage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionsTest {

    private static final String TEXT = "services:\n  web:\n    image: nginx:${TAG:-1.27}\n    environment:\n"
        + "      A: $PLAIN\n      B: $$ESCAPED\n      C: $${ALSO_ESCAPED}\n      D: $$$AFTER_ESCAPE\n      E: ${UNSET}\n";

    @Test
    void onlyTheVariablesTheTextNamesAreSentAndVarWins() {
        Map<String, String> env = Map.of("TAG", "1.25", "PLAIN", "p", "ESCAPED", "e", "ALSO_ESCAPED", "e2",
            "AFTER_ESCAPE", "a", "SECRET_NOT_NAMED", "s");
        assertThat(Definitions.variables(TEXT, env, List.of())).containsExactly(Map.entry("AFTER_ESCAPE", "a"),
            Map.entry("PLAIN", "p"), Map.entry("TAG", "1.25"));
        assertThat(Definitions.variables(TEXT, env, List.of("TAG=1.27", "X=a=b"))).containsEntry("TAG", "1.27")
            .containsEntry("X", "a=b");
    }

    @Test
    void aMalformedVarIsAUsageError() {
        assertUsage(() -> Definitions.variables("", Map.of(), List.of("1X=2")), "--var '1X=2' is not KEY=VALUE");
        assertUsage(() -> Definitions.variables("", Map.of(), List.of("novalue")), "--var 'novalue' is not KEY=VALUE");
    }

    @Test
    void versionsAndCommandIds() {
        assertThat(Session.version("v3")).isEqualTo("v3");
        assertThat(Session.version("12")).isEqualTo("v12");
        assertUsage(() -> Session.version("latest"), "'latest' is not a version");
        assertUsage(() -> Session.version("v0"), "'v0' is not a version");
        assertThat(Session.commandId("7")).isEqualTo(7);
        assertUsage(() -> Session.commandId("-1"), "'-1' is not a command id");
        assertThat(LogsCommand.tail("all")).isEqualTo("all");
        assertThat(LogsCommand.tail("0")).isEqualTo("0");
        assertUsage(() -> LogsCommand.tail("10001"), "--tail '10001' is not 'all'");
    }
}
