package io.coremonitor.server.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.CommandListener;
import io.coremonitor.engine.monitoring.MonitorEvent;
import io.coremonitor.engine.monitoring.MonitorListener;
import io.coremonitor.model.Command;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: fans command status changes (heard as a {@link CommandListener}) and Docker container events
 * of managed stacks out to every subscribed stream. The Docker event subscription (label
 * {@code coremonitor.managed=true}) is opened with the first subscriber, reopened a few seconds after Docker drops it
 * (for instance when dockerd restarts) while someone listens, and closed when the last subscriber leaves.
 */
final class EventHub implements CommandListener, MonitorListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    private static final long RECONNECT_SECONDS = 3;

    private final DockerAccess docker;
    private final SseStreams streams;
    private final Set<SseStreams.Stream> subscribers = ConcurrentHashMap.newKeySet();
    private DockerWatch watch;
    private boolean closed;

    EventHub(DockerAccess docker, SseStreams streams) {
        this.docker = docker;
        this.streams = streams;
    }

    void subscribe(SseStreams.Stream stream) {
        subscribers.add(stream);
        stream.onClose(() -> {
            subscribers.remove(stream);
            watchDocker();
        });
        watchDocker();
        stream.send("hello", Map.of("docker_events", docker.configured()));
    }

    int subscriberCount() {
        return subscribers.size();
    }

    /** Whether the Docker subscription is open now. */
    synchronized boolean watchingDocker() {
        return watch != null;
    }

    @Override
    public void onStatusChange(Optional<Command> before, Command after) {
        if (subscribers.isEmpty()) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command_id", after.commandId());
        m.put("stack_id", after.stackId());
        m.put("type", after.type().name());
        m.put("from", before.map(c -> c.status().name()).orElse(null));
        m.put("status", after.status().name());
        m.put("attempt", after.attempt());
        m.put("error", after.error().orElse(null));
        broadcast("command", m);
    }

    /**
     * Drift and self-heal from the monitoring; its container events are not repeated (this hub streams Docker's
     * container events itself).
     */
    @Override
    public void onEvent(MonitorEvent event) {
        if (subscribers.isEmpty() || event.type() == MonitorEvent.Type.CONTAINER_EVENT) {
            return;
        }
        broadcast(event.type() == MonitorEvent.Type.DRIFT_DETECTED ? "drift" : "self_heal", Views.monitorEvent(event));
    }

    private void broadcast(String event, Object data) {
        for (SseStreams.Stream s : List.copyOf(subscribers)) {
            s.send(event, data);
        }
    }

    /** Opens or closes the Docker subscription to match the subscribers. */
    private synchronized void watchDocker() {
        if (closed || !docker.configured()) {
            return;
        }
        if (subscribers.isEmpty()) {
            if (watch != null) {
                DockerWatch w = watch;
                watch = null;
                w.stop();
            }
            return;
        }
        if (watch == null) {
            DockerWatch w = new DockerWatch();
            watch = w;
            try {
                docker.client().eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                        .withLabelFilter(Map.of(StackLabels.MANAGED, "true")).exec(w);
            } catch (RuntimeException e) {
                LOG.warn("cannot subscribe to Docker events: {}", DockerAccess.describe(e));
                w.onError(e);
            }
        }
    }

    private synchronized void dropped(DockerWatch w, String why) {
        if (watch != w) {
            return;
        }
        watch = null;
        if (closed || subscribers.isEmpty()) {
            return;
        }
        LOG.info("Docker event subscription ended ({}); reconnecting in {} s", why, RECONNECT_SECONDS);
        broadcast("docker", Map.of("status", "DISCONNECTED", "reason", why));
        try {
            streams.timer().schedule(this::watchDocker, RECONNECT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("not reconnecting: the server stops");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watch != null) {
            watch.stop();
            watch = null;
        }
    }

    /** One Docker event subscription. */
    private final class DockerWatch extends ResultCallback.Adapter<Event> {
        private volatile boolean stopping;

        @Override
        public void onNext(Event e) {
            Map<String, String> attrs = e.getActor() != null && e.getActor().getAttributes() != null
                    ? e.getActor().getAttributes() : Map.of();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", e.getAction() != null ? e.getAction() : e.getStatus());
            m.put("container_id", e.getId());
            m.put("name", attrs.get("name"));
            m.put("stack_id", attrs.get(StackLabels.STACK_ID));
            m.put("service", attrs.get(StackLabels.SERVICE));
            m.put("version", attrs.get(StackLabels.VERSION));
            m.put("time", e.getTime() == null ? null : Instant.ofEpochSecond(e.getTime()));
            broadcast("container", m);
        }

        @Override
        public void onError(Throwable t) {
            if (stopping) {
                // our own close() interrupts the stream: nothing to report
                return;
            }
            super.onError(t);
            dropped(this, DockerAccess.describe(t));
        }

        @Override
        public void onComplete() {
            super.onComplete();
            if (!stopping) {
                dropped(this, "Docker closed the event stream");
            }
        }

        void stop() {
            stopping = true;
            try {
                close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the Docker event subscription: {}", e.toString());
            }
        }
    }
}
