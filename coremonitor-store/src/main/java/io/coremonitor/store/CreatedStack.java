package io.coremonitor.store;

import io.coremonitor.model.Stack;
import io.coremonitor.model.StackVersion;
import java.util.Objects;

/**
 * A stack created together with its first version, in one transaction.
 *
 * @param stack   the stack, its latest version {@code v1}
 * @param version its version {@code v1}
 */
public record CreatedStack(Stack stack, StackVersion version) {

    public CreatedStack {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(version, "version");
    }
}
