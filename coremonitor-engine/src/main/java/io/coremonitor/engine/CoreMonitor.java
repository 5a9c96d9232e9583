package io.coremonitor.engine;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.DockerClients;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.engine.git.GitService;
import io.coremonitor.engine.internal.CancelRequests;
import io.coremonitor.engine.internal.Listeners;
import io.coremonitor.engine.internal.QueueWorker;
import io.coremonitor.engine.internal.convergence.DockerExecutors;
import io.coremonitor.engine.internal.convergence.FileContents;
import io.coremonitor.engine.monitoring.Metrics;
import io.coremonitor.engine.monitoring.MonitorListener;
import io.coremonitor.engine.monitoring.Monitoring;
import io.coremonitor.engine.monitoring.MonitoringSettings;
import io.coremonitor.engine.secrets.SecretKeySource;
import io.coremonitor.engine.secrets.SecretService;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.store.Dialect;
import io.coremonitor.store.Lease;
import io.coremonitor.store.QueueSnapshot;
import io.coremonitor.store.Store;
import io.coremonitor.store.StoreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core Monitor embedded in a JVM application: the store, the stack and command services, and the queue worker.
 *
 * <pre>{@code
 * try (CoreMonitor cm = CoreMonitor.builder().sqlite(Path.of("data/cm.db")).build()) {
 *     Stack stack = cm.stacks().createStack("shop", yaml, Map.of(), "alice", "first", Optional.empty());
 *     cm.startWorker();
 *     Command apply = cm.commands().apply(stack.stackId(), "v1", false, "alice");
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the worker (letting a running command finish up to the stop timeout),
 * releases the worker lease, closes the Docker client if one was made, and closes the store.
 */
public final class CoreMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoreMonitor.class);

    private final Store store;
    private final Clock clock;
    private final QueueSettings settings;
    private final Optional<DockerSettings> dockerSettings;
    private final String workerId;
    private final Listeners listeners = new Listeners();
    private final CancelRequests cancels = new CancelRequests();
    private final QueueWorker worker;
    private final StackService stacks;
    private final CommandService commands;
    private final Map<CommandType, CommandExecutor> executors;
    private final Object dockerLock = new Object();
    private final Monitoring monitoring;
    private final MeterRegistry meterRegistry;
    private final Artifacts artifacts;
    private final DeployService deploys;
    private final SecretService secrets;
    private final GitService git;
    private DockerClient docker;
    private volatile boolean closed;

    private CoreMonitor(Builder b) {
        this.clock = b.clock;
        this.settings = b.settings;
        this.dockerSettings = Optional.ofNullable(b.docker);
        this.workerId = b.workerId != null ? b.workerId : "engine-" + UUID.randomUUID().toString().substring(0, 8);
        b.listeners.forEach(listeners::add);
        this.meterRegistry = b.meterRegistry != null ? b.meterRegistry : new SimpleMeterRegistry();
        StoreConfig config = b.storeConfig;
        this.store = Store.open(config.withClock(clock), meterRegistry);
        try {
            // the key check: a wrong secret key refuses the start here, before anything runs
            this.secrets = SecretService.start(store.secrets(),
                    b.secretKey != null ? b.secretKey : SecretKeySource.inDataDirectory(defaultDataDirectory(config)));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        this.artifacts = new Artifacts(store.artifacts(), b.artifacts != null ? b.artifacts : defaultArtifacts(config),
                clock);
        Map<CommandType, CommandExecutor> all = new EnumMap<>(CommandType.class);
        if (dockerSettings.isPresent()) {
            registerDefaultExecutors(all, store, this::docker, clock, dockerSettings.get().host(), artifacts::file,
                FileContents.of(secrets));
        }
        for (CommandExecutor executor : b.executors) {
            all.put(Objects.requireNonNull(executor.type(), "executor type"), executor);
        }
        this.executors = Map.copyOf(all);
        this.worker = new QueueWorker(store, clock, settings, workerId, executors, listeners, cancels);
        this.stacks = new StackService(store, b.stackIds);
        this.commands = new CommandService(store, listeners, cancels, worker::wakeUp);
        this.deploys = new DeployService(store, artifacts, commands);
        this.git = new GitService(store, stacks, commands, secrets, clock, b.gitDirectory != null ? b.gitDirectory
                : defaultDataDirectory(config).resolve("git"));
        // monitoring (issue 7): its metrics and self-heal hear every command transition
        this.monitoring = new Monitoring(store, dockerSettings.map(d -> this::docker), commands, clock, b.monitoring,
                worker::waitingFor, meterRegistry);
        listeners.add(monitoring.commandListener());
        listeners.add(monitoring.metrics());
        b.monitorListeners.forEach(monitoring::addListener);
        LOG.info("coremonitor engine ready worker={} store={} docker={} executors={}", workerId, store.config(),
                dockerSettings.map(d -> d.host().toString()).orElse("none"), executors.keySet());
    }

    /**
     * THE place where the built-in executors are registered, before the ones given to {@link Builder#executor}
     * (which override them by type). The Docker executors (APPLY_STACK_VERSION, ROLLBACK_STACK_VERSION, DELETE_STACK,
     * RUNTIME_ACTION, DEPLOY_ARTIFACT) live in {@code io.coremonitor.engine.internal.convergence} and
     * {@code ...internal.deploy} and are registered here; they reach Docker through {@code docker}, which makes the client
     * on first use. Until then no executor is built in: a command
     * of a type without executor ends FAILED with "no executor for TYPE". Without Docker settings none is registered.
     */
    private static void registerDefaultExecutors(Map<CommandType, CommandExecutor> executors, Store store,
            Supplier<DockerClient> docker, Clock clock, URI dockerHost, Function<String, Path> artifactFiles, FileContents contents) {
        // Making the client does not connect: a Docker engine that is down holds the queue, not the start.
        for (CommandExecutor executor : DockerExecutors.create(store, docker.get(), clock, dockerHost, artifactFiles, contents)) {
            executors.put(executor.type(), executor);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Stacks and versions: creation (synchronous) and queries. */
    public StackService stacks() {
        return stacks;
    }

    /** WRITE commands (enqueue, cancel, retry) and command queries. */
    public CommandService commands() {
        return commands;
    }

    /** Uploaded application artifacts. */
    public Artifacts artifacts() {
        return artifacts;
    }

    /** Application deployments (DEPLOY_ARTIFACT) and their history. */
    public DeployService deploys() {
        return deploys;
    }

    /**
     * Secrets held encrypted in the store: create, replace, delete, list, reveal, resolve. Their key was checked when
     * this engine was built.
     */
    public SecretService secrets() {
        return secrets;
    }

    /** Stacks that follow a git repository (settings, syncs, the poller). */
    public GitService git() {
        return git;
    }

    /** {@code artifacts/} beside a SQLite file; {@code ./data/artifacts} with PostgreSQL. */
    private static ArtifactSettings defaultArtifacts(StoreConfig config) {
        return ArtifactSettings.under(defaultDataDirectory(config));
    }

    /** The directory of a SQLite file; {@code ./data} with PostgreSQL. */
    private static Path defaultDataDirectory(StoreConfig config) {
        if (config.dialect() == Dialect.SQLITE) {
            Path parent = config.sqliteFile().toAbsolutePath().getParent();
            return parent != null ? parent : Path.of(".");
        }
        return Path.of("data");
    }

    /** The queue at a glance. */
    public QueueState status() {
        QueueSnapshot q = store.commands().snapshot();
        Optional<Command> running = q.running();
        long pending = q.pending();
        Optional<Command> head = q.head();
        Optional<Command> halting = settings.onFailure() == FailurePolicy.HALT
                ? head.filter(c -> c.status() == CommandStatus.FAILED) : Optional.empty();
        Optional<String> leaseOwner = store.leases().current().filter(l -> !l.expiredAt(clock.instant()))
                .map(Lease::owner);
        return new QueueState(running, pending, halting.map(Command::commandId),
                halting.map(c -> c.error().orElse("failed")), settings.onFailure(), settings.onCrash(),
                settings.maxAttempts(), worker.isRunning(), leaseOwner, worker.waitingFor());
    }

    /** Starts the queue worker (idempotent). */
    public synchronized void startWorker() {
        checkOpen();
        worker.start();
    }

    /**
     * Starts the monitoring (idempotent): stats sampling every {@code statsInterval} and the drift watcher on Docker's
     * event stream. Does nothing without Docker. Stopped by {@link #close()}.
     */
    public synchronized void startMonitoring() {
        checkOpen();
        monitoring.start();
    }

    /** Live status, stats history, logs, events and metrics. */
    public Monitoring monitoring() {
        return monitoring;
    }

    /**
     * The registry the engine records its metrics into: the one given to {@link Builder#meterRegistry}, else a
     * {@link SimpleMeterRegistry} it made. What is recorded: MONITORING.md.
     */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** Stops the queue worker (idempotent) and releases its lease. */
    public synchronized void stopWorker() {
        worker.stop();
    }

    public void addListener(CommandListener listener) {
        listeners.add(listener);
    }

    public boolean removeListener(CommandListener listener) {
        return listeners.remove(listener);
    }

    /** This engine's id: the owner of the worker lease when it holds it. */
    public String workerId() {
        return workerId;
    }

    public QueueSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** The command types with an executor. */
    public java.util.Set<CommandType> executorTypes() {
        return executors.keySet();
    }

    /** The store, for queries the services do not offer (the server's health check, tests). */
    public Store store() {
        return store;
    }

    /** Whether Docker settings were given. */
    public boolean dockerConfigured() {
        return dockerSettings.isPresent();
    }

    /**
     * The Docker client, made on first use.
     *
     * @throws DockerNotConfiguredException when no Docker settings were given
     */
    public DockerClient docker() {
        // not the engine's monitor: an executor calls this on the worker thread while close() waits for it
        synchronized (dockerLock) {
            checkOpen();
            if (docker == null) {
                DockerSettings s = dockerSettings.orElseThrow(() -> new DockerNotConfiguredException(
                        "Docker is not configured for this engine (CoreMonitor.builder().docker(...))"));
                docker = DockerClients.create(s, http -> Metrics.timed(http, meterRegistry));
            }
            return docker;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        git.close();
        monitoring.close();
        worker.stop();
        closed = true;
        synchronized (dockerLock) {
            if (docker != null) {
                try {
                    docker.close();
                } catch (IOException e) {
                    LOG.warn("closing the Docker client failed: {}", e.toString());
                }
            }
        }
        store.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this CoreMonitor is closed");
        }
    }

    /** Builds a {@link CoreMonitor}; only the database is required. */
    public static final class Builder {

        private StoreConfig storeConfig;
        private DockerSettings docker;
        private QueueSettings settings = QueueSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private Supplier<String> stackIds = () -> UUID.randomUUID().toString();
        private String workerId;
        private final List<CommandExecutor> executors = new ArrayList<>();
        private final List<CommandListener> listeners = new ArrayList<>();
        private MonitoringSettings monitoring = MonitoringSettings.defaults();
        private final List<MonitorListener> monitorListeners = new ArrayList<>();
        private MeterRegistry meterRegistry;
        private ArtifactSettings artifacts;
        private SecretKeySource secretKey;
        private Path gitDirectory;

        private Builder() {
        }

        /**
         * The registry the engine records its metrics into (default: a {@link SimpleMeterRegistry} of its own). The
         * engine's gauges are removed from it at {@link CoreMonitor#close()}: one engine per registry at a time.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Time between two stats sampling rounds (default 15 s). */
        public Builder statsInterval(Duration interval) {
            monitoring = monitoring.withStatsInterval(interval);
            return this;
        }

        /** How long stats samples are kept (default 7 days). */
        public Builder statsRetention(Duration retention) {
            monitoring = monitoring.withStatsRetention(retention);
            return this;
        }

        /** Queue an APPLY of the current version when drift is detected (default off). */
        public Builder selfHeal(boolean on) {
            monitoring = monitoring.withSelfHeal(on);
            return this;
        }

        /** Every monitoring setting at once. */
        public Builder monitoring(MonitoringSettings settings) {
            monitoring = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder monitorListener(MonitorListener listener) {
            monitorListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The database; its clock is replaced by {@link #clock}. */
        public Builder store(StoreConfig config) {
            this.storeConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** A SQLite file (created when missing). */
        public Builder sqlite(Path file) {
            return store(StoreConfig.sqlite(file, clock));
        }

        /** A SQLite file path or a {@code jdbc:postgresql:} URL (what {@code COREMONITOR_DB} holds). */
        public Builder database(String location) {
            return store(StoreConfig.of(location, clock));
        }

        /**
         * Where uploaded artifacts are kept and how large one may be (default: {@code artifacts/} beside a SQLite
         * file, {@code ./data/artifacts} with PostgreSQL; 512 MiB).
         */
        public Builder artifacts(ArtifactSettings artifactSettings) {
            this.artifacts = Objects.requireNonNull(artifactSettings, "artifactSettings");
            return this;
        }

        /**
         * Where the key that encrypts secrets comes from (default: the key file {@code secret.key} beside a SQLite file,
         * {@code ./data/secret.key} with PostgreSQL, generated with mode 0600 with the first secret). It is checked
         * against the database's secrets at {@link #build()}.
         */
        public Builder secretKey(SecretKeySource source) {
            this.secretKey = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Docker settings; without them the engine runs without Docker (for commands that need none). */
        /**
         * Where the copies of followed git repositories are kept (default: {@code git} beside a SQLite file,
         * {@code ./data/git} with PostgreSQL).
         */
        public Builder gitDirectory(Path directory) {
            this.gitDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public Builder docker(DockerSettings dockerSettings) {
            this.docker = dockerSettings;
            return this;
        }

        public Builder settings(QueueSettings queueSettings) {
            this.settings = Objects.requireNonNull(queueSettings, "settings");
            return this;
        }

        public Builder onFailure(FailurePolicy policy) {
            settings = settings.withOnFailure(policy);
            return this;
        }

        public Builder onCrash(CrashPolicy policy) {
            settings = settings.withOnCrash(policy);
            return this;
        }

        public Builder maxAttempts(int attempts) {
            settings = settings.withMaxAttempts(attempts);
            return this;
        }

        public Builder pollInterval(Duration interval) {
            settings = settings.withPollInterval(interval);
            return this;
        }

        /** The worker lease TTL (renewed every third of it). */
        public Builder leaseTtl(Duration ttl) {
            settings = settings.withLeaseTtl(ttl);
            return this;
        }

        /** The source of every timestamp and of lease expiry (default the system UTC clock). */
        public Builder clock(Clock engineClock) {
            this.clock = Objects.requireNonNull(engineClock, "clock");
            return this;
        }

        /** Makes the ids of new stacks (default random UUIDs). */
        public Builder stackIds(Supplier<String> generator) {
            this.stackIds = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /** This engine's id as lease owner (default {@code engine-} and a random suffix). */
        public Builder workerId(String id) {
            this.workerId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** Adds an executor, replacing the built-in one of its type. */
        public Builder executor(CommandExecutor executor) {
            executors.add(Objects.requireNonNull(executor, "executor"));
            return this;
        }

        public Builder listener(CommandListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Opens the store (migrating it), checks the secret key and builds the engine; the worker is not started.
         *
         * @throws io.coremonitor.engine.secrets.WrongSecretKeyException when the secret key is not the one the stored
         *                                                             secrets were encrypted with (the store is closed)
         */
        public CoreMonitor build() {
            if (storeConfig == null) {
                throw new IllegalStateException("a database is required: store(StoreConfig), sqlite(Path) or"
                        + " database(String)");
            }
            return new CoreMonitor(this);
        }
    }
}
