package io.coremonitor.engine.git;

import io.coremonitor.engine.secrets.SecretValue;
import java.util.Objects;

/**
 * What Core Monitor logs in to a repository with over HTTP(S): a user name and a password or token. Stored encrypted
 * like a secret; never printed ({@link #toString()} shows neither).
 */
public record GitCredentials(String username, SecretValue password) {

    public GitCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "GitCredentials[***]";
    }
}
