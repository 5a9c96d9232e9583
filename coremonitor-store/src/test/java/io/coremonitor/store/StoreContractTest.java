package io.coremonitor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.model.AuditEntry;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.CommandNotFoundException;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandStatusConflictException;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.DuplicateStackIdException;
import io.coremonitor.model.DuplicateStackNameException;
import io.coremonitor.model.IllegalTransitionException;
import io.coremonitor.model.LogLevel;
import io.coremonitor.model.Page;
import io.coremonitor.model.RuntimeMapping;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.model.StackState;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.VersionConflictException;
import io.coremonitor.model.VersionNotFoundException;
import io.coremonitor.model.VersionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The one repository test suite; each subclass runs it against one database (SQLite file, PostgreSQL schema).
 */
abstract class StoreContractTest extends OneDatabaseTest {

    private Stack stack(String id) {
        return store.stacks().create(id, "name-" + id);
    }

    private StackVersion version(String stackId, String compose) {
        return store.versions().create(NewVersion.of(stackId, "alice", "comment", compose));
    }

    private Command enqueue(String stackId) {
        return store.commands().enqueue(new NewCommand(stackId, CommandType.APPLY_STACK_VERSION, "{\"version\":\"v1\"}", "bob"));
    }

    private long countRows(String table) {
        return scalar("SELECT COUNT(*) FROM " + table, Long.class);
    }

    /** The single value of a query. */
    protected <T> T scalar(String sql, Class<T> type) {
        T value = store.jdbi().withHandle(h -> h.createQuery(sql).mapTo(type).one());
        return value;
    }

    // ---------------------------------------------------------------- store

    @Test
    void opensMigratesAndAnswersPing() {
        assertThat(store.ping()).isTrue();
        for (String table : List.of("stacks", "stack_versions", "commands", "command_logs", "worker_lease", "audit_log",
                "artifacts", "deployments")) {
            assertThat(countRows(table)).as(table).isZero();
        }
    }

    @Test
    void reopeningTheSameDatabaseMigratesNothingAndKeepsRows() {
        stack("s1");
        store.close();
        store = Store.open(store.config());
        assertThat(store.stacks().get("s1")).isPresent();
    }

    @Test
    void pingIsFalseOnceClosed() {
        store.close();
        assertThat(store.ping()).isFalse();
    }

    // ---------------------------------------------------------------- stacks

    @Test
    void createsAndReadsStacks() {
        Stack created = store.stacks().create("s1", "web");
        assertThat(created.createdAt()).isEqualTo(clock.instant());
        assertThat(store.stacks().get("s1")).contains(created);
        assertThat(store.stacks().getByName("web")).contains(created);
        assertThat(store.stacks().get("nope")).isEmpty();
        assertThat(store.stacks().getByName("nope")).isEmpty();
        assertThatThrownBy(() -> store.stacks().getOrThrow("nope")).isInstanceOf(StackNotFoundException.class);
        assertThatThrownBy(() -> store.stacks().getByNameOrThrow("nope")).isInstanceOf(StackNotFoundException.class);
    }

    @Test
    void refusesDuplicateIdsAndLiveNames() {
        store.stacks().create("s1", "web");
        assertThatThrownBy(() -> store.stacks().create("s1", "other")).isInstanceOf(DuplicateStackIdException.class);
        assertThatThrownBy(() -> store.stacks().create("s2", "web")).isInstanceOf(DuplicateStackNameException.class);
        Stack deleted = store.stacks().markDeleted("s1");
        assertThat(deleted.deleted()).isTrue();
        assertThat(store.stacks().getByName("web")).isEmpty();
        // the name of a deleted stack is free again; its id is not
        assertThat(store.stacks().create("s2", "web").name()).isEqualTo("web");
        assertThatThrownBy(() -> store.stacks().create("s1", "again")).isInstanceOf(DuplicateStackIdException.class);
        assertThat(store.stacks().get("s1")).get().extracting(Stack::deleted).isEqualTo(true);
    }

