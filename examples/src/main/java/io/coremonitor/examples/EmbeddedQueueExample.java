package io.coremonitor.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.engine.RuntimeAction;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.Stack;
import io.coremonitor.store.VersionCreation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Embeds Core Monitor without Docker: a temporary SQLite file, a custom executor for APPLY_STACK_VERSION (it
 * "converges" by logging what it would do and recording the current version) and one for RUNTIME_ACTION. It creates
 * a stack from YAML, makes a second version, enqueues commands, waits for them and prints their logs.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=io.coremonitor.examples.EmbeddedQueueExample}
 */
public final class EmbeddedQueueExample {

    static final String SHOP_V1 = """
            services:
              web:
                image: nginx:1.27
                ports: ["8080:80"]
                depends_on: [api]
              api:
                image: eclipse-temurin:21-jre
                environment:
                  DB_URL: jdbc:postgresql://db:5432/shop
              db:
                image: postgres:16
                volumes: ["data:/var/lib/postgresql/data"]
            volumes:
              data: {}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private EmbeddedQueueExample() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("coremonitor-example");
        List<Command> commands = run(dir.resolve("coremonitor.db"), System.out);
        boolean allDone = commands.stream().allMatch(c -> c.status() == CommandStatus.DONE);
        System.out.println(allDone ? "all commands DONE" : "some commands did not end DONE");
        if (!allDone) {
            System.exit(1);
        }
    }

    /** Runs the example on this SQLite file, printing to {@code out}; returns the commands as they ended. */
    public static List<Command> run(Path database, PrintStream out) {
        // the executors need the engine they run in (to read definitions and record the current version)
        AtomicReference<CoreMonitor> engine = new AtomicReference<>();
        try (CoreMonitor cm = CoreMonitor.builder()
                .sqlite(database)
                .pollInterval(Duration.ofMillis(100))
                .executor(new LoggingApplyExecutor(CommandType.APPLY_STACK_VERSION, engine))
                .executor(new LoggingApplyExecutor(CommandType.ROLLBACK_STACK_VERSION, engine))
                .executor(new LoggingRuntimeExecutor())
                .listener((before, after) -> out.printf("  [event] command %d %s: %s -> %s%n", after.commandId(),
                        after.type(), before.map(b -> b.status().name()).orElse("(new)"), after.status()))
                .build()) {
            engine.set(cm);
            cm.startWorker();
            out.println("Core Monitor embedded on " + database + " (worker " + cm.workerId() + ")");

            Stack stack = cm.stacks().createStack("shop", SHOP_V1, Map.of(), "example", "first version",
                    Optional.empty());
            out.println("created stack " + stack.name() + " (" + stack.stackId() + "), latest version "
                    + stack.latestVersion().orElseThrow());
            VersionCreation v2 = cm.stacks().createVersion(stack.stackId(), SHOP_V1.replace("nginx:1.27", "nginx:1.28"),
                    Map.of(), "example", "newer nginx", Optional.of("v1"));
            out.println("created version " + v2.version().version() + " (created=" + v2.created() + ")");

            List<Command> ended = new ArrayList<>();
            ended.add(CommandEnd.await(cm, cm.commands().apply(stack.stackId(), "v1", false, "example"), TIMEOUT));
            ended.add(CommandEnd.await(cm, cm.commands().apply(stack.stackId(), "v2", false, "example"), TIMEOUT));
            ended.add(CommandEnd.await(cm, cm.commands().runtimeAction(stack.stackId(), RuntimeAction.RESTART,
                    List.of("web"), "example"), TIMEOUT));
            ended.add(CommandEnd.await(cm, cm.commands().rollback(stack.stackId(), "v1", false, "example"), TIMEOUT));

            for (Command c : ended) {
                out.printf("command %d %s %s -> %s (attempt %d)%n", c.commandId(), c.type(), c.payload(), c.status(),
                        c.attempt());
                for (CommandLogLine line : cm.commands().logs(c.commandId())) {
                    out.printf("    %s %-5s %s%n", line.timestamp(), line.level(), line.message());
                }
            }
            out.println("stack " + stack.name() + " is now at " + cm.stacks().get(stack.stackId()).currentVersion()
                    .orElse("(none)") + "; queue: " + cm.status());
            return ended;
        }
    }

    static String version(Command command) {
        try {
            return JSON.readTree(command.payload()).path("version").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** APPLY and ROLLBACK without Docker: logs the plan and records the version as current. */
    static final class LoggingApplyExecutor implements CommandExecutor {

        private final CommandType type;
        private final AtomicReference<CoreMonitor> engine;

        LoggingApplyExecutor(CommandType type, AtomicReference<CoreMonitor> engine) {
            this.type = type;
            this.engine = engine;
        }

        @Override
        public CommandType type() {
            return type;
        }

        @Override
        public void execute(Command command, ExecutionContext context) {
            String version = version(command);
            CoreMonitor cm = engine.get();
            ComposeDefinition definition = cm.stacks().definition(command.stackId(), version);
            for (var service : definition.services().entrySet()) {
                context.checkCancelled();
                context.info("would converge service " + service.getKey() + " to image " + service.getValue().process().image());
            }
            cm.store().stacks().setCurrentVersion(command.stackId(), version);
            context.info("stack " + command.stackId() + " now at " + version);
        }
    }

    /** RUNTIME_ACTION without Docker: logs what it would do. */
    static final class LoggingRuntimeExecutor implements CommandExecutor {

        @Override
        public CommandType type() {
            return CommandType.RUNTIME_ACTION;
        }

        @Override
        public void execute(Command command, ExecutionContext context) {
            context.info("would run " + command.payload());
        }
    }
}
