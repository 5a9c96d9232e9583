package io.coremonitor.docker;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a command runs in a container ({@code docker exec}'s options).
 *
 * @param user       user[:group]; the container's user when empty
 * @param privileged with extended privileges
 * @param workingDir working directory; the container's when empty
 * @param env        extra variables, {@code KEY=VALUE}
 */
public record ExecOptions(Optional<String> user, boolean privileged, Optional<String> workingDir, List<String> env) {

    /** The container's user and directory, no privilege, no extra variable. */
    public static final ExecOptions DEFAULT = new ExecOptions(Optional.empty(), false, Optional.empty(), List.of());

    public ExecOptions {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(workingDir, "workingDir");
        env = List.copyOf(env);
    }
}
