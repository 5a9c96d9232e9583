package io.coremonitor.store;

import io.coremonitor.model.Command;
import io.coremonitor.model.Stack;
import io.coremonitor.model.VersionStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * A stack as a dashboard row shows it, read from the store alone (no Docker call).
 *
 * @param stack         the stack
 * @param statusVersion the version whose status {@code status} is: of the stack's current and latest versions, the
 *                      one whose status was recorded last (the latest when no current version has a status yet)
 * @param status        that version's stored status, empty when no command ever converged one of them
 * @param lastCommand   the stack's newest command (highest id), whatever its status
 */
public record StackOverview(Stack stack, Optional<String> statusVersion, Optional<VersionStatus> status,
        Optional<Command> lastCommand) {

    public StackOverview {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(statusVersion, "statusVersion");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastCommand, "lastCommand");
    }
}
