package io.coremonitor.server.internal.client;

import java.util.List;

/**
 * Ends a client run: a message for one line on stderr, detail lines after it (validation errors, one per line), and
 * the exit code.
 */
class CliException extends RuntimeException {

    private final int exitCode;
    private final List<String> details;

    CliException(int exitCode, String message) {
        this(exitCode, message, List.of());
    }

    CliException(int exitCode, String message, List<String> details) {
        super(message);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
    }

    int exitCode() {
        return exitCode;
    }

    List<String> details() {
        return details;
    }

    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }
}
