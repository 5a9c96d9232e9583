package io.coremonitor.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known of a stored secret without its value: no plaintext and no ciphertext.
 *
 * @param name      the secret's name ({@link NewSecret#NAME_RULE})
 * @param stackId   the stack it belongs to; empty for a global secret
 * @param keyId     the fingerprint of the key that encrypted it
 * @param createdAt when it was created
 * @param createdBy who created it
 * @param updatedAt when its value was last replaced (its creation time until then)
 * @param updatedBy who last replaced its value (its creator until then)
 */
public record StoredSecret(String name, Optional<String> stackId, String keyId, Instant createdAt, String createdBy,
        Instant updatedAt, String updatedBy) {

    public StoredSecret {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
    }
}
