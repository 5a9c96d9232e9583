package io.coremonitor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.model.Artifact;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandNotFoundException;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.DeployCheck;
import io.coremonitor.model.Deployment;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.store.internal.Cursors;
import io.coremonitor.store.internal.SqlErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The suite of artifacts and deployments; each subclass runs it against one database (SQLite file, PostgreSQL schema),
 * like {@link StoreContractTest}.
 */
abstract class DeploymentContractTest extends OneDatabaseTest {

    private static final DeployCheck CHECK = new DeployCheck("/app/health", 200);


    private void stack(String id) {
        store.stacks().create(id, "name-" + id);
    }

    private static String sha(int i) {
        return String.format("%064x", i);
    }

    private Artifact artifact(int i) {
        return new Artifact(sha(i), "app-" + i + ".war", 1000 + i, "application/java-archive", clock.instant(), "alice");
    }

    private Artifact registered(int i) {
        return store.artifacts().register(artifact(i)).artifact();
    }

    private Command deployCommand(String stackId) {
        return store.commands().enqueue(new NewCommand(stackId, CommandType.DEPLOY_ARTIFACT, "{}", "bob"));
    }

    private NewDeployment newDeployment(String stackId, String service, String artifact, long commandId) {
        return new NewDeployment(stackId, service, artifact, "/app", CHECK, commandId, "bob");
    }

    /** Records a deployment of this artifact for a new DEPLOY_ARTIFACT command. */
    private Deployment deploy(String stackId, String service, String artifact) {
        return store.deployments().record(newDeployment(stackId, service, artifact, deployCommand(stackId).commandId()));
    }

    private long countRows(String table) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    private static void assertBadCursor(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(InvalidPageRequestException.class)
                .extracting(e -> ((InvalidPageRequestException) e).field()).isEqualTo(InvalidPageRequestException.CURSOR);
    }

    /** Runs {@code task} on {@code threads} threads started together; returns their results. */
    private static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- artifacts

    @Test
    void registersAnArtifactOnceAndKeepsTheFirstUpload() {
        Artifact first = artifact(1);
        ArtifactRepository.Registered created = store.artifacts().register(first);
        assertThat(created.created()).isTrue();
        assertThat(created.artifact()).isEqualTo(first);

        clock.advance(Duration.ofMinutes(5));
        Artifact again = new Artifact(first.sha256(), "renamed.war", first.size(), first.mediaType(), clock.instant(), "carol");
        ArtifactRepository.Registered known = store.artifacts().register(again);
        assertThat(known.created()).isFalse();
        assertThat(known.artifact()).isEqualTo(first);

        assertThat(countRows("artifacts")).isEqualTo(1);
        assertThat(store.artifacts().find(first.sha256())).contains(first);
        assertThat(store.artifacts().find(sha(2))).isEmpty();
    }

    @Test
    void concurrentRegistrationsOfTheSameBytesAllSucceedAndAgree() throws Exception {
        List<ArtifactRepository.Registered> results = concurrently(8, () -> store.artifacts().register(
                new Artifact(sha(7), "t-" + Thread.currentThread().getId() + ".war", 7, "application/java-archive",
                        clock.instant(), "alice")));
        assertThat(results).filteredOn(ArtifactRepository.Registered::created).hasSize(1);
        Artifact stored = results.stream().filter(ArtifactRepository.Registered::created).findFirst().orElseThrow().artifact();
        assertThat(results).extracting(ArtifactRepository.Registered::artifact).containsOnly(stored);
        assertThat(countRows("artifacts")).isEqualTo(1);
    }

