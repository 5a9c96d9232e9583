package io.coremonitor.store.internal;

import io.coremonitor.model.Artifact;
import io.coremonitor.model.Page;
import io.coremonitor.store.ArtifactRepository;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ArtifactRepository} over Jdbi. An artifact is stored as given (its time at the store's millisecond
 * precision); registering known bytes again changes nothing and returns the first registration.
 */
public final class JdbiArtifactRepository implements ArtifactRepository {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiArtifactRepository.class);
    private static final String CURSOR_KIND = "artifacts";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Db db;

    public JdbiArtifactRepository(Db db) {
        this.db = db;
    }

    @Override
    public Registered register(Artifact artifact) {
        Objects.requireNonNull(artifact, "artifact");
        Registered registered = db.write(ArtifactDao.class, dao -> {
            boolean created = dao.insertIfAbsent(artifact) > 0;
            return new Registered(dao.get(artifact.sha256()).orElseThrow(), created);
        });
        if (registered.created()) {
            LOG.debug("artifact {} ({}) registered by {}", artifact.sha256(), artifact.name(), artifact.createdBy());
        }
        return registered;
    }

    @Override
    public Optional<Artifact> find(String sha256) {
        Objects.requireNonNull(sha256, "sha256");
        return db.read(ArtifactDao.class, dao -> dao.get(sha256));
    }

    @Override
    public Page<Artifact> list(PageRequest page) {
        Optional<After> after = page.cursor().map(JdbiArtifactRepository::after);
        int limit = page.limit() + 1;
        List<Artifact> rows = db.read(ArtifactDao.class, dao -> after.isEmpty() ? dao.newest(limit)
                : dao.newestAfter(after.get().createdAt(), after.get().sha256(), limit));
        return Cursors.page(rows, page,
                a -> Cursors.encode(CURSOR_KIND, Long.toString(a.createdAt().toEpochMilli()), a.sha256()));
    }

    /** The key of the last artifact of the previous page. */
    private record After(long createdAt, String sha256) {
    }

    private static After after(String cursor) {
        List<String> parts = Cursors.decode(CURSOR_KIND, cursor, 2);
        long createdAt = Cursors.parseLong(parts.get(0), cursor);
        if (!SHA256.matcher(parts.get(1)).matches()) {
            throw Cursors.invalid(cursor);
        }
        return new After(createdAt, parts.get(1));
    }

    @Override
    public List<Artifact> unreferencedBefore(Instant before, int limit) {
        Objects.requireNonNull(before, "before");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return db.read(ArtifactDao.class, dao -> dao.unreferencedBefore(before, limit));
    }

    @Override
    public boolean referenced(String sha256) {
        Objects.requireNonNull(sha256, "sha256");
        return db.read(ArtifactDao.class, dao -> dao.referenced(sha256));
    }

    @Override
    public boolean deleteIfUnreferenced(String sha256) {
        Objects.requireNonNull(sha256, "sha256");
        boolean deleted;
        try {
            deleted = db.writeOne(ArtifactDao.class, dao -> dao.deleteIfUnreferenced(sha256)) > 0;
        } catch (StoreException e) {
            // PostgreSQL: a deployment of it was committed while the DELETE waited for its row
            if (!SqlErrors.isForeignKeyViolation(e)) {
                throw e;
            }
            LOG.debug("artifact {} not deleted: a deployment referenced it meanwhile", sha256);
            deleted = false;
        }
        if (deleted) {
            LOG.debug("artifact {} deleted", sha256);
        }
        return deleted;
    }
}
