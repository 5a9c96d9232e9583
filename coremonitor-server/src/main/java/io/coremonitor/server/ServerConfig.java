package io.coremonitor.server;

import io.coremonitor.docker.DockerSettings;
import io.coremonitor.model.ByteSize;
import io.coremonitor.model.Durations;
import io.coremonitor.model.PortRange;
import io.coremonitor.server.internal.FlagArg;
import io.coremonitor.store.StoreConfig;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Every setting of the server, read once at start-up from flags, environment variables and an optional file
 * (a flag wins over the environment, which wins over the file, which wins over the defaults).
 *
 * @param host           address to listen on
 * @param port           port to listen on
 * @param db             a SQLite file path or a {@code jdbc:postgresql:} URL
 * @param dbPoolSize     the most database connections the store's pool holds
 * @param token          the bearer token every {@code /api/v1} call needs, when set
 * @param metricsToken   a bearer token that opens the two metrics routes ({@code /metrics}, {@code /api/v1/metrics})
 *                       and nothing else, for a Prometheus scraper; when set, these routes need it or {@code token}
 * @param dockerHost     the Docker engine to drive
 * @param queueOnFailure {@code halt} or {@code continue}
 * @param queueOnCrash   {@code retry} or {@code fail}
 * @param queueMaxAttempts how many runs a command gets in all when crashes or Docker outages interrupt it
 * @param queueLeaseTtl  how long the worker lease lives unless renewed: after a crash, the next server takes the
 *                       queue over this long after the dead one's last renewal
 * @param allowInsecure  listen on a non-loopback address without a token anyway
 * @param selfHeal       queue an APPLY of a stack's current version when drift is seen
 * @param statsInterval  how often container statistics are sampled
 * @param statsRetention how long samples are kept
 * @param dataDir        the directory of the server's files: uploaded artifacts go to {@code <dataDir>/artifacts}
 * @param artifactMaxSize the largest artifact upload accepted, in bytes ({@code 512m}, {@code 1g}, {@code 1048576})
 * @param catalogDir     a directory of the user's own catalog components ({@code *.yaml}, {@code *.yml}), beside the
 *                       built-in ones; an invalid file stops the start
 * @param secretKey      the key of the secret store, base64 of 32 bytes; empty: the key file
 *                       {@code <dataDir>/secret.key}, generated (mode 0600) with the first secret
 * @param databasePorts  the host ports a managed database gets the first free one of when none is asked for
 * @param databaseReadyTimeout how long creating a managed database may take, up to a successful login, unless the
 *                       request says otherwise
 * @param gitPollInterval how often every stack that follows a git repository is synced; zero: never (webhooks only)
 * @param gitWebhookSecret the secret of the git webhooks' signature ({@code X-Hub-Signature-256}); empty: signed
 *                       webhooks are refused
 */
