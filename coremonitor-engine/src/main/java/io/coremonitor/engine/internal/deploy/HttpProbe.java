package io.coremonitor.engine.internal.deploy;

import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ExecResult;
import io.coremonitor.docker.ExecTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP GET from inside the container: bash's {@code /dev/tcp} to 127.0.0.1:port, HTTP/1.0, the status line only.
 * Needs bash in the image (no curl or wget: the official nginx and Tomcat images may have neither); no published port.
 */
public final class HttpProbe {

    /** Exit codes of the script below, each a reason. */
    private static final int NO_CONNECTION = 97;
    private static final int NOT_SENT = 98;
    private static final int NO_ANSWER = 99;
    private static final String SCRIPT = """
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97
        printf 'GET %s HTTP/1.0\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' "$2" >&3 || exit 98
        IFS= read -r -t "$3" status <&3 || exit 99
        printf '%s\\n' "$status"
        """;
    private static final Pattern STATUS = Pattern.compile("^HTTP/\\d(?:\\.\\d)? (\\d{3})(?: .*)?$");
    private static final Duration EXEC_MARGIN = Duration.ofSeconds(5);

    private final DockerOps ops;

    public HttpProbe(DockerOps ops) {
        this.ops = Objects.requireNonNull(ops, "ops");
    }

    /**
     * The status of {@code GET path} on {@code 127.0.0.1:port} in the container.
     *
     * @param path    the request path, absolute, without spaces or control characters
     * @param timeout how long the answer's status line may take
     * @throws ProbeFailedException when nothing answered (connection refused, no bash, timeout, not HTTP...)
     */
    public int get(String containerId, int port, String path, Duration timeout) {
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new IllegalArgumentException("a probe path is absolute, without spaces or control characters: " + path);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        String where = "GET http://127.0.0.1:" + port + path + " in the container";
        ExecResult result;
        try {
            result = ops.exec(containerId, List.of("bash", "-c", SCRIPT, "probe", Integer.toString(port), path, Long.toString(seconds)),
                timeout.plus(EXEC_MARGIN));
        } catch (ExecTimeoutException e) {
            throw new ProbeFailedException(where + ": no answer within " + timeout.toMillis() + " ms", e);
        }
        switch (result.exitCode()) {
            case 0:
                break;
            case NO_CONNECTION:
                throw new ProbeFailedException(where + ": cannot connect (" + reason(result) + ")");
            case NOT_SENT:
                throw new ProbeFailedException(where + ": the request could not be sent (" + reason(result) + ")");
            case NO_ANSWER:
                throw new ProbeFailedException(where + ": no status line within " + seconds + " s (closed or timed out)");
            case 126:
            case 127:
                throw new ProbeFailedException(where + ": the container cannot run bash, which the probe needs (" + reason(result) + ")");
            default:
                throw new ProbeFailedException(where + ": the probe exited " + result.exitCode() + " (" + reason(result) + ")");
        }
        String line = result.stdout().strip();
        Matcher status = STATUS.matcher(line);
        if (!status.matches()) {
            throw new ProbeFailedException(where + ": the answer is not HTTP: \"" + abbreviate(line) + "\"");
        }
        return Integer.parseInt(status.group(1));
    }

    private static String reason(ExecResult result) {
        String text = ContainerShell.firstNonBlank(result.stderr(), result.stdout());
        return abbreviate(text.lines().findFirst().orElse(text));
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
