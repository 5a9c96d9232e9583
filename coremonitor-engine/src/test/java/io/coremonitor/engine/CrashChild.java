package io.coremonitor.engine;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The engine process that the crash tests kill: {@code CrashChild <sqlite file> <work dir> <lease ttl ms>}. Its
 * APPLY executor records each execution in {@code executions.log}, creates {@code running-<id>} and then blocks
 * until {@code release-<id>} exists, which the test never creates: the process is killed with the command RUNNING.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Path work = Path.of(args[1]);
        Duration ttl = Duration.ofMillis(Long.parseLong(args[2]));
        CoreMonitor cm = CoreMonitor.builder().sqlite(db).pollInterval(Duration.ofMillis(50)).leaseTtl(ttl)
                .workerId("child-" + ProcessHandle.current().pid())
                .executor(new CommandExecutor() {
                    @Override
                    public CommandType type() {
                        return CommandType.APPLY_STACK_VERSION;
                    }

                    @Override
                    public void execute(Command command, ExecutionContext context) {
                        record(work, "child", command);
                        context.info("child blocks until release-" + command.commandId());
                        touch(work.resolve("running-" + command.commandId()));
                        while (!Files.exists(work.resolve("release-" + command.commandId()))) {
                            EngineTests.sleep(20);
                        }
                    }
                })
                .build();
        cm.startWorker();
        System.out.println("child engine started " + cm.workerId());
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Appends {@code <who> <command id> <attempt>} to the executions log (one write per line). */
    static void record(Path work, String who, Command command) {
        try {
            Files.writeString(work.resolve("executions.log"), who + " " + command.commandId() + " " + command.attempt()
                    + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void touch(Path file) {
        try {
            Files.writeString(file, "x");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
