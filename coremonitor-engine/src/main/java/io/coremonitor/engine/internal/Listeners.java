package io.coremonitor.engine.internal;

import io.coremonitor.engine.CommandListener;
import io.coremonitor.model.Command;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's command listeners; a failing listener is logged and skipped, never propagated. */
public final class Listeners implements CommandListener {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<CommandListener> listeners = new CopyOnWriteArrayList<>();

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
