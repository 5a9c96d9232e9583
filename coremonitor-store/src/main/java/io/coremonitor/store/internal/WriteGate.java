package io.coremonitor.store.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes write transactions inside the JVM. SQLite allows one writer at a time: letting two connections of the
 * same process race for the write lock is what produces SQLITE_BUSY; here they queue on a Java lock instead, and
 * each transaction begins IMMEDIATE (takes the database write lock at once, waiting up to the busy timeout for
 * other processes). PostgreSQL needs no gate.
 */
public final class WriteGate {

    private final ReentrantLock lock;

    private WriteGate(ReentrantLock lock) {
        this.lock = lock;
    }

    public static WriteGate serialized() {
        return new WriteGate(new ReentrantLock());
    }

    public static WriteGate open() {
        return new WriteGate(null);
    }

    public <T> T run(Supplier<T> write) {
        if (lock == null) {
            return write.get();
        }
        if (lock.isHeldByCurrentThread()) {
            // a nested write on another connection would wait for the outer one forever
            throw new IllegalStateException("nested store write on the same thread");
        }
        lock.lock();
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }
}
