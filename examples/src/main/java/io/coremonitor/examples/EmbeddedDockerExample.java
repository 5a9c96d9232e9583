package io.coremonitor.examples;

import io.coremonitor.docker.DockerSettings;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.StackStatusView;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds the real engine as a JVM application using the Maven modules would: a SQLite file in a temporary
 * directory, the local Docker engine ({@code DOCKER_HOST}, else {@code unix:///var/run/docker.sock}) and the
 * built-in Docker executors. It creates a stack of one busybox web server, applies its v1, waits for the command to
 * end DONE, logs the stack's status as Docker reports it, then deletes the stack (containers, network and volumes).
 *
 * <p>Needs a running Docker engine and the image {@code coremonitor-test/busybox:latest}
 * ({@code scripts/test-images.sh}). Run:
 * {@code mvn -q -pl examples exec:java -Dexec.mainClass=io.coremonitor.examples.EmbeddedDockerExample}
 */
public final class EmbeddedDockerExample {

    static final String WEB = """
            services:
              web:
                image: coremonitor-test/busybox:latest
                command: [sh, -c, 'mkdir -p /www && echo hello > /www/index.html && exec httpd -f -p 8080 -h /www']
                stop_grace_period: 1s
            """;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDockerExample.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private EmbeddedDockerExample() {
    }

    /** What the example did: the APPLY as it ended, the stack's status after it, and the DELETE as it ended. */
    public record Outcome(Command apply, StackStatusView status, Command delete) {

        /** True when both commands ended DONE and the stack ran. */
        public boolean succeeded() {
            return apply.status() == CommandStatus.DONE && delete.status() == CommandStatus.DONE
                    && status.services().values().stream().allMatch(s -> s.state().equals("running"));
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("coremonitor-docker-example");
        String name = "embedded-" + UUID.randomUUID().toString().substring(0, 8);
        Outcome outcome = run(dir.resolve("coremonitor.db"), DockerSettings.fromEnvironment(), name);
        if (outcome.succeeded()) {
            LOG.info("stack {} applied, running, then deleted", name);
        } else {
            LOG.error("the example failed: {}", outcome);
            System.exit(1);
        }
    }

    /** Runs the example on this SQLite file and Docker engine with a stack of this name. */
    public static Outcome run(Path database, DockerSettings docker, String stackName) {
        try (CoreMonitor cm = CoreMonitor.builder().sqlite(database).docker(docker).build()) {
            cm.startWorker();
            LOG.info("Core Monitor embedded on {} with Docker at {} (worker {})", database, docker.host(),
                    cm.workerId());

            Stack stack = cm.stacks().createStack(stackName, WEB, Map.of(), "example", "first version",
                    Optional.empty());
            LOG.info("created stack {} ({}), latest version {}", stack.name(), stack.stackId(),
                    stack.latestVersion().orElseThrow());

            Command apply = CommandEnd.await(cm, cm.commands().apply(stack.stackId(), "v1", false, "example"),
                    TIMEOUT);
            logCommand(cm, apply);
            StackStatusView status = cm.monitoring().status(stack.stackId()).status();
            LOG.info("stack {}: desired {}, actual {}, version {}", stack.name(), status.desired(), status.actual(),
                    status.version().orElse("(none)"));
            status.services().forEach((service, s) -> LOG.info("  service {}: {} (container {})", service, s.state(),
                    s.containerId().map(id -> id.substring(0, Math.min(12, id.length()))).orElse("none")));

            Command delete = CommandEnd.await(cm, cm.commands().delete(stack.stackId(), true, "example"), TIMEOUT);
            logCommand(cm, delete);
            return new Outcome(apply, status, delete);
        }
    }

    private static void logCommand(CoreMonitor cm, Command command) {
        LOG.info("command {} {} ended {}{}", command.commandId(), command.type(), command.status(),
                command.error().map(e -> ": " + e).orElse(""));
        for (CommandLogLine line : cm.commands().logs(command.commandId())) {
            LOG.info("    {} {}", line.level(), line.message());
        }
    }
}