public record ServerConfig(
        String host,
        int port,
        String db,
        int dbPoolSize,
        Optional<String> token,
        Optional<String> metricsToken,
        URI dockerHost,
        String queueOnFailure,
        String queueOnCrash,
        int queueMaxAttempts,
        Duration queueLeaseTtl,
        boolean allowInsecure,
        boolean selfHeal,
        Duration statsInterval,
        Duration statsRetention,
        Path dataDir,
        long artifactMaxSize,
        Optional<Path> catalogDir,
        Optional<String> secretKey,
        PortRange databasePorts,
        Duration databaseReadyTimeout,
        Duration gitPollInterval,
        Optional<String> gitWebhookSecret) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_DB = "./data/coremonitor.db";
    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";
    public static final String DEFAULT_DATA_DIR = "./data";
    public static final String DEFAULT_ARTIFACT_MAX_SIZE = "512m";
    public static final String DEFAULT_DATABASE_PORTS = "5433-6000";
    public static final String DEFAULT_DATABASE_READY_TIMEOUT = "2m";
    public static final String DEFAULT_GIT_POLL_INTERVAL = "1m";


    /** One setting: its flag, its environment variable and its key in the settings file. */
    private enum Setting {
        HOST("--host", "COREMONITOR_HOST", "host"),
        PORT("--port", "COREMONITOR_PORT", "port"),
        DB("--db", "COREMONITOR_DB", "db"),
        DB_POOL_SIZE("--db-pool-size", "COREMONITOR_DB_POOL_SIZE", "db.pool-size"),
        TOKEN("--token", "COREMONITOR_TOKEN", "token"),
        METRICS_TOKEN("--metrics-token", "COREMONITOR_METRICS_TOKEN", "metrics-token"),
        DOCKER_HOST("--docker-host", "DOCKER_HOST", "docker-host"),
        QUEUE_ON_FAILURE("--queue-on-failure", "COREMONITOR_QUEUE_ON_FAILURE", "queue.on-failure"),
        QUEUE_ON_CRASH("--queue-on-crash", "COREMONITOR_QUEUE_ON_CRASH", "queue.on-crash"),
        QUEUE_MAX_ATTEMPTS("--queue-max-attempts", "COREMONITOR_QUEUE_MAX_ATTEMPTS", "queue.max-attempts"),
        QUEUE_LEASE_TTL("--queue-lease-ttl", "COREMONITOR_QUEUE_LEASE_TTL", "queue.lease-ttl"),
        ALLOW_INSECURE("--allow-insecure", "COREMONITOR_ALLOW_INSECURE", "allow-insecure"),
        SELF_HEAL("--self-heal", "COREMONITOR_SELF_HEAL", "self-heal"),
        STATS_INTERVAL("--stats-interval", "COREMONITOR_STATS_INTERVAL", "stats.interval"),
        STATS_RETENTION("--stats-retention", "COREMONITOR_STATS_RETENTION", "stats.retention"),
        DATA_DIR("--data-dir", "COREMONITOR_DATA_DIR", "data-dir"),
        ARTIFACT_MAX_SIZE("--artifact-max-size", "COREMONITOR_ARTIFACT_MAX_SIZE", "artifact.max-size"),
        CATALOG_DIR("--catalog-dir", "COREMONITOR_CATALOG_DIR", "catalog.dir"),
        SECRET_KEY("--secret-key", "COREMONITOR_SECRET_KEY", "secret-key"),
        DATABASE_PORTS("--database-ports", "COREMONITOR_DATABASE_PORTS", "database.ports"),
        DATABASE_READY_TIMEOUT("--database-ready-timeout", "COREMONITOR_DATABASE_READY_TIMEOUT", "database.ready-timeout"),
        GIT_POLL_INTERVAL("--git-poll-interval", "COREMONITOR_GIT_POLL_INTERVAL", "git.poll-interval"),
        GIT_WEBHOOK_SECRET("--git-webhook-secret", "COREMONITOR_GIT_WEBHOOK_SECRET", "git.webhook-secret"),
        CONFIG("--config", "COREMONITOR_CONFIG", "");

        final String flag;
        final String env;
        final String key;

        Setting(String flag, String env, String key) {
            this.flag = flag;
            this.env = env;
            this.key = key;
        }
    }

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(metricsToken, "metricsToken");
        Objects.requireNonNull(dockerHost, "dockerHost");
        Objects.requireNonNull(queueOnFailure, "queueOnFailure");
        Objects.requireNonNull(queueOnCrash, "queueOnCrash");
        Objects.requireNonNull(queueLeaseTtl, "queueLeaseTtl");
        Objects.requireNonNull(statsInterval, "statsInterval");
        Objects.requireNonNull(statsRetention, "statsRetention");
        Objects.requireNonNull(dataDir, "dataDir");
        if (artifactMaxSize < 1) {
            throw new IllegalArgumentException("artifactMaxSize must be positive, got " + artifactMaxSize);
        }
        Objects.requireNonNull(catalogDir, "catalogDir");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(databasePorts, "databasePorts");
        Objects.requireNonNull(databaseReadyTimeout, "databaseReadyTimeout");
        Objects.requireNonNull(gitPollInterval, "gitPollInterval");
        if (gitPollInterval.isNegative()) {
            throw new IllegalArgumentException("gitPollInterval must not be negative, got " + gitPollInterval);
        }
        Objects.requireNonNull(gitWebhookSecret, "gitWebhookSecret");
    }

    /** The embedded defaults. */
    public static ServerConfig defaults() {
        return parse(List.of(), Map.of());
    }

    /**
     * Reads the settings.
     *
     * @param args the command-line flags ({@code --name value} or {@code --name=value})
     * @param env  the environment
     * @throws ConfigException for an unknown flag, a missing or bad value, or an unreadable settings file
     */
    public static ServerConfig parse(List<String> args, Map<String, String> env) {
        Map<Setting, String> flags = readFlags(args);
        String configFile = flags.getOrDefault(Setting.CONFIG, env.get(Setting.CONFIG.env));
        Properties file = configFile == null ? new Properties() : readFile(Path.of(configFile));
        List<String> unknownKeys = new ArrayList<>();
        for (String key : file.stringPropertyNames()) {
            if (Arrays.stream(Setting.values()).noneMatch(s -> s.key.equals(key) && !key.isEmpty())) {
                unknownKeys.add(key);
            }
        }
        if (!unknownKeys.isEmpty()) {
            throw new ConfigException("unknown setting(s) in " + configFile + ": " + String.join(", ", unknownKeys));
        }
        Map<Setting, String> values = new LinkedHashMap<>();
        for (Setting s : Setting.values()) {
            String v = flags.get(s);
            if (v == null) {
                v = env.get(s.env);
                if (v != null && v.isBlank()) {
                    v = null;
                }
            }
            if (v == null && !s.key.isEmpty()) {
                v = file.getProperty(s.key);
            }
            if (v != null) {
                values.put(s, v.trim());
            }
        }
        String host = values.getOrDefault(Setting.HOST, DEFAULT_HOST);
        int port = parsePort(values.getOrDefault(Setting.PORT, Integer.toString(DEFAULT_PORT)));
        String db = values.getOrDefault(Setting.DB, DEFAULT_DB);
        int dbPoolSize = parseInt(values.getOrDefault(Setting.DB_POOL_SIZE, Integer.toString(StoreConfig.DEFAULT_POOL_SIZE)),
                1, StoreConfig.MAX_POOL_SIZE, Setting.DB_POOL_SIZE.flag);
        Optional<String> token = Optional.ofNullable(values.get(Setting.TOKEN)).filter(t -> !t.isBlank());
        Optional<String> metricsToken = Optional.ofNullable(values.get(Setting.METRICS_TOKEN)).filter(t -> !t.isBlank());
        URI docker = parseDockerHost(values.getOrDefault(Setting.DOCKER_HOST, DEFAULT_DOCKER_HOST));
        String onFailure = oneOf(Setting.QUEUE_ON_FAILURE, values.getOrDefault(Setting.QUEUE_ON_FAILURE, "halt"), "halt", "continue");
        String onCrash = oneOf(Setting.QUEUE_ON_CRASH, values.getOrDefault(Setting.QUEUE_ON_CRASH, "retry"), "retry", "fail");
        int maxAttempts = parseAttempts(values.getOrDefault(Setting.QUEUE_MAX_ATTEMPTS, "3"));
        Duration leaseTtl = parseDuration(Setting.QUEUE_LEASE_TTL, values.getOrDefault(Setting.QUEUE_LEASE_TTL, "30s"));
        if (leaseTtl.compareTo(Duration.ofSeconds(3)) < 0 || leaseTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException(Setting.QUEUE_LEASE_TTL.flag + " must be from 3s to 1h, got '"
                    + values.get(Setting.QUEUE_LEASE_TTL) + "'");
        }
        boolean insecure = parseBoolean(Setting.ALLOW_INSECURE, values.getOrDefault(Setting.ALLOW_INSECURE, "false"));
        boolean selfHeal = parseBoolean(Setting.SELF_HEAL, values.getOrDefault(Setting.SELF_HEAL, "false"));
        Duration interval = parseDuration(Setting.STATS_INTERVAL, values.getOrDefault(Setting.STATS_INTERVAL, "15s"));
        Duration retention = parseDuration(Setting.STATS_RETENTION, values.getOrDefault(Setting.STATS_RETENTION, "7d"));
        Path dataDir = parsePath(Setting.DATA_DIR, values.getOrDefault(Setting.DATA_DIR, DEFAULT_DATA_DIR));
        long artifactMaxSize = parseSize(Setting.ARTIFACT_MAX_SIZE,
                values.getOrDefault(Setting.ARTIFACT_MAX_SIZE, DEFAULT_ARTIFACT_MAX_SIZE));
        Optional<Path> catalogDir = Optional.ofNullable(values.get(Setting.CATALOG_DIR)).filter(v -> !v.isBlank())
                .map(v -> parsePath(Setting.CATALOG_DIR, v));
        Optional<String> secretKey = Optional.ofNullable(values.get(Setting.SECRET_KEY)).filter(k -> !k.isBlank());
        PortRange databasePorts = parsePortRange(Setting.DATABASE_PORTS,
                values.getOrDefault(Setting.DATABASE_PORTS, DEFAULT_DATABASE_PORTS));
        Duration readyTimeout = parseDuration(Setting.DATABASE_READY_TIMEOUT,
                values.getOrDefault(Setting.DATABASE_READY_TIMEOUT, DEFAULT_DATABASE_READY_TIMEOUT));
        if (readyTimeout.compareTo(Duration.ofSeconds(1)) < 0 || readyTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException(Setting.DATABASE_READY_TIMEOUT.flag + " must be from 1s to 10m, got '"
                    + values.get(Setting.DATABASE_READY_TIMEOUT) + "'");
        }
        String poll = values.getOrDefault(Setting.GIT_POLL_INTERVAL, DEFAULT_GIT_POLL_INTERVAL);
        Duration gitPoll = poll.equals("0") ? Duration.ZERO : parseDurationOrZero(Setting.GIT_POLL_INTERVAL, poll);
        Optional<String> gitWebhookSecret = Optional.ofNullable(values.get(Setting.GIT_WEBHOOK_SECRET))
                .filter(k -> !k.isBlank());
        return new ServerConfig(host, port, db, dbPoolSize, token, metricsToken, docker, onFailure, onCrash, maxAttempts, leaseTtl,
                insecure, selfHeal, interval, retention, dataDir, artifactMaxSize, catalogDir, secretKey, databasePorts,
                readyTimeout, gitPoll, gitWebhookSecret);
    }

    /** True when the server listens only on the loopback interface. */
    public boolean loopbackOnly() {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }

    /** The settings with the tokens and the secret key hidden (what {@link #describe()} says). */
    @Override
    public String toString() {
        return describe();
    }

    /** The settings with the tokens and the secret key hidden, for logging. */
    public String describe() {
        return "host=" + host + " port=" + port + " db=" + StoreConfig.redact(db) + " db.pool-size=" + dbPoolSize
                + " docker=" + dockerHost + " token=" + (token.isPresent() ? "set" : "none")
                + " metrics-token=" + (metricsToken.isPresent() ? "set" : "none") + " queue.on-failure=" + queueOnFailure
                + " queue.on-crash=" + queueOnCrash + " queue.max-attempts=" + queueMaxAttempts
                + " queue.lease-ttl=" + queueLeaseTtl + " self-heal=" + selfHeal + " stats.interval=" + statsInterval
                + " stats.retention=" + statsRetention + " data-dir=" + dataDir + " artifact.max-size=" + artifactMaxSize
                + " catalog.dir=" + catalogDir.map(Path::toString).orElse("none")
                + " secret-key=" + (secretKey.isPresent() ? "given" : "file " + dataDir.resolve("secret.key"))
                + " database.ports=" + databasePorts + " database.ready-timeout=" + databaseReadyTimeout
                + " git.poll-interval=" + (gitPollInterval.isZero() ? "off" : gitPollInterval)
                + " git.webhook-secret=" + (gitWebhookSecret.isPresent() ? "set" : "none");
    }

    /** Where uploaded artifacts are kept: {@code <dataDir>/artifacts}. */
    public Path artifactDir() {
        return dataDir.resolve("artifacts");
    }

    private static Map<Setting, String> readFlags(List<String> args) {
        Map<Setting, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            FlagArg flag = FlagArg.of(arg);
            String name = flag.name();
            String value = flag.value().orElse(null);
            Setting setting = null;
            for (Setting s : Setting.values()) {
                if (s.flag.equals(name)) {
                    setting = s;
                }
            }
            if (setting == null) {
                throw new ConfigException("unknown option '" + arg + "'");
            }
            if (value == null) {
                if (setting == Setting.ALLOW_INSECURE || setting == Setting.SELF_HEAL) {
                    value = "true";
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new ConfigException("option " + name + " needs a value");
                }
            }
            flags.put(setting, value);
        }
        return flags;
    }

    private static Properties readFile(Path path) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read settings file " + path + ": " + e.getMessage());
        }
        return p;
    }

    private static int parseAttempts(String v) {
        return parseInt(v, 1, 100, Setting.QUEUE_MAX_ATTEMPTS.flag);
    }

    private static int parsePort(String v) {
        return parseInt(v, 0, 65535, "port");
    }

    private static int parseInt(String v, int min, int max, String what) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(what + " must be a number from " + min + " to " + max + ", got '" + v + "'");
    }

    /** {@code FROM-TO} (or one port), 1 to 65535. */
    private static PortRange parsePortRange(Setting s, String v) {
        String[] parts = v.split("-", -1);
        try {
            if (parts.length == 1 || parts.length == 2) {
                int from = Integer.parseInt(parts[0].trim());
                int to = Integer.parseInt(parts[parts.length - 1].trim());
                return new PortRange(from, to);
            }
        } catch (IllegalArgumentException e) {
            // reported below (NumberFormatException is one)
        }
        throw new ConfigException(s.flag + " must be a port range FROM-TO within 1-65535 (such as 5433-6000), got '" + v + "'");
    }

    private static URI parseDockerHost(String v) {
        try {
            return DockerSettings.parseHost(v);
        } catch (RuntimeException e) {
            throw new ConfigException("DOCKER_HOST: " + e.getMessage());
        }
    }

    private static String oneOf(Setting s, String v, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        throw new ConfigException(s.flag + " must be one of " + String.join("|", allowed) + ", got '" + v + "'");
    }

    /** A positive duration in the project's one grammar ({@link Durations}, with {@code d} for days). */
    /** A duration where {@code 0} (or {@code 0s}) means "off". */
    private static Duration parseDurationOrZero(Setting s, String v) {
        return Durations.parseWithDays(v).orElseThrow(() -> new ConfigException(s.flag + ": '" + v
                + "' is not a duration; use e.g. 30s, 1m, 12h, or 0 for never"));
    }

    private static Duration parseDuration(Setting s, String v) {
        Duration d = Durations.parseWithDays(v).orElseThrow(() -> new ConfigException(s.flag + ": '" + v
                + "' is not a duration; use e.g. 30s, 1m30s, 500ms, 12h or 7d"));
        if (d.isZero()) {
            throw new ConfigException(s.flag + " must be more than 0s, got '" + v + "'");
        }
        return d;
    }

    private static Path parsePath(Setting s, String v) {
        if (v.isBlank()) {
            throw new ConfigException(s.flag + " needs a directory");
        }
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new ConfigException(s.flag + ": '" + v + "' is not a path: " + e.getReason());
        }
    }

    /** A positive size: a number of bytes, or with a unit ({@code 512m}, {@code 1g}, {@code 64kb}; powers of 1024). */
    private static long parseSize(Setting s, String v) {
        long bytes = ByteSize.parse(v).map(ByteSize::bytes).orElseThrow(() -> new ConfigException(s.flag + ": '" + v
                + "' is not a size; use e.g. 512m, 1g, 64k or a number of bytes"));
        if (bytes < 1) {
            throw new ConfigException(s.flag + " must be more than 0 bytes, got '" + v + "'");
        }
        return bytes;
    }

    private static boolean parseBoolean(Setting s, String v) {
        if (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no")) {
            return false;
        }
        throw new ConfigException(s.flag + " must be true or false, got '" + v + "'");
    }
}
