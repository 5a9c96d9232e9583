package io.coremonitor.engine.secrets;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the key that encrypts secrets (AES-256) comes from: given (32 bytes in base64, e.g. the environment variable
 * {@value #ENV}), or a key file ({@code <data-dir>/}{@value #KEY_FILE_NAME}) the engine generates with mode 0600 when
 * it first stores a secret. Never prints the key.
 */
public final class SecretKeySource {

    /** The environment variable of a given key. */
    public static final String ENV = "COREMONITOR_SECRET_KEY";

    /** The key file's name in the data directory. */
    public static final String KEY_FILE_NAME = "secret.key";

    /** The key's length: AES-256. */
    public static final int KEY_BYTES = 32;

    private final byte[] key;
    private final Path file;

    private SecretKeySource(byte[] key, Path file) {
        this.key = key;
        this.file = file;
    }

    /**
     * A key given as base64 (standard or URL-safe alphabet).
     *
     * @throws SecretKeyException when it is not base64 of 32 bytes (the message never quotes it)
     */
    public static SecretKeySource base64(String base64) {
        Objects.requireNonNull(base64, "base64");
        byte[] key = decode(base64.strip(), "the secret key (" + ENV + ")");
        return new SecretKeySource(key, null);
    }

    /** A key file (generated with mode 0600 when missing, refused when readable by group or others). */
    public static SecretKeySource keyFile(Path file) {
        return new SecretKeySource(null, Objects.requireNonNull(file, "file"));
    }

    /** {@code <dataDirectory>/secret.key}. */
    public static SecretKeySource inDataDirectory(Path dataDirectory) {
        return keyFile(dataDirectory.resolve(KEY_FILE_NAME));
    }

    /** {@value #ENV} when set and not blank, else the key file in the data directory. */
    public static SecretKeySource fromEnvironment(Map<String, String> env, Path dataDirectory) {
        String given = env.get(ENV);
        return given != null && !given.isBlank() ? base64(given) : inDataDirectory(dataDirectory);
    }

    /**
     * Decodes a key from base64.
     *
     * @param what what the text is, for the message
     * @throws SecretKeyException when it is not base64 of exactly 32 bytes
     */
    public static byte[] decode(String base64, String what) {
        byte[] key;
        try {
            key = base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(base64) : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new SecretKeyException(what + " is not base64: give " + KEY_BYTES
                    + " random bytes in base64 (e.g. the output of 'openssl rand -base64 32')");
        }
        if (key.length != KEY_BYTES) {
            throw new SecretKeyException(what + " must be " + KEY_BYTES + " bytes in base64, got " + key.length
                    + " bytes (e.g. the output of 'openssl rand -base64 32')");
        }
        return key;
    }

    /** The given key (a copy), when the key is not a file. */
    public Optional<byte[]> givenKey() {
        return Optional.ofNullable(key).map(byte[]::clone);
    }

    /** The key file, when the key is one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** For messages: {@code key file <path>} or {@code COREMONITOR_SECRET_KEY}. */
    public String describe() {
        return file != null ? "key file " + file : ENV;
    }

    @Override
    public String toString() {
        return "SecretKeySource[" + (file != null ? "key file " + file : "given key") + "]";
    }
}
