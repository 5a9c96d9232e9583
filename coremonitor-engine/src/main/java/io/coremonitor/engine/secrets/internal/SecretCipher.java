package io.coremonitor.engine.secrets.internal;

import io.coremonitor.engine.secrets.SecretKeySource;
import io.coremonitor.store.SealedValue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with one key: a fresh random 12-byte nonce per encryption, a 128-bit tag, and associated data that binds
 * a ciphertext to what it is (a secret's name), so that it does not decrypt anywhere else. Thread-safe.
 */
public final class SecretCipher {

    /** The nonce length GCM is made for. */
    public static final int NONCE_BYTES = 12;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BITS = 128;
    private static final byte[] KEY_ID_LABEL = "coremonitor secret key id".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] keyBytes) {
        Objects.requireNonNull(keyBytes, "keyBytes");
        if (keyBytes.length != SecretKeySource.KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, got " + keyBytes.length);
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyId = keyId(keyBytes);
    }

    /**
     * The key's fingerprint: the first 8 bytes of HMAC-SHA256(key, a fixed label) in hex. It names the key in the
     * store and in messages and tells nothing of it.
     */
    static String keyId(byte[] keyBytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyBytes, "HmacSHA256"));
            byte[] digest = mac.doFinal(KEY_ID_LABEL);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    /** Encrypts {@code plaintext} bound to {@code associatedData}. */
    public SealedValue seal(String associatedData, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new SealedValue(keyId, nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decrypts a value sealed with {@code associatedData}.
     *
     * @throws AEADBadTagException when the ciphertext, the nonce or the associated data differ from the sealed ones, or
     *                             the key is another
     */
    public byte[] open(String associatedData, SealedValue sealed) throws AEADBadTagException {
        byte[] nonce = sealed.nonce();
        if (nonce.length != NONCE_BYTES) {
            throw new AEADBadTagException("a nonce of " + nonce.length + " bytes, expected " + NONCE_BYTES);
        }
        byte[] ciphertext = sealed.ciphertext();
        if (ciphertext.length < TAG_BITS / 8) {
            throw new AEADBadTagException("a ciphertext of " + ciphertext.length + " bytes, shorter than its tag");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            // a ciphertext shorter than its tag, and the like: altered as well
            AEADBadTagException bad = new AEADBadTagException("not a ciphertext of this cipher: " + e.getClass().getSimpleName());
            bad.initCause(e);
            throw bad;
        }
    }
}
