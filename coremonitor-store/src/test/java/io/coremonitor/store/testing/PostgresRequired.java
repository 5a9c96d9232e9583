package io.coremonitor.store.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code @ExtendWith(PostgresRequired.class)} on a test class: when the test PostgreSQL server is unreachable, the
 * class is reported as skipped with the reason (and a WARN line), or fails loudly when {@code CI=true}. See
 * {@link TestPostgres}.
 */
public final class PostgresRequired implements ExecutionCondition, BeforeAllCallback {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresRequired.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> reason = TestPostgres.unreachableReason();
        if (reason.isEmpty()) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + TestPostgres.redactedUrl());
        }
        if (TestPostgres.onCi()) {
            // let it run: beforeAll fails it with the reason
            return ConditionEvaluationResult.enabled("CI=true: PostgreSQL is required");
        }
        if (context.getTestMethod().isEmpty()) {
            LOG.warn("SKIPPING {}: {}", context.getDisplayName(), reason.get());
        }
        return ConditionEvaluationResult.disabled("SKIPPED (PostgreSQL tests): " + reason.get());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestPostgres.require();
    }
}
