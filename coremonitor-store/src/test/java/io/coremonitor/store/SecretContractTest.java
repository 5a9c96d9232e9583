package io.coremonitor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.model.StackNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The suite of secrets and the key check; each subclass runs it against one database (SQLite file, PostgreSQL schema). */
abstract class SecretContractTest extends OneDatabaseTest {

    private static SealedValue sealed(int i) {
        byte[] nonce = new byte[12];
        nonce[0] = (byte) i;
        byte[] ciphertext = new byte[] {0, (byte) 0xff, (byte) i, 0x7f, (byte) 0x80};
        return new SealedValue("key-" + i, nonce, ciphertext);
    }

    private NewSecret global(String name, int i) {
        return new NewSecret(name, Optional.empty(), sealed(i), "alice");
    }

    @Test
    void createStoresTheCiphertextAndTheMetadata() {
        Instant created = clock.instant();
        StoredSecret stored = store.secrets().create(global("db.password", 1)).orElseThrow();

        assertThat(stored).isEqualTo(new StoredSecret("db.password", Optional.empty(), "key-1", created, "alice", created,
                "alice"));
        SecretRepository.Sealed read = store.secrets().sealed("db.password").orElseThrow();
        assertThat(read.secret()).isEqualTo(stored);
        assertThat(read.value()).isEqualTo(sealed(1));
        assertThat(store.secrets().find("db.password")).contains(stored);
        assertThat(store.secrets().find("other")).isEmpty();
        assertThat(store.secrets().sealed("other")).isEmpty();
    }

    @Test
    void aSecondCreateOfTheSameNameChangesNothing() {
        StoredSecret first = store.secrets().create(global("token", 1)).orElseThrow();
        clock.advance(Duration.ofSeconds(5));

        assertThat(store.secrets().create(new NewSecret("token", Optional.empty(), sealed(2), "bob"))).isEmpty();
        assertThat(store.secrets().sealed("token").orElseThrow().value()).isEqualTo(sealed(1));
        assertThat(store.secrets().find("token")).contains(first);
    }

    @Test
    void concurrentCreatesOfOneNameStoreOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Optional<StoredSecret>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                Callable<Optional<StoredSecret>> create = () -> store.secrets().create(global("race", n));
                results.add(pool.submit(create));
            }
            int created = 0;
            for (Future<Optional<StoredSecret>> r : results) {
                created += r.get().isPresent() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSecretOfAStackNeedsALiveStackAndGoesWithIt() {
        store.stacks().create("s1", "shop");
        StoredSecret stored = store.secrets().create(new NewSecret("shop-db", Optional.of("s1"), sealed(1), "alice"))
                .orElseThrow();
        store.secrets().create(global("global-token", 2));

        assertThat(stored.stackId()).contains("s1");
        assertThat(store.secrets().listOfStack("s1")).extracting(StoredSecret::name).containsExactly("shop-db");
        assertThatThrownBy(() -> store.secrets().create(new NewSecret("x", Optional.of("nope"), sealed(1), "alice")))
                .isInstanceOf(StackNotFoundException.class).hasMessageContaining("nope");
        store.stacks().markDeleted("s1");
        assertThatThrownBy(() -> store.secrets().create(new NewSecret("y", Optional.of("s1"), sealed(1), "alice")))
                .isInstanceOf(StackNotFoundException.class);
        assertThat(store.secrets().find("x")).isEmpty();

        store.stacks().delete("s1");
        assertThat(store.secrets().list()).extracting(StoredSecret::name).containsExactly("global-token");
    }

    @Test
    void replaceChangesTheValueAndTheUpdateOnly() {
        Instant created = clock.instant();
        store.secrets().create(global("api-key", 1));
        clock.advance(Duration.ofMinutes(3));

        StoredSecret replaced = store.secrets().replace("api-key", sealed(2), "bob").orElseThrow();

        assertThat(replaced).isEqualTo(new StoredSecret("api-key", Optional.empty(), "key-2", created, "alice",
                created.plus(Duration.ofMinutes(3)), "bob"));
        assertThat(store.secrets().sealed("api-key").orElseThrow().value()).isEqualTo(sealed(2));
        assertThat(store.secrets().replace("missing", sealed(2), "bob")).isEmpty();
        assertThat(store.secrets().find("missing")).isEmpty();
    }

    @Test
    void deleteAndListByName() {
        store.secrets().create(global("b", 1));
        store.secrets().create(global("a", 2));
        store.secrets().create(global("c.d_e-f", 3));

        assertThat(store.secrets().list()).extracting(StoredSecret::name).containsExactly("a", "b", "c.d_e-f");
        assertThat(store.secrets().delete("b")).isTrue();
        assertThat(store.secrets().delete("b")).isFalse();
        assertThat(store.secrets().list()).extracting(StoredSecret::name).containsExactly("a", "c.d_e-f");
    }

    @Test
    void theKeyCheckIsWrittenOnceAndKeptAfterwards() {
        assertThat(store.secrets().keyCheck()).isEmpty();
        Instant at = clock.instant();

        SecretKeyCheck first = store.secrets().initKeyCheck(sealed(1));
        clock.advance(Duration.ofSeconds(1));
        SecretKeyCheck second = store.secrets().initKeyCheck(sealed(2));

        assertThat(first).isEqualTo(new SecretKeyCheck(sealed(1), at));
        assertThat(second).isEqualTo(first);
        assertThat(store.secrets().keyCheck()).contains(first);
    }

    @Test
    void namesFollowTheRule() {
        for (String bad : List.of("", "Upper", "-lead", "_lead", ".lead", "sp ace", "slash/x", "a".repeat(129), "é")) {
            assertThatThrownBy(() -> global(bad, 1)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid secret name");
        }
        for (String good : List.of("a", "0", "a".repeat(128), "db.password", "x_y-z.1")) {
            assertThat(store.secrets().create(global(good, 1))).as(good).isPresent();
        }
    }

    @Test
    void noRecordPrintsAValue() {
        SealedValue value = sealed(7);
        assertThat(value.toString()).isEqualTo("SealedValue[keyId=key-7, nonce=12 bytes, ciphertext=5 bytes]");
        StoredSecret stored = store.secrets().create(global("printed", 7)).orElseThrow();
        assertThat(store.secrets().sealed("printed").orElseThrow().toString()).contains(stored.toString())
                .contains("ciphertext=5 bytes").doesNotContain("[B@");
    }
}
