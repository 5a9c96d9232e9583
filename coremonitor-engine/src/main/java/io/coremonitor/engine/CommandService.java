package io.coremonitor.engine;

import io.coremonitor.engine.internal.CancelRequests;
import io.coremonitor.engine.internal.Listeners;
import io.coremonitor.engine.internal.Payloads;
import io.coremonitor.engine.internal.Transitions;
import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandStatusConflictException;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.IllegalTransitionException;
import io.coremonitor.model.InvalidDefinitionException;
import io.coremonitor.model.LogLevel;
import io.coremonitor.model.Page;
import io.coremonitor.model.Profiles;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.ValidationError;
import io.coremonitor.store.CommandFilter;
import io.coremonitor.store.NewCommand;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * WRITE commands: validates each against the current state, persists it PENDING at the end of the queue (with who
 * asked), audits it and wakes the worker. Also cancel, retry and the command queries.
 *
 * <p>Validation errors: {@link io.coremonitor.model.StackNotFoundException} (no such stack),
 * {@link io.coremonitor.model.VersionNotFoundException} (no such version), {@link CommandRejectedException} (the
 * action does not apply: deleted stack, no current version, unknown service, ...),
 * {@link io.coremonitor.model.CommandNotFoundException} and {@link IllegalTransitionException} for cancel and retry.
 */
public final class CommandService {

    private static final int MAX_CANCEL_ROUNDS = 8;

    private final Store store;
    private final Listeners listeners;
    private final CancelRequests cancels;
    private final Runnable wakeUp;

    CommandService(Store store, Listeners listeners, CancelRequests cancels, Runnable wakeUp) {
        this.store = store;
        this.listeners = listeners;
        this.cancels = cancels;
        this.wakeUp = wakeUp;
    }

    /** APPLY_STACK_VERSION: converge the stack to one of its versions. */
    public Command apply(String stackId, String version, boolean autoRollback, String actor) {
        return apply(stackId, version, autoRollback, List.of(), false, actor);
    }

    /**
     * APPLY_STACK_VERSION: converge the stack to one of its versions; with {@code recreateVolumes} a volume whose
     * settings changed is recreated (its data is lost), without it such a plan is refused.
     */
    public Command apply(String stackId, String version, boolean autoRollback, boolean recreateVolumes, String actor) {
        return apply(stackId, version, autoRollback, List.of(), recreateVolumes, actor);
    }

    /** APPLY_STACK_VERSION with these compose profiles active (see {@link #apply(String, String, boolean, List, boolean, String)}). */
    public Command apply(String stackId, String version, boolean autoRollback, List<String> profiles, String actor) {
        return apply(stackId, version, autoRollback, profiles, false, actor);
    }

    /**
     * APPLY_STACK_VERSION with these compose profiles active (recorded in the payload): services with
     * {@code profiles} are deployed only when one of theirs is active (see {@link io.coremonitor.model.Profiles});
     * with {@code recreateVolumes} a volume whose settings changed is recreated (its data is lost), without it such a
     * plan is refused.
     *
     * @throws InvalidDefinitionException when a profile name is not one ({@code profiles[i]}), or when an enabled
     *                                    service needs a disabled one
     */
    public Command apply(String stackId, String version, boolean autoRollback, List<String> profiles, boolean recreateVolumes,
            String actor) {
        liveStack(stackId);
        checkProfiles(stackId, version, profiles);
        return enqueue(stackId, CommandType.APPLY_STACK_VERSION, Payloads.version(version, autoRollback, profiles, recreateVolumes),
            actor);
    }

    private void checkProfiles(String stackId, String version, List<String> profiles) {
        StackVersion v = store.versions().getOrThrow(stackId, version);
        List<ValidationError> errors = new ArrayList<>(Profiles.checkNames(profiles, "profiles"));
        if (errors.isEmpty()) {
            errors.addAll(Profiles.check(CanonicalJson.parse(v.compose()), profiles));
        }
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
    }

    /** ROLLBACK_STACK_VERSION: converge the stack back to an existing version other than its current one. */
    public Command rollback(String stackId, String version, boolean autoRollback, String actor) {
        return rollback(stackId, version, autoRollback, List.of(), false, actor);
    }

