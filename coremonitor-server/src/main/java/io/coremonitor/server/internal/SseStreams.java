package io.coremonitor.server.internal;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's Server-Sent-Event streams. A stream is opened in a request handler (status 200,
 * {@code text/event-stream}, whatever the {@code Accept} header) and stays open until the server or the client ends
 * it. Every open stream gets a comment line every heartbeat interval: writing is the only way to notice a client that
 * left, and when it has, the stream's close actions run (they cancel its timers and Docker callbacks), so nothing
 * outlives the client.
 */
final class SseStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SseStreams.class);

    private final ScheduledExecutorService timer;
    private final Duration heartbeat;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();

    SseStreams(Duration heartbeat) {
        this.heartbeat = heartbeat;
        AtomicInteger n = new AtomicInteger();
        this.timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "coremonitor-sse-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** Streams open now (a test can watch them go back to zero when clients leave). */
    int openCount() {
        return open.size();
    }

    /** Starts an SSE answer on this request; call from the handler. */
    Stream open(Context ctx) {
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType("text/event-stream");
        res.addHeader("Cache-Control", "no-cache");
        res.addHeader("X-Accel-Buffering", "no");
        try {
            res.flushBuffer();
        } catch (IOException e) {
            throw new IllegalStateException("the client left before the stream started", e);
        }
        SseClient client = new SseClient(ctx);
        Stream stream = new Stream(client);
        open.add(stream);
        client.onClose(stream::runCloseActions);
        client.keepAlive();
        long every = heartbeat.toMillis();
        ScheduledFuture<?> beat = timer.scheduleAtFixedRate(() -> stream.comment("keep-alive"), every, every,
                TimeUnit.MILLISECONDS);
        stream.onClose(() -> beat.cancel(false));
        return stream;
    }

    @Override
    public void close() {
        for (Stream s : List.copyOf(open)) {
            s.close();
        }
        timer.shutdownNow();
    }

    /** One open stream; thread-safe. */
    final class Stream {
        private final SseClient client;
        private final List<Runnable> closeActions = new CopyOnWriteArrayList<>();
        private final AtomicBoolean closed = new AtomicBoolean();

        private Stream(SseClient client) {
            this.client = client;
        }

        /** Sends one event whose data is the JSON of {@code data} (one line). */
        synchronized void send(String event, Object data) {
            if (!closed.get()) {
                client.sendEvent(event, Views.line(data));
            }
        }

        synchronized void comment(String text) {
            if (!closed.get()) {
                client.sendComment(text);
            }
        }

        boolean isClosed() {
            return closed.get() || client.terminated();
        }

        /** Runs when the stream ends, whoever ends it (at once if it already has). */
        void onClose(Runnable action) {
            closeActions.add(action);
            if (closed.get()) {
                runCloseActions();
            }
        }

        void close() {
            client.close();
            runCloseActions();
        }

        private void runCloseActions() {
            closed.set(true);
            open.remove(this);
            for (Runnable action : closeActions) {
                if (closeActions.remove(action)) {
                    try {
                        action.run();
                    } catch (RuntimeException e) {
                        LOG.debug("closing a stream: {}", e.toString());
                    }
                }
            }
        }
    }
}
