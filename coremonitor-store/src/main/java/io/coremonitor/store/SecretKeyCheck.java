package io.coremonitor.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The known plaintext the engine encrypted with the secrets' key, so that a wrong key is noticed at start.
 *
 * @param value     the encrypted constant
 * @param createdAt when it was written
 */
public record SecretKeyCheck(SealedValue value, Instant createdAt) {

    public SecretKeyCheck {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