    /** ROLLBACK_STACK_VERSION, with {@code recreateVolumes} as for {@link #apply(String, String, boolean, boolean, String)}. */
    public Command rollback(String stackId, String version, boolean autoRollback, boolean recreateVolumes, String actor) {
        return rollback(stackId, version, autoRollback, List.of(), recreateVolumes, actor);
    }

    /** ROLLBACK_STACK_VERSION with these compose profiles active (as {@link #apply(String, String, boolean, List, String)}). */
    public Command rollback(String stackId, String version, boolean autoRollback, List<String> profiles, String actor) {
        return rollback(stackId, version, autoRollback, profiles, false, actor);
    }

    /** ROLLBACK_STACK_VERSION with profiles and {@code recreateVolumes} as for APPLY. */
    public Command rollback(String stackId, String version, boolean autoRollback, List<String> profiles, boolean recreateVolumes,
            String actor) {
        Stack stack = liveStack(stackId);
        checkProfiles(stackId, version, profiles);
        if (stack.currentVersion().isEmpty()) {
            throw new CommandRejectedException("stack " + stackId + " has no current version to roll back from:"
                    + " apply a version first");
        }
        if (stack.currentVersion().get().equals(version)) {
            throw new CommandRejectedException("stack " + stackId + ": " + version + " is already the current version");
        }
        return enqueue(stackId, CommandType.ROLLBACK_STACK_VERSION, Payloads.version(version, autoRollback, profiles,
            recreateVolumes), actor);
    }

    /** DELETE_STACK: remove the stack's containers and networks (and volumes when asked), then mark it deleted. */
    public Command delete(String stackId, boolean removeVolumes, String actor) {
        liveStack(stackId);
        return enqueue(stackId, CommandType.DELETE_STACK, Payloads.delete(removeVolumes), actor);
    }

    /**
     * RUNTIME_ACTION: start, stop or restart services of the current version.
     *
     * @param services the services to act on; empty for all of them
     */
    public Command runtimeAction(String stackId, RuntimeAction action, List<String> services, String actor) {
        Objects.requireNonNull(action, "action");
        ComposeDefinition current = currentDefinition(liveStack(stackId), "a runtime action");
        List<String> unknown = new ArrayList<>();
        for (String service : services) {
            if (current.service(service).isEmpty()) {
                unknown.add(service);
            }
        }
        if (!unknown.isEmpty()) {
            throw new CommandRejectedException("stack " + stackId + ": the current version defines no service "
                    + String.join(", ", unknown) + " (services: " + String.join(", ", current.services().keySet()) + ")");
        }
        return enqueue(stackId, CommandType.RUNTIME_ACTION, Payloads.runtimeAction(action.wireName(),
                List.copyOf(services)), actor);
    }

    /**
     * Cancels a command: PENDING or FAILED ones become CANCELLED at once; for a RUNNING one a cooperative cancel is
     * requested (its executor sees {@code cancelRequested()}) and the command is returned still RUNNING: it ends
     * CANCELLED when the executor honours the request.
     *
     * @throws IllegalTransitionException when the command is DONE or CANCELLED
     */
    public Command cancel(long commandId, String actor) {
        Objects.requireNonNull(actor, "actor");
        for (int round = 0; round < MAX_CANCEL_ROUNDS; round++) {
            Command before = get(commandId);
            switch (before.status()) {
                case DONE, CANCELLED -> throw new IllegalTransitionException(commandId, before.status(),
                        CommandStatus.CANCELLED);
                case RUNNING -> {
                    cancels.request(commandId);
                    store.commandLogs().append(commandId, LogLevel.WARN, CancelRequests.MARKER + actor);
                    store.audit().append(actor, "COMMAND_CANCEL_REQUESTED", Optional.of(before.stackId()),
                            Optional.of(commandId), before.type().name());
                    return get(commandId);
                }
                case PENDING, FAILED -> {
                    try {
                        return listeners.inOrder(() -> {
                            // a FAILED command keeps why it failed: its error is what a deployment row and the console show
                            String error = before.status() == CommandStatus.FAILED
                                    ? "cancelled by " + actor + " after it failed: " + before.error().orElse("(no reason recorded)")
                                    : "cancelled by " + actor;
                            Command after = store.commands().transition(commandId, before.status(),
                                    CommandStatus.CANCELLED, Optional.of(error));
                            store.commandLogs().append(commandId, LogLevel.WARN, "cancelled by " + actor + " (was "
                                    + before.status() + ")");
                            store.audit().append(actor, "COMMAND_CANCELLED", Optional.of(after.stackId()),
                                    Optional.of(commandId), before.type().name() + " was " + before.status());
                            published(before, after, actor);
                            return after;
                        });
                    } catch (CommandStatusConflictException e) {
                        // it moved meanwhile (the worker started it): look again
                        continue;
                    }
                }
                default -> throw new IllegalStateException("unknown status " + before.status());
            }
        }
        Command now = get(commandId);
        throw new CommandStatusConflictException(commandId, now.status(), now.status(), CommandStatus.CANCELLED);
    }