    @Test
    void listsArtifactsNewestFirstInPages() {
        assertThat(store.artifacts().list(PageRequest.first()).items()).isEmpty();
        List<Artifact> all = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            // pairs share a time: the SHA-256 breaks the tie
            if (i % 2 == 1) {
                clock.advance(Duration.ofSeconds(1));
            }
            all.add(registered(i));
        }
        List<Artifact> newestFirst = new ArrayList<>(all);
        newestFirst.sort((a, b) -> a.createdAt().equals(b.createdAt()) ? b.sha256().compareTo(a.sha256())
                : b.createdAt().compareTo(a.createdAt()));
        assertThat(StoreContractTest.walk(p -> store.artifacts().list(p), 5)).containsExactlyElementsOf(newestFirst);
        assertThat(StoreContractTest.walk(p -> store.artifacts().list(p), 1)).containsExactlyElementsOf(newestFirst);
        assertThat(StoreContractTest.walk(p -> store.artifacts().list(p), 500)).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void refusesCursorsThatAListDidNotHandOut() {
        stack("s1");
        registered(1);
        registered(2);
        deploy("s1", "web", sha(1));
        deploy("s1", "web", sha(2));
        String artifactCursor = store.artifacts().list(PageRequest.first(1)).nextCursor().orElseThrow();
        String deploymentCursor = store.deployments().list("s1", PageRequest.first(1)).nextCursor().orElseThrow();
        assertThat(store.artifacts().list(PageRequest.of(10, artifactCursor)).items()).hasSize(1);
        assertThat(store.deployments().list("s1", PageRequest.of(10, deploymentCursor)).items()).hasSize(1);

        assertBadCursor(() -> store.artifacts().list(PageRequest.of(10, "%%%not-base64")));
        assertBadCursor(() -> store.artifacts().list(PageRequest.of(10, "Zm9vYmFy")));
        assertBadCursor(() -> store.artifacts().list(PageRequest.of(10, deploymentCursor)));
        assertBadCursor(() -> store.artifacts().list(PageRequest.of(10, Cursors.encode("artifacts", "x", sha(1)))));
        assertBadCursor(() -> store.artifacts().list(PageRequest.of(10, Cursors.encode("artifacts", "1", "not-a-sha"))));
        assertBadCursor(() -> store.artifacts().list(PageRequest.of(10, Cursors.encode("artifacts", "1"))));
        assertBadCursor(() -> store.deployments().list("s1", PageRequest.of(10, "%%%not-base64")));
        assertBadCursor(() -> store.deployments().list("s1", PageRequest.of(10, artifactCursor)));
        assertBadCursor(() -> store.deployments().list("s1", PageRequest.of(10, Cursors.encode("deployments", "two"))));
    }

    @Test
    void findsUnreferencedArtifactsOldestFirstAndNeverDeletesAReferencedOne() {
        stack("s1");
        Instant t0 = clock.instant();
        for (int i = 1; i <= 4; i++) {
            registered(i);
            clock.advance(Duration.ofHours(1));
        }
        deploy("s1", "web", sha(2));

        assertThat(store.artifacts().unreferencedBefore(t0.plus(Duration.ofMinutes(150)), 10))
                .extracting(Artifact::sha256).containsExactly(sha(1), sha(3));
        assertThat(store.artifacts().unreferencedBefore(t0.plus(Duration.ofMinutes(150)), 1))
                .extracting(Artifact::sha256).containsExactly(sha(1));
        assertThat(store.artifacts().unreferencedBefore(t0, 10)).isEmpty();
        assertThat(store.artifacts().unreferencedBefore(clock.instant(), 10))
                .extracting(Artifact::sha256).containsExactly(sha(1), sha(3), sha(4));
        assertThatThrownBy(() -> store.artifacts().unreferencedBefore(t0, 0)).isInstanceOf(IllegalArgumentException.class);

        assertThat(store.artifacts().referenced(sha(2))).isTrue();
        assertThat(store.artifacts().referenced(sha(1))).isFalse();
        assertThat(store.artifacts().referenced(sha(99))).isFalse();

        assertThat(store.artifacts().deleteIfUnreferenced(sha(2))).isFalse();
        assertThat(store.artifacts().find(sha(2))).isPresent();
        assertThat(store.artifacts().deleteIfUnreferenced(sha(1))).isTrue();
        assertThat(store.artifacts().deleteIfUnreferenced(sha(1))).isFalse();
        assertThat(store.artifacts().deleteIfUnreferenced(sha(99))).isFalse();
        assertThat(store.artifacts().find(sha(1))).isEmpty();
        assertThat(store.artifacts().unreferencedBefore(clock.instant(), 10))
                .extracting(Artifact::sha256).containsExactly(sha(3), sha(4));
    }

