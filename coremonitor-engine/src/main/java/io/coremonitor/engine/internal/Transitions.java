package io.coremonitor.engine.internal;

import io.coremonitor.model.Command;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The structured log line of every command status change. */
public final class Transitions {

    private static final Logger LOG = LoggerFactory.getLogger("io.coremonitor.engine.transitions");

    private Transitions() {
    }

    /**
     * Logs {@code command_transition id=.. type=.. from=.. to=.. attempt=.. [duration_ms=..] [by=..] [error=".."]}.
     */
    public static void log(Optional<Command> before, Command after, Optional<Long> durationMillis, String by) {
        LOG.info(line(before, after, durationMillis, by));
    }

    /** The text of the line {@link #log} writes. */
    public static String line(Optional<Command> before, Command after, Optional<Long> durationMillis, String by) {
        StringBuilder line = new StringBuilder("command_transition id=").append(after.commandId())
                .append(" type=").append(after.type())
                .append(" stack=").append(after.stackId())
                .append(" from=").append(before.map(c -> c.status().name()).orElse("NONE"))
                .append(" to=").append(after.status())
                .append(" attempt=").append(after.attempt());
        durationMillis.ifPresent(d -> line.append(" duration_ms=").append(d));
        line.append(" by=").append(by);
        after.error().ifPresent(e -> line.append(" error=\"").append(e.replace("\"", "'").replace("\n", "\\n")).append('"'));
        return line.toString();
    }
}
