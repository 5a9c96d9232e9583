package io.coremonitor.store.internal;

import io.coremonitor.store.StoreUnavailableException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the store's writes work: the storage fault of the last failed write, until a write succeeds again.
 * Read by the health check, which then probes with a write of its own to see whether the fault has ended.
 */
final class WriteState {

    private final AtomicReference<Optional<String>> fault = new AtomicReference<>(Optional.empty());

    void succeeded() {
        if (fault.get().isPresent()) {
            fault.set(Optional.empty());
        }
    }

    void failed(StoreUnavailableException e) {
        fault.set(Optional.of(e.getMessage()));
    }

    /** The cause of the last write's storage fault, when no write has succeeded since. */
    Optional<String> fault() {
        return fault.get();
    }
}
