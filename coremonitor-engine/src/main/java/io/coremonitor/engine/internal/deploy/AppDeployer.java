package io.coremonitor.engine.internal.deploy;

import io.coremonitor.docker.DockerOps;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.DeployCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One application deployment into a running container: the target puts the artifact in place and waits for the
 * middleware's verdict, then the HTTP check must pass. On failure the previous application is put back (or, for a
 * first deployment, the failed one removed) and the failure is thrown with the middleware's reason.
 */
public final class AppDeployer {

    /** How long the HTTP check may take to pass after the middleware reported the deployment. */
    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 250;

    private final DockerOps ops;
    private final Clock clock;
    private final HttpProbe probe;
    private final Duration checkTimeout;

    public AppDeployer(DockerOps ops, Clock clock, Duration checkTimeout) {
        this.ops = ops;
        this.clock = clock;
        this.probe = new HttpProbe(ops);
        this.checkTimeout = checkTimeout;
    }

    /**
     * Deploys {@code job}; on failure puts {@code previous} back (same path) or removes the failed application, then
     * throws.
     *
     * @throws DeployFailedException with the middleware's reason, saying what serves now
     */
    public void deploy(DeployJob job, DeployCheck check, Optional<Previous> previous, ExecutionContext ctx) {
        DeployTarget target = target(job);
        try {
            target.deploy(job, ctx);
            check(job, check, ctx);
        } catch (DeployFailedException e) {
            ctx.error("deployment failed: " + e.getMessage());
            throw new DeployFailedException(e.getMessage() + "; " + recover(target, job, previous, ctx), e);
        }
    }

    /** Deploys {@code job} again without a fallback (APPLY recreated the container: the app comes back). */
    public void redeploy(DeployJob job, DeployCheck check, ExecutionContext ctx) {
        target(job).deploy(job, ctx);
        check(job, check, ctx);
    }

    /** Removes the application at {@code job}'s path. */
    public void undeploy(DeployJob job, ExecutionContext ctx) {
        target(job).undeploy(job, ctx);
    }

    private String recover(DeployTarget target, DeployJob failed, Optional<Previous> previous, ExecutionContext ctx) {
        if (previous.isPresent() && previous.get().job().path().equals(failed.path())) {
            Previous p = previous.get();
            ctx.warn("putting back the previous application " + p.job().artifact().name() + " ("
                + p.job().artifact().sha256().substring(0, 12) + ")");
            try {
                target.deploy(p.job(), ctx);
                check(p.job(), p.check(), ctx);
                return "the previous application " + p.job().artifact().name() + " serves again";
            } catch (RuntimeException e) {
                ctx.error("could not put the previous application back: " + e.getMessage());
                return "putting the previous application " + p.job().artifact().name() + " back failed too: "
                    + e.getMessage();
            }
        }
        try {
            target.undeploy(failed, ctx);
            return previous.isPresent() ? "the failed application was removed (the previous one, at "
                + previous.get().job().path() + ", is untouched)" : "the failed application was removed";
        } catch (RuntimeException e) {
            ctx.error("could not remove the failed application: " + e.getMessage());
            return "removing the failed application failed too: " + e.getMessage();
        }
    }

    /** GETs the check path until it passes or the check timeout ends. */
    void check(DeployJob job, DeployCheck check, ExecutionContext ctx) {
        Instant deadline = clock.instant().plus(checkTimeout);
        String last = "no answer yet";
        String expected = check.status() == DeployCheck.ANY_SUCCESS ? "a 2xx or 3xx status" : "status " + check.status();
        while (true) {
            try {
                int status = probe.get(job.containerId(), job.settings().port(), check.path(), PROBE_TIMEOUT);
                if (check.passes(status)) {
                    ctx.info("check passed: GET " + check.path() + " on port " + job.settings().port() + " answered " + status);
                    return;
                }
                last = "answered " + status;
            } catch (ProbeFailedException e) {
                last = e.getMessage();
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new DeployFailedException("the check GET " + check.path() + " on port " + job.settings().port()
                    + " did not answer " + expected + " within " + checkTimeout.toSeconds() + " s (last: " + last + ")");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployFailedException("interrupted while checking " + check.path());
            }
        }
    }

    private DeployTarget target(DeployJob job) {
        return DeployTargets.of(job.settings().kind(), ops, clock);
    }

    /**
     * The application a deployment replaces.
     *
     * @param job   how to deploy it again
     * @param check its check
     */
    public record Previous(DeployJob job, DeployCheck check) {
    }
}
