package io.coremonitor.server.internal;

import io.coremonitor.store.Store;
import io.javalin.Javalin;
import java.util.concurrent.atomic.AtomicBoolean;

/** A started server: its port, and a close that stops HTTP first, then the store. */
public final class RunningServer implements AutoCloseable {

    private final Javalin app;
    private final Store store;
    private final AtomicBoolean closed = new AtomicBoolean();

    RunningServer(Javalin app, Store store) {
        this.app = app;
        this.store = store;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            app.stop();
            store.close();
        }
    }
}