    /**
     * Puts a FAILED command back to PENDING at its place in the queue, attempt + 1.
     *
     * @throws IllegalTransitionException when the command is not FAILED
     */
    public Command retry(long commandId, String actor) {
        Objects.requireNonNull(actor, "actor");
        Command before = get(commandId);
        if (before.status() != CommandStatus.FAILED) {
            throw new IllegalTransitionException(commandId, before.status(), CommandStatus.PENDING);
        }
        return listeners.inOrder(() -> {
            Command after = store.commands().retry(commandId);
            store.commandLogs().append(commandId, LogLevel.INFO, "retried by " + actor + ": attempt " + after.attempt());
            store.audit().append(actor, "COMMAND_RETRIED", Optional.of(after.stackId()), Optional.of(commandId),
                    after.type().name() + " attempt " + after.attempt());
            published(before, after, actor);
            return after;
        });
    }

    public Command get(long commandId) {
        return store.commands().getOrThrow(commandId);
    }

    /** Commands oldest first. */
    public Page<Command> list(CommandFilter filter, PageRequest page) {
        return store.commands().list(filter, page);
    }

    /** Every log line of a command. */
    public List<CommandLogLine> logs(long commandId) {
        get(commandId);
        return store.commandLogs().read(commandId);
    }

    /** The log lines after {@code afterLine}, at most {@code max} (for following). */
    public List<CommandLogLine> logsAfter(long commandId, long afterLine, int max) {
        get(commandId);
        return store.commandLogs().readAfter(commandId, afterLine, max);
    }

    private Command enqueue(String stackId, CommandType type, String payload, String actor) {
        return enqueue(stackId, type, payload, actor, c -> { });
    }

    /**
     * Enqueues a command; {@code recorded} runs right after it is stored, before anybody hears of it (DEPLOY_ARTIFACT
     * records its deployment there, so that the deployment exists when the command is seen).
     */
    Command enqueue(String stackId, CommandType type, String payload, String actor, Consumer<Command> recorded) {
        Objects.requireNonNull(actor, "actor");
        Command command = listeners.inOrder(() -> {
            // the command, its first log line and its audit entry: one transaction
            Command c = store.commands().enqueue(new NewCommand(stackId, type, payload, actor),
                    "enqueued by " + actor + ": " + type + " " + payload, "COMMAND_ENQUEUED", type + " " + payload);
            recorded.accept(c);
            Transitions.log(Optional.empty(), c, Optional.empty(), actor);
            listeners.onStatusChange(Optional.empty(), c);
            return c;
        });
        wakeUp.run();
        return command;
    }

    private void published(Command before, Command after, String actor) {
        Transitions.log(Optional.of(before), after, Optional.empty(), actor);
        listeners.onStatusChange(Optional.of(before), after);
        wakeUp.run();
    }

    Stack liveStack(String stackId) {
        Stack stack = store.stacks().getOrThrow(stackId);
        if (stack.deleted()) {
            throw new CommandRejectedException("stack " + stackId + " (" + stack.name() + ") was deleted at "
                    + stack.deletedAt().get());
        }
        if (store.commands().hasActive(stackId, CommandType.DELETE_STACK)) {
            throw new CommandRejectedException("stack " + stackId + " (" + stack.name() + ") is being deleted"
                    + " (a DELETE_STACK command is pending or running)");
        }
        return stack;
    }

    ComposeDefinition currentDefinition(Stack stack, String what) {
        String current = stack.currentVersion().orElseThrow(() -> new CommandRejectedException("stack "
                + stack.stackId() + " has no current version: apply a version before " + what));
        return CanonicalJson.parse(store.versions().getOrThrow(stack.stackId(), current).compose());
    }
}
