package io.coremonitor.store.internal;

import io.coremonitor.model.Page;
import io.coremonitor.model.RuntimeMapping;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.VersionConflictException;
import io.coremonitor.model.VersionMetadata;
import io.coremonitor.model.VersionNotFoundException;
import io.coremonitor.model.VersionStatus;
import io.coremonitor.store.NewVersion;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.StackVersionRepository;
import io.coremonitor.store.VersionCreation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StackVersionRepository} over Jdbi. A new version is numbered inside one transaction that first locks the
 * stack row (a no-op UPDATE, portable {@code SELECT ... FOR UPDATE}): concurrent creators of the same stack queue
 * on that lock (and on the write gate with SQLite), so numbers are distinct and contiguous and nobody fails.
 */
public final class JdbiStackVersionRepository implements StackVersionRepository {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiStackVersionRepository.class);
    private static final String CURSOR_KIND = "versions";

    private final Db db;

    public JdbiStackVersionRepository(Db db) {
        this.db = db;
    }

    @Override
    public StackVersion create(NewVersion version) {
        return db.write(s -> insertNext(s, version, false, db.now())).version();
    }

    @Override
    public VersionCreation createIfChanged(NewVersion version) {
        return db.write(s -> insertNext(s, version, true, db.now()));
    }

    /** Creates the next version of a stack inside the caller's transaction. */
    static VersionCreation insertNext(Session s, NewVersion v, boolean skipIfSame, Instant now) {
        StackDao stacks = s.dao(StackDao.class);
        VersionDao versions = s.dao(VersionDao.class);
        long latest = stacks.lockLive(v.stackId())
                .orElseThrow(() -> new StackNotFoundException(v.stackId(), "stack not found or deleted: " + v.stackId()));
        Optional<String> latestLabel = latest == 0 ? Optional.empty() : Optional.of(StackVersion.label(latest));
        if (v.expectLatest() && !v.parentVersion().equals(latestLabel)) {
            throw new VersionConflictException(v.stackId(), v.parentVersion().orElseThrow(), latestLabel);
        }
        String hash = RuntimeJson.versionHash(v.compose(), v.files());
        if (skipIfSame && latest > 0) {
            StackVersion current = versions.getByNumber(v.stackId(), latest).orElseThrow();
            if (current.composeHash().equals(hash)) {
                return new VersionCreation(current, false);
            }
        }
        long number = latest + 1;
        String label = StackVersion.label(number);
        versions.insert(v.stackId(), number, label, v.parentVersion(), now, v.createdBy(), v.comment(), v.compose(), hash,
                RuntimeJson.writeFiles(v.files()));
        stacks.setLatest(v.stackId(), number, label, now);
        LOG.debug("stack {}: version {} created", v.stackId(), label);
        return new VersionCreation(new StackVersion(v.stackId(), label, number, v.parentVersion(),
                new VersionMetadata(now, v.createdBy(), v.comment()), v.compose(), hash, Optional.empty(), Optional.empty(),
                v.files()),
                true);
    }

    @Override
    public Optional<StackVersion> get(String stackId, String version) {
        return db.read(VersionDao.class, dao -> dao.get(stackId, version));
    }

    @Override
    public Optional<StackVersion> latest(String stackId) {
        return db.read(VersionDao.class, dao -> dao.latest(stackId));
    }

    @Override
    public Page<StackVersion> list(String stackId, PageRequest page) {
        long before = page.cursor().map(c -> Cursors.decodeLong(CURSOR_KIND, c)).orElse(Long.MAX_VALUE);
        List<StackVersion> rows = db.read(VersionDao.class, dao -> dao.listBefore(stackId, before, page.limit() + 1));
        return Cursors.page(rows, page, v -> Cursors.encode(CURSOR_KIND, Long.toString(v.number())));
    }

    @Override
    public StackVersion updateRuntime(String stackId, String version, RuntimeMapping runtime) {
        String json = RuntimeJson.write(runtime);
        return db.write(VersionDao.class, dao -> {
            if (dao.updateRuntime(stackId, version, json) == 0) {
                throw new VersionNotFoundException(stackId, version);
            }
            return dao.get(stackId, version).orElseThrow();
        });
    }

    @Override
    public StackVersion updateStatus(String stackId, String version, VersionStatus status) {
        return db.write(VersionDao.class, dao -> {
            if (dao.updateStatus(stackId, version, status.desired().name(), status.actual().name(), status.lastUpdated(),
                    status.reason()) == 0) {
                throw new VersionNotFoundException(stackId, version);
            }
            return dao.get(stackId, version).orElseThrow();
        });
    }
}
