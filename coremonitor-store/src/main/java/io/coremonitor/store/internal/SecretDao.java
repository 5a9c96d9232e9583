package io.coremonitor.store.internal;

import io.coremonitor.store.SecretKeyCheck;
import io.coremonitor.store.SecretRepository;
import io.coremonitor.store.StoredSecret;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the secrets and secret_key_check tables. */
public interface SecretDao {

    String COLUMNS = "name, stack_id, key_id, created_at, created_by, updated_at, updated_by";

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM stacks WHERE stack_id = :stackId AND deleted_at IS NULL)")
    boolean liveStack(@Bind("stackId") String stackId);

    /** Stores a secret unless one of its name exists; 1 when stored, else 0. */
    @SqlUpdate("INSERT INTO secrets (name, stack_id, ciphertext, nonce, key_id, created_at, created_by, updated_at,"
            + " updated_by) VALUES (:name, :stackId, :ciphertext, :nonce, :keyId, :now, :actor, :now, :actor)"
            + " ON CONFLICT (name) DO NOTHING")
    int insertIfAbsent(@Bind("name") String name, @Bind("stackId") String stackId, @Bind("ciphertext") byte[] ciphertext,
            @Bind("nonce") byte[] nonce, @Bind("keyId") String keyId, @Bind("now") Instant now,
            @Bind("actor") String actor);

    @SqlUpdate("UPDATE secrets SET ciphertext = :ciphertext, nonce = :nonce, key_id = :keyId, updated_at = :now,"
            + " updated_by = :actor WHERE name = :name")
    int update(@Bind("name") String name, @Bind("ciphertext") byte[] ciphertext, @Bind("nonce") byte[] nonce,
            @Bind("keyId") String keyId, @Bind("now") Instant now, @Bind("actor") String actor);

    @SqlUpdate("DELETE FROM secrets WHERE name = :name")
    int delete(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM secrets WHERE name = :name")
    Optional<StoredSecret> get(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + ", ciphertext, nonce FROM secrets WHERE name = :name")
    Optional<SecretRepository.Sealed> sealed(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM secrets ORDER BY name")
    List<StoredSecret> all();

    @SqlQuery("SELECT " + COLUMNS + " FROM secrets WHERE stack_id = :stackId ORDER BY name")
    List<StoredSecret> ofStack(@Bind("stackId") String stackId);

    @SqlQuery("SELECT key_id, ciphertext, nonce, created_at FROM secret_key_check WHERE check_id = 1")
    Optional<SecretKeyCheck> keyCheck();

    @SqlUpdate("INSERT INTO secret_key_check (check_id, key_id, ciphertext, nonce, created_at)"
            + " VALUES (1, :keyId, :ciphertext, :nonce, :now) ON CONFLICT (check_id) DO NOTHING")
    int insertKeyCheckIfAbsent(@Bind("keyId") String keyId, @Bind("ciphertext") byte[] ciphertext,
            @Bind("nonce") byte[] nonce, @Bind("now") Instant now);
}
