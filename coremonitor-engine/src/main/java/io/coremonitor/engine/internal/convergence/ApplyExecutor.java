package io.coremonitor.engine.internal.convergence;

import io.coremonitor.docker.DockerFailures;
import io.coremonitor.engine.CommandCancelledException;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.engine.ResourceUnavailableException;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackState;
import io.coremonitor.model.StackVersion;
import java.util.List;
import java.util.Optional;

/**
 * APPLY_STACK_VERSION and ROLLBACK_STACK_VERSION: converge the stack to a version, then make it the current version.
 * When a service fails, the version is marked FAILED with the service, the reason and its last log lines; with
 * {@code auto_rollback} the stack is converged back to its previous current version in the same command. When Docker
 * stops answering meanwhile, the version is not marked FAILED and no rollback is tried: the command ends with a
 * {@link ResourceUnavailableException} and the worker runs it again once Docker answers. When the stack had no
 * current version before the command, a failure removes the stack's containers and networks (named volumes are kept:
 * they may hold data) and logs each; a later version's failure leaves what it made.
 */
final class ApplyExecutor implements CommandExecutor {

    private final CommandType type;
    private final Convergence convergence;
    private final DockerAvailability docker;

    ApplyExecutor(CommandType type, Convergence convergence, DockerAvailability docker) {
        this.type = type;
        this.convergence = convergence;
        this.docker = docker;
    }

    @Override
    public CommandType type() {
        return type;
    }

    @Override
    public Optional<String> unavailableReason() {
        return docker.unavailableReason();
    }

    @Override
    public void execute(Command command, ExecutionContext context) {
        Payloads.Apply payload = Payloads.apply(command.payload());
        Stack stack = convergence.liveStack(command.stackId());
        StackVersion target = convergence.store().versions().getOrThrow(stack.stackId(), payload.version());
        Optional<String> previous = stack.currentVersion().filter(v -> !v.equals(target.version()));
        String verb = type == CommandType.ROLLBACK_STACK_VERSION ? "rolling back" : "applying";
        context.info(verb + " " + stack.name() + " to " + target.version() + " (current version: "
            + stack.currentVersion().orElse("none") + (payload.autoRollback() ? ", auto_rollback on" : "") + ")");
        if (type == CommandType.ROLLBACK_STACK_VERSION && stack.currentVersion().isPresent()
            && StackVersion.parseLabel(target.version()) > StackVersion.parseLabel(stack.currentVersion().get())) {
            context.warn(target.version() + " is newer than the current version " + stack.currentVersion().get());
        }
        String commandId = Long.toString(command.commandId());
        convergence.status(stack.stackId(), target.version(), StackState.RUNNING, StackState.DEPLOYING, Optional.empty());
        try {
            convergence.converge(stack, target, commandId, payload.profiles(), context, payload.recreateVolumes());
        } catch (CommandCancelledException e) {
            convergence.status(stack.stackId(), target.version(), StackState.RUNNING, StackState.UNKNOWN,
                Optional.of("cancelled while converging"));
            throw e;
        } catch (RuntimeException e) {
            Optional<ResourceUnavailableException> outage = docker.outage(e);
            if (outage.isPresent()) {
                // not the version's fault: no FAILED version, no auto_rollback against an engine that does not answer
                convergence.status(stack.stackId(), target.version(), StackState.RUNNING, StackState.UNKNOWN,
                    Optional.of("interrupted: " + outage.get().getMessage()));
                context.error(verb + " " + target.version() + " interrupted: " + outage.get().getMessage());
                throw outage.get();
            }
            String reason = e instanceof CommandFailedException ? e.getMessage() : "unexpected error: " + e;
            convergence.status(stack.stackId(), target.version(), StackState.RUNNING, StackState.FAILED, Optional.of(reason));
            context.error(target.version() + " failed: " + reason);
            if (payload.autoRollback() && previous.isPresent()) {
                throw new CommandFailedException(rollBack(stack, previous.get(), commandId, context, target.version(), reason,
                    payload.profiles(), payload.recreateVolumes()), e);
            }
            if (payload.autoRollback()) {
                context.warn("auto_rollback: the stack has no previous version to go back to");
            }
            if (stack.currentVersion().isEmpty()) {
                // nothing was serving before: what this command created goes (named volumes stay)
                throw new CommandFailedException(reason + " (" + cleanUp(stack, context) + ")", e);
            }
            // a later version's failure leaves what it made: the stack stays as far as it got (auto_rollback undoes it)
            throw new CommandFailedException(reason, e);
        }
        convergence.store().stacks().setCurrentVersion(stack.stackId(), target.version());
        context.info(stack.name() + " is now at " + target.version());
    }

    /** Removes the containers and networks of a stack without a current version; a failure of the cleanup is logged. */
    private String cleanUp(Stack stack, ExecutionContext context) {
        try {
            return FirstApplyCleanup.run(convergence.ops(), stack.stackId(), stack.name(), context);
        } catch (RuntimeException e) {
            String message = "cleanup failed, what the command created may be left: " + DockerFailures.describe(e);
            context.error(message);
            return message;
        }
    }

    private String rollBack(Stack stack, String previous, String commandId, ExecutionContext context, String failed, String reason,
            List<String> profiles, boolean recreateVolumes) {
        context.warn("auto_rollback: converging " + stack.name() + " back to " + previous);
        try {
            StackVersion back = convergence.store().versions().getOrThrow(stack.stackId(), previous);
            convergence.converge(stack, back, commandId, profiles, context, recreateVolumes);
            context.info("auto_rollback: " + stack.name() + " is back at " + previous);
            return failed + " failed and was rolled back to " + previous + ": " + reason;
        } catch (RuntimeException again) {
            context.error("auto_rollback to " + previous + " failed: " + again.getMessage());
            Optional<ResourceUnavailableException> outage = docker.outage(again);
            if (outage.isPresent()) {
                // Docker went away during the rollback: the command runs again once it answers
                throw outage.get();
            }
            return failed + " failed: " + reason + "; auto_rollback to " + previous + " failed too: " + again.getMessage();
        }
    }
}
