package io.coremonitor.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.coremonitor.docker.internal.StreamFailures;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A service's log ({@code GET /stacks/{id}/services/{service}/logs?tail=&follow=}): its container is found by labels
 * (one list call), then Docker's log endpoint is read with timestamps, stdout and stderr frames split into
 * {@link LogLine}s by {@link LogLineSplitter}. Every read is a closeable docker-java callback: {@link #tail} awaits its
 * end with a timeout and closes it; {@link #follow} streams until the returned handle is closed (or the container
 * stops), and {@link Follow#awaitEnd} awaits it with a timeout. The one way to read a container's log in Core Monitor
 * (the server's log routes use it).
 */
public final class ServiceLogs {

    private final DockerClient docker;

    public ServiceLogs(DockerClient docker) {
        this.docker = Objects.requireNonNull(docker, "docker");
    }

    /** Thrown when the stack has no container for the service. */
    public static final class NoContainerException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public NoContainerException(String stackId, String service) {
            super("stack " + stackId + " has no container for service " + service);
        }
    }

    /**
     * Hears a followed log, on a docker-java thread, one call at a time and in order. Nothing is heard after the
     * follow was closed.
     */
    @FunctionalInterface
    public interface FollowListener {

        /** A complete line (must not block for long). */
        void onLine(LogLine line);

        /** The stream ended by itself (the container stopped): the last partial lines were sent before. */
        default void onEnd() {
        }

        /** The stream failed (Docker went away, the container was removed). */
        default void onError(Throwable error) {
        }
    }

    /** A running follow: close it to stop (idempotent). */
    public interface Follow extends Closeable {

        /** Waits up to {@code timeout} for the stream to end (the container stopped, or closed); true when it did. */
        boolean awaitEnd(Duration timeout) throws InterruptedException;

        @Override
        void close();
    }

    /**
     * The id of the service's container (the most recently created one when there are several).
     *
     * @throws NoContainerException when there is none
     */
    public String containerOf(String stackId, String service) {
        List<Container> found = docker.listContainersCmd().withShowAll(true)
            .withLabelFilter(Map.of(StackLabels.STACK_ID, stackId, StackLabels.SERVICE, service)).exec();
        return found.stream().max(Comparator.comparing(c -> c.getCreated() == null ? 0L : c.getCreated()))
            .map(Container::getId).orElseThrow(() -> new NoContainerException(stackId, service));
    }

    /** The last {@code lines} lines of the service's container (see {@link #tail(String, int, Duration)}). */
    public List<LogLine> tail(String stackId, String service, int lines, Duration timeout) throws InterruptedException {
        return tail(containerOf(stackId, service), lines, timeout);
    }

    /**
     * The last {@code lines} lines of a container (0 for none, negative for all), waiting at most {@code timeout}
     * for Docker to send them: what came by then when it did not (the stream is closed either way).
     */
    public List<LogLine> tail(String containerId, int lines, Duration timeout) throws InterruptedException {
        List<LogLine> out = new ArrayList<>();
        Adapter adapter = new Adapter(line -> {
            synchronized (out) {
                out.add(line);
            }
        });
        try {
            cmd(containerId, lines).exec(adapter);
            adapter.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            adapter.close();
        }
        adapter.rethrowFailure();
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    /**
     * A container's lines that Docker received at {@code since} or later (its {@code since} parameter is in whole
     * seconds: the lines of that second before {@code since} are dropped here by their timestamp, as are lines without
     * one), waiting at most {@code timeout} for Docker to send them.
     */
    public List<LogLine> since(String containerId, Instant since, Duration timeout) throws InterruptedException {
        List<LogLine> out = new ArrayList<>();
        Adapter adapter = new Adapter(line -> {
            if (line.timestamp().isPresent() && !line.timestamp().get().isBefore(since)) {
                synchronized (out) {
                    out.add(line);
                }
            }
        });
        try {
            docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTimestamps(true)
                .withSince((int) since.getEpochSecond()).exec(adapter);
            adapter.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            adapter.close();
        }
        adapter.rethrowFailure();
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    /** Follows the service's container (see {@link #follow(String, int, FollowListener)}). */
    public Follow follow(String stackId, String service, int lines, FollowListener listener) {
        return follow(containerOf(stackId, service), lines, listener);
    }

    /**
     * Sends the last {@code lines} lines of a container (0 for none, negative for all) then every new one to
     * {@code listener} until the returned handle is closed or the container stops.
     */
    public Follow follow(String containerId, int lines, FollowListener listener) {
        Adapter adapter = new Adapter(Objects.requireNonNull(listener, "listener"));
        try {
            cmd(containerId, lines).withFollowStream(true).exec(adapter);
        } catch (RuntimeException e) {
            adapter.close();
            throw e;
        }
        return adapter;
    }

    private LogContainerCmd cmd(String containerId, int lines) {
        LogContainerCmd cmd = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTimestamps(true);
        return lines < 0 ? cmd.withTailAll() : cmd.withTail(lines);
    }

    private static final class Adapter extends ResultCallback.Adapter<Frame> implements Follow {

        private final FollowListener listener;
        private final LogLineSplitter out;
        private final LogLineSplitter err;
        /** Set by close(): the error our own close causes on the reading thread is expected, and nothing is heard. */
        private volatile boolean stopping;
        private volatile Throwable failure;

        Adapter(FollowListener listener) {
            this.listener = listener;
            Consumer<LogLine> guarded = line -> {
                synchronized (this) {
                    if (!stopping) {
                        listener.onLine(line);
                    }
                }
            };
            this.out = new LogLineSplitter(LogLine.STDOUT, true, guarded);
            this.err = new LogLineSplitter(LogLine.STDERR, true, guarded);
        }

        @Override
        public void onNext(Frame frame) {
            if (frame.getPayload() != null) {
                synchronized (this) {
                    (frame.getStreamType() == StreamType.STDERR ? err : out).accept(frame.getPayload());
                }
            }
        }

        @Override
        public void onComplete() {
            synchronized (this) {
                out.flush();
                err.flush();
                if (!stopping) {
                    listener.onEnd();
                }
            }
            super.onComplete();
        }

        @Override
        public void onError(Throwable error) {
            if (stopping) {
                return;
            }
            failure = error;
            synchronized (this) {
                out.flush();
                err.flush();
                listener.onError(error);
            }
            super.onError(error);
        }

        /** Throws what made the stream fail, if it did (a docker-java exception is unchecked). */
        void rethrowFailure() {
            StreamFailures.rethrow(failure, "the container's log");
        }

        @Override
        public boolean awaitEnd(Duration timeout) throws InterruptedException {
            return awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            stopping = true;
            try {
                super.close();
            } catch (IOException e) {
                // closing the stream: nothing to do about it
            }
        }
    }
}
