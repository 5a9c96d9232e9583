package io.coremonitor.engine.databases;

import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.StoredArtifact;
import io.coremonitor.engine.catalog.Catalog;
import io.coremonitor.engine.catalog.ValueGenerator;
import io.coremonitor.engine.databases.internal.DatabaseCompose;
import io.coremonitor.engine.databases.internal.DatabaseReader;
import io.coremonitor.engine.databases.internal.Dumps;
import io.coremonitor.engine.databases.internal.LoginCheck;
import io.coremonitor.engine.databases.internal.PortChoice;
import io.coremonitor.engine.secrets.SecretValue;
import io.coremonitor.model.Artifact;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.Page;
import io.coremonitor.model.Stack;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.StoredSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Managed databases (issue 15, seed 004): a PostgreSQL or MariaDB per project, as a stack {@code db-<project>} made
 * from the catalog's component, with a free host port, a password in the secret store, resource limits and labels.
 *
 * <p>{@link #create} is synchronous: it stores the stack and its secrets, enqueues the APPLY (the one worker runs it
 * like any other write), waits for it, then logs in over the published port until a login succeeds; when anything fails
 * or the time runs out, it removes what it made (a queued DELETE with the volumes, the secrets) before it throws. The
 * state of a database is its stack's: nothing else is stored, {@link #list} reads the stacks' latest definitions.
 *
 * <p>Backups and restores are dumps made in the container (exec), not queued commands: they change no container nor
 * definition. Thread-safe; creations are serialised up to their APPLY being queued, so two never take one port.
 */
