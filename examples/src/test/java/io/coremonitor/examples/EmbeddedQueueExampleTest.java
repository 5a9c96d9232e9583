package io.coremonitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedQueueExampleTest {

    @TempDir
    Path dir;

    @Test
    void mainRunsToCompletion() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EmbeddedQueueExample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
        assertThat(output).contains("created stack shop").contains("all commands DONE")
                .contains("would converge service web to image nginx:1.28");
    }

    @Test
    void everyCommandEndsDoneInOrderWithItsLog() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<Command> commands = EmbeddedQueueExample.run(dir.resolve("cm.db"),
                new PrintStream(captured, true, StandardCharsets.UTF_8));

        assertThat(commands).extracting(Command::type).containsExactly(CommandType.APPLY_STACK_VERSION,
                CommandType.APPLY_STACK_VERSION, CommandType.RUNTIME_ACTION, CommandType.ROLLBACK_STACK_VERSION);
        assertThat(commands).allSatisfy(c -> assertThat(c.status()).isEqualTo(CommandStatus.DONE));
        assertThat(commands).extracting(Command::commandId).isSorted();
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("stack shop is now at v1").contains("started RUNTIME_ACTION attempt 1")
                .contains("[event] command 1 APPLY_STACK_VERSION: (new) -> PENDING");
    }
}