    @Test
    void theDatabaseRefusesToDeleteAReferencedArtifactEvenToDirectSql() {
        stack("s1");
        registered(1);
        deploy("s1", "web", sha(1));
        assertThatThrownBy(() -> store.jdbi().useHandle(h -> h.execute("DELETE FROM artifacts WHERE sha256 = ?", sha(1))))
                .matches(SqlErrors::isForeignKeyViolation);
        assertThat(store.artifacts().find(sha(1))).isPresent();
    }

    @Test
    void deletingAStackRemovesItsDeploymentsAndFreesTheirArtifacts() {
        stack("s1");
        stack("s2");
        registered(1);
        registered(2);
        deploy("s1", "web", sha(1));
        deploy("s2", "web", sha(2));

        assertThat(store.stacks().delete("s1")).isTrue();

        assertThat(store.deployments().find("s1", 1)).isEmpty();
        assertThat(countRows("deployments")).isEqualTo(1);
        assertThat(store.artifacts().referenced(sha(1))).isFalse();
        assertThat(store.artifacts().deleteIfUnreferenced(sha(1))).isTrue();
        assertThat(store.artifacts().deleteIfUnreferenced(sha(2))).isFalse();
    }

    // ---------------------------------------------------------------- deployments

    @Test
    void numbersDeploymentsPerStackAndRecordsTheirFields() {
        stack("s1");
        stack("s2");
        registered(1);
        clock.advance(Duration.ofSeconds(3));
        Command command = deployCommand("s1");
        Deployment first = store.deployments().record(new NewDeployment("s1", "web", sha(1), "/shop", CHECK,
                command.commandId(), "carol"));
        assertThat(first).isEqualTo(new Deployment("s1", 1, "web", sha(1), "/shop", CHECK, command.commandId(),
                CommandStatus.PENDING, Optional.empty(), "carol", clock.instant(), Optional.empty()));
        assertThat(deploy("s2", "web", sha(1)).number()).isEqualTo(1);
        assertThat(deploy("s1", "api", sha(1)).number()).isEqualTo(2);
        assertThat(deploy("s1", "web", sha(1)).number()).isEqualTo(3);
        assertThat(deploy("s2", "api", sha(1)).number()).isEqualTo(2);

        assertThat(store.deployments().find("s1", 1)).contains(first);
        assertThat(store.deployments().findByCommand(command.commandId())).contains(first);
        assertThat(store.deployments().find("s1", 4)).isEmpty();
        assertThat(store.deployments().find("nope", 1)).isEmpty();
        assertThat(store.deployments().findByCommand(999)).isEmpty();
        Deployment root = store.deployments().record(new NewDeployment("s2", "web", sha(1), "/",
                new DeployCheck("/", DeployCheck.ANY_SUCCESS), deployCommand("s2").commandId(), "bob"));
        assertThat(store.deployments().find("s2", 3)).contains(root);
        assertThat(root.check().status()).isEqualTo(DeployCheck.ANY_SUCCESS);
    }

    @Test
    void recordingTheSameCommandAgainReturnsTheExistingDeploymentUnchanged() {
        stack("s1");
        registered(1);
        registered(2);
        long commandId = deployCommand("s1").commandId();
        Deployment first = store.deployments().record(newDeployment("s1", "web", sha(1), commandId));
        clock.advance(Duration.ofMinutes(1));
        Deployment again = store.deployments().record(new NewDeployment("s1", "api", sha(2), "/other",
                new DeployCheck("/x", 204), commandId, "mallory"));
        assertThat(again).isEqualTo(first);
        assertThat(countRows("deployments")).isEqualTo(1);
        assertThat(deploy("s1", "web", sha(2)).number()).isEqualTo(2);
    }

