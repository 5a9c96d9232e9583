package io.coremonitor.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code post_start} or {@code pre_stop} hook: a command run in the service's container (as {@code docker exec}) after
 * it starts, or before Core Monitor stops it.
 *
 * @param command     the command, as words (a string is split like a shell would)
 * @param user        user[:group] it runs as; the container's user when empty
 * @param privileged  run with extended privileges
 * @param workingDir  working directory; the container's when empty
 * @param environment extra variables, by name (a name without a value: passed without one)
 */
public record ServiceHook(List<String> command, Optional<String> user, boolean privileged, Optional<String> workingDir,
        Map<String, Optional<String>> environment) {

    public ServiceHook {
        command = List.copyOf(command);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(workingDir, "workingDir");
        environment = ModelCollections.sortedMap(environment);
    }

    /** {@code KEY=VALUE} (or {@code KEY}) of each variable, for the exec call. */
    public List<String> environmentList() {
        return environment.entrySet().stream().map(e -> e.getKey() + e.getValue().map(v -> "=" + v).orElse("")).toList();
    }
}
