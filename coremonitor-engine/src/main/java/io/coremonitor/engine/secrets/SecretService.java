package io.coremonitor.engine.secrets;

import io.coremonitor.engine.secrets.internal.SecretCipher;
import io.coremonitor.engine.secrets.internal.SecretKeys;
import io.coremonitor.store.NewSecret;
import io.coremonitor.store.SealedValue;
import io.coremonitor.store.SecretRepository;
import io.coremonitor.store.StoredSecret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets held by Core Monitor, encrypted at rest with AES-256-GCM (a random nonce per encryption, the secret's name
 * as associated data so that a ciphertext moved to another name does not decrypt). A value goes in once
 * ({@link #create}, {@link #replace}) and comes out only through {@link #reveal} and {@link #resolve}: who may call
 * them is the caller's decision. No exception message or log line carries a value. Thread-safe.
 */
public final class SecretService {

    private static final Logger LOG = LoggerFactory.getLogger(SecretService.class);

    /** The largest value accepted, in bytes. */
    public static final int MAX_VALUE_BYTES = 64 * 1024;

    private final SecretRepository repository;
    private final SecretKeys keys;

    private SecretService(SecretRepository repository, SecretKeys keys) {
        this.repository = repository;
        this.keys = keys;
    }

    /**
     * The service over this repository, after the key check (see {@link SecretKeySource}).
     *
     * @throws WrongSecretKeyException when the key is not the one the stored secrets were encrypted with, or missing
     * @throws SecretKeyException      when the key setting or file cannot be used
     */
    public static SecretService start(SecretRepository repository, SecretKeySource source) {
        SecretKeys keys = new SecretKeys(Objects.requireNonNull(repository, "repository"),
                Objects.requireNonNull(source, "source"));
        keys.start();
        return new SecretService(repository, keys);
    }

    /**
     * Stores a new secret.
     *
     * @param stackId the stack it belongs to (only that stack may {@link #resolve} it); empty for a global secret
     * @throws InvalidSecretException  when the name does not match {@link NewSecret#NAME_RULE} or the value is too large
     * @throws DuplicateSecretException when a secret of that name exists
     * @throws io.coremonitor.model.StackNotFoundException when the stack does not exist
     */
    public StoredSecret create(String name, Optional<String> stackId, SecretValue value, String actor) {
        checkName(name);
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(actor, "actor");
        SealedValue sealed = seal(name, value);
        StoredSecret stored = repository.create(new NewSecret(name, stackId, sealed, actor))
                .orElseThrow(() -> new DuplicateSecretException(name));
        LOG.info("secret {} created by {}{}", name, actor, stackId.map(s -> " for stack " + s).orElse(""));
        return stored;
    }

    /**
     * Replaces a secret's value.
     *
     * @throws SecretNotFoundException when there is no secret of that name
     */
    public StoredSecret replace(String name, SecretValue value, String actor) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(actor, "actor");
        SealedValue sealed = seal(name, value);
        StoredSecret stored = repository.replace(name, sealed, actor).orElseThrow(() -> notFound(name));
        LOG.info("secret {} replaced by {}", name, actor);
        return stored;
    }

    /**
     * Deletes a secret.
     *
     * @throws SecretNotFoundException when there is no secret of that name
     */
    public void delete(String name, String actor) {
        Objects.requireNonNull(name, "name");
        if (!repository.delete(name)) {
            throw notFound(name);
        }
        LOG.info("secret {} deleted by {}", name, actor);
    }

    /** Every secret's metadata, by name. */
    public List<StoredSecret> list() {
        return repository.list();
    }

    /** The metadata of a stack's own secrets, by name. */
    public List<StoredSecret> listOfStack(String stackId) {
        return repository.listOfStack(stackId);
    }

    public Optional<StoredSecret> find(String name) {
        return repository.find(Objects.requireNonNull(name, "name"));
    }

    /**
     * A secret's metadata.
     *
     * @throws SecretNotFoundException when there is no secret of that name
     */
    public StoredSecret get(String name) {
        return find(name).orElseThrow(() -> notFound(name));
    }

    /**
     * A secret's value, for {@code actor} (logged: "secret NAME revealed by ACTOR"). The caller decides who may read it.
     *
     * @throws SecretNotFoundException    when there is no secret of that name
     * @throws SecretDecryptionException  when its stored ciphertext does not decrypt (altered, or moved from another name)
     */
    public SecretValue reveal(String name, String actor) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(actor, "actor");
        SecretRepository.Sealed sealed = repository.sealed(name).orElseThrow(() -> notFound(name));
        SecretValue value = open(sealed);
        LOG.info("secret {} revealed by {}", name, actor);
        return value;
    }

    /**
     * A secret's value for a stack's convergence: a global secret or one of that stack.
     *
     * @throws SecretNotFoundException   when there is no such secret, or it belongs to another stack
     * @throws SecretDecryptionException when its stored ciphertext does not decrypt
     */
    public SecretValue resolve(String stackId, String name) {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(name, "name");
        SecretRepository.Sealed sealed = repository.sealed(name)
                .filter(s -> s.secret().stackId().map(stackId::equals).orElse(true))
                .orElseThrow(() -> new SecretNotFoundException("no secret named '" + name + "' for stack " + stackId
                        + " (a secret is global or belongs to one stack)"));
        return open(sealed);
    }

    /**
     * Encrypts a value that is not a named secret (a followed git repository's credentials) with the key secrets are
     * encrypted with, bound to {@code purpose}: the sealed value opens with {@link #openSealed} for that purpose only.
     *
     * @param purpose what the value is for, such as {@code git:<stack id>}; never {@code secret:...}, a secret's own
     * @throws InvalidSecretException when the value is too large
     */
    public SealedValue seal(String purpose, byte[] value) {
        checkPurpose(purpose);
        Objects.requireNonNull(value, "value");
        if (value.length > MAX_VALUE_BYTES) {
            throw new InvalidSecretException("value", "the value for " + purpose + " has " + value.length
                    + " bytes, more than " + MAX_VALUE_BYTES);
        }
        return keys.cipher().seal(purpose, value);
    }

    /**
     * Decrypts a value {@link #seal(String, byte[]) sealed} for {@code purpose}.
     *
     * @throws SecretDecryptionException when it was sealed with another key or for another purpose, or was altered
     */
    public byte[] openSealed(String purpose, SealedValue sealed) {
        checkPurpose(purpose);
        Objects.requireNonNull(sealed, "sealed");
        SecretCipher cipher = keys.cipher();
        if (!sealed.keyId().equals(cipher.keyId())) {
            throw new SecretDecryptionException("the value for " + purpose + " was encrypted with the key of id "
                    + sealed.keyId() + ", not with the key in use (id " + cipher.keyId() + ")");
        }
        try {
            return cipher.open(purpose, sealed);
        } catch (AEADBadTagException e) {
            throw new SecretDecryptionException("the value for " + purpose + " does not decrypt: its stored ciphertext,"
                    + " nonce or purpose was altered (AES-GCM authentication failed)");
        }
    }

    private static void checkPurpose(String purpose) {
        Objects.requireNonNull(purpose, "purpose");
        if (purpose.isBlank() || purpose.startsWith("secret:")) {
            throw new IllegalArgumentException("a purpose is not blank and not a secret's (secret:...): " + purpose);
        }
    }

    /** The id of the key in use, once it was loaded (at start, or with the first secret). */
    public Optional<String> keyId() {
        return keys.loaded().map(SecretCipher::keyId);
    }

    private SealedValue seal(String name, SecretValue value) {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_VALUE_BYTES) {
            throw new InvalidSecretException("value", "the value of secret '" + name + "' has " + value.length()
                    + " bytes, more than " + MAX_VALUE_BYTES);
        }
        return keys.cipher().seal(associatedData(name), value.bytes());
    }

    private SecretValue open(SecretRepository.Sealed sealed) {
        String name = sealed.secret().name();
        SecretCipher cipher = keys.cipher();
        String keyId = sealed.value().keyId();
        if (!keyId.equals(cipher.keyId())) {
            throw new SecretDecryptionException("the secret '" + name + "' was encrypted with the key of id " + keyId
                    + ", not with the key in use (id " + cipher.keyId() + ")");
        }
        try {
            return SecretValue.ofBytes(cipher.open(associatedData(name), sealed.value()));
        } catch (AEADBadTagException e) {
            LOG.warn("secret {} does not decrypt: its stored ciphertext, nonce or name was altered", name);
            throw new SecretDecryptionException("the secret '" + name + "' does not decrypt: its stored ciphertext,"
                    + " nonce or name was altered (AES-GCM authentication failed)");
        }
    }

    private static void checkName(String name) {
        try {
            NewSecret.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidSecretException("name", e.getMessage());
        }
    }

    /** Binds a ciphertext to its secret's name. */
    private static String associatedData(String name) {
        return "secret:" + name;
    }

    private static SecretNotFoundException notFound(String name) {
        return new SecretNotFoundException("no secret named '" + name + "'");
    }
}
