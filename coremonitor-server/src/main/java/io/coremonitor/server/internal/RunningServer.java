package io.coremonitor.server.internal;

import io.coremonitor.engine.CoreMonitor;
import io.javalin.Javalin;
import java.util.concurrent.atomic.AtomicBoolean;

/** A started server: its port, and a close that stops HTTP first (and its streams), then the engine. */
public final class RunningServer implements AutoCloseable {

    private final Javalin app;
    private final HttpApi api;
    private final CoreMonitor engine;
    private final AtomicBoolean closed = new AtomicBoolean();

    RunningServer(Javalin app, HttpApi api, CoreMonitor engine) {
        this.app = app;
        this.api = api;
        this.engine = engine;
    }

    public int port() {
        return app.port();
    }

    public HttpApi api() {
        return api;
    }

    public CoreMonitor engine() {
        return engine;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            api.close();
            app.stop();
            engine.close();
        }
    }
}
