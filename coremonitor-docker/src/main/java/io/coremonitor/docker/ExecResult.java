package io.coremonitor.docker;

import java.util.Objects;

/**
 * What a command run in a container ({@link DockerOps#exec}) gave back.
 *
 * @param exitCode its exit status ({@code 126}/{@code 127}: Docker could not run it, e.g. no such executable)
 * @param stdout   its standard output, UTF-8, at most {@link #MAX_CAPTURED_BYTES} bytes, then {@link #TRUNCATED}
 * @param stderr   its standard error, likewise
 */
public record ExecResult(int exitCode, String stdout, String stderr) {

    /** How much of each stream is kept. */
    public static final int MAX_CAPTURED_BYTES = 64 * 1024;
    /** Appended to a stream that was cut at {@link #MAX_CAPTURED_BYTES}. */
    public static final String TRUNCATED = "\n[... truncated]";

    public ExecResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** Whether it exited with 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
