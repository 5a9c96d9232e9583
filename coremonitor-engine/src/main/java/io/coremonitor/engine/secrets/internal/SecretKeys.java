package io.coremonitor.engine.secrets.internal;

import io.coremonitor.engine.secrets.SecretKeySource;
import io.coremonitor.engine.secrets.WrongSecretKeyException;
import io.coremonitor.store.SecretKeyCheck;
import io.coremonitor.store.SecretRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's secret key and its check against the database. At start: a given key or an existing key file is
 * loaded and checked against the database's key check (written when there is none yet); when neither exists and the
 * database has no key check (no secret was ever stored) nothing happens, and the key file is generated on the first
 * write. A database with a key check and no key file is refused: a new key would not open its secrets.
 */
public final class SecretKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SecretKeys.class);

    /** The associated data of the key check (a secret's is {@code secret:<name>}: never this). */
    static final String CHECK_AAD = "coremonitor:secret-key-check";
    private static final byte[] CHECK_PLAINTEXT = "coremonitor secret key check v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretRepository repository;
    private final SecretKeySource source;
    private final SecureRandom random = new SecureRandom();
    private SecretCipher cipher;

    public SecretKeys(SecretRepository repository, SecretKeySource source) {
        this.repository = repository;
        this.source = source;
    }

    /**
     * Loads and checks the key when there is one to check.
     *
     * @throws WrongSecretKeyException when the key does not open the database's key check, or is missing
     * @throws io.coremonitor.engine.secrets.SecretKeyException when the key setting or file cannot be used
     */
    public synchronized void start() {
        Optional<SecretKeyCheck> check = repository.keyCheck();
        Optional<byte[]> key = source.givenKey().or(() -> source.file().flatMap(KeyFile::read));
        if (key.isEmpty()) {
            if (check.isPresent()) {
                throw new WrongSecretKeyException("this database's secrets were encrypted with the key of id "
                        + check.get().value().keyId() + " but the " + source.describe() + " does not exist: restore it"
                        + " or give the right " + SecretKeySource.ENV);
            }
            LOG.info("no secret stored yet: the {} will be generated with the first secret", source.describe());
            return;
        }
        use(new SecretCipher(key.get()), check);
    }

    /** The checked cipher, generating the key file first when needed. */
    public synchronized SecretCipher cipher() {
        if (cipher == null) {
            Path file = source.file().orElseThrow();
            Optional<SecretKeyCheck> check = repository.keyCheck();
            byte[] key = KeyFile.read(file).orElseGet(() -> {
                if (check.isPresent()) {
                    // written by another engine after this one started without a key file
                    throw new WrongSecretKeyException("this database's secrets were encrypted with the key of id "
                            + check.get().value().keyId() + " but the " + source.describe() + " does not exist: restore"
                            + " it or give the right " + SecretKeySource.ENV);
                }
                return KeyFile.create(file, random);
            });
            use(new SecretCipher(key), check);
        }
        return cipher;
    }

    /** The checked cipher, when the key was loaded already (reads need no key when nothing is stored). */
    public synchronized Optional<SecretCipher> loaded() {
        return Optional.ofNullable(cipher);
    }

    private void use(SecretCipher candidate, Optional<SecretKeyCheck> known) {
        SecretKeyCheck check = known.orElseGet(() -> repository.initKeyCheck(candidate.seal(CHECK_AAD, CHECK_PLAINTEXT)));
        verify(candidate, check);
        cipher = candidate;
        LOG.info("secret key loaded from the {}: key id {}", source.describe(), candidate.keyId());
    }

    private void verify(SecretCipher candidate, SecretKeyCheck check) {
        String expected = check.value().keyId();
        String wrong = "the secret key does not match the one this database's secrets were encrypted with (key id "
                + candidate.keyId() + " from the " + source.describe() + ", expected " + expected + "): give the right "
                + SecretKeySource.ENV + " or key file";
        if (!candidate.keyId().equals(expected)) {
            throw new WrongSecretKeyException(wrong);
        }
        try {
            byte[] plaintext = candidate.open(CHECK_AAD, check.value());
            if (!MessageDigest.isEqual(plaintext, CHECK_PLAINTEXT)) {
                throw new WrongSecretKeyException(wrong + " (the key check decrypts to something else)");
            }
        } catch (AEADBadTagException e) {
            throw new WrongSecretKeyException(wrong + " (the key check does not decrypt: it was altered)");
        }
    }
}
