package io.coremonitor.server.internal.client;

import java.util.Collection;

/** The client's help texts. */
final class Help {

    static final String EXIT_CODES = String.join("\n",
        "exit codes:",
        "  0  done (with --wait: the command ended DONE)",
        "  1  failed: the command ended FAILED or CANCELLED, an invalid definition (its errors on stderr, one",
        "     'FILE:LINE:COLUMN: PATH: MESSAGE' or 'PATH: MESSAGE' per line), or refused for what it asks (no such",
        "     stack, version or command; a conflict), or a file that cannot be read",
        "  2  usage error (unknown command or option, missing or malformed argument)",
        "  3  the server is unreachable or refused the client (no connection, 401/403: the token, 5xx)",
        "");

    static final String SETTINGS = String.join("\n",
        "settings (first found wins):",
        "  server  --server URL, COREMONITOR_URL, 'server' in the config file, http://localhost:8080",
        "  token   COREMONITOR_TOKEN, 'token' in the config file (never printed; no flag: it would show in ps)",
        "  actor   COREMONITOR_ACTOR, 'actor' in the config file, the login name (sent as X-Actor)",
        "  config file: COREMONITOR_CLI_CONFIG, else ~/.config/coremonitor/cli.properties (XDG_CONFIG_HOME)",
        "");

    private Help() {
    }

    /** The overview: every subcommand with its summary, the settings and the exit codes. */
    static String overview(Collection<Syntax> commands) {
        StringBuilder b = new StringBuilder();
        b.append("usage: coremonitor [--server URL] [--json] COMMAND [ARGS...]   (coremonitor COMMAND --help for one)\n");
        b.append("       java -jar coremonitor-server.jar COMMAND ...\n");
        b.append("a client of a Core Monitor server's REST API; stacks are named by NAME\n\ncommands:\n");
        int width = commands.stream().mapToInt(s -> s.synopsis().length()).max().orElse(0);
        for (Syntax s : commands) {
            b.append("  ").append(Table.pad(s.synopsis(), width)).append("  ").append(s.summary()).append('\n');
        }
        b.append("\noptions of every command:\n");
        int optionWidth = Syntax.GLOBAL.stream().mapToInt(o -> o.usage().length()).max().orElse(0);
        for (Syntax.Option o : Syntax.GLOBAL) {
            b.append("  ").append(Table.pad(o.usage(), optionWidth)).append("  ").append(o.help()).append('\n');
        }
        return b.append('\n').append(SETTINGS).append('\n').append(EXIT_CODES).toString();
    }
}
