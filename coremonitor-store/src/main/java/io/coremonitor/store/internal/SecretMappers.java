package io.coremonitor.store.internal;

import io.coremonitor.store.SealedValue;
import io.coremonitor.store.SecretKeyCheck;
import io.coremonitor.store.SecretRepository;
import io.coremonitor.store.StoredSecret;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** Row mappers of the secrets tables ({@link SecretDao#COLUMNS}). */
public final class SecretMappers {

    private SecretMappers() {
    }

    /** A secrets row without its value. */
    public static final RowMapper<StoredSecret> STORED = (rs, ctx) -> stored(rs);

    /** A secrets row with its ciphertext and nonce. */
    public static final RowMapper<SecretRepository.Sealed> SEALED = (rs, ctx) -> {
        StoredSecret secret = stored(rs);
        return new SecretRepository.Sealed(secret,
                new SealedValue(secret.keyId(), rs.getBytes("nonce"), rs.getBytes("ciphertext")));
    };

    /** The secret_key_check row. */
    public static final RowMapper<SecretKeyCheck> KEY_CHECK = (rs, ctx) -> new SecretKeyCheck(
            new SealedValue(rs.getString("key_id"), rs.getBytes("nonce"), rs.getBytes("ciphertext")),
            Instant.ofEpochMilli(rs.getLong("created_at")));

    private static StoredSecret stored(ResultSet rs) throws SQLException {
        return new StoredSecret(rs.getString("name"), Optional.ofNullable(rs.getString("stack_id")),
                rs.getString("key_id"), Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getString("updated_by"));
    }
}
