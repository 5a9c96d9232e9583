package io.coremonitor.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * An encrypted value as the store keeps it: the engine's cipher made it and only the engine's key opens it. The
 * arrays are copied in and out.
 *
 * @param keyId      the fingerprint of the key that encrypted it (at most 64 characters)
 * @param nonce      the nonce of that encryption
 * @param ciphertext the ciphertext with its authentication tag
 */
public record SealedValue(String keyId, byte[] nonce, byte[] ciphertext) {

    public SealedValue {
        Objects.requireNonNull(keyId, "keyId");
        if (keyId.isEmpty() || keyId.length() > 64) {
            throw new IllegalArgumentException("a key id has 1 to 64 characters, got " + keyId.length());
        }
        nonce = Objects.requireNonNull(nonce, "nonce").clone();
        ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedValue s && keyId.equals(s.keyId) && Arrays.equals(nonce, s.nonce)
                && Arrays.equals(ciphertext, s.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyId, Arrays.hashCode(nonce), Arrays.hashCode(ciphertext));
    }

    /** The key id and the sizes only. */
    @Override
    public String toString() {
        return "SealedValue[keyId=" + keyId + ", nonce=" + nonce.length + " bytes, ciphertext=" + ciphertext.length
                + " bytes]";
    }
}
