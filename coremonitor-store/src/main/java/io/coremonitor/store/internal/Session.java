package io.coremonitor.store.internal;

import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A long-lived Jdbi handle with its SqlObject DAOs attached once. Attaching a SqlObject "warms" every method
 * (finds binders, mappers, qualifiers), which measured ~20 us per call when done per operation; a session pays it
 * once per DAO and connection. Used by one thread at a time (lent by {@link Db}).
 */
public final class Session {

    private final Handle handle;
    private final Map<Class<?>, Object> daos = new HashMap<>();

    Session(Handle handle) {
        this.handle = handle;
    }

    public Handle handle() {
        return handle;
    }

    /** The DAO of this type attached to this session's handle (inside its transaction when one is open). */
    public <D> D dao(Class<D> type) {
        return type.cast(daos.computeIfAbsent(type, handle::attach));
    }

    void close() {
        daos.clear();
        handle.close();
    }
}