public final class DatabaseService {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseService.class);
    private static final Duration CLEANUP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String PREFIX = "db-";
    private static final DateTimeFormatter BACKUP_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final CoreMonitor engine;
    private final DatabaseSettings settings;
    private final Supplier<Catalog> catalog;
    private final ValueGenerator generator;
    private final Clock wall = Clock.systemUTC();
    private final Object creation = new Object();

    /**
     * @param engine    the engine (its stacks, commands, secrets, artifacts and Docker client)
     * @param settings  host, port range, ready timeout
     * @param catalog   the catalog in use (the server's may be reloaded)
     * @param generator makes the passwords not given
     */
    public DatabaseService(CoreMonitor engine, DatabaseSettings settings, Supplier<Catalog> catalog, ValueGenerator generator) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /**
     * Creates a database and returns once a login succeeded.
     *
     * @param published the host ports other stacks publish (port to stack name)
     * @param inUse     the ports something listens on on the Docker host
     * @throws InvalidDatabaseException  for a version or image the catalog refuses
     * @throws DatabaseConflictException when the project has a database (or its stack name is taken), the port asked for
     *                                   is taken, or the range has no free port
     * @throws DatabaseFailedException   when it did not start, or no login succeeded in time (what it made is removed)
     */
    public CreatedDatabase create(DatabaseRequest request, Map<Integer, String> published, Set<Integer> inUse, String actor) {
        Started started = start(request, published, inUse, actor);
        Duration timeout = request.readyTimeout().orElse(settings.readyTimeout());
        Instant deadline = wall.instant().plus(timeout);
        Command apply = awaitEnd(started.applyId(), deadline);
        Optional<String> failure;
        if (apply.status() != CommandStatus.DONE) {
            failure = Optional.of(apply.status() == CommandStatus.FAILED
                    ? "its APPLY (command " + apply.commandId() + ") failed: " + apply.error().orElse("no reason recorded")
                    : "its APPLY (command " + apply.commandId() + ") did not end within " + timeout.toSeconds() + "s ("
                            + apply.status() + ")");
        } else {
            failure = LoginCheck.until(request.kind(), started.database().jdbcUrl(), started.database().user(),
                    started.password(), wall, deadline, () -> false)
                    .map(reason -> "no login succeeded within " + timeout.toSeconds() + "s on " + settings.host() + ":"
                            + started.database().port() + " (last attempt: " + reason + ")");
        }
        if (failure.isPresent()) {
            String cleanup = removeAfterFailure(started.database(), apply, actor);
            LOG.warn("database {} did not start: {}; {}", request.project(), failure.get(), cleanup);
            throw new DatabaseFailedException("the " + request.kind().title() + " database of project '" + request.project()
                    + "' did not start: " + failure.get() + "; " + cleanup);
        }
        LOG.info("database ready project={} type={} port={} stack={} by={}", request.project(), request.kind().id(),
                started.database().port(), started.database().stackId(), actor);
        return new CreatedDatabase(started.database(), request.password().isPresent() ? Optional.empty()
                : Optional.of(started.password()), apply.commandId());
    }

    private record Started(ManagedDatabase database, SecretValue password, long applyId) {
    }

    /** Under the creation lock: the checks, the port, the stack, its secrets and the queued APPLY. */
    private Started start(DatabaseRequest request, Map<Integer, String> published, Set<Integer> inUse, String actor) {
        synchronized (creation) {
            String stackName = DatabaseRequest.stackName(request.project());
            if (find(request.project()).isPresent()) {
                throw new DatabaseConflictException("project '" + request.project() + "' has a " + "database already"
                        + " (stack " + stackName + "): delete it first, or use it");
            }
            if (liveStack(stackName).isPresent()) {
                throw new DatabaseConflictException("a stack named '" + stackName + "' exists already and is not a managed"
                        + " database: its name is the database's");
            }
            Map<Integer, String> taken = new HashMap<>(published);
            list().forEach(db -> taken.putIfAbsent(db.port(), db.stackName()));
            int port = request.port().isPresent() ? PortChoice.require(request.port().get(), taken, inUse)
                    : PortChoice.firstFree(settings.ports(), taken, inUse);
            Instant now = engine.clock().instant();
            DatabaseCompose.Made made = DatabaseCompose.make(catalog.get(), request, port, now, generator);
            for (io.coremonitor.engine.catalog.SecretValue s : made.secrets()) {
                if (engine.secrets().find(s.name()).isPresent()) {
                    throw new DatabaseConflictException("a secret named '" + s.name() + "' exists already: delete it"
                            + " (a left-over of an earlier database?) or choose another project name");
                }
            }
            Stack stack = engine.stacks().createStack(stackName, made.compose(), Map.of(), actor,
                    "managed " + request.kind().title() + " of project " + request.project(), Optional.empty());
            ManagedDatabase db = DatabaseReader.read(stack, engine.stacks().definition(stack.stackId(), "v1"), settings.host())
                    .orElseThrow(() -> new IllegalStateException("the database definition does not read back"));
            try {
                for (io.coremonitor.engine.catalog.SecretValue s : made.secrets()) {
                    engine.secrets().create(s.name(), Optional.of(stack.stackId()), SecretValue.of(s.value()), actor);
                }
                Command apply = engine.commands().apply(stack.stackId(), "v1", false, actor);
                return new Started(db, SecretValue.of(made.password().value()), apply.commandId());
            } catch (RuntimeException e) {
                String cleanup = removeAfterFailure(db, null, actor);
                LOG.warn("database {} not started: {}; {}", request.project(), e.getMessage(), cleanup);
                throw e;
            }
        }
    }

    /** Every managed database, by project. */
    public List<ManagedDatabase> list() {
        List<ManagedDatabase> all = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<Stack> stacks = engine.stacks().list(Optional.of(PREFIX), false, page);
            for (Stack stack : stacks.items()) {
                if (stack.name().startsWith(PREFIX)) {
                    read(stack).ifPresent(all::add);
                }
            }
            if (stacks.nextCursor().isEmpty()) {
                break;
            }
            page = page.next(stacks.nextCursor().get());
        }
        all.sort((a, b) -> a.project().compareTo(b.project()));
        return List.copyOf(all);
    }

    /** The database of a project, when it has one. */
    public Optional<ManagedDatabase> find(String project) {
        if (!DatabaseRequest.PROJECT.matcher(project).matches()) {
            return Optional.empty();
        }
        return liveStack(DatabaseRequest.stackName(project)).flatMap(this::read)
                .filter(db -> db.project().equals(project));
    }

    /** @throws DatabaseNotFoundException when the project has none */
    public ManagedDatabase get(String project) {
        return find(project).orElseThrow(() -> new DatabaseNotFoundException("project '" + abbreviate(project)
                + "' has no managed database"));
    }

    /**
     * Deletes a project's database: a queued DELETE of its stack (its containers and network; its volume too when
     * {@code removeVolumes}), waited for, then its secrets.
     *
     * @return the DELETE command, ended
     * @throws DatabaseNotFoundException when the project has none
     * @throws DatabaseFailedException   when the DELETE failed or did not end in time (the secrets are kept then)
     */
    public Command delete(String project, boolean removeVolumes, String actor) {
        ManagedDatabase db = get(project);
        Command delete = engine.commands().delete(db.stackId(), removeVolumes, actor);
        Command end = awaitEnd(delete.commandId(), wall.instant().plus(CLEANUP_TIMEOUT));
        if (end.status() != CommandStatus.DONE) {
            throw new DatabaseFailedException("the DELETE of stack " + db.stackName() + " (command " + end.commandId() + ") "
                    + (end.status() == CommandStatus.FAILED ? "failed: " + end.error().orElse("no reason recorded")
                    : "did not end within " + CLEANUP_TIMEOUT.toSeconds() + "s (" + end.status() + ")")
                    + "; the database's secrets are kept");
        }
        deleteSecrets(db.stackId(), actor);
        LOG.info("database deleted project={} stack={} volumes_removed={} by={}", project, db.stackId(), removeVolumes, actor);
        return end;
    }

    /**
     * Dumps a project's database inside its container and stores the dump as an artifact
     * ({@code <project>-<yyyyMMdd-HHmmss>.sql.gz}).
     *
     * @throws DatabaseNotFoundException when the project has none
     * @throws DatabaseFailedException   when it is not running or the dump failed
     */
    public StoredArtifact backup(String project, String actor) {
        ManagedDatabase db = get(project);
        String container = runningContainer(db);
        String name = project + "-" + BACKUP_TIME.format(wall.instant()) + ".sql.gz";
        StoredArtifact stored = new Dumps(engine.docker()).backup(db, container,
                dump -> engine.artifacts().store(dump, name, actor));
        LOG.info("database backup project={} artifact={} size={} by={}", project, stored.artifact().sha256(),
                stored.artifact().size(), actor);
        return stored;
    }

    /** The backups of a project's database: the stored {@code <project>-*.sql.gz} artifacts, newest first. */
    public List<Artifact> backups(String project) {
        get(project);
        List<Artifact> all = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<Artifact> artifacts = engine.artifacts().list(page);
            artifacts.items().stream().filter(a -> isBackupOf(a.name(), project)).forEach(all::add);
            if (artifacts.nextCursor().isEmpty()) {
                return List.copyOf(all);
            }
            page = page.next(artifacts.nextCursor().get());
        }
    }

    /**
     * Restores a dump artifact ({@code .sql.gz}) into a project's database, in its container.
     *
     * @throws DatabaseNotFoundException             when the project has none
     * @throws io.coremonitor.engine.ArtifactNotFoundException when the artifact is unknown
     * @throws InvalidDatabaseException              when the artifact is not a {@code .sql.gz} dump
     * @throws DatabaseFailedException               when it is not running or the restore failed
     */
    public void restore(String project, String sha256, String actor) {
        ManagedDatabase db = get(project);
        Artifact artifact = engine.artifacts().get(sha256);
        if (!artifact.name().endsWith(".sql.gz")) {
            throw new InvalidDatabaseException("artifact", "artifact " + artifact.name() + " is not a database dump (.sql.gz)");
        }
        new Dumps(engine.docker()).restore(db, runningContainer(db), engine.artifacts().file(sha256));
        LOG.info("database restored project={} artifact={} by={}", project, sha256, actor);
    }

    private static boolean isBackupOf(String name, String project) {
        String prefix = project + "-";
        return name.startsWith(prefix) && name.endsWith(".sql.gz")
                && name.substring(prefix.length()).matches("\\d{8}-\\d{6}\\.sql\\.gz");
    }

    private String runningContainer(ManagedDatabase db) {
        List<Container> containers = DockerOps.of(engine.docker()).listContainers(StackLabels.STACK_ID, db.stackId());
        return containers.stream().filter(c -> "running".equals(c.getState()))
                .filter(c -> c.getLabels() != null && DatabaseCompose.SERVICE.equals(c.getLabels().get(StackLabels.SERVICE)))
                .map(Container::getId).findFirst()
                .orElseThrow(() -> new DatabaseFailedException("the database of project '" + db.project()
                        + "' has no running container"));
    }

    private Optional<ManagedDatabase> read(Stack stack) {
        return stack.latestVersion().flatMap(v -> DatabaseReader.read(stack, engine.stacks().definition(stack.stackId(), v),
                settings.host()));
    }

    private Optional<Stack> liveStack(String name) {
        return engine.store().stacks().getByName(name);
    }

    /**
     * Removes what a failed creation made: its APPLY ended (cancelled when it still runs, a FAILED one cancelled so a
     * halted queue goes on), a DELETE of the stack with its volumes, waited for, and its secrets.
     *
     * @return what was done, for the error message
     */
    private String removeAfterFailure(ManagedDatabase db, Command apply, String actor) {
        Instant deadline = wall.instant().plus(CLEANUP_TIMEOUT);
        try {
            if (apply != null && apply.status() != CommandStatus.DONE && apply.status() != CommandStatus.CANCELLED) {
                engine.commands().cancel(apply.commandId(), actor);
                Command ended = awaitEnd(apply.commandId(), deadline);
                if (ended.status() == CommandStatus.FAILED) {
                    engine.commands().cancel(ended.commandId(), actor);
                }
            }
            Command delete = engine.commands().delete(db.stackId(), true, actor);
            Command end = awaitEnd(delete.commandId(), deadline);
            deleteSecrets(db.stackId(), actor);
            if (end.status() != CommandStatus.DONE) {
                return "its removal (DELETE command " + end.commandId() + ") ended " + end.status()
                        + end.error().map(e -> ": " + e).orElse("") + "; its secrets were deleted";
            }
            return "what it made was removed (containers, network, volume, secrets; stack " + db.stackName()
                    + " deleted by command " + end.commandId() + ")";
        } catch (RuntimeException e) {
            LOG.warn("database {}: removing what a failed creation made failed", db.project(), e);
            return "removing what it made failed: " + e.getMessage();
        }
    }

    private void deleteSecrets(String stackId, String actor) {
        for (StoredSecret s : engine.secrets().listOfStack(stackId)) {
            engine.secrets().delete(s.name(), actor);
        }
    }

    /** The command once it ended (DONE, FAILED, CANCELLED), or as it is at the deadline. */
    private Command awaitEnd(long commandId, Instant deadline) {
        while (true) {
            Command c = engine.commands().get(commandId);
            if (c.status() == CommandStatus.DONE || c.status() == CommandStatus.FAILED || c.status() == CommandStatus.CANCELLED
                    || !wall.instant().isBefore(deadline)) {
                return c;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return c;
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
