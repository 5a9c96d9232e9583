package io.coremonitor.docker.internal.translation;

import com.github.dockerjava.api.model.Isolation;
import io.coremonitor.model.ServiceProcess;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a {@link ServiceProcess}: command, entrypoint, environment, working directory, TTY, stdin, platform,
 * runtime and isolation. {@code pull_policy} has no container effect (the executor pulls a missing image unless
 * {@code never}); other policies are refused.
 */
public final class ProcessTranslator {

    private ProcessTranslator() {
    }

    public static void translate(ServiceProcess process, ContainerDraft draft) {
        process.command().ifPresent(c -> draft.step(cmd -> cmd.withCmd(c)));
        process.entrypoint().ifPresent(e -> draft.step(cmd -> cmd.withEntrypoint(e.isEmpty() ? List.of("") : e)));
        List<String> env = new ArrayList<>();
        process.environment().forEach((k, v) -> v.ifPresent(value -> env.add(k + "=" + value)));
        if (!env.isEmpty()) {
            draft.step(cmd -> cmd.withEnv(env));
        }
        process.workingDir().ifPresent(w -> draft.step(cmd -> cmd.withWorkingDir(w)));
        if (process.tty()) {
            draft.step(cmd -> cmd.withTty(true));
        }
        if (process.stdinOpen()) {
            draft.step(cmd -> cmd.withStdinOpen(true));
        }
        process.platform().ifPresent(p -> draft.step(cmd -> cmd.withPlatform(p)));
        process.pullPolicy().ifPresent(p -> {
            if (!"missing".equals(p) && !"never".equals(p)) {
                draft.refuse("pull_policy: '" + p + "' is not supported (Core Monitor pulls a missing image; use missing or never)");
            }
        });
        process.runtime().ifPresent(draft.host()::withRuntime);
        process.isolation().ifPresent(i -> {
            Isolation isolation = null;
            for (Isolation candidate : Isolation.values()) {
                if (candidate.getValue() != null && candidate.getValue().equals(i)) {
                    isolation = candidate;
                }
            }
            if (isolation == null) {
                draft.refuse("isolation: unknown isolation '" + i + "'");
            } else {
                draft.host().withIsolation(isolation);
            }
        });
    }
}