    @Test
    void concurrentRecordsOfTheSameCommandStoreItOnce() throws Exception {
        stack("s1");
        registered(1);
        long commandId = deployCommand("s1").commandId();
        List<Deployment> results = concurrently(8,
                () -> store.deployments().record(newDeployment("s1", "web", sha(1), commandId)));
        assertThat(results).extracting(Deployment::number).containsOnly(1);
        assertThat(countRows("deployments")).isEqualTo(1);
    }

    @Test
    void refusesADeploymentThatRefersToNothingOrToAnotherCommand() {
        stack("s1");
        stack("s2");
        registered(1);
        long commandId = deployCommand("s1").commandId();
        long ofOtherStack = deployCommand("s2").commandId();
        long apply = store.commands().enqueue(new NewCommand("s1", CommandType.APPLY_STACK_VERSION, "{}", "bob")).commandId();

        assertThatThrownBy(() -> store.deployments().record(newDeployment("nope", "web", sha(1), commandId)))
                .isInstanceOf(StackNotFoundException.class);
        assertThatThrownBy(() -> store.deployments().record(newDeployment("s1", "web", sha(1), 999)))
                .isInstanceOf(CommandNotFoundException.class);
        assertThatThrownBy(() -> store.deployments().record(newDeployment("s1", "web", sha(1), ofOtherStack)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.deployments().record(newDeployment("s1", "web", sha(1), apply)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.deployments().record(newDeployment("s1", "web", sha(2), commandId)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(sha(2));
        assertThat(countRows("deployments")).isZero();
        assertThat(store.deployments().record(newDeployment("s1", "web", sha(1), commandId)).number()).isEqualTo(1);
    }

    @Test
    void statusErrorAndEndAreTheCommandsAsItMoves() {
        stack("s1");
        registered(1);
        long id = deploy("s1", "web", sha(1)).commandId();
        Deployment pending = store.deployments().findByCommand(id).orElseThrow();
        assertThat(pending.status()).isEqualTo(CommandStatus.PENDING);

        clock.advance(Duration.ofSeconds(1));
        store.commands().markRunning(id);
        Deployment running = store.deployments().find("s1", 1).orElseThrow();
        assertThat(running.status()).isEqualTo(CommandStatus.RUNNING);
        assertThat(running.finishedAt()).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        store.commands().markFailed(id, "check answered 503");
        Deployment failed = store.deployments().find("s1", 1).orElseThrow();
        assertThat(failed.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(failed.error()).contains("check answered 503");
        assertThat(failed.finishedAt()).contains(clock.instant());

        store.commands().retry(id);
        Deployment retried = store.deployments().find("s1", 1).orElseThrow();
        assertThat(retried.status()).isEqualTo(CommandStatus.PENDING);
        assertThat(retried.error()).isEmpty();
        assertThat(retried.finishedAt()).isEmpty();

        store.commands().markRunning(id);
        clock.advance(Duration.ofSeconds(1));
        store.commands().markDone(id);
        Deployment done = store.deployments().find("s1", 1).orElseThrow();
        assertThat(done.status()).isEqualTo(CommandStatus.DONE);
        assertThat(done.error()).isEmpty();
        assertThat(done.finishedAt()).contains(clock.instant());
        // what the deployment itself recorded never changes
        assertThat(done.createdAt()).isEqualTo(pending.createdAt());
        assertThat(done.artifact()).isEqualTo(pending.artifact());

        long cancelled = deploy("s1", "web", sha(1)).commandId();
        clock.advance(Duration.ofSeconds(1));
        store.commands().cancel(cancelled, "superseded");
        Deployment c = store.deployments().findByCommand(cancelled).orElseThrow();
        assertThat(c.status()).isEqualTo(CommandStatus.CANCELLED);
        assertThat(c.error()).contains("superseded");
        assertThat(c.finishedAt()).contains(clock.instant());
    }

    @Test
    void theCurrentApplicationIsTheLatestDoneDeploymentOfEachService() {
        stack("s1");
        stack("s2");
        for (int i = 1; i <= 6; i++) {
            registered(i);
        }
        Deployment web1 = deploy("s1", "web", sha(1));
        Deployment web2 = deploy("s1", "web", sha(2));
        Deployment web3 = deploy("s1", "web", sha(3));
        Deployment api = deploy("s1", "api", sha(4));
        Deployment web4 = deploy("s1", "web", sha(5));
        deploy("s1", "web", sha(6));
        Deployment worker = deploy("s1", "worker", sha(6));
        finish(web1.commandId(), CommandStatus.DONE);
        finish(web2.commandId(), CommandStatus.FAILED);
        finish(web3.commandId(), CommandStatus.DONE);
        finish(api.commandId(), CommandStatus.DONE);
        store.commands().markRunning(web4.commandId());
        finish(worker.commandId(), CommandStatus.FAILED);

        Deployment currentWeb = store.deployments().find("s1", web3.number()).orElseThrow();
        Deployment currentApi = store.deployments().find("s1", api.number()).orElseThrow();
        assertThat(store.deployments().current("s1", "web")).contains(currentWeb);
        assertThat(store.deployments().current("s1", "api")).contains(currentApi);
        assertThat(store.deployments().current("s1", "worker")).isEmpty();
        assertThat(store.deployments().current("s1", "nope")).isEmpty();
        assertThat(store.deployments().current("s1")).containsOnlyKeys("api", "web")
                .containsEntry("web", currentWeb).containsEntry("api", currentApi);
        assertThat(store.deployments().current("s2")).isEmpty();
        assertThat(store.deployments().current("s2", "web")).isEmpty();

        store.commands().markDone(web4.commandId());
        assertThat(store.deployments().current("s1", "web")).get().extracting(Deployment::artifact).isEqualTo(sha(5));
        assertThat(store.deployments().current("s1").get("web").number()).isEqualTo(web4.number());
    }

    private void finish(long commandId, CommandStatus status) {
        store.commands().markRunning(commandId);
        clock.advance(Duration.ofSeconds(1));
        if (status == CommandStatus.DONE) {
            store.commands().markDone(commandId);
        } else {
            store.commands().markFailed(commandId, "failed");
        }
    }

    @Test
    void listsDeploymentsNewestFirstInPages() {
        stack("s1");
        stack("s2");
        registered(1);
        for (int i = 1; i <= 23; i++) {
            deploy("s1", "web", sha(1));
        }
        deploy("s2", "web", sha(1));
        List<Deployment> all = StoreContractTest.walk(p -> store.deployments().list("s1", p), 5);
        assertThat(all).extracting(Deployment::number)
                .containsExactlyElementsOf(IntStream.iterate(23, n -> n - 1).limit(23).boxed().toList());
        assertThat(StoreContractTest.walk(p -> store.deployments().list("s1", p), 23)).isEqualTo(all);
        assertThat(store.deployments().list("nope", PageRequest.first()).items()).isEmpty();
    }

    @Test
    void concurrentRecordsOfOneStackGetDistinctContiguousNumbers() throws Exception {
        stack("s1");
        registered(1);
        int threads = 8;
        int perThread = 5;
        List<Long> commands = new ArrayList<>();
        for (int i = 0; i < threads * perThread; i++) {
            commands.add(deployCommand("s1").commandId());
        }
        List<Long> queue = Collections.synchronizedList(new ArrayList<>(commands));
        List<List<Integer>> perThreadNumbers = concurrently(threads, () -> {
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                long commandId = queue.remove(0);
                numbers.add(store.deployments().record(newDeployment("s1", "web", sha(1), commandId)).number());
            }
            return numbers;
        });
        List<Integer> all = new ArrayList<>();
        perThreadNumbers.forEach(all::addAll);
        Collections.sort(all);
        assertThat(all).containsExactlyElementsOf(IntStream.rangeClosed(1, threads * perThread).boxed().toList());
    }
}
