package io.coremonitor.store;

import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import java.util.Objects;
import java.util.Optional;

/** Which commands to list; every empty criterion matches all. */
public record CommandFilter(Optional<String> stackId, Optional<CommandStatus> status, Optional<CommandType> type) {

    public CommandFilter {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(type, "type");
    }

    public static CommandFilter all() {
        return new CommandFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static CommandFilter byStack(String stackId) {
        return all().withStack(stackId);
    }

    public static CommandFilter byStatus(CommandStatus status) {
        return all().withStatus(status);
    }

    public static CommandFilter byType(CommandType type) {
        return all().withType(type);
    }

    public CommandFilter withStack(String id) {
        return new CommandFilter(Optional.of(id), status, type);
    }

    public CommandFilter withStatus(CommandStatus s) {
        return new CommandFilter(stackId, Optional.of(s), type);
    }

    public CommandFilter withType(CommandType t) {
        return new CommandFilter(stackId, status, Optional.of(t));
    }
}