    @Test
    void createsAStackWithItsFirstVersionAtomically() {
        CreatedStack created = store.stacks().createWithFirstVersion("s1", "web", NewVersion.of("s1", "alice", "first", "{}"));
        assertThat(created.version().version()).isEqualTo("v1");
        assertThat(created.stack().latestVersion()).contains("v1");
        assertThat(store.versions().latest("s1")).contains(created.version());
        // a refused stack leaves no version behind
        assertThatThrownBy(() -> store.stacks().createWithFirstVersion("s2", "web", NewVersion.of("s2", "bob", null, "{}")))
                .isInstanceOf(DuplicateStackNameException.class);
        assertThat(store.stacks().get("s2")).isEmpty();
        assertThat(countRows("stack_versions")).isEqualTo(1);
        assertThatThrownBy(() -> store.stacks().createWithFirstVersion("s3", "db", NewVersion.of("s4", "bob", null, "{}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setsCurrentVersionOnlyToAnExistingVersion() {
        stack("s1");
        version("s1", "{\"a\":1}");
        clock.advance(Duration.ofSeconds(5));
        Stack s = store.stacks().setCurrentVersion("s1", "v1");
        assertThat(s.currentVersion()).contains("v1");
        assertThat(s.latestVersion()).contains("v1");
        assertThat(s.updatedAt()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> store.stacks().setCurrentVersion("s1", "v2")).isInstanceOf(VersionNotFoundException.class);
        assertThatThrownBy(() -> store.stacks().setCurrentVersion("zz", "v1")).isInstanceOf(StackNotFoundException.class);
    }

    @Test
    void listsStacksByNameWithFilterAndPages() {
        for (int i = 0; i < 120; i++) {
            store.stacks().create(String.format("id%03d", i), String.format("%s-%03d", i % 2 == 0 ? "Web" : "db", i));
        }
        store.stacks().markDeleted("id000");
        List<Stack> all = walk(p -> store.stacks().list(p), 7);
        assertThat(all).hasSize(119);
        assertThat(all).extracting(Stack::name).isSorted();
        List<Stack> web = walk(p -> store.stacks().list(Optional.of("web"), false, p), 10);
        assertThat(web).hasSize(59).allMatch(s -> s.name().startsWith("Web-"));
        assertThat(walk(p -> store.stacks().list(Optional.of("web"), true, p), 500)).hasSize(60);
        assertThat(store.stacks().list(Optional.of("%"), true, PageRequest.first()).items()).isEmpty();
        assertThat(store.stacks().list(Optional.of("_"), true, PageRequest.first()).items()).isEmpty();
    }

    @Test
    void overviewGivesEachStackOfAPageItsStatusAndLastCommandInTwoStatements() {
        for (int i = 0; i < 30; i++) {
            String id = String.format("ov%02d", i);
            store.stacks().create(id, String.format("%s-%02d", i % 3 == 0 ? "api" : "web", i));
            version(id, "{\"a\":" + i + "}");
        }
        // ov00: applied v1 (RUNNING), then v2 created and its apply FAILED later: the newer status is v2's
        store.versions().updateStatus("ov00", "v1", new VersionStatus(StackState.RUNNING, StackState.RUNNING,
                clock.instant(), Optional.empty()));
        store.stacks().setCurrentVersion("ov00", "v1");
        version("ov00", "{\"a\":100}");
        Command first = enqueue("ov00");
        store.commands().cancel(first.commandId(), "operator");
        Command last = enqueue("ov00");
        clock.advance(Duration.ofSeconds(5));
        store.versions().updateStatus("ov00", "v2", new VersionStatus(StackState.RUNNING, StackState.FAILED,
                clock.instant(), Optional.of("pull failed")));
        // ov01: current v1 RUNNING, nothing newer
        store.versions().updateStatus("ov01", "v1", new VersionStatus(StackState.RUNNING, StackState.RUNNING,
                clock.instant(), Optional.empty()));
        store.stacks().setCurrentVersion("ov01", "v1");
        Command other = enqueue("ov01");
        store.stacks().markDeleted("ov29");

        List<String> statements = Collections.synchronizedList(new ArrayList<>());
        store.jdbi().setSqlLogger(new org.jdbi.v3.core.statement.SqlLogger() {
            @Override
            public void logAfterExecution(org.jdbi.v3.core.statement.StatementContext context) {
                statements.add(context.getRenderedSql());
            }
        });
        Page<StackOverview> page = store.stacks().overview(Optional.empty(), false, PageRequest.first(20));
        assertThat(statements).as("one statement for the stacks, one for their last commands").hasSize(2);
        store.jdbi().setSqlLogger(org.jdbi.v3.core.statement.SqlLogger.NOP_SQL_LOGGER);

        assertThat(page.items()).hasSize(20);
        assertThat(page.items()).extracting(o -> o.stack().name()).isSorted();
        assertThat(page.items()).extracting(o -> o.stack().stackId())
                .isEqualTo(store.stacks().list(PageRequest.first(20)).items().stream().map(Stack::stackId).toList());
        Map<String, StackOverview> byId = page.items().stream().collect(Collectors.toMap(o -> o.stack().stackId(), o -> o));
        StackOverview ov00 = byId.get("ov00");
        assertThat(ov00.statusVersion()).contains("v2");
        assertThat(ov00.status().orElseThrow().actual()).isEqualTo(StackState.FAILED);
        assertThat(ov00.status().orElseThrow().reason()).contains("pull failed");
        assertThat(ov00.lastCommand().orElseThrow().commandId()).isEqualTo(last.commandId());
        StackOverview ov01 = byId.get("ov01");
        assertThat(ov01.statusVersion()).contains("v1");
        assertThat(ov01.status().orElseThrow().actual()).isEqualTo(StackState.RUNNING);
        assertThat(ov01.lastCommand()).contains(other);
        StackOverview ov03 = byId.get("ov03");
        assertThat(ov03.status()).isEmpty();
        assertThat(ov03.statusVersion()).isEmpty();
        assertThat(ov03.lastCommand()).isEmpty();

        List<StackOverview> all = walk(p -> store.stacks().overview(Optional.empty(), false, p), 7);
        assertThat(all).hasSize(29);
        assertThat(walk(p -> store.stacks().overview(Optional.of("API"), false, p), 3))
                .hasSize(10).allMatch(o -> o.stack().name().startsWith("api-"));
        assertThat(walk(p -> store.stacks().overview(Optional.empty(), true, p), 500)).hasSize(30);
        assertThat(store.stacks().overview(Optional.of("nothing"), false, PageRequest.first()).items()).isEmpty();
    }

    // ---------------------------------------------------------------- versions

    @Test
    void numbersVersionsAndTracksTheLatest() {
        stack("s1");
        StackVersion v1 = version("s1", "{\"a\":1}");
        clock.advance(Duration.ofMinutes(1));
        StackVersion v2 = store.versions().create(new NewVersion("s1", Optional.of("v1"), "carol", Optional.empty(),
                "{\"a\":2}", true));
        assertThat(v1.version()).isEqualTo("v1");
        assertThat(v1.number()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo("v2");
        assertThat(v2.parentVersion()).contains("v1");
        assertThat(v2.metadata().createdBy()).isEqualTo("carol");
        assertThat(v2.metadata().comment()).isEmpty();
        assertThat(v2.metadata().createdAt()).isEqualTo(clock.instant());
        assertThat(v2.composeHash()).hasSize(64).isNotEqualTo(v1.composeHash());
        assertThat(store.versions().get("s1", "v2")).contains(v2);
        assertThat(store.versions().getOrThrow("s1", "v1")).isEqualTo(v1);
        assertThat(store.versions().latest("s1")).contains(v2);
        assertThat(store.stacks().getOrThrow("s1").latestVersion()).contains("v2");
        assertThat(store.stacks().getOrThrow("s1").currentVersion()).isEmpty();
        assertThatThrownBy(() -> store.versions().getOrThrow("s1", "v3")).isInstanceOf(VersionNotFoundException.class);
        assertThat(store.versions().latest("nope")).isEmpty();
    }

    @Test
    void refusesAParentThatIsNotTheLatest() {
        stack("s1");
        version("s1", "{\"a\":1}");
        version("s1", "{\"a\":2}");
        NewVersion stale = new NewVersion("s1", Optional.of("v1"), "dave", Optional.empty(), "{\"a\":3}", true);
        assertThatThrownBy(() -> store.versions().create(stale)).isInstanceOf(VersionConflictException.class)
                .hasMessageContaining("v2");
        assertThat(store.versions().latest("s1")).get().extracting(StackVersion::version).isEqualTo("v2");
    }

    @Test
    void anIdenticalDefinitionCreatesNothing() {
        stack("s1");
        VersionCreation first = store.versions().createIfChanged(NewVersion.of("s1", "a", null, "{\"a\":1}"));
        VersionCreation same = store.versions().createIfChanged(NewVersion.of("s1", "b", null, "{\"a\":1}"));
        VersionCreation other = store.versions().createIfChanged(NewVersion.of("s1", "c", null, "{\"a\":2}"));
        assertThat(first.created()).isTrue();
        assertThat(same.created()).isFalse();
        assertThat(same.version()).isEqualTo(first.version());
        assertThat(other.created()).isTrue();
        assertThat(other.version().version()).isEqualTo("v2");
    }

    @Test
    void refusesVersionsOfMissingOrDeletedStacks() {
        assertThatThrownBy(() -> version("nope", "{}")).isInstanceOf(StackNotFoundException.class);
        stack("s1");
        store.stacks().markDeleted("s1");
        assertThatThrownBy(() -> version("s1", "{}")).isInstanceOf(StackNotFoundException.class);
    }

    @Test
    void recordsRuntimeAndStatusButNothingElse() {
        stack("s1");
        StackVersion v1 = version("s1", "{\"a\":1}");
        RuntimeMapping runtime = new RuntimeMapping(Map.of("default", "net1"), Map.of("data", "s1_data"),
                Map.of("web", "c0ffee"));
        StackVersion withRuntime = store.versions().updateRuntime("s1", "v1", runtime);
        assertThat(withRuntime.runtime()).contains(runtime);
        VersionStatus status = new VersionStatus(StackState.RUNNING, StackState.FAILED, clock.instant(), Optional.of("boom"));
        StackVersion withStatus = store.versions().updateStatus("s1", "v1", status);
        assertThat(withStatus.status()).contains(status);
        assertThat(withStatus.runtime()).contains(runtime);
        assertThat(withStatus.compose()).isEqualTo(v1.compose());
        assertThat(store.versions().getOrThrow("s1", "v1")).isEqualTo(withStatus);
        RuntimeMapping profiled = runtime.withProfiles(List.of("tools", "debug"));
        assertThat(store.versions().updateRuntime("s1", "v1", profiled).runtime()).contains(profiled);
        assertThat(store.versions().getOrThrow("s1", "v1").runtime().orElseThrow().profiles()).containsExactly("debug", "tools");
        store.jdbi().useHandle(h -> h.execute("UPDATE stack_versions SET runtime_mapping ="
                + " '{\"networks\":{},\"volumes\":{},\"containers\":{\"web\":\"c1\"}}' WHERE stack_id = 's1'"));
        assertThat(store.versions().getOrThrow("s1", "v1").runtime()).as("a mapping stored before profiles")
                .contains(new RuntimeMapping(Map.of(), Map.of(), Map.of("web", "c1")));
        assertThatThrownBy(() -> store.versions().updateRuntime("s1", "v9", runtime))
                .isInstanceOf(VersionNotFoundException.class);
        assertThatThrownBy(() -> store.versions().updateStatus("s1", "v9", status))
                .isInstanceOf(VersionNotFoundException.class);
    }

    @Test
    void theDatabaseRefusesToChangeAStoredDefinition() {
        stack("s1");
        StackVersion v1 = version("s1", "{\"a\":1}");
        for (String set : List.of("compose = '{\"a\":666}'", "compose_hash = 'x'", "number = 7", "version = 'v7'",
                "created_by = 'mallory'", "comment = 'rewritten'", "created_at = 1", "parent_version = 'v0'")) {
            assertThatThrownBy(() -> store.jdbi().useHandle(h ->
                    h.execute("UPDATE stack_versions SET " + set + " WHERE stack_id = 's1' AND version = 'v1'")))
                    .as(set).hasMessageContaining("immutable");
        }
        assertThat(store.versions().getOrThrow("s1", "v1")).isEqualTo(v1);
        // the runtime columns stay writable
        store.jdbi().useHandle(h -> h.execute("UPDATE stack_versions SET status_reason = 'ok' WHERE stack_id = 's1'"));
    }

    @Test
    void keepsTheFilesOfAVersionInItsHashAndAsImmutableAsItsDefinition() {
        stack("s1");
        StackVersion plain = version("s1", "{\"a\":1}");
        assertThat(plain.files()).isEmpty();
        Map<String, String> files = Map.of("conf/b.env", "B=2\n", "a.env", "A=1\n");
        StackVersion v2 = store.versions().createIfChanged(new NewVersion("s1", Optional.empty(), "alice", Optional.empty(),
                "{\"a\":1}", false, files)).version();
        assertThat(v2.version()).as("same definition, files added: a new version").isEqualTo("v2");
        assertThat(v2.files()).isEqualTo(files);
        assertThat(v2.composeHash()).isNotEqualTo(plain.composeHash());
        assertThat(store.versions().getOrThrow("s1", "v2")).isEqualTo(v2);
        assertThat(store.versions().getOrThrow("s1", "v1").files()).isEmpty();
        VersionCreation same = store.versions().createIfChanged(new NewVersion("s1", Optional.empty(), "bob",
                Optional.empty(), "{\"a\":1}", false, Map.of("a.env", "A=1\n", "conf/b.env", "B=2\n")));
        assertThat(same.created()).isFalse();
        VersionCreation edited = store.versions().createIfChanged(new NewVersion("s1", Optional.empty(), "bob",
                Optional.empty(), "{\"a\":1}", false, Map.of("a.env", "A=1\n# edited\n", "conf/b.env", "B=2\n")));
        assertThat(edited.created()).as("a file changed: a new version").isTrue();
        assertThat(edited.version().composeHash()).isNotEqualTo(v2.composeHash());
        assertThat(store.versions().list("s1", PageRequest.first(10)).items()).extracting(StackVersion::files)
                .containsExactly(edited.version().files(), files, Map.of());
        for (String set : List.of("files = '{}'", "files = NULL")) {
            assertThatThrownBy(() -> store.jdbi().useHandle(h ->
                    h.execute("UPDATE stack_versions SET " + set + " WHERE stack_id = 's1' AND version = 'v2'")))
                    .as(set).hasMessageContaining("immutable");
        }
        assertThatThrownBy(() -> store.jdbi().useHandle(h ->
                h.execute("UPDATE stack_versions SET files = '{}' WHERE stack_id = 's1' AND version = 'v1'")))
                .hasMessageContaining("immutable");
        assertThat(store.versions().getOrThrow("s1", "v2")).isEqualTo(v2);
    }

    @Test
    void concurrentCreatorsGetDistinctContiguousNumbers() throws Exception {
        stack("s1");
        int threads = 16;
        int perThread = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Long> numbers = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        numbers.add(version("s1", "{\"t\":" + thread + ",\"i\":" + i + "}").number());
                    }
                    return numbers;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get(120, TimeUnit.SECONDS));
            }
            Collections.sort(all);
            assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(1, threads * perThread).boxed().toList());
            assertThat(store.stacks().getOrThrow("s1").latestVersion()).contains("v" + threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listsVersionsNewestFirstInPages() {
        stack("s1");
        for (int i = 1; i <= 23; i++) {
            version("s1", "{\"i\":" + i + "}");
        }
        List<StackVersion> all = walk(p -> store.versions().list("s1", p), 5);
        assertThat(all).extracting(StackVersion::number)
                .containsExactlyElementsOf(LongStream.iterate(23, n -> n - 1).limit(23).boxed().toList());
        assertThat(store.versions().list("nope", PageRequest.first()).items()).isEmpty();
    }

    // ---------------------------------------------------------------- cascade

    @Test
    void deletingAStackCascadesToVersionsCommandsAndLogs() {
        stack("s1");
        stack("s2");
        version("s1", "{}");
        version("s2", "{}");
        Command c1 = enqueue("s1");
        Command c2 = enqueue("s2");
        store.commandLogs().append(c1.commandId(), LogLevel.INFO, "one");
        store.commandLogs().append(c2.commandId(), LogLevel.INFO, "two");
        store.audit().append("bob", "STACK_DELETED", Optional.of("s1"), Optional.empty(), "");

        assertThat(store.stacks().delete("s1")).isTrue();
        assertThat(store.stacks().delete("s1")).isFalse();

        assertThat(store.stacks().get("s1")).isEmpty();
        assertThat(store.versions().latest("s1")).isEmpty();
        assertThat(store.commands().get(c1.commandId())).isEmpty();
        assertThat(store.commandLogs().read(c1.commandId())).isEmpty();
        assertThat(countRows("stack_versions")).isEqualTo(1);
        assertThat(countRows("commands")).isEqualTo(1);
        assertThat(countRows("command_logs")).isEqualTo(1);
        // the audit trail outlives the stack
        assertThat(countRows("audit_log")).isEqualTo(1);
    }

    // ---------------------------------------------------------------- commands

    @Test
    void enqueuesInFifoOrder() {
        stack("a");
        stack("b");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(enqueue(i % 2 == 0 ? "a" : "b").commandId());
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(store.commands().countPending()).isEqualTo(10);
        for (long expected : ids) {
            Command next = store.commands().nextPending().orElseThrow();
            assertThat(next.commandId()).isEqualTo(expected);
            assertThat(store.commands().firstUnfinished()).contains(next);
            store.commands().markRunning(next.commandId());
            assertThat(store.commands().first(CommandStatus.RUNNING)).get().extracting(Command::commandId).isEqualTo(expected);
            store.commands().markDone(next.commandId());
        }
        assertThat(store.commands().nextPending()).isEmpty();
        assertThat(store.commands().firstUnfinished()).isEmpty();
        assertThat(store.commands().countPending()).isZero();
        assertThat(store.commands().count(CommandStatus.DONE)).isEqualTo(10);
    }

    @Test
    void snapshotShowsTheRunningCommandThePendingCountAndTheHeadTogether() {
        stack("a");
        assertThat(store.commands().snapshot().drained()).isTrue();
        assertThat(store.commands().snapshot().head()).isEmpty();
        Command first = enqueue("a");
        Command second = enqueue("a");
        QueueSnapshot q = store.commands().snapshot();
        assertThat(q.running()).isEmpty();
        assertThat(q.pending()).isEqualTo(2);
        assertThat(q.head()).contains(first);
        Command running = store.commands().markRunning(first.commandId());
        q = store.commands().snapshot();
        assertThat(q.running()).contains(running);
        assertThat(q.head()).contains(running);
        assertThat(q.pending()).isEqualTo(1);
        store.commands().markFailed(first.commandId(), "boom");
        Command next = store.commands().markRunning(second.commandId());
        q = store.commands().snapshot();
        assertThat(q.running()).contains(next);
        assertThat(q.head()).get().extracting(Command::commandId).isEqualTo(first.commandId());
        assertThat(q.pending()).isZero();
        assertThat(q.drained()).isFalse();
    }

    /**
     * A reader must never see the queue drained while a command is being claimed: with the RUNNING command and the
     * PENDING count read in two statements, a command claimed between them was in neither (the cause of a 409 "no
     * current version" in a reliability test that waited for the queue to drain). Each round, a reader snapshots
     * without pause while the command is claimed, so some snapshot spans the claim.
     */
    @Test
    void snapshotIsNeverDrainedWhileACommandIsBeingClaimed() throws Exception {
        stack("a");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            for (int round = 0; round < 200; round++) {
                Command c = enqueue("a");
                AtomicBoolean claimed = new AtomicBoolean();
                CountDownLatch reading = new CountDownLatch(1);
                Future<Integer> reader = pool.submit(() -> {
                    int reads = 0;
                    reading.countDown();
                    do {
                        QueueSnapshot q = store.commands().snapshot();
                        reads++;
                        assertThat(q.drained()).as("snapshot %d shows a drained queue while command %d is %s", reads,
                                c.commandId(), store.commands().getOrThrow(c.commandId()).status()).isFalse();
                    } while (!claimed.get());
                    return reads;
                });
                reading.await();
                store.commands().markRunning(c.commandId());
                claimed.set(true);
                assertThat(reader.get(10, TimeUnit.SECONDS)).isPositive();
                store.commands().markDone(c.commandId());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.commands().snapshot().drained()).isTrue();
    }

    @Test
    void enqueueRefusesAnUnknownStack() {
        assertThatThrownBy(() -> enqueue("ghost")).isInstanceOf(StackNotFoundException.class);
        stack("s1");
        assertThat(enqueue("s1").commandId()).isEqualTo(1);
    }

    @Test
    void commandIdsAreNeverReusedAfterADelete() {
        stack("a");
        stack("b");
        long first = enqueue("a").commandId();
        enqueue("b");
        long last = enqueue("b").commandId();
        store.stacks().delete("b");
        long next = enqueue("a").commandId();
        assertThat(next).isGreaterThan(last);
        assertThat(store.commands().list(CommandFilter.all(), PageRequest.first()).items()).extracting(Command::commandId)
                .containsExactly(first, next);
        store.stacks().delete("a");
        stack("c");
        assertThat(enqueue("c").commandId()).isGreaterThan(next);
    }

    @Test
    void concurrentEnqueuesNeverFailAndGetDistinctIds() throws Exception {
        stack("s1");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                futures.add(pool.submit(() -> enqueue("s1").commandId()));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Long> f : futures) {
                ids.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(400);
            assertThat(Collections.max(ids)).isEqualTo(400);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void legalTransitionsSetTheirTimestamps() {
        stack("s1");
        Command c = enqueue("s1");
        assertThat(c.status()).isEqualTo(CommandStatus.PENDING);
        assertThat(c.attempt()).isEqualTo(1);
        assertThat(c.createdAt()).isEqualTo(clock.instant());
        assertThat(store.commands().getOrThrow(c.commandId())).isEqualTo(c);

        clock.advance(Duration.ofSeconds(1));
        Command running = store.commands().markRunning(c.commandId());
        assertThat(running.status()).isEqualTo(CommandStatus.RUNNING);
        assertThat(running.startedAt()).contains(clock.instant());
        assertThat(running.endedAt()).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        Command failed = store.commands().markFailed(c.commandId(), "container exited 1");
        assertThat(failed.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(failed.endedAt()).contains(clock.instant());
        assertThat(failed.error()).contains("container exited 1");
        assertThat(store.commands().first(CommandStatus.FAILED)).contains(failed);

        Command retried = store.commands().retry(c.commandId());
        assertThat(retried.status()).isEqualTo(CommandStatus.PENDING);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.startedAt()).isEmpty();
        assertThat(retried.endedAt()).isEmpty();
        assertThat(retried.error()).isEmpty();
        assertThat(store.commands().nextPending()).contains(retried);

        store.commands().markRunning(c.commandId());
        clock.advance(Duration.ofSeconds(1));
        Command done = store.commands().markDone(c.commandId());
        assertThat(done.status()).isEqualTo(CommandStatus.DONE);
        assertThat(done.endedAt()).contains(clock.instant());
        assertThat(store.commands().getOrThrow(c.commandId())).isEqualTo(done);
    }

    @Test
    void illegalTransitionsAreRefusedAndChangeNothing() {
        stack("s1");
        long id = enqueue("s1").commandId();
        assertThatThrownBy(() -> store.commands().markDone(id)).isInstanceOf(CommandStatusConflictException.class);
        assertThatThrownBy(() -> store.commands().transition(id, CommandStatus.PENDING, CommandStatus.DONE, Optional.empty()))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> store.commands().retry(id)).isInstanceOf(IllegalTransitionException.class);
        store.commands().markRunning(id);
        store.commands().markDone(id);
        assertThatThrownBy(() -> store.commands().transition(id, CommandStatus.DONE, CommandStatus.RUNNING, Optional.empty()))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> store.commands().cancel(id, "too late")).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> store.commands().retry(id)).isInstanceOf(IllegalTransitionException.class);
        assertThat(store.commands().getOrThrow(id).status()).isEqualTo(CommandStatus.DONE);
        assertThatThrownBy(() -> store.commands().markRunning(999)).isInstanceOf(CommandNotFoundException.class);
        assertThatThrownBy(() -> store.commands().getOrThrow(999)).isInstanceOf(CommandNotFoundException.class);
        assertThat(store.commands().get(999)).isEmpty();
    }

