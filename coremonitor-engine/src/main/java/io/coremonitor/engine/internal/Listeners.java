package io.coremonitor.engine.internal;

import io.coremonitor.engine.CommandListener;
import io.coremonitor.model.Command;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's command listeners; a failing listener is logged and skipped, never propagated. */
public final class Listeners implements CommandListener {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<CommandListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock order = new ReentrantLock();

    /**
     * Runs a status change and its publication so that listeners hear the changes of one command in the order they
     * were made: enqueue, cancel and retry by the services and the start by the worker all go through here.
     */
    public <T> T inOrder(Supplier<T> change) {
        order.lock();
        try {
            return change.get();
        } finally {
            order.unlock();
        }
    }

    public void add(CommandListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public boolean remove(CommandListener listener) {
        return listeners.remove(listener);
    }

    @Override
    public void onStatusChange(Optional<Command> before, Command after) {
        for (CommandListener listener : listeners) {
            try {
                listener.onStatusChange(before, after);
            } catch (Exception e) {
                LOG.warn("command listener {} failed on command {} ({}): {}", listener, after.commandId(), after.status(),
                        e.toString(), e);
            }
        }
    }
}
