package io.coremonitor.store.internal;

import io.coremonitor.model.VersionNotFoundException;
import io.coremonitor.store.WizardChoicesRecord;
import io.coremonitor.store.WizardChoicesRepository;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@link WizardChoicesRepository} over Jdbi: the write and its read back are one transaction. */
public final class JdbiWizardChoicesRepository implements WizardChoicesRepository {

    private final Db db;

    public JdbiWizardChoicesRepository(Db db) {
        this.db = db;
    }

    @Override
    public WizardChoicesRecord put(String stackId, String version, String choices, String actor) {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(choices, "choices");
        Objects.requireNonNull(actor, "actor");
        Instant now = db.now();
        return db.write(WizardChoicesDao.class, dao -> {
            if (dao.put(stackId, version, choices, now, actor) == 0) {
                throw new VersionNotFoundException(stackId, version);
            }
            return dao.get(stackId, version).orElseThrow();
        });
    }

    @Override
    public Optional<WizardChoicesRecord> latest(String stackId) {
        Objects.requireNonNull(stackId, "stackId");
        return db.read(WizardChoicesDao.class, dao -> dao.latest(stackId));
    }
}