    @Test
    void aLostRaceIsAConflictNotASecondWinner() throws Exception {
        stack("s1");
        long id = enqueue("s1").commandId();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.commands().markRunning(id);
                        return true;
                    } catch (CommandStatusConflictException e) {
                        assertThat(e.actual()).isEqualTo(CommandStatus.RUNNING);
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> f : futures) {
                winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void recoversAnInterruptedCommandUpToMaxAttempts() {
        stack("s1");
        long id = enqueue("s1").commandId();
        store.commands().markRunning(id);
        Command again = store.commands().recoverInterrupted(id, 2, "lease expired");
        assertThat(again.status()).isEqualTo(CommandStatus.PENDING);
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(store.commands().nextPending()).contains(again);
        store.commands().markRunning(id);
        Command failed = store.commands().recoverInterrupted(id, 2, "lease expired");
        assertThat(failed.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(failed.error()).contains("lease expired");
        assertThat(store.commandLogs().read(id)).extracting(CommandLogLine::level).containsExactly(LogLevel.WARN, LogLevel.ERROR);
        assertThatThrownBy(() -> store.commands().recoverInterrupted(id, 2, "x")).isInstanceOf(CommandStatusConflictException.class);
        assertThat(store.commands().getOrThrow(id)).isEqualTo(failed);
        assertThatThrownBy(() -> store.commands().recoverInterrupted(999, 2, "x")).isInstanceOf(CommandNotFoundException.class);
    }

    @Test
    void enqueuesACommandWithItsFirstLogLineAndAuditEntryTogether() {
        stack("s1");
        Command c = store.commands().enqueue(new NewCommand("s1", CommandType.DELETE_STACK, "{}", "bob"),
                "enqueued by bob", "COMMAND_ENQUEUED", "DELETE_STACK {}");

        assertThat(store.commands().getOrThrow(c.commandId())).isEqualTo(c);
        assertThat(store.commandLogs().read(c.commandId())).extracting(CommandLogLine::message).containsExactly("enqueued by bob");
        AuditEntry audit = store.audit().list(Optional.of("s1"), PageRequest.first(10)).items().get(0);
        assertThat(audit.actor()).isEqualTo("bob");
        assertThat(audit.action()).isEqualTo("COMMAND_ENQUEUED");
        assertThat(audit.commandId()).contains(c.commandId());
        long commands = countRows("commands");
        long lines = countRows("command_logs");
        long audits = countRows("audit_log");
        assertThatThrownBy(() -> store.commands().enqueue(new NewCommand("nope", CommandType.DELETE_STACK, "{}", "bob"),
                "enqueued", "COMMAND_ENQUEUED", "x")).isInstanceOf(StackNotFoundException.class);
        assertThat(List.of(countRows("commands"), countRows("command_logs"), countRows("audit_log")))
                .containsExactly(commands, lines, audits);
    }

    @Test
    void tellsWhetherAStackHasAnActiveCommandOfAType() {
        stack("s1");
        stack("s2");
        long delete = store.commands().enqueue(new NewCommand("s1", CommandType.DELETE_STACK, "{}", "bob")).commandId();
        enqueue("s2");

        assertThat(store.commands().hasActive("s1", CommandType.DELETE_STACK)).isTrue();
        assertThat(store.commands().hasActive("s1", CommandType.APPLY_STACK_VERSION)).isFalse();
        assertThat(store.commands().hasActive("s2", CommandType.DELETE_STACK)).isFalse();
        store.commands().markRunning(delete);
        assertThat(store.commands().hasActive("s1", CommandType.DELETE_STACK)).isTrue();
        store.commands().markFailed(delete, "x");
        assertThat(store.commands().hasActive("s1", CommandType.DELETE_STACK)).isFalse();
    }

    @Test
    void startsAndFinishesACommandWithTheirLogLinesAndOnlyAsTheLeaseHolder() {
        stack("s1");
        long id = enqueue("s1").commandId();
        Command started = store.commands().start(id, "started by w1");
        assertThat(started.status()).isEqualTo(CommandStatus.RUNNING);
        assertThatThrownBy(() -> store.commands().start(id, "again")).isInstanceOf(CommandStatusConflictException.class);
        store.leases().tryAcquire("w1", Duration.ofSeconds(30));

        assertThat(store.commands().finishAsLeaseHolder(id, CommandStatus.DONE, Optional.empty(), LogLevel.INFO, "ended",
                "w2", Duration.ofSeconds(30))).as("not the lease holder").isEmpty();
        assertThat(store.commands().getOrThrow(id).status()).isEqualTo(CommandStatus.RUNNING);

        clock.advance(Duration.ofSeconds(5));
        Command done = store.commands().finishAsLeaseHolder(id, CommandStatus.FAILED, Optional.of("boom"), LogLevel.WARN,
                "ended FAILED", "w1", Duration.ofSeconds(30)).orElseThrow();
        assertThat(done.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(done.error()).contains("boom");
        assertThat(store.leases().current().orElseThrow().expiresAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(store.commandLogs().read(id)).extracting(CommandLogLine::message)
                .containsExactly("started by w1", "ended FAILED");
        assertThatThrownBy(() -> store.commands().finishAsLeaseHolder(id, CommandStatus.DONE, Optional.empty(), LogLevel.INFO,
                "x", "w1", Duration.ofSeconds(30))).isInstanceOf(CommandStatusConflictException.class);
        assertThatThrownBy(() -> store.commands().finishAsLeaseHolder(id, CommandStatus.PENDING, Optional.empty(), LogLevel.INFO,
                "x", "w1", Duration.ofSeconds(30))).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void cancelsPendingRunningAndFailedCommands() {
        stack("s1");
        long pending = enqueue("s1").commandId();
        long running = enqueue("s1").commandId();
        long failed = enqueue("s1").commandId();
        store.commands().markRunning(running);
        store.commands().markRunning(failed);
        store.commands().markFailed(failed, "x");
        for (long id : List.of(pending, running, failed)) {
            Command c = store.commands().cancel(id, "operator");
            assertThat(c.status()).isEqualTo(CommandStatus.CANCELLED);
            assertThat(c.error()).contains("operator");
            assertThat(c.endedAt()).contains(clock.instant());
        }
        assertThatThrownBy(() -> store.commands().cancel(12345, "x")).isInstanceOf(CommandNotFoundException.class);
    }

    @Test
    void walksThousandsOfCommandsPageByPage() {
        stack("a");
        stack("b");
        int total = 3000;
        List<Long> enqueued = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            enqueued.add(store.commands().enqueue(new NewCommand(i % 3 == 0 ? "a" : "b",
                    i % 2 == 0 ? CommandType.APPLY_STACK_VERSION : CommandType.RUNTIME_ACTION, "{}", "bench")).commandId());
        }
        List<Command> all = walk(p -> store.commands().list(CommandFilter.all(), p), 100);
        assertThat(all).extracting(Command::commandId).containsExactlyElementsOf(enqueued);
        assertThat(walk(p -> store.commands().list(CommandFilter.all(), p), 500)).hasSize(total);

        List<Command> ofA = walk(p -> store.commands().list(CommandFilter.byStack("a"), p), 77);
        assertThat(ofA).hasSize(1000).allMatch(c -> c.stackId().equals("a")).extracting(Command::commandId).isSorted();
        List<Command> runtime = walk(p -> store.commands().list(CommandFilter.byType(CommandType.RUNTIME_ACTION), p), 250);
        assertThat(runtime).hasSize(1500).allMatch(c -> c.type() == CommandType.RUNTIME_ACTION);
        List<Command> pendingOfB = walk(p -> store.commands().list(
                CommandFilter.byStatus(CommandStatus.PENDING).withStack("b").withType(CommandType.APPLY_STACK_VERSION), p), 50);
        assertThat(pendingOfB).hasSize(1000);
        assertThat(store.commands().list(CommandFilter.byStatus(CommandStatus.DONE), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void refusesBadLimitsAndCursors() {
        assertThatThrownBy(() -> PageRequest.of(0, null)).isInstanceOf(InvalidPageRequestException.class)
                .extracting(e -> ((InvalidPageRequestException) e).field()).isEqualTo(InvalidPageRequestException.LIMIT);
        assertThatThrownBy(() -> PageRequest.of(501, null)).isInstanceOf(InvalidPageRequestException.class)
                .extracting(e -> ((InvalidPageRequestException) e).field()).isEqualTo(InvalidPageRequestException.LIMIT);
        assertThat(PageRequest.of(null, null).limit()).isEqualTo(50);
        assertThat(PageRequest.of(500, "").cursor()).isEmpty();
        stack("s1");
        for (int i = 0; i < 3; i++) {
            enqueue("s1");
        }
        String commandCursor = store.commands().list(CommandFilter.all(), PageRequest.first(1)).nextCursor().orElseThrow();
        assertThatThrownBy(() -> store.commands().list(CommandFilter.all(), PageRequest.of(10, "%%%not-base64")))
                .isInstanceOf(InvalidPageRequestException.class)
                .extracting(e -> ((InvalidPageRequestException) e).field()).isEqualTo(InvalidPageRequestException.CURSOR);
        assertThatThrownBy(() -> store.commands().list(CommandFilter.all(), PageRequest.of(10, "Zm9vYmFy")))
                .isInstanceOf(InvalidPageRequestException.class)
                .extracting(e -> ((InvalidPageRequestException) e).field()).isEqualTo(InvalidPageRequestException.CURSOR);
        assertThatThrownBy(() -> store.versions().list("s1", PageRequest.of(10, commandCursor)))
                .isInstanceOf(InvalidPageRequestException.class)
                .extracting(e -> ((InvalidPageRequestException) e).field()).isEqualTo(InvalidPageRequestException.CURSOR);
        assertThatThrownBy(() -> store.stacks().list(PageRequest.of(10, commandCursor)))
                .isInstanceOf(InvalidPageRequestException.class)
                .extracting(e -> ((InvalidPageRequestException) e).field()).isEqualTo(InvalidPageRequestException.CURSOR);
    }

    // ---------------------------------------------------------------- logs

    @Test
    void appendsAndFollowsCommandLogs() {
        stack("s1");
        long id = enqueue("s1").commandId();
        long other = enqueue("s1").commandId();
        for (int i = 1; i <= 5; i++) {
            clock.advance(Duration.ofMillis(10));
            CommandLogLine line = store.commandLogs().append(id, i == 5 ? LogLevel.ERROR : LogLevel.INFO, "line " + i);
            assertThat(line.lineNo()).isEqualTo(i);
            assertThat(line.timestamp()).isEqualTo(clock.instant());
        }
        assertThat(store.commandLogs().append(other, LogLevel.DEBUG, "first of other").lineNo()).isEqualTo(1);
        List<CommandLogLine> all = store.commandLogs().read(id);
        assertThat(all).extracting(CommandLogLine::message).containsExactly("line 1", "line 2", "line 3", "line 4", "line 5");
        assertThat(all.get(4).level()).isEqualTo(LogLevel.ERROR);
        assertThat(store.commandLogs().readAfter(id, 3, 100)).extracting(CommandLogLine::lineNo).containsExactly(4L, 5L);
        assertThat(store.commandLogs().readAfter(id, 1, 2)).extracting(CommandLogLine::lineNo).containsExactly(2L, 3L);
        assertThat(store.commandLogs().readAfter(id, 5, 100)).isEmpty();
        store.commandLogs().append(id, LogLevel.WARN, "line 6");
        assertThat(store.commandLogs().readAfter(id, 5, 100)).extracting(CommandLogLine::message).containsExactly("line 6");
        assertThatThrownBy(() -> store.commandLogs().append(999, LogLevel.INFO, "x"))
                .isInstanceOf(CommandNotFoundException.class);
    }

    @Test
    void concurrentLogAppendsGetContiguousLineNumbers() throws Exception {
        stack("s1");
        long id = enqueue("s1").commandId();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                futures.add(pool.submit(() -> store.commandLogs().append(id, LogLevel.INFO, "m" + n).lineNo()));
            }
            for (Future<Long> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(store.commandLogs().read(id)).extracting(CommandLogLine::lineNo)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- lease

    @Test
    void leaseIsExclusiveUntilItExpires() {
        LeaseRepository leases = store.leases();
        Duration ttl = Duration.ofSeconds(30);
        Lease a = leases.tryAcquire("worker-a", ttl).orElseThrow();
        assertThat(a.owner()).isEqualTo("worker-a");
        assertThat(a.acquiredAt()).isEqualTo(clock.instant());
        assertThat(a.expiresAt()).isEqualTo(clock.instant().plus(ttl));
        assertThat(leases.tryAcquire("worker-b", ttl)).isEmpty();
        assertThat(leases.renew("worker-b", ttl)).isEmpty();
        assertThat(leases.release("worker-b")).isFalse();

        clock.advance(Duration.ofSeconds(20));
        Lease renewed = leases.renew("worker-a", ttl).orElseThrow();
        assertThat(renewed.expiresAt()).isEqualTo(clock.instant().plus(ttl));
        assertThat(renewed.acquiredAt()).isEqualTo(a.acquiredAt());
        // re-acquiring by the holder extends without losing the acquisition time
        assertThat(leases.tryAcquire("worker-a", ttl)).get().extracting(Lease::acquiredAt).isEqualTo(a.acquiredAt());

        clock.advance(Duration.ofSeconds(29));
        assertThat(leases.tryAcquire("worker-b", ttl)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(leases.current()).get().matches(l -> l.expiredAt(clock.instant()));
        Lease b = leases.tryAcquire("worker-b", ttl).orElseThrow();
        assertThat(b.owner()).isEqualTo("worker-b");
        assertThat(b.acquiredAt()).isEqualTo(clock.instant());
        assertThat(leases.renew("worker-a", ttl)).isEmpty();
        assertThat(leases.release("worker-a")).isFalse();

        assertThat(leases.release("worker-b")).isTrue();
        assertThat(leases.current()).isEmpty();
        assertThat(leases.tryAcquire("worker-a", ttl)).isPresent();
        // independent lease names
        assertThat(leases.tryAcquire("other-lease", "worker-b", ttl)).isPresent();
    }

    @Test
    void onlyOneOfManyConcurrentAcquirersWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String owner = "w" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return store.leases().tryAcquire(owner, Duration.ofMinutes(1)).isPresent();
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> f : futures) {
                winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- audit

    @Test
    void appendsAndListsTheAuditTrail() {
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(1));
            AuditEntry e = store.audit().append("alice", "VERSION_CREATED", Optional.of(i % 2 == 0 ? "s1" : "s2"),
                    i % 3 == 0 ? Optional.of((long) i) : Optional.empty(), "{\"i\":" + i + "}");
            assertThat(e.auditId()).isEqualTo(i + 1);
            assertThat(e.at()).isEqualTo(clock.instant());
        }
        List<AuditEntry> all = walk(p -> store.audit().list(Optional.empty(), p), 5);
        assertThat(all).hasSize(12).extracting(AuditEntry::auditId).isSorted();
        assertThat(all.get(0).commandId()).contains(0L);
        assertThat(all.get(1).commandId()).isEmpty();
        assertThat(walk(p -> store.audit().list(Optional.of("s1"), p), 4)).hasSize(6)
                .allMatch(e -> e.stackId().equals(Optional.of("s1")));
    }

    // ---------------------------------------------------------------- helpers

    /** Reads every page of a list; checks that no item comes twice and that only the last page has no cursor. */
    protected static <T> List<T> walk(Function<PageRequest, Page<T>> list, int limit) {
        List<T> all = new ArrayList<>();
        PageRequest page = PageRequest.first(limit);
        int pages = 0;
        while (true) {
            Page<T> p = list.apply(page);
            pages++;
            assertThat(p.items().size()).isLessThanOrEqualTo(limit);
            all.addAll(p.items());
            if (p.nextCursor().isEmpty()) {
                break;
            }
            assertThat(p.items()).hasSize(limit);
            page = page.next(p.nextCursor().get());
            assertThat(pages).isLessThan(100_000);
        }
        assertThat(all.stream().collect(Collectors.toSet())).hasSize(all.size());
        return all;
    }


    // ---- container statistics (issue 7) ----

    private static ContainerStats sample(String stack, String service, Instant at, double cpu, long mem, long rx) {
        return new ContainerStats(stack, service, "c-" + service, at, cpu, mem, 1000, rx, rx / 2, 10, 20);
    }

    @Test
    void statsAreAppendedAndReadByRangeOldestFirst() {
        Instant t0 = clock.instant();
        store.stats().append(List.of(sample("s1", "web", t0, 1.5, 100, 10), sample("s1", "db", t0, 2.5, 200, 20),
                sample("s2", "web", t0, 9, 900, 90)));
        store.stats().append(List.of(sample("s1", "web", t0.plusSeconds(10), 3.5, 300, 30)));
        store.stats().append(List.of());

        List<ContainerStats> all = store.stats().query("s1", Optional.empty(), t0, t0.plusSeconds(60), 100);
        assertThat(all).hasSize(3);
        assertThat(all.get(2)).isEqualTo(sample("s1", "web", t0.plusSeconds(10), 3.5, 300, 30));
        List<ContainerStats> web = store.stats().query("s1", Optional.of("web"), t0, t0.plusSeconds(60), 100);
        assertThat(web).extracting(ContainerStats::cpuPercent).containsExactly(1.5, 3.5);
        // the end is exclusive
        assertThat(store.stats().query("s1", Optional.of("web"), t0, t0.plusSeconds(10), 100)).hasSize(1);
        assertThat(store.stats().latest()).contains(t0.plusSeconds(10));
        assertThatThrownBy(() -> store.stats().query("s1", Optional.empty(), t0, t0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.stats().query("s1", Optional.empty(), t0, t0.plusSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longRangesAreDownsampledIntoBucketsPerService() {
        Instant t0 = clock.instant();
        List<ContainerStats> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // one sample a second for 100 s: cpu i, memory 10 * i, cumulative rx 100 * i
            batch.add(sample("s1", "web", t0.plusSeconds(i), i, 10L * i, 100L * i));
            batch.add(sample("s1", "db", t0.plusSeconds(i), 1, 1, 1));
        }
        store.stats().append(batch);

        List<ContainerStats> web = store.stats().query("s1", Optional.of("web"), t0, t0.plusSeconds(100), 10);
        assertThat(web).hasSize(10);
        assertThat(web.get(0).sampledAt()).isEqualTo(t0);
        assertThat(web.get(1).sampledAt()).isEqualTo(t0.plusSeconds(10));
        // bucket 0 holds seconds 0..9: average cpu 4.5, average memory 45, max cumulative rx 900
        assertThat(web.get(0).cpuPercent()).isEqualTo(4.5);
        assertThat(web.get(0).memUsage()).isBetween(44L, 45L);
        assertThat(web.get(0).netRx()).isEqualTo(900);
        assertThat(web.get(9).cpuPercent()).isEqualTo(94.5);
        assertThat(web.get(9).memLimit()).isEqualTo(1000);

        List<ContainerStats> both = store.stats().query("s1", Optional.empty(), t0, t0.plusSeconds(100), 5);
        assertThat(both).hasSize(10);
        assertThat(both.stream().filter(s -> s.service().equals("db")).count()).isEqualTo(5);
        assertThat(both.get(0).sampledAt()).isEqualTo(t0);
        assertThat(both.get(2).sampledAt()).isEqualTo(t0.plusSeconds(20));
    }

    @Test
    void purgeDeletesSamplesOlderThanTheCutoff() {
        Instant t0 = clock.instant();
        store.stats().append(List.of(sample("s1", "web", t0, 1, 1, 1), sample("s1", "web", t0.plusSeconds(60), 1, 1, 1),
                sample("s1", "web", t0.plusSeconds(120), 1, 1, 1)));
        assertThat(store.stats().purgeOlderThan(t0.plusSeconds(60))).isEqualTo(1);
        assertThat(store.stats().purgeOlderThan(t0.plusSeconds(60))).isZero();
        assertThat(store.stats().query("s1", Optional.empty(), t0, t0.plusSeconds(600), 100))
                .extracting(ContainerStats::sampledAt).containsExactly(t0.plusSeconds(60), t0.plusSeconds(120));
    }
}
