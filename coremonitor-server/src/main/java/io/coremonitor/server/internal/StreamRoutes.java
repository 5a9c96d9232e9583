package io.coremonitor.server.internal;

import io.coremonitor.docker.LogLine;
import io.coremonitor.docker.ServiceLogs;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.CommandStatus;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Command logs, service logs and the event stream, as JSON or as SSE. */
final class StreamRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);
    private static final int LOG_BATCH = 500;
    private static final long POLL_MILLIS = 250;
    private static final int DEFAULT_TAIL = 100;
    private static final int MAX_TAIL = 10_000;
    private static final Duration LOGS_TIMEOUT = Duration.ofSeconds(10);

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
        int lines = tail == null ? -1 : tail;
        ServiceLogs logs = new ServiceLogs(docker.client());
        String containerId = docker.call(() -> {
            try {
                return Optional.of(logs.containerOf(stackId, service));
            } catch (ServiceLogs.NoContainerException e) {
                return Optional.<String>empty();
            }
        }).orElseThrow(() -> new NotFoundResponse("stack " + stackId + " has no container for service " + service));
        if (!follow) {
            List<LogLine> read = docker.call(() -> {
                try {
                    return logs.tail(containerId, lines, LOGS_TIMEOUT);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ServiceUnavailableException("interrupted while reading logs");
                }
            });
            ctx.json(new MonitoringBodies.ServiceLogsView(containerId, read.stream().map(StreamRoutes::logLine).toList()));
            return;
        }
        SseStreams.Stream stream = streams.open(ctx);
        try {
            ServiceLogs.Follow followed = logs.follow(containerId, lines, new ServiceLogs.FollowListener() {
                @Override
                public void onLine(LogLine line) {
                    stream.send("log", logLine(line));
                }

                @Override
                public void onEnd() {
                    stream.send("end", Map.of("container_id", containerId));
                    stream.close();
                }

                @Override
                public void onError(Throwable error) {
                    if (!stream.isClosed()) {
                        stream.send("error", Map.of("message", DockerAccess.describe(error)));
                        stream.close();
                    }
                }
            });
            stream.onClose(followed::close);
        } catch (RuntimeException e) {
            stream.send("error", Map.of("message", DockerAccess.describe(e)));
            stream.close();
        }
    }

    /** A log line as the routes show it: {@code stream} and {@code message}. */
    private static MonitoringBodies.ContainerLogLineView logLine(LogLine line) {
        return new MonitoringBodies.ContainerLogLineView(line.stream(), line.text());
    }
}
