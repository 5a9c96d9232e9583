package io.coremonitor.store.internal;

import io.coremonitor.store.Lease;
import io.coremonitor.store.LeaseRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link LeaseRepository} over Jdbi. */
public final class JdbiLeaseRepository implements LeaseRepository {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiLeaseRepository.class);

    private final Db db;

    public JdbiLeaseRepository(Db db) {
        this.db = db;
    }

    @Override
    public Optional<Lease> tryAcquire(String name, String owner, Duration ttl) {
        Objects.requireNonNull(owner, "owner");
        checkTtl(ttl);
        Instant now = db.now();
        Optional<Lease> lease = db.write(LeaseDao.class, dao -> dao.acquire(name, owner, now, now.plus(ttl)) == 1
                ? dao.get(name) : Optional.<Lease>empty());
        if (lease.isPresent()) {
            LOG.debug("lease {} held by {} until {}", name, owner, lease.get().expiresAt());
        }
        return lease;
    }

    @Override
    public Optional<Lease> renew(String name, String owner, Duration ttl) {
        checkTtl(ttl);
        Instant expires = db.now().plus(ttl);
        return db.writeOne(LeaseDao.class, dao -> dao.renew(name, owner, expires));
    }

    @Override
    public boolean release(String name, String owner) {
        boolean released = db.writeOne(LeaseDao.class, dao -> dao.release(name, owner)) == 1;
        if (released) {
            LOG.debug("lease {} released by {}", name, owner);
        }
        return released;
    }

    @Override
    public Optional<Lease> current(String name) {
        return db.read(LeaseDao.class, dao -> dao.get(name));
    }

    private static void checkTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease ttl must be positive, got " + ttl);
        }
    }
}
