package io.coremonitor.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.store.SealedValue;
import io.coremonitor.store.SecretRepository;
import io.coremonitor.store.Store;
import io.coremonitor.store.StoredSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret store through the engine, on a SQLite file (the store's suite runs on both databases). */
class SecretServiceTest {

    private static final String VALUE = "hunter2-Very-Secret";
    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @TempDir
    Path dir;

    private final List<CoreMonitor> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(CoreMonitor::close);
    }

    private Path db() {
        return dir.resolve("cm.db");
    }

    private Path keyFile() {
        return dir.resolve("secret.key");
    }

    private CoreMonitor engine() {
        CoreMonitor cm = CoreMonitor.builder().sqlite(db()).build();
        engines.add(cm);
        return cm;
    }

    private CoreMonitor engine(SecretKeySource key) {
        CoreMonitor cm = CoreMonitor.builder().sqlite(db()).secretKey(key).build();
        engines.add(cm);
        return cm;
    }

    private void closeAll() {
        engines.forEach(CoreMonitor::close);
        engines.clear();
    }

    @Test
    void createRevealReplaceDelete() {
        SecretService secrets = engine().secrets();

        StoredSecret created = secrets.create("db.password", Optional.empty(), SecretValue.of(VALUE), "alice");

        assertThat(created.name()).isEqualTo("db.password");
        assertThat(created.keyId()).isEqualTo(secrets.keyId().orElseThrow());
        assertThat(secrets.reveal("db.password", "test").asString()).isEqualTo(VALUE);
        assertThat(secrets.list()).containsExactly(created);

        StoredSecret replaced = secrets.replace("db.password", SecretValue.ofChars("new".toCharArray()), "bob");
        assertThat(replaced.updatedBy()).isEqualTo("bob");
        assertThat(secrets.reveal("db.password", "test")).isEqualTo(SecretValue.of("new"));

        secrets.delete("db.password", "carol");
        assertThat(secrets.find("db.password")).isEmpty();
        assertThatThrownBy(() -> secrets.reveal("db.password", "test")).isInstanceOf(SecretNotFoundException.class)
                .hasMessage("no secret named 'db.password'");
        assertThatThrownBy(() -> secrets.delete("db.password", "carol")).isInstanceOf(SecretNotFoundException.class);
        assertThatThrownBy(() -> secrets.replace("db.password", SecretValue.of("x"), "bob"))
                .isInstanceOf(SecretNotFoundException.class);
    }

    @Test
    void aValueSealedForAPurposeOpensForThatPurposeOnlyAndNeverAsASecret() {
        SecretService secrets = engine(SecretKeySource.base64(KEY_A)).secrets();
        byte[] plain = VALUE.getBytes(StandardCharsets.UTF_8);
        SealedValue sealed = secrets.seal("git:stack-1", plain);

        assertThat(sealed.toString()).doesNotContain(VALUE);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(VALUE);
        assertThat(secrets.openSealed("git:stack-1", sealed)).isEqualTo(plain);
        assertThatThrownBy(() -> secrets.openSealed("git:stack-2", sealed))
                .isInstanceOf(SecretDecryptionException.class).hasMessageContaining("git:stack-2")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(VALUE));
        assertThatThrownBy(() -> secrets.seal("secret:db", plain)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secrets.openSealed("secret:db", sealed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecondCreateOfANameIsADuplicate() {
        SecretService secrets = engine().secrets();
        secrets.create("token", Optional.empty(), SecretValue.of(VALUE), "alice");

        Throwable thrown = catchThrowable(() -> secrets.create("token", Optional.empty(), SecretValue.of("other"), "bob"));

        assertThat(thrown).isInstanceOf(DuplicateSecretException.class).hasMessage("a secret named 'token' exists already");
        assertThat(secrets.reveal("token", "test").asString()).isEqualTo(VALUE);
    }

    @Test
    void badNamesAndStacksAreRefusedBeforeAnythingIsStored() {
        CoreMonitor cm = engine();
        SecretService secrets = cm.secrets();

        assertThatThrownBy(() -> secrets.create("Bad Name", Optional.empty(), SecretValue.of(VALUE), "alice"))
                .isInstanceOf(InvalidSecretException.class).hasMessageContaining("invalid secret name 'Bad Name'")
                .hasMessageNotContaining(VALUE);
        assertThatThrownBy(() -> secrets.create("x", Optional.of("nope"), SecretValue.of(VALUE), "alice"))
                .isInstanceOf(StackNotFoundException.class).hasMessageNotContaining(VALUE);
        assertThatThrownBy(() -> secrets.create("big", Optional.empty(),
                SecretValue.ofBytes(new byte[SecretService.MAX_VALUE_BYTES + 1]), "alice"))
                .isInstanceOf(InvalidSecretException.class).hasMessageContaining("65537 bytes");
        assertThat(secrets.list()).isEmpty();
    }

    @Test
    void resolveGivesAStackItsOwnAndTheGlobalSecretsOnly() {
        CoreMonitor cm = engine();
        cm.store().stacks().create("s1", "shop");
        cm.store().stacks().create("s2", "blog");
        SecretService secrets = cm.secrets();
        secrets.create("shop-db", Optional.of("s1"), SecretValue.of("one"), "alice");
        secrets.create("registry", Optional.empty(), SecretValue.of("two"), "alice");

        assertThat(secrets.resolve("s1", "shop-db").asString()).isEqualTo("one");
        assertThat(secrets.resolve("s1", "registry").asString()).isEqualTo("two");
        assertThat(secrets.resolve("s2", "registry").asString()).isEqualTo("two");
        assertThatThrownBy(() -> secrets.resolve("s2", "shop-db")).isInstanceOf(SecretNotFoundException.class)
                .hasMessage("no secret named 'shop-db' for stack s2 (a secret is global or belongs to one stack)");
        assertThat(secrets.listOfStack("s1")).extracting(StoredSecret::name).containsExactly("shop-db");
    }

    @Test
    void theKeyFileIsGeneratedWithMode0600WithTheFirstSecretAndKeptAcrossRestarts() throws Exception {
        SecretService secrets = engine().secrets();
        assertThat(keyFile()).doesNotExist();
        assertThat(secrets.keyId()).isEmpty();

        secrets.create("token", Optional.empty(), SecretValue.of(VALUE), "alice");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile()))).isEqualTo("rw-------");
        assertThat(Files.readString(keyFile())).doesNotContain(VALUE);
        String keyId = secrets.keyId().orElseThrow();
        closeAll();

        SecretService again = engine().secrets();
        assertThat(again.keyId()).contains(keyId);
        assertThat(again.reveal("token", "test").asString()).isEqualTo(VALUE);
    }

    @Test
    void aGivenKeyReadsTheSecretsBackAfterARestartAndWritesNoFile() {
        engine(SecretKeySource.base64(KEY_A)).secrets().create("token", Optional.empty(), SecretValue.of(VALUE), "alice");
        closeAll();

        SecretService again = engine(SecretKeySource.fromEnvironment(Map.of(SecretKeySource.ENV, KEY_A), dir)).secrets();

        assertThat(again.reveal("token", "test").asString()).isEqualTo(VALUE);
        assertThat(keyFile()).doesNotExist();
    }

    @Test
    void aWrongKeyRefusesTheStartWithBothKeyIds() {
        SecretService first = engine(SecretKeySource.base64(KEY_A)).secrets();
        first.create("token", Optional.empty(), SecretValue.of(VALUE), "alice");
        String expected = first.keyId().orElseThrow();
        closeAll();

        Throwable thrown = catchThrowable(() -> engine(SecretKeySource.base64(KEY_B)));

        assertThat(thrown).isInstanceOf(WrongSecretKeyException.class)
                .hasMessageStartingWith("the secret key does not match the one this database's secrets were encrypted"
                        + " with (key id ")
                .hasMessageContaining(", expected " + expected + "): give the right COREMONITOR_SECRET_KEY or key file")
                .hasMessageNotContaining(VALUE).hasMessageNotContaining(KEY_B).hasMessageNotContaining(KEY_A);
        // the store was closed and the right key still opens it
        assertThat(engine(SecretKeySource.base64(KEY_A)).secrets().reveal("token", "test").asString()).isEqualTo(VALUE);
    }

    @Test
    void aNewKeyFileIsNotGeneratedForADatabaseThatHasSecrets() throws Exception {
        engine().secrets().create("token", Optional.empty(), SecretValue.of(VALUE), "alice");
        closeAll();
        Files.delete(keyFile());

        assertThatThrownBy(this::engine).isInstanceOf(WrongSecretKeyException.class)
                .hasMessageContaining("but the key file " + keyFile() + " does not exist: restore it or give the right"
                        + " COREMONITOR_SECRET_KEY");
        assertThat(keyFile()).doesNotExist();
    }

    @Test
    void anotherKeyFileRefusesTheStart() throws Exception {
        engine().secrets().create("token", Optional.empty(), SecretValue.of(VALUE), "alice");
        closeAll();
        Files.delete(keyFile());
        Files.createFile(keyFile(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile(), KEY_B + "\n");

        assertThatThrownBy(this::engine).isInstanceOf(WrongSecretKeyException.class)
                .hasMessageContaining("from the key file " + keyFile() + ", expected");
    }

    @Test
    void aKeyFileReadableByOthersRefusesTheStart() throws Exception {
        engine().secrets().create("token", Optional.empty(), SecretValue.of(VALUE), "alice");
        closeAll();
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(this::engine).isInstanceOf(SecretKeyException.class)
                .hasMessageContaining("has mode rw-r--r--: it must be readable by its owner only");
    }

    @Test
    void aBadKeySettingIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> SecretKeySource.base64("dG9vIHNob3J0")).isInstanceOf(SecretKeyException.class)
                .hasMessage("the secret key (COREMONITOR_SECRET_KEY) must be 32 bytes in base64, got 9 bytes (e.g. the"
                        + " output of 'openssl rand -base64 32')");
        assertThatThrownBy(() -> SecretKeySource.base64("*not-base64*")).isInstanceOf(SecretKeyException.class)
                .hasMessageNotContaining("not-base64*");
        assertThat(SecretKeySource.base64(KEY_A).toString()).isEqualTo("SecretKeySource[given key]");
    }

    @Test
    void aTamperedCiphertextIsAPreciseError() {
        CoreMonitor cm = engine();
        cm.secrets().create("token", Optional.empty(), SecretValue.of(VALUE), "alice");
        Store store = cm.store();
        byte[] ciphertext = store.secrets().sealed("token").orElseThrow().value().ciphertext();
        ciphertext[3] ^= 0x10;
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE secrets SET ciphertext = :c WHERE name = 'token'")
                .bind("c", ciphertext).execute());

        assertThatThrownBy(() -> cm.secrets().reveal("token", "test")).isInstanceOf(SecretDecryptionException.class)
                .hasMessage("the secret 'token' does not decrypt: its stored ciphertext, nonce or name was altered"
                        + " (AES-GCM authentication failed)");
    }

    @Test
    void aCiphertextMovedToAnotherNameDoesNotDecrypt() {
        CoreMonitor cm = engine();
        cm.secrets().create("admin-password", Optional.empty(), SecretValue.of(VALUE), "alice");
        cm.secrets().create("public-note", Optional.empty(), SecretValue.of("harmless"), "alice");
        SecretRepository.Sealed admin = cm.store().secrets().sealed("admin-password").orElseThrow();
        cm.store().jdbi().useHandle(h -> h.createUpdate("UPDATE secrets SET ciphertext = :c, nonce = :n"
                + " WHERE name = 'public-note'").bind("c", admin.value().ciphertext()).bind("n", admin.value().nonce())
                .execute());

        Throwable thrown = catchThrowable(() -> cm.secrets().reveal("public-note", "test"));

        assertThat(thrown).isInstanceOf(SecretDecryptionException.class).hasMessageContaining("'public-note' does not decrypt")
                .hasMessageNotContaining(VALUE);
    }

    @Test
    void noRecordOrMessagePrintsAValue() {
        CoreMonitor cm = engine();
        SecretValue value = SecretValue.of(VALUE);
        StoredSecret stored = cm.secrets().create("token", Optional.empty(), value, "alice");

        assertThat(value.toString()).isEqualTo("***");
        assertThat(cm.secrets().reveal("token", "test").toString()).isEqualTo("***");
        assertThat(stored.toString()).doesNotContain(VALUE);
        assertThat(cm.store().secrets().sealed("token").orElseThrow().toString()).doesNotContain(VALUE);
        assertThat(cm.secrets().list().toString()).doesNotContain(VALUE);
        List<Throwable> errors = List.of(
                catchThrowable(() -> cm.secrets().create("token", Optional.empty(), value, "alice")),
                catchThrowable(() -> cm.secrets().create("Token", Optional.empty(), value, "alice")),
                catchThrowable(() -> cm.secrets().replace("missing", value, "alice")),
                catchThrowable(() -> cm.secrets().resolve("other-stack", "missing")));
        assertThat(errors).allSatisfy(e -> assertThat(String.valueOf(e)).doesNotContain(VALUE));
        assertThat(errors).doesNotContainNull();
    }
}
