package io.coremonitor.server.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.StackContainerView;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.CommandStatus;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command logs, service logs and the event stream, as JSON or as SSE. */
final class StreamRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);
    private static final int LOG_BATCH = 500;
    private static final long POLL_MILLIS = 250;
    private static final int DEFAULT_TAIL = 100;
    private static final int MAX_TAIL = 10_000;
    private static final long LOGS_TIMEOUT_SECONDS = 10;

    private final CoreMonitor engine;
    private final DockerAccess docker;
    private final SseStreams streams;
    private final EventHub events;

    StreamRoutes(CoreMonitor engine, DockerAccess docker, SseStreams streams, EventHub events) {
        this.engine = engine;
        this.docker = docker;
        this.streams = streams;
        this.events = events;
    }

    /** {@code GET /commands/{id}/logs[?follow=true]}. */
    void commandLogs(Context ctx) {
        long id = Params.commandId(ctx);
        boolean follow = Params.boolParam(ctx, "follow");
        if (!follow) {
            ctx.json(Views.items(engine.commands().logs(id).stream().map(Views::logLine).toList()));
            return;
        }
        engine.commands().get(id);
        SseStreams.Stream stream = streams.open(ctx);
        AtomicLong last = new AtomicLong();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable poll = () -> {
            if (stream.isClosed()) {
                cancel(task);
                return;
            }
            try {
                Command c = engine.commands().get(id);
                List<CommandLogLine> lines = engine.commands().logsAfter(id, last.get(), LOG_BATCH);
                for (CommandLogLine line : lines) {
                    stream.send("log", Views.logLine(line));
                    last.set(line.lineNo());
                }
                if (ended(c) && lines.size() < LOG_BATCH) {
                    stream.send("end", Views.command(c));
                    stream.close();
                }
            } catch (RuntimeException e) {
                LOG.warn("following the logs of command {} failed: {}", id, e.toString());
                stream.close();
            }
        };
        task.set(streams.timer().scheduleWithFixedDelay(poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS));
        stream.onClose(() -> cancel(task));
    }

    private static boolean ended(Command c) {
        return c.status() == CommandStatus.DONE || c.status() == CommandStatus.FAILED || c.status() == CommandStatus.CANCELLED;
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
        ScheduledFuture<?> f = task.get();
        if (f != null) {
            f.cancel(false);
        }
    }

    /** {@code GET /events}: SSE of command status changes and container events of managed stacks. */
    void events(Context ctx) {
        events.subscribe(streams.open(ctx));
    }

    /** {@code GET /stacks/{id}/services/{service}/logs?tail=&follow=}. */
    void serviceLogs(Context ctx) {
        String stackId = ctx.pathParam("id");
        String service = ctx.pathParam("service");
        Integer tail = "all".equals(ctx.queryParam("tail")) ? null : Params.intParam(ctx, "tail", 0, MAX_TAIL, DEFAULT_TAIL);
        boolean follow = Params.boolParam(ctx, "follow");
        engine.stacks().get(stackId);
        StackContainerView container = docker.call(() -> docker.inspector().containers(stackId)).stream()
                .filter(c -> c.service().equals(service)).findFirst()
                .orElseThrow(() -> new NotFoundResponse("stack " + stackId + " has no container for service " + service));
        LogContainerCmd cmd = docker.client().logContainerCmd(container.id()).withStdOut(true).withStdErr(true)
                .withTimestamps(false).withFollowStream(follow);
        if (tail != null) {
            cmd = cmd.withTail(tail);
        }
        if (!follow) {
            List<Map<String, Object>> lines = new ArrayList<>();
            LineCallback callback = new LineCallback(lines::add);
            LogContainerCmd run = cmd;
            docker.call(() -> {
                try {
                    boolean done = run.exec(callback).awaitCompletion(LOGS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    callback.flush();
                    return done;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ServiceUnavailableException("interrupted while reading logs");
                } finally {
                    closeQuietly(callback);
                }
            });
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("container_id", container.id());
            body.put("items", lines);
            ctx.json(body);
            return;
        }
        SseStreams.Stream stream = streams.open(ctx);
        LineCallback callback = new LineCallback(line -> stream.send("log", line)) {
            @Override
            public void onComplete() {
                flush();
                stream.send("end", Map.of("container_id", container.id()));
                stream.close();
                super.onComplete();
            }

            @Override
            public void onError(Throwable t) {
                if (!stream.isClosed()) {
                    stream.send("error", Map.of("message", DockerAccess.describe(t)));
                    stream.close();
                }
                super.onError(t);
            }
        };
        stream.onClose(() -> closeQuietly(callback));
        try {
            cmd.exec(callback);
        } catch (RuntimeException e) {
            stream.send("error", Map.of("message", DockerAccess.describe(e)));
            stream.close();
        }
    }

    private static void closeQuietly(LineCallback callback) {
        callback.stopping = true;
        try {
            callback.close();
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("closing a log callback: {}", e.toString());
        }
    }

    /** Splits Docker's multiplexed frames into lines, per stream (stdout, stderr), across frame boundaries. */
    static class LineCallback extends ResultCallback.Adapter<Frame> {
        private final Consumer<Map<String, Object>> sink;
        private final Map<String, ByteArrayOutputStream> partial = new LinkedHashMap<>();
        /** Set when we close it ourselves: the error that close causes is expected. */
        volatile boolean stopping;

        LineCallback(Consumer<Map<String, Object>> sink) {
            this.sink = sink;
        }

        @Override
        public void onNext(Frame frame) {
            String name = frame.getStreamType() == StreamType.STDERR ? "stderr" : "stdout";
            byte[] payload = frame.getPayload();
            if (payload == null) {
                return;
            }
            synchronized (this) {
                ByteArrayOutputStream buffer = partial.computeIfAbsent(name, k -> new ByteArrayOutputStream());
                for (byte b : payload) {
                    if (b == '\n') {
                        emit(name, buffer);
                    } else {
                        buffer.write(b);
                    }
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            if (stopping) {
                return;
            }
            super.onError(t);
        }

        /** Emits what is left after the last newline. */
        synchronized void flush() {
            partial.forEach((name, buffer) -> {
                if (buffer.size() > 0) {
                    emit(name, buffer);
                }
            });
        }

        private void emit(String stream, ByteArrayOutputStream buffer) {
            String text = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("stream", stream);
            line.put("message", text);
            sink.accept(line);
        }
    }
}
