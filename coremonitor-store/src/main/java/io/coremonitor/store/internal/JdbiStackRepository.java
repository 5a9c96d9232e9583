package io.coremonitor.store.internal;

import io.coremonitor.model.Command;
import io.coremonitor.model.DuplicateStackIdException;
import io.coremonitor.model.DuplicateStackNameException;
import io.coremonitor.model.Page;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.model.StackState;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.VersionNotFoundException;
import io.coremonitor.model.VersionStatus;
import io.coremonitor.store.CreatedStack;
import io.coremonitor.store.NewVersion;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.StackOverview;
import io.coremonitor.store.StackRepository;
import io.coremonitor.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link StackRepository} over Jdbi. */
public final class JdbiStackRepository implements StackRepository {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiStackRepository.class);
    private static final String CURSOR_KIND = "stacks";
    /** The stacks with the stored statuses of their current ({@code c_}) and latest ({@code l_}) versions. */
    private static final String OVERVIEW = "SELECT s.stack_id, s.name, s.current_version, s.latest_version, s.created_at,"
            + " s.updated_at, s.deleted_at, cv.status_desired AS c_desired, cv.status_actual AS c_actual,"
            + " cv.status_updated_at AS c_updated, cv.status_reason AS c_reason, lv.status_desired AS l_desired,"
            + " lv.status_actual AS l_actual, lv.status_updated_at AS l_updated, lv.status_reason AS l_reason"
            + " FROM stacks s"
            + " LEFT JOIN stack_versions cv ON cv.stack_id = s.stack_id AND cv.version = s.current_version"
            + " LEFT JOIN stack_versions lv ON lv.stack_id = s.stack_id AND lv.version = s.latest_version";

    /** The newest command of each stack of a page: one index range per stack (ix_commands_stack), one statement. */
    private static final String LAST_COMMANDS = "SELECT " + CommandDao.COLUMNS + " FROM commands WHERE command_id IN"
            + " (SELECT MAX(command_id) FROM commands WHERE stack_id IN (<ids>) GROUP BY stack_id)";

    private final Db db;

    public JdbiStackRepository(Db db) {
        this.db = db;
    }

    @Override
    public Stack create(String stackId, String name) {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(name, "name");
        Instant now = db.now();
        Stack stack = new Stack(stackId, name, Optional.empty(), Optional.empty(), now, now, Optional.empty());
        insertChecked(stack, s -> null);
        LOG.debug("stack {} created with name {}", stackId, name);
        return stack;
    }

    @Override
    public CreatedStack createWithFirstVersion(String stackId, String name, NewVersion first) {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(name, "name");
        if (!first.stackId().equals(stackId)) {
            throw new IllegalArgumentException("the first version is for stack " + first.stackId() + ", not " + stackId);
        }
        Instant now = db.now();
        Stack stack = new Stack(stackId, name, Optional.empty(), Optional.empty(), now, now, Optional.empty());
        StackVersion v1 = insertChecked(stack,
                s -> JdbiStackVersionRepository.insertNext(s, first, false, now).version());
        LOG.debug("stack {} created with name {} and version v1", stackId, name);
        return new CreatedStack(get(stackId).orElseThrow(), v1);
    }

    /** Inserts a stack after checking its id and name, then runs {@code then} in the same transaction. */
    private <T> T insertChecked(Stack stack, Function<Session, T> then) {
        String stackId = stack.stackId();
        String name = stack.name();
        try {
            return db.write(s -> {
                StackDao dao = s.dao(StackDao.class);
                if (dao.get(stackId).isPresent()) {
                    throw new DuplicateStackIdException(stackId);
                }
                if (dao.getLiveByName(name).isPresent()) {
                    throw new DuplicateStackNameException(name);
                }
                dao.insert(stack);
                return then.apply(s);
            });
        } catch (StoreException e) {
            // a concurrent creation won the race between the checks and the insert (PostgreSQL)
            if (SqlErrors.isUniqueViolation(e)) {
                if (db.read(StackDao.class, dao -> dao.get(stackId)).isPresent()) {
                    throw new DuplicateStackIdException(stackId);
                }
                throw new DuplicateStackNameException(name);
            }
            throw e;
        }
    }

    @Override
    public Optional<Stack> get(String stackId) {
        return db.read(StackDao.class, dao -> dao.get(stackId));
    }

    @Override
    public Optional<Stack> getByName(String name) {
        return db.read(StackDao.class, dao -> dao.getLiveByName(name));
    }

    @Override
    public Page<Stack> list(Optional<String> nameContains, boolean includeDeleted, PageRequest page) {
        String sql = "SELECT " + StackDao.COLUMNS + " FROM stacks s" + pageWhere(nameContains, includeDeleted, page);
        List<Stack> rows = db.read(s -> pageQuery(s, sql, nameContains, page).mapTo(Stack.class).list());
        return Cursors.page(rows, page, s -> Cursors.encode(CURSOR_KIND, s.name(), s.stackId()));
    }

    @Override
    public Page<StackOverview> overview(Optional<String> nameContains, boolean includeDeleted, PageRequest page) {
        String sql = OVERVIEW + pageWhere(nameContains, includeDeleted, page);
        StackMapper stacks = new StackMapper();
        List<StackOverview> rows = db.read(s -> {
            List<StackOverview> found = pageQuery(s, sql, nameContains, page).map((rs, ctx) -> {
                Stack stack = stacks.map(rs, ctx);
                Optional<VersionStatus> current = status(rs, "c_");
                Optional<VersionStatus> latest = status(rs, "l_");
                boolean latestIsNewer = latest.isPresent() && (current.isEmpty()
                        || latest.get().lastUpdated().isAfter(current.get().lastUpdated()));
                Optional<String> version = latestIsNewer ? stack.latestVersion()
                        : current.isPresent() ? stack.currentVersion() : Optional.empty();
                return new StackOverview(stack, version, latestIsNewer ? latest : current, Optional.empty());
            }).list();
            if (found.isEmpty()) {
                return found;
            }
            List<String> ids = found.stream().map(o -> o.stack().stackId()).toList();
            Map<String, Command> last = new HashMap<>();
            s.handle().createQuery(LAST_COMMANDS).bindList("ids", ids).mapTo(Command.class)
                    .forEach(c -> last.put(c.stackId(), c));
            return found.stream().map(o -> new StackOverview(o.stack(), o.statusVersion(), o.status(),
                    Optional.ofNullable(last.get(o.stack().stackId())))).toList();
        });
        return Cursors.page(rows, page, o -> Cursors.encode(CURSOR_KIND, o.stack().name(), o.stack().stackId()));
    }

    private static Optional<VersionStatus> status(ResultSet rs, String prefix) throws SQLException {
        String desired = rs.getString(prefix + "desired");
        String actual = rs.getString(prefix + "actual");
        long updated = rs.getLong(prefix + "updated");
        if (desired == null || actual == null || rs.wasNull()) {
            return Optional.empty();
        }
        return Optional.of(new VersionStatus(StackState.valueOf(desired), StackState.valueOf(actual),
                Instant.ofEpochMilli(updated), Optional.ofNullable(rs.getString(prefix + "reason"))));
    }

    /** The WHERE, ORDER BY and LIMIT of a page of stacks (table alias {@code s}), by name then id. */
    private static String pageWhere(Optional<String> nameContains, boolean includeDeleted, PageRequest page) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (!includeDeleted) {
            sql.append(" AND s.deleted_at IS NULL");
        }
        if (nameContains.isPresent()) {
            sql.append(" AND LOWER(s.name) LIKE :pattern ESCAPE '!'");
        }
        if (page.cursor().isPresent()) {
            sql.append(" AND (s.name > :afterName OR (s.name = :afterName AND s.stack_id > :afterId))");
        }
        return sql.append(" ORDER BY s.name, s.stack_id LIMIT :limit").toString();
    }

    private static Query pageQuery(Session s, String sql, Optional<String> nameContains, PageRequest page) {
        Optional<List<String>> after = page.cursor().map(c -> Cursors.decode(CURSOR_KIND, c, 2));
        Query q = s.handle().createQuery(sql).bind("limit", page.limit() + 1);
        nameContains.ifPresent(n -> q.bind("pattern", "%" + likeEscape(n.toLowerCase(Locale.ROOT)) + "%"));
        after.ifPresent(a -> q.bind("afterName", a.get(0)).bind("afterId", a.get(1)));
        return q;
    }

    private static String likeEscape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    @Override
    public Stack setCurrentVersion(String stackId, String version) {
        return db.write(s -> {
            StackDao stacks = s.dao(StackDao.class);
            if (stacks.get(stackId).isEmpty()) {
                throw new StackNotFoundException(stackId);
            }
            if (s.dao(VersionDao.class).get(stackId, version).isEmpty()) {
                throw new VersionNotFoundException(stackId, version);
            }
            return stacks.setCurrent(stackId, version, db.now()).orElseThrow(() -> new StackNotFoundException(stackId));
        });
    }

    @Override
    public Stack markDeleted(String stackId) {
        return db.write(StackDao.class, dao -> {
            dao.markDeleted(stackId, db.now());
            return dao.get(stackId).orElseThrow(() -> new StackNotFoundException(stackId));
        });
    }

    @Override
    public boolean delete(String stackId) {
        boolean existed = db.write(s -> {
            // the ids of the commands about to go are never given again
            s.dao(CommandDao.class).keepHighestId();
            return s.dao(StackDao.class).delete(stackId) > 0;
        });
        if (existed) {
            LOG.info("stack {} deleted with its versions, commands and logs", stackId);
        }
        return existed;
    }
}
