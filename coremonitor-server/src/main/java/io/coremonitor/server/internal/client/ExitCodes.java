package io.coremonitor.server.internal.client;

/**
 * The exit codes of the command-line client (documented in its {@code --help} and in README.md).
 *
 * <ul>
 *   <li>{@link #DONE} 0: done (with {@code --wait}: the command ended DONE)</li>
 *   <li>{@link #FAILED} 1: the command ended FAILED or CANCELLED, the definition is invalid (422), or the server refused
 *       what was asked for its content (404 no such stack, version or command; 409 a conflict; 413; 422), or a local
 *       file cannot be read</li>
 *   <li>{@link #USAGE} 2: usage error (unknown subcommand or option, missing or malformed argument; a 400 from the
 *       server: a parameter it does not take)</li>
 *   <li>{@link #UNREACHABLE} 3: the server cannot be reached or refused the client: no connection, 401/403 (the token),
 *       any 5xx (503: Docker or the database unreachable)</li>
 * </ul>
 */
public final class ExitCodes {

    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }

    /** The exit code for an HTTP error status of the API. */
    public static int forHttpStatus(int status) {
        if (status == 400) {
            return USAGE;
        }
        if (status == 401 || status == 403 || status >= 500) {
            return UNREACHABLE;
        }
        if (status >= 400) {
            return FAILED;
        }
        throw new IllegalArgumentException("HTTP " + status + " is not an error status");
    }
}
