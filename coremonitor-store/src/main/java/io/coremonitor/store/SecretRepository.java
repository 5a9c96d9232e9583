package io.coremonitor.store;

import java.util.List;
import java.util.Optional;

/**
 * Secrets, stored encrypted (the engine encrypts and decrypts them; the store never sees a plaintext), and the key
 * check that tells whether the engine holds the key they were encrypted with.
 */
public interface SecretRepository {

    /**
     * Stores a new secret (its creation and update time are now).
     *
     * @return the stored secret, or empty when a secret of that name exists (nothing changed)
     * @throws io.coremonitor.model.StackNotFoundException when its stack does not exist or is deleted
     */
    Optional<StoredSecret> create(NewSecret secret);

    /**
     * Replaces a secret's value (update time now, by {@code actor}).
     *
     * @return the updated secret, or empty when there is none of that name
     */
    Optional<StoredSecret> replace(String name, SealedValue value, String actor);

    /** Deletes a secret; true when it existed. */
    boolean delete(String name);

    Optional<StoredSecret> find(String name);

    /** A secret and its encrypted value. */
    Optional<Sealed> sealed(String name);

    /** Every secret, by name. */
    List<StoredSecret> list();

    /** The secrets of one stack, by name. */
    List<StoredSecret> listOfStack(String stackId);

    /** The key check, once one was written. */
    Optional<SecretKeyCheck> keyCheck();

    /**
     * Writes the key check unless one exists, and returns the one stored (this one, or the one written before, even by
     * another engine at the same time).
     */
    SecretKeyCheck initKeyCheck(SealedValue check);

    /**
     * A secret with its encrypted value.
     *
     * @param secret its metadata
     * @param value  its encrypted value
     */
    record Sealed(StoredSecret secret, SealedValue value) {
    }
}
