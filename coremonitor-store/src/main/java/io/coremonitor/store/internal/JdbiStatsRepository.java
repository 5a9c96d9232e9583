package io.coremonitor.store.internal;

import io.coremonitor.store.ContainerStats;
import io.coremonitor.store.StatsRepository;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link StatsRepository} over Jdbi. */
public final class JdbiStatsRepository implements StatsRepository {

    private final Db db;

    public JdbiStatsRepository(Db db) {
        this.db = db;
    }

    @Override
    public void append(List<ContainerStats> samples) {
        if (samples.isEmpty()) {
            return;
        }
        List<ContainerStats> copy = List.copyOf(samples);
        db.write(session -> {
            PreparedBatch batch = session.handle().prepareBatch(StatsDao.INSERT);
            for (ContainerStats s : copy) {
                batch.bindMethods(s).add();
            }
            return batch.execute();
        });
    }

    @Override
    public List<ContainerStats> query(String stackId, Optional<String> service, Instant from, Instant to, int maxPoints) {
        Objects.requireNonNull(stackId, "stackId");
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be at least 1, got " + maxPoints);
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the range is empty: to " + to + " is not after from " + from);
        }
        String svc = service.orElse(null);
        return db.read(StatsDao.class, dao -> {
            long count = dao.maxPerService(stackId, svc, from, to);
            if (count <= maxPoints) {
                return dao.raw(stackId, svc, from, to);
            }
            long range = to.toEpochMilli() - from.toEpochMilli();
            long width = Math.max(1, (range + maxPoints - 1) / maxPoints);
            return dao.buckets(stackId, svc, from, to, width);
        });
    }

    @Override
    public int purgeOlderThan(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return db.writeOne(StatsDao.class, dao -> dao.purge(cutoff));
    }

    @Override
    public Optional<Instant> latest() {
        return db.read(StatsDao.class, StatsDao::latest);
    }
}
