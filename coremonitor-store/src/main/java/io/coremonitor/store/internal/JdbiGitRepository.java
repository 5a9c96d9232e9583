package io.coremonitor.store.internal;

import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.store.GitCommitRecord;
import io.coremonitor.store.GitFollowRecord;
import io.coremonitor.store.GitRepository;
import io.coremonitor.store.SealedValue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link GitRepository} over Jdbi: a write and its read back are one transaction. */
public final class JdbiGitRepository implements GitRepository {

    private final Db db;

    public JdbiGitRepository(Db db) {
        this.db = db;
    }

    @Override
    public GitFollowRecord put(String stackId, String url, String branch, String path, boolean autoApply,
            Optional<SealedValue> credentials, String actor) {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(actor, "actor");
        Instant now = db.now();
        SealedValue sealed = credentials.orElse(null);
        return db.write(GitDao.class, dao -> {
            if (!dao.stackExists(stackId)) {
                throw new StackNotFoundException(stackId);
            }
            dao.put(stackId, url, branch, path, autoApply ? 1 : 0, sealed == null ? null : sealed.ciphertext(),
                    sealed == null ? null : sealed.nonce(), sealed == null ? null : sealed.keyId(), now, actor);
            return dao.get(stackId).orElseThrow();
        });
    }

    @Override
    public Optional<GitFollowRecord> find(String stackId) {
        Objects.requireNonNull(stackId, "stackId");
        return db.read(GitDao.class, dao -> dao.get(stackId));
    }

    @Override
    public List<GitFollowRecord> live() {
        return db.read(GitDao.class, GitDao::live);
    }

    @Override
    public boolean delete(String stackId) {
        Objects.requireNonNull(stackId, "stackId");
        return db.writeOne(GitDao.class, dao -> dao.delete(stackId)) > 0;
    }

    @Override
    public void recordSync(String stackId, Optional<String> lastCommit, Optional<String> error) {
        Objects.requireNonNull(stackId, "stackId");
        Instant now = db.now();
        db.writeOne(GitDao.class, dao -> dao.recordSync(stackId, lastCommit.orElse(null), error.orElse(null), now));
    }

    @Override
    public boolean recordCommit(GitCommitRecord c) {
        Objects.requireNonNull(c, "commit");
        return db.writeOne(GitDao.class, dao -> dao.insertCommit(c.stackId(), c.commitId(), c.seenAt(), c.author(),
                c.message(), c.outcome().name(), c.version().orElse(null), c.errors().orElse(null))) > 0;
    }

    @Override
    public List<GitCommitRecord> commits(String stackId, Optional<GitCommitRecord.Outcome> outcome, int limit) {
        Objects.requireNonNull(stackId, "stackId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        return db.read(GitDao.class, dao -> outcome.isPresent() ? dao.commitsWith(stackId, outcome.get().name(), limit)
                : dao.commits(stackId, limit));
    }
}
