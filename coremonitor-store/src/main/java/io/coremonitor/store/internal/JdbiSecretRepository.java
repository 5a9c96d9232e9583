package io.coremonitor.store.internal;

import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.store.NewSecret;
import io.coremonitor.store.SealedValue;
import io.coremonitor.store.SecretKeyCheck;
import io.coremonitor.store.SecretRepository;
import io.coremonitor.store.StoredSecret;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SecretRepository} over Jdbi. Every write that reads back what it wrote (or checks the stack first) is one
 * transaction. Log lines name secrets, never a value (the store holds none anyway, only ciphertexts).
 */
public final class JdbiSecretRepository implements SecretRepository {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiSecretRepository.class);

    private final Db db;

    public JdbiSecretRepository(Db db) {
        this.db = db;
    }

    @Override
    public Optional<StoredSecret> create(NewSecret secret) {
        Objects.requireNonNull(secret, "secret");
        Instant now = db.now();
        SealedValue value = secret.value();
        Optional<StoredSecret> created = db.write(SecretDao.class, dao -> {
            secret.stackId().ifPresent(stackId -> {
                if (!dao.liveStack(stackId)) {
                    throw new StackNotFoundException(stackId);
                }
            });
            int inserted = dao.insertIfAbsent(secret.name(), secret.stackId().orElse(null), value.ciphertext(),
                    value.nonce(), value.keyId(), now, secret.actor());
            return inserted > 0 ? dao.get(secret.name()) : Optional.<StoredSecret>empty();
        });
        created.ifPresent(s -> LOG.debug("secret {} created by {}", s.name(), s.createdBy()));
        return created;
    }

    @Override
    public Optional<StoredSecret> replace(String name, SealedValue value, String actor) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(actor, "actor");
        Instant now = db.now();
        Optional<StoredSecret> replaced = db.write(SecretDao.class, dao -> dao.update(name, value.ciphertext(),
                value.nonce(), value.keyId(), now, actor) > 0 ? dao.get(name) : Optional.<StoredSecret>empty());
        replaced.ifPresent(s -> LOG.debug("secret {} replaced by {}", name, actor));
        return replaced;
    }

    @Override
    public boolean delete(String name) {
        Objects.requireNonNull(name, "name");
        boolean deleted = db.writeOne(SecretDao.class, dao -> dao.delete(name)) > 0;
        if (deleted) {
            LOG.debug("secret {} deleted", name);
        }
        return deleted;
    }

    @Override
    public Optional<StoredSecret> find(String name) {
        Objects.requireNonNull(name, "name");
        return db.read(SecretDao.class, dao -> dao.get(name));
    }

    @Override
    public Optional<Sealed> sealed(String name) {
        Objects.requireNonNull(name, "name");
        return db.read(SecretDao.class, dao -> dao.sealed(name));
    }

    @Override
    public List<StoredSecret> list() {
        return db.read(SecretDao.class, SecretDao::all);
    }

    @Override
    public List<StoredSecret> listOfStack(String stackId) {
        Objects.requireNonNull(stackId, "stackId");
        return db.read(SecretDao.class, dao -> dao.ofStack(stackId));
    }

    @Override
    public Optional<SecretKeyCheck> keyCheck() {
        return db.read(SecretDao.class, SecretDao::keyCheck);
    }

    @Override
    public SecretKeyCheck initKeyCheck(SealedValue check) {
        Objects.requireNonNull(check, "check");
        Instant now = db.now();
        return db.write(SecretDao.class, dao -> {
            if (dao.insertKeyCheckIfAbsent(check.keyId(), check.ciphertext(), check.nonce(), now) > 0) {
                LOG.info("secret key check written for key id {}", check.keyId());
            }
            return dao.keyCheck().orElseThrow();
        });
    }
}
