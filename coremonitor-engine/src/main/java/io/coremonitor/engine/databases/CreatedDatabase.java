package io.coremonitor.engine.databases;

import io.coremonitor.engine.secrets.SecretValue;
import java.util.Objects;
import java.util.Optional;

/**
 * A database that answered a login.
 *
 * @param database          what it is
 * @param generatedPassword the password, when it was generated (given once, to the creator); empty when it was given
 * @param commandId         the APPLY command that started it
 */
public record CreatedDatabase(ManagedDatabase database, Optional<SecretValue> generatedPassword, long commandId) {

    public CreatedDatabase {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(generatedPassword, "generatedPassword");
    }
}
