package io.coremonitor.engine.internal.convergence;

import io.coremonitor.docker.DockerFailures;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ExecOptions;
import io.coremonitor.docker.ExecResult;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ServiceHook;
import io.coremonitor.model.ServiceSpec;
import java.time.Duration;
import java.util.List;

/**
 * A service's {@code post_start} and {@code pre_stop} hooks, run with {@code docker exec} in its container (as the hook's
 * user, privileged or not, in its working directory, with its variables): post_start after every start Core Monitor
 * makes (apply, restart, runtime start), before the service counts as started; pre_stop before every stop Core Monitor
 * makes of a running container (recreate, restart, runtime stop, delete).
 */
final class Hooks {

    /** How long one hook may run. */
    static final Duration HOOK_TIMEOUT = Duration.ofMinutes(5);
    /** Output lines of a failed hook in its message. */
    static final int HOOK_OUTPUT_LINES = 20;

    private Hooks() {
    }

    /**
     * Runs the service's {@code post_start} hooks in its just started container, in order; a hook that fails (exit code
     * other than 0, or no end within {@link #HOOK_TIMEOUT}) fails the service with its exit code and the end of its output.
     */
    static void postStart(DockerOps ops, ExecutionContext ctx, ComposeDefinition def, String service, String containerId) {
        List<ServiceHook> hooks = def.services().get(service).lifecycle().postStart();
        for (int i = 0; i < hooks.size(); i++) {
            ServiceHook hook = hooks.get(i);
            String name = "post_start[" + i + "] " + hook.command();
            ExecResult result;
            try {
                result = ops.exec(containerId, hook.command(), execOptions(hook), HOOK_TIMEOUT);
            } catch (RuntimeException e) {
                throw Waits.failure(ops, service, containerId, name + " could not run: " + DockerFailures.describe(e), e);
            }
            if (result.exitCode() != 0) {
                throw new ServiceFailure(service, name + " exited with code " + result.exitCode() + outputTail(result), "");
            }
            ctx.info(service + ": " + name + " done");
        }
    }

    /**
     * Runs the service's {@code pre_stop} hooks in its container before Core Monitor stops it (only when it is running:
     * {@code state} is the listed state, or null when unknown and then inspected); a hook that fails is logged as a
     * warning and the stop goes on.
     */
    static void preStop(DockerOps ops, ExecutionContext ctx, ComposeDefinition def, String service, String containerId,
            String state) {
        ServiceSpec spec = def.services().get(service);
        if (spec == null || spec.lifecycle().preStop().isEmpty()) {
            return;
        }
        try {
            boolean running = state != null ? "running".equals(state)
                : Boolean.TRUE.equals(ops.inspectContainer(containerId).getState().getRunning());
            if (!running) {
                return;
            }
        } catch (RuntimeException e) {
            ctx.warn(service + ": pre_stop hooks not run, the container could not be inspected: " + DockerFailures.describe(e));
            return;
        }
        List<ServiceHook> hooks = spec.lifecycle().preStop();
        for (int i = 0; i < hooks.size(); i++) {
            ServiceHook hook = hooks.get(i);
            String name = "pre_stop[" + i + "] " + hook.command();
            try {
                ExecResult result = ops.exec(containerId, hook.command(), execOptions(hook), HOOK_TIMEOUT);
                if (result.exitCode() != 0) {
                    ctx.warn(service + ": " + name + " exited with code " + result.exitCode() + outputTail(result)
                        + "; stopping it anyway");
                } else {
                    ctx.info(service + ": " + name + " done");
                }
            } catch (RuntimeException e) {
                ctx.warn(service + ": " + name + " could not run: " + DockerFailures.describe(e) + "; stopping it anyway");
            }
        }
    }

    private static ExecOptions execOptions(ServiceHook hook) {
        return new ExecOptions(hook.user(), hook.privileged(), hook.workingDir(), hook.environmentList());
    }

    /** The last lines of a hook's output (stdout, then stderr), for its failure message. */
    private static String outputTail(ExecResult result) {
        String output = (result.stdout().strip() + "\n" + result.stderr().strip()).strip();
        if (output.isEmpty()) {
            return " and no output";
        }
        List<String> lines = output.lines().toList();
        return "; last output lines:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - HOOK_OUTPUT_LINES), lines.size()));
    }
}
