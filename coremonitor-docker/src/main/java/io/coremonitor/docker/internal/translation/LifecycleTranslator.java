package io.coremonitor.docker.internal.translation;

import io.coremonitor.model.HealthCheck;
import io.coremonitor.model.RestartPolicy;
import io.coremonitor.model.ServiceLifecycle;
import java.time.Duration;
import java.util.List;

/**
 * Translates {@link ServiceLifecycle}: health check, restart policy, init, stop signal and stop timeout (the grace
 * period rounded up to whole seconds). {@code depends_on} (start order) and {@code profiles} (the planner deploys only
 * services without profiles) have no container effect.
 */
public final class LifecycleTranslator {

    private LifecycleTranslator() {
    }

    public static void translate(ServiceLifecycle lifecycle, ContainerDraft draft) {
        lifecycle.healthcheck().ifPresent(h -> draft.step(cmd -> cmd.withHealthcheck(healthcheck(h))));
        if (lifecycle.healthcheck().flatMap(HealthCheck::startInterval).isPresent()) {
            draft.refuse("healthcheck.start_interval: needs Docker API 1.44; the supported engine speaks 1.41 and would ignore it");
        }
        lifecycle.restart().ifPresent(r -> draft.host().withRestartPolicy(restart(r)));
        if (lifecycle.init()) {
            draft.host().withInit(true);
        }
        lifecycle.stopSignal().ifPresent(s -> draft.step(cmd -> cmd.withStopSignal(s)));
        lifecycle.stopGracePeriod().map(LifecycleTranslator::ceilSeconds).ifPresent(seconds -> {
            draft.stopTimeoutSeconds(seconds);
            draft.step(cmd -> cmd.withStopTimeout(seconds));
        });
    }

    static com.github.dockerjava.api.model.HealthCheck healthcheck(HealthCheck h) {
        com.github.dockerjava.api.model.HealthCheck result = new com.github.dockerjava.api.model.HealthCheck();
        if (h.disable()) {
            return result.withTest(List.of("NONE"));
        }
        if (!h.test().isEmpty()) {
            result.withTest(h.test());
        }
        h.interval().ifPresent(d -> result.withInterval(d.toNanos()));
        h.timeout().ifPresent(d -> result.withTimeout(d.toNanos()));
        h.startPeriod().ifPresent(d -> result.withStartPeriod(d.toNanos()));
        h.startInterval().ifPresent(d -> result.withStartInterval(d.toNanos()));
        h.retries().ifPresent(result::withRetries);
        return result;
    }

    static com.github.dockerjava.api.model.RestartPolicy restart(RestartPolicy r) {
        return switch (r.mode()) {
            case NO -> com.github.dockerjava.api.model.RestartPolicy.noRestart();
            case ALWAYS -> com.github.dockerjava.api.model.RestartPolicy.alwaysRestart();
            case UNLESS_STOPPED -> com.github.dockerjava.api.model.RestartPolicy.unlessStoppedRestart();
            case ON_FAILURE -> com.github.dockerjava.api.model.RestartPolicy.onFailureRestart(r.maxRetries().orElse(0));
        };
    }

    private static int ceilSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.toIntExact(seconds);
    }
}
