package io.coremonitor.server.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyntaxTest {

    private final Syntax logs = Syntax.of("logs NAME [SERVICE]", "the output").flag("-f, --follow", "follow")
        .option("--tail", "N", "lines");
    private final Syntax stop = Syntax.of("stop NAME [SERVICE...]", "stop").flag("--wait", "wait");
    private final Syntax create = Syntax.of("create NAME", "create").option("-f, --file", "FILE", "file")
        .repeatable("--var", "KEY=VALUE", "var");

    @Test
    void positionalArgumentsAndOptionsInAnyOrder() {
        Syntax.Args a = logs.parse(List.of("-f", "shop", "--tail", "20", "web"));
        assertThat(a.get("NAME")).isEqualTo("shop");
        assertThat(a.optional("SERVICE")).contains("web");
        assertThat(a.flag("--follow")).isTrue();
        assertThat(a.option("--tail")).contains("20");
        Syntax.Args b = logs.parse(List.of("shop", "--tail=all", "--follow"));
        assertThat(b.optional("SERVICE")).isEmpty();
        assertThat(b.option("--tail")).contains("all");
        assertThat(b.flag("--follow")).isTrue();
    }

    @Test
    void aRepeatedArgumentTakesTheRest() {
        assertThat(stop.parse(List.of("shop", "web", "db", "--wait")).all("SERVICE")).containsExactly("web", "db");
        assertThat(stop.parse(List.of("shop")).all("SERVICE")).isEmpty();
    }

    @Test
    void repeatableOptionsAndTheEndOfOptions() {
        Syntax.Args a = create.parse(List.of("--var", "A=1", "-f", "-", "--var=B=2", "--", "-odd-name"));
        assertThat(a.options("--var")).containsExactly("A=1", "B=2");
        assertThat(a.option("--file")).contains("-");
        assertThat(a.get("NAME")).isEqualTo("-odd-name");
    }

    @Test
    void globalOptionsEverywhere() {
        Syntax.Args a = stop.parse(List.of("--server", "http://h:1", "shop", "--json"));
        assertThat(a.option("--server")).contains("http://h:1");
        assertThat(a.flag("--json")).isTrue();
        assertThat(stop.parse(List.of("shop", "--help")).helpAsked()).isTrue();
        assertThat(stop.parse(List.of("-h")).helpAsked()).as("help before the missing NAME is reported").isTrue();
    }

    @Test
    void mistakesAreUsageErrorsNamingThem() {
        assertUsage(() -> logs.parse(List.of()), "logs: missing NAME (usage: coremonitor logs NAME [SERVICE]");
        assertUsage(() -> logs.parse(List.of("a", "b", "c")), "logs: unexpected argument 'c'");
        assertUsage(() -> logs.parse(List.of("a", "--nope")), "logs: unknown option '--nope'");
        assertUsage(() -> logs.parse(List.of("a", "--tail")), "logs: --tail needs N");
        assertUsage(() -> logs.parse(List.of("a", "--follow=yes")), "logs: --follow takes no value");
        assertUsage(() -> create.parse(List.of("a", "-f", "x", "--file", "y")), "create: --file is given twice");
    }

    @Test
    void theHelpListsEveryOptionAndTheExitCodes() {
        assertThat(logs.usageLine()).isEqualTo("coremonitor logs NAME [SERVICE] [-f] [--tail N]");
        assertThat(logs.help()).contains("-f, --follow", "--tail N", "--server URL", "--json", "exit codes:",
            "3  the server is unreachable");
    }

    @Test
    void malformedSyntaxesAreRefused() {
        assertThatThrownBy(() -> Syntax.of("x A [B] C", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Syntax.of("x A...", "")).isInstanceOf(IllegalArgumentException.class);
    }

    static void assertUsage(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(e.getMessage()).startsWith(message);
        });
    }
}
