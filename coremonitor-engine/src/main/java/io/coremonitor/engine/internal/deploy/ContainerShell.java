package io.coremonitor.engine.internal.deploy;

import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ExecResult;
import io.coremonitor.docker.ExecTimeoutException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The commands a target runs in one container: each a plain exec, a failure a {@link DeployFailedException}. */
final class ContainerShell {

    private final DockerOps ops;
    private final String containerId;
    private final Duration timeout;

    ContainerShell(DockerOps ops, String containerId, Duration timeout) {
        this.ops = ops;
        this.containerId = containerId;
        this.timeout = timeout;
    }

    /** Runs {@code command}; whatever its exit code. */
    ExecResult exec(List<String> command) {
        try {
            return ops.exec(containerId, command, timeout);
        } catch (ExecTimeoutException e) {
            throw new DeployFailedException(e.getMessage(), e);
        }
    }

    /**
     * Runs a {@code sh -c} script with {@code args} as its positional parameters ($1, $2...: never spliced into the
     * script) and returns its stdout.
     *
     * @throws DeployFailedException naming {@code what} and the script's stderr when it exits non-zero
     */
    String script(String what, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        command.addAll(List.of(args));
        ExecResult result = exec(command);
        if (!result.succeeded()) {
            throw new DeployFailedException(what + " failed in the container (exit " + result.exitCode() + "): "
                + firstNonBlank(result.stderr(), result.stdout()));
        }
        return result.stdout();
    }

    /** Whether {@code path} exists in the container (a dangling symlink counts). */
    boolean exists(String path) {
        return exec(List.of("sh", "-c", "[ -e \"$1\" ] || [ -L \"$1\" ]", "sh", path)).succeeded();
    }

    /** The numeric owner of {@code path}, from {@code stat -c %u:%g}. */
    Owner ownerOf(String path) {
        return Owner.parse(script("reading the owner of " + path, "stat -c %u:%g -- \"$1\"", path).strip());
    }

    /** Uploads a tar file into an existing directory of the container. */
    void upload(String directory, Path tar) {
        ops.copyToContainer(containerId, directory, tar);
    }

    /** An instant printed by {@code date +%s.%N} (the container's clock: the kernel's, which stamps logs and files). */
    static Instant parseEpoch(String seconds) {
        BigDecimal value = new BigDecimal(seconds.strip());
        long whole = value.longValue();
        long nanos = value.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    static String firstNonBlank(String first, String second) {
        String text = first.isBlank() ? second : first;
        return text.isBlank() ? "(no output)" : text.strip();
    }

    /** The parent of an absolute path ("/" for a top-level one). */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** The last segment of an absolute path. */
    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code directory + "/" + name} without a doubled slash. */
    static String join(String directory, String name) {
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }
}
