package io.coremonitor.server.internal.cli;

import java.io.PrintStream;

/** Usage texts of the command line. */
public final class Usage {

    public static final String MAIN = String.join("\n",
        "usage: java -jar coremonitor-server.jar [serve] [--host H] [--port P] [--db DB] [--data-dir DIR] [--token T] ...",
        "       java -jar coremonitor-server.jar config -f FILE [--var KEY=VALUE ...]",
        "       java -jar coremonitor-server.jar [--server URL] [--json] COMMAND ...   (the REST client: stacks, create,",
        "           push, diff, plan, apply, rollback, history, ps, logs, start, stop, restart, deploy, commands, cancel,",
        "           retry, delete; scripts/coremonitor runs it)");

    private Usage() {
    }

    /** Prints every form of the jar's command line, and an empty line. */
    public static void forms(PrintStream out) {
        out.println(MAIN);
        out.println();
    }

    /** Reports an unknown subcommand; returns exit code 2. */
    public static int unknownCommand(String command, PrintStream err) {
        err.println("coremonitor: unknown command '" + command + "'");
        err.println(MAIN);
        return 2;
    }
}
