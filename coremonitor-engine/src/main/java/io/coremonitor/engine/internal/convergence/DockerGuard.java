package io.coremonitor.engine.internal.convergence;

import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandType;
import java.util.Optional;

/**
 * Wraps a Docker executor that does not tell outages from failures itself (DELETE, RUNTIME_ACTION; APPLY does, see
 * {@link ApplyExecutor}): it is unavailable while Docker does not answer, and a failure caused by Docker going away
 * becomes a {@link io.coremonitor.engine.ResourceUnavailableException} ("Docker is unreachable at ...") instead of the
 * transport's "Broken pipe".
 */
final class DockerGuard implements CommandExecutor {

    private final CommandExecutor delegate;
    private final DockerAvailability docker;

    DockerGuard(CommandExecutor delegate, DockerAvailability docker) {
        this.delegate = delegate;
        this.docker = docker;
    }

    @Override
    public CommandType type() {
        return delegate.type();
    }

    @Override
    public Optional<String> unavailableReason() {
        return docker.unavailableReason();
    }

    @Override
    public void execute(Command command, ExecutionContext context) {
        try {
            delegate.execute(command, context);
        } catch (RuntimeException e) {
            throw docker.outage(e).<RuntimeException>map(u -> u).orElse(e);
        }
    }
}
