package io.coremonitor.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
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
 * {@link LogLine}s. {@link #tail} waits for the end with a timeout; {@link #follow} streams until closed.
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

    /** The last {@code lines} lines (0 for none, negative for all), waiting at most {@code timeout}. */
    public List<LogLine> tail(String stackId, String service, int lines, Duration timeout) throws InterruptedException {
        List<LogLine> out = new ArrayList<>();
        Adapter adapter = new Adapter(line -> {
            synchronized (out) {
                out.add(line);
            }
        });
        cmd(containerOf(stackId, service), lines).exec(adapter);
        try {
            adapter.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            adapter.close();
        }
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    /**
     * Sends the last {@code lines} lines then every new one to {@code onLine} (on a docker-java thread, in order)
     * until the returned handle is closed or the container stops. {@code onLine} must not block for long.
     */
    public Follow follow(String stackId, String service, int lines, Consumer<LogLine> onLine) {
        Adapter adapter = new Adapter(onLine);
        cmd(containerOf(stackId, service), lines).withFollowStream(true).exec(adapter);
        return adapter;
    }

    private LogContainerCmd cmd(String containerId, int lines) {
        LogContainerCmd cmd = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTimestamps(true);
        return lines < 0 ? cmd.withTailAll() : cmd.withTail(lines);
    }

    private static final class Adapter extends ResultCallback.Adapter<Frame> implements Follow {

        private final LogLineSplitter out;
        private final LogLineSplitter err;

        Adapter(Consumer<LogLine> sink) {
            Consumer<LogLine> guarded = line -> {
                synchronized (this) {
                    sink.accept(line);
                }
            };
            this.out = new LogLineSplitter(LogLine.STDOUT, true, guarded);
            this.err = new LogLineSplitter(LogLine.STDERR, true, guarded);
        }

        @Override
        public void onNext(Frame frame) {
            (frame.getStreamType() == StreamType.STDERR ? err : out).accept(frame.getPayload());
        }

        @Override
        public void onComplete() {
            out.flush();
            err.flush();
            super.onComplete();
        }

        @Override
        public boolean awaitEnd(Duration timeout) throws InterruptedException {
            return awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            try {
                super.close();
            } catch (IOException e) {
                // closing the stream: nothing to do about it
            }
        }
    }
}
