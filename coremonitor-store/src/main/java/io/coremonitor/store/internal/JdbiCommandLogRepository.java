package io.coremonitor.store.internal;

import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.LogLevel;
import io.coremonitor.store.CommandLogRepository;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** {@link CommandLogRepository} over Jdbi. */
public final class JdbiCommandLogRepository implements CommandLogRepository {

    private final Db db;

    public JdbiCommandLogRepository(Db db) {
        this.db = db;
    }

    @Override
    public CommandLogLine append(long commandId, LogLevel level, String message) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        Instant now = db.now();
        return db.write(CommandLogDao.class, dao -> {
            return new CommandLogLine(commandId, dao.append(commandId, now, level, message), now, level, message);
        });
    }

    @Override
    public List<CommandLogLine> readAfter(long commandId, long afterLine, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        return db.read(CommandLogDao.class, dao -> dao.readAfter(commandId, afterLine, max));
    }
}
