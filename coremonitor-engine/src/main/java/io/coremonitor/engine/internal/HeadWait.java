package io.coremonitor.engine.internal;

import io.coremonitor.model.Command;
import io.coremonitor.model.LogLevel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The head of the queue waiting for what its executor needs ({@code CommandExecutor.unavailableReason()}): the
 * reason, shown as the queue's {@code waitingFor}, one log line when a command starts waiting and one when it no
 * longer does. Changed by the worker thread only; {@link #reason()} may be read from any thread.
 */
final class HeadWait {

    private static final Logger LOG = LoggerFactory.getLogger(HeadWait.class);

    private final Clock clock;
    private final CommandJournal journal;

    private volatile Optional<String> reason = Optional.empty();
    private long waitingCommand = -1;
    private Instant waitingSince = Instant.MIN;

    HeadWait(Clock clock, CommandJournal journal) {
        this.clock = clock;
        this.journal = journal;
    }

    /** Why the head of the queue waits now, if it does. */
    Optional<String> reason() {
        return reason;
    }

    /** The head cannot start for this reason; told once per command (the reason shown is the latest). */
    void waitFor(Command head, String why) {
        boolean news = reason.isEmpty() || waitingCommand != head.commandId();
        if (news) {
            waitingCommand = head.commandId();
            waitingSince = clock.instant();
            LOG.warn("queue waits: command {} ({}) cannot start: {}", head.commandId(), head.type(), why);
            journal.note(head.commandId(), LogLevel.WARN, "waiting to start: " + why + "; it starts when this is over");
        }
        // published after the log line: whoever sees waitingFor finds the command's "waiting to start" line
        reason = Optional.of(why);
    }

    /** The queue no longer waits: {@code head} is what starts now (empty when the queue has nothing to run). */
    void stop(Optional<Command> head) {
        if (reason.isEmpty()) {
            return;
        }
        long waited = Duration.between(waitingSince, clock.instant()).toMillis();
        LOG.info("queue resumes after waiting {} ms (was: {})", waited, reason.get());
        if (head.isPresent() && head.get().commandId() == waitingCommand) {
            journal.note(waitingCommand, LogLevel.INFO, "no longer waiting after " + waited + " ms: starting");
        }
        reason = Optional.empty();
        waitingCommand = -1;
    }
}
