package io.coremonitor.server.internal;

import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.CommandListener;
import io.coremonitor.engine.monitoring.DockerContainerEvent;
import io.coremonitor.engine.monitoring.DockerEvents;
import io.coremonitor.engine.monitoring.MonitorEvent;
import io.coremonitor.engine.monitoring.MonitorListener;
import io.coremonitor.model.Command;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: fans command status changes (heard as a {@link CommandListener}), drift and self-heal (heard
 * as a {@link MonitorListener}) and Docker container events of managed stacks out to every subscribed stream. The
 * container events come from the engine's one Docker event subscription ({@link DockerEvents}, which reconnects and
 * delivers the events of a gap): the hub listens to it while it has subscribers, and tells them when the Docker
 * stream broke ({@code docker} DISCONNECTED) and is open again ({@code docker} CONNECTED).
 */
final class EventHub implements CommandListener, MonitorListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final Optional<DockerEvents> dockerEvents;
    private final Set<SseStreams.Stream> subscribers = ConcurrentHashMap.newKeySet();
    private DockerEvents.Subscription watch;
    private boolean closed;

    /** @param dockerEvents the engine's Docker event subscription, empty when the server runs without Docker */
    EventHub(Optional<DockerEvents> dockerEvents) {
        this.dockerEvents = dockerEvents;
    }

    void subscribe(SseStreams.Stream stream) {
        subscribers.add(stream);
        stream.onClose(() -> {
            subscribers.remove(stream);
            watchDocker();
        });
        watchDocker();
        stream.send("hello", Map.of("docker_events", dockerEvents.isPresent()));
    }

    int subscriberCount() {
        return subscribers.size();
    }

    /** Whether the hub listens to the engine's Docker events now. */
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
     * Drift and self-heal from the monitoring; its container events are not repeated (this hub streams every
     * container event of the Docker subscription itself).
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

    /** Listens to the Docker events while someone is subscribed. */
    private void watchDocker() {
        DockerEvents.Subscription stop = null;
        synchronized (this) {
            if (closed || dockerEvents.isEmpty()) {
                return;
            }
            if (subscribers.isEmpty()) {
                stop = watch;
                watch = null;
            } else if (watch == null) {
                try {
                    watch = dockerEvents.get().subscribe(new DockerListener());
                } catch (RuntimeException e) {
                    LOG.warn("cannot listen to Docker events: {}", DockerAccess.describe(e));
                }
            }
        }
        if (stop != null) {
            stop.close();
        }
    }

    @Override
    public void close() {
        DockerEvents.Subscription stop;
        synchronized (this) {
            closed = true;
            stop = watch;
            watch = null;
        }
        if (stop != null) {
            stop.close();
        }
    }

    /** The hub as a listener of the engine's Docker events. */
    private final class DockerListener implements DockerEvents.Listener {

        @Override
        public void onEvent(DockerContainerEvent e) {
            if (subscribers.isEmpty()) {
                return;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", e.action());
            m.put("container_id", e.containerId());
            m.put("name", e.attribute("name").orElse(null));
            m.put("stack_id", e.stackId().orElse(null));
            m.put("service", e.service().orElse(null));
            m.put("version", e.attribute(StackLabels.VERSION).orElse(null));
            m.put("time", Instant.ofEpochSecond(e.time().getEpochSecond()));
            broadcast("container", m);
        }

        @Override
        public void onDisconnected(String reason) {
            broadcast("docker", Map.of("status", "DISCONNECTED", "reason", reason));
        }

        @Override
        public void onConnected() {
            broadcast("docker", Map.of("status", "CONNECTED"));
        }
    }
}
