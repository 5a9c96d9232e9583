package io.coremonitor.server.internal;

import io.coremonitor.store.StoredSecret;
import java.time.Instant;
import java.util.Optional;

/** The answers about secrets: their metadata; a value only where the API says so. */
final class SecretBodies {

    private SecretBodies() {
    }

    /**
     * A secret, without its value: {@code value} is there only in the answer of a create or replace whose value the
     * server generated (shown that once); null otherwise.
     */
    record SecretView(String name, Optional<String> stack, String keyId, Instant createdAt, String createdBy,
            Instant updatedAt, String updatedBy, Optional<String> value) {

        static SecretView of(StoredSecret s) {
            return of(s, Optional.empty());
        }

        static SecretView of(StoredSecret s, Optional<String> generated) {
            return new SecretView(s.name(), s.stackId(), s.keyId(), s.createdAt(), s.createdBy(), s.updatedAt(),
                    s.updatedBy(), generated);
        }
    }

    /** {@code POST /secrets/{name}/reveal}: a secret's value. */
    record RevealedSecretView(String name, String value) {
    }
}
