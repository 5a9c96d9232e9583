package io.coremonitor.store.internal;

import io.coremonitor.model.DuplicateStackIdException;
import io.coremonitor.model.DuplicateStackNameException;
import io.coremonitor.model.Page;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.VersionNotFoundException;
import io.coremonitor.store.CreatedStack;
import io.coremonitor.store.NewVersion;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.StackRepository;
import io.coremonitor.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
        StringBuilder sql = new StringBuilder("SELECT ").append(StackDao.COLUMNS).append(" FROM stacks WHERE 1 = 1");
        if (!includeDeleted) {
            sql.append(" AND deleted_at IS NULL");
        }
        if (nameContains.isPresent()) {
            sql.append(" AND LOWER(name) LIKE :pattern ESCAPE '!'");
        }
        Optional<List<String>> after = page.cursor().map(c -> Cursors.decode(CURSOR_KIND, c, 2));
        if (after.isPresent()) {
            sql.append(" AND (name > :afterName OR (name = :afterName AND stack_id > :afterId))");
        }
        sql.append(" ORDER BY name, stack_id LIMIT :limit");
        List<Stack> rows = db.read(s -> {
            Query q = s.handle().createQuery(sql.toString()).bind("limit", page.limit() + 1);
            nameContains.ifPresent(n -> q.bind("pattern", "%" + likeEscape(n.toLowerCase(Locale.ROOT)) + "%"));
            after.ifPresent(a -> q.bind("afterName", a.get(0)).bind("afterId", a.get(1)));
            return q.mapTo(Stack.class).list();
        });
        return Cursors.page(rows, page, s -> Cursors.encode(CURSOR_KIND, s.name(), s.stackId()));
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
