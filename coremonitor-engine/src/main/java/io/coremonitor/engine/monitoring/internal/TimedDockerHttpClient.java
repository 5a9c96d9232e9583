package io.coremonitor.engine.monitoring.internal;

import com.github.dockerjava.transport.DockerHttpClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.Objects;

/**
 * A Docker transport that times every Engine API call into {@value #NAME} (Prometheus
 * {@code coremonitor_docker_requests_seconds}), tagged with the HTTP method, the path template
 * ({@link DockerPaths}) and the outcome: {@code SUCCESS} (1xx-3xx), {@code CLIENT_ERROR} (4xx, e.g. 404 for a missing
 * container), {@code SERVER_ERROR} (5xx) or {@code IO_ERROR} (no answer: connection refused, timeout). The time runs
 * until the status line and headers arrived: a streamed body (events, logs, stats, pulls) is not included.
 */
public final class TimedDockerHttpClient implements DockerHttpClient {

    /** The timer's name. */
    public static final String NAME = "coremonitor.docker.requests";

    private final DockerHttpClient delegate;
    private final MeterRegistry registry;

    public TimedDockerHttpClient(DockerHttpClient delegate, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Response execute(Request request) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "IO_ERROR";
        try {
            Response response = delegate.execute(request);
            outcome = outcome(response.getStatusCode());
            return response;
        } finally {
            sample.stop(Timer.builder(NAME)
                    .description("Docker Engine API calls until their answer's headers, by method, path template and"
                            + " outcome")
                    .tag("method", request.method())
                    .tag("path", DockerPaths.template(request.path()))
                    .tag("outcome", outcome)
                    .register(registry));
        }
    }

    static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        return "SUCCESS";
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
