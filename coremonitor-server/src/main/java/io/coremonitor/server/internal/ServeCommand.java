package io.coremonitor.server.internal;

import java.io.PrintStream;

/** The {@code serve} subcommand. A stub in this branch: the server engineer replaces it. */
public final class ServeCommand {

    private ServeCommand() {
    }

    /** Runs the server; returns the process exit code (the server keeps running when it starts). */
    public static int run(String[] args) {
        return run(args, System.err);
    }

    static int run(String[] args, PrintStream err) {
        err.println("serve: not implemented in this branch");
        return 2;
    }
}
