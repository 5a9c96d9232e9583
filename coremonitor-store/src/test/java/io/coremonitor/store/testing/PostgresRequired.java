package io.coremonitor.store.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(PostgresRequired.class)} on a test class: skips the whole class with a visible reason when the
 * test PostgreSQL server is unreachable, or fails it when {@code CI=true}. See {@link TestPostgres}.
 */
public final class PostgresRequired implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestPostgres.require();
    }
}
