package io.coremonitor.engine;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/** An executor for tests: runs a behaviour, records the order of executions and the highest concurrency seen. */
final class TestExecutor implements CommandExecutor {

    private final CommandType type;
    private final BiConsumer<Command, ExecutionContext> behaviour;
    private final AtomicInteger active;
    private final AtomicInteger maxActive;
    final List<Long> executed = new CopyOnWriteArrayList<>();
    final List<Integer> attempts = new CopyOnWriteArrayList<>();

    TestExecutor(CommandType type, BiConsumer<Command, ExecutionContext> behaviour) {
        this(type, behaviour, new AtomicInteger(), new AtomicInteger());
    }

    /** Shares its concurrency counters with other executors (other types, other engines). */
    TestExecutor(CommandType type, BiConsumer<Command, ExecutionContext> behaviour, AtomicInteger active,
            AtomicInteger maxActive) {
        this.type = type;
        this.behaviour = behaviour;
        this.active = active;
        this.maxActive = maxActive;
    }

    static TestExecutor ok(CommandType type) {
        return new TestExecutor(type, (c, ctx) -> ctx.info("did " + c.type()));
    }

    @Override
    public CommandType type() {
        return type;
    }

    @Override
    public void execute(Command command, ExecutionContext context) {
        int now = active.incrementAndGet();
        maxActive.accumulateAndGet(now, Math::max);
        try {
            executed.add(command.commandId());
            attempts.add(command.attempt());
            behaviour.accept(command, context);
        } finally {
            active.decrementAndGet();
        }
    }

    int maxConcurrency() {
        return maxActive.get();
    }
}
