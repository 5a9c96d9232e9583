package io.coremonitor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.model.PortRange;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {

    @Test
    void defaultsAreTheEmbeddedOnes() {
        ServerConfig c = ServerConfig.parse(List.of(), Map.of());
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.db()).isEqualTo("./data/coremonitor.db");
        assertThat(c.token()).isEmpty();
        assertThat(c.dockerHost()).isEqualTo(URI.create("unix:///var/run/docker.sock"));
        assertThat(c.queueOnFailure()).isEqualTo("halt");
        assertThat(c.queueOnCrash()).isEqualTo("retry");
        assertThat(c.loopbackOnly()).isTrue();
        assertThat(c.dbPoolSize()).isEqualTo(10);
    }

    @Test
    void theDatabasePoolSizeComesFromAFlagTheEnvironmentOrTheFile(@TempDir Path dir) throws Exception {
        assertThat(ServerConfig.parse(List.of("--db-pool-size", "4"), Map.of()).dbPoolSize()).isEqualTo(4);
        assertThat(ServerConfig.parse(List.of(), Map.of("COREMONITOR_DB_POOL_SIZE", "25")).dbPoolSize()).isEqualTo(25);
        Path file = dir.resolve("coremonitor.properties");
        Files.writeString(file, "db.pool-size=3\n");
        assertThat(ServerConfig.parse(List.of("--config", file.toString()), Map.of()).dbPoolSize()).isEqualTo(3);
        assertThat(ServerConfig.parse(List.of("--db-pool-size=7"), Map.of()).describe()).contains("db.pool-size=7");
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--db-pool-size", "0"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--db-pool-size");
        assertThatThrownBy(() -> ServerConfig.parse(List.of(), Map.of("COREMONITOR_DB_POOL_SIZE", "many")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--db-pool-size");
    }

    @Test
    void theManagedDatabasesPortRangeAndReadyTimeoutComeFromAFlagTheEnvironmentOrTheFile(@TempDir Path dir) throws Exception {
        ServerConfig defaults = ServerConfig.parse(List.of(), Map.of());
        assertThat(defaults.databasePorts()).isEqualTo(new PortRange(5433, 6000));
        assertThat(defaults.databaseReadyTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(ServerConfig.parse(List.of("--database-ports", "7000-7010"), Map.of()).databasePorts())
                .isEqualTo(new PortRange(7000, 7010));
        assertThat(ServerConfig.parse(List.of(), Map.of("COREMONITOR_DATABASE_PORTS", "7100")).databasePorts())
                .isEqualTo(new PortRange(7100, 7100));
        Path file = dir.resolve("coremonitor.properties");
        Files.writeString(file, "database.ports=8000-8100\ndatabase.ready-timeout=90s\n");
        ServerConfig fromFile = ServerConfig.parse(List.of("--config", file.toString()), Map.of());
        assertThat(fromFile.databasePorts()).isEqualTo(new PortRange(8000, 8100));
        assertThat(fromFile.databaseReadyTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(fromFile.describe()).contains("database.ports=8000-8100");
        for (String bad : List.of("6000-5433", "0-10", "5433-70000", "many", "1-2-3")) {
            assertThatThrownBy(() -> ServerConfig.parse(List.of("--database-ports", bad), Map.of()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("--database-ports");
        }
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--database-ready-timeout", "1h"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--database-ready-timeout");
    }

    @Test
    void theGitPollIntervalIsADurationOrZeroAndTheWebhookSecretIsNeverDescribed() {
        ServerConfig defaults = ServerConfig.parse(List.of(), Map.of());
        assertThat(defaults.gitPollInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.gitWebhookSecret()).isEmpty();
        assertThat(ServerConfig.parse(List.of("--git-poll-interval", "0"), Map.of()).gitPollInterval()).isZero();
        assertThat(ServerConfig.parse(List.of("--git-poll-interval=0s"), Map.of()).describe())
                .contains("git.poll-interval=off");
        assertThat(ServerConfig.parse(List.of(), Map.of("COREMONITOR_GIT_POLL_INTERVAL", "30s")).gitPollInterval())
                .isEqualTo(Duration.ofSeconds(30));
        ServerConfig secret = ServerConfig.parse(List.of(), Map.of("COREMONITOR_GIT_WEBHOOK_SECRET", "hook-Secret-77"));
        assertThat(secret.gitWebhookSecret()).contains("hook-Secret-77");
        assertThat(secret.describe()).contains("git.webhook-secret=set").doesNotContain("hook-Secret-77");
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--git-poll-interval", "often"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--git-poll-interval");
    }

    @Test
    void flagWinsOverEnvironmentWhichWinsOverFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("coremonitor.properties");
        Files.writeString(file, "port=7000\nhost=127.0.0.2\ndb=/var/lib/cm.db\nqueue.on-crash=fail\n");
        ServerConfig c = ServerConfig.parse(
                List.of("--config", file.toString(), "--port=9000"),
                Map.of("COREMONITOR_PORT", "8500", "COREMONITOR_HOST", "127.0.0.3", "DOCKER_HOST", "tcp://10.0.0.1:2375"));
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.host()).isEqualTo("127.0.0.3");
        assertThat(c.db()).isEqualTo("/var/lib/cm.db");
        assertThat(c.queueOnCrash()).isEqualTo("fail");
        assertThat(c.dockerHost()).isEqualTo(URI.create("tcp://10.0.0.1:2375"));
    }

    @Test
    void tokenAndPolicies() {
        ServerConfig c = ServerConfig.parse(
                List.of("--token", "s3cret", "--queue-on-failure", "continue", "--host", "0.0.0.0", "--allow-insecure"), Map.of());
        assertThat(c.token()).isEqualTo(Optional.of("s3cret"));
        assertThat(c.queueOnFailure()).isEqualTo("continue");
        assertThat(c.loopbackOnly()).isFalse();
        assertThat(c.allowInsecure()).isTrue();
        assertThat(c.describe()).doesNotContain("s3cret");
    }

    @Test
    void aMetricsTokenFromTheFlagTheEnvironmentOrTheFile(@TempDir Path dir) throws Exception {
        assertThat(ServerConfig.defaults().metricsToken()).isEmpty();
        ServerConfig flag = ServerConfig.parse(List.of("--metrics-token", "scrape-s3cret"),
                Map.of("COREMONITOR_METRICS_TOKEN", "from-env"));
        assertThat(flag.metricsToken()).contains("scrape-s3cret");
        assertThat(flag.token()).isEmpty();
        assertThat(flag.describe()).contains("metrics-token=set").doesNotContain("scrape-s3cret");
        assertThat(ServerConfig.parse(List.of(), Map.of("COREMONITOR_METRICS_TOKEN", "from-env")).metricsToken())
                .contains("from-env");
        assertThat(ServerConfig.parse(List.of(), Map.of("COREMONITOR_METRICS_TOKEN", " ")).metricsToken()).isEmpty();
        Path file = dir.resolve("cm.properties");
        Files.writeString(file, "metrics-token=from-file\n");
        assertThat(ServerConfig.parse(List.of("--config", file.toString()), Map.of()).metricsToken()).contains("from-file");
        assertThat(ServerConfig.defaults().describe()).contains("metrics-token=none");
    }

    @Test
    void badSettingsAreRefusedWithTheirName(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--prot", "1"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--prot");
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--port"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--port", "99999"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("99999");
        assertThatThrownBy(() -> ServerConfig.parse(List.of(), Map.of("COREMONITOR_QUEUE_ON_CRASH", "explode")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retry|fail");
        assertThatThrownBy(() -> ServerConfig.parse(List.of(), Map.of("DOCKER_HOST", "http://x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DOCKER_HOST");
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "prot=1\n");
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--config", file.toString()), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("prot");
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--config", dir.resolve("none").toString()), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read");
    }

    @Test
    void monitoringSettings() {
        ServerConfig d = ServerConfig.defaults();
        assertThat(d.selfHeal()).isFalse();
        assertThat(d.statsInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(d.statsRetention()).isEqualTo(Duration.ofDays(7));
        ServerConfig c = ServerConfig.parse(List.of("--self-heal", "--stats-interval", "5s"),
                Map.of("COREMONITOR_STATS_RETENTION", "12h"));
        assertThat(c.selfHeal()).isTrue();
        assertThat(c.statsInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.statsRetention()).isEqualTo(Duration.ofHours(12));
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--stats-interval", "0s"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--stats-interval");
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--stats-retention", "1 week"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("7d");
    }

    @Test
    void everyDurationSettingTakesGoDurations() {
        ServerConfig c = ServerConfig.parse(List.of("--stats-interval", "1m30s", "--queue-lease-ttl=2m30s"),
                Map.of("COREMONITOR_STATS_RETENTION", "2h45m"));
        assertThat(c.statsInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.queueLeaseTtl()).isEqualTo(Duration.ofSeconds(150));
        assertThat(c.statsRetention()).isEqualTo(Duration.ofMinutes(165));
        assertThat(ServerConfig.parse(List.of("--stats-interval", "500ms"), Map.of()).statsInterval())
                .isEqualTo(Duration.ofMillis(500));
        assertThat(ServerConfig.parse(List.of("--stats-retention", "1d12h"), Map.of()).statsRetention())
                .isEqualTo(Duration.ofHours(36));
        assertThat(ServerConfig.parse(List.of("--queue-lease-ttl", "1h"), Map.of()).queueLeaseTtl())
                .isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--stats-interval", "5x"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--stats-interval: '5x' is not a duration; use e.g. 30s, 1m30s, 500ms, 12h or 7d");
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--queue-lease-ttl", "1m 30s"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--queue-lease-ttl: '1m 30s' is not a duration");
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--stats-interval", "0s"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("--stats-interval must be more than 0s, got '0s'");
    }

    @Test
    void queueSettings() {
        ServerConfig d = ServerConfig.defaults();
        assertThat(d.queueMaxAttempts()).isEqualTo(3);
        assertThat(d.queueLeaseTtl()).isEqualTo(Duration.ofSeconds(30));
        ServerConfig c = ServerConfig.parse(List.of("--queue-lease-ttl=5s"), Map.of("COREMONITOR_QUEUE_MAX_ATTEMPTS", "5"));
        assertThat(c.queueLeaseTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.queueMaxAttempts()).isEqualTo(5);
        assertThat(c.describe()).contains("queue.max-attempts=5", "queue.lease-ttl=PT5S");
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--queue-lease-ttl", "1s"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("--queue-lease-ttl must be from 3s to 1h, got '1s'");
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--queue-max-attempts", "0"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("--queue-max-attempts must be a number from 1 to 100, got '0'");
    }

    @Test
    void theDataDirectoryAndTheArtifactSizeLimitFromAFlagTheEnvironmentOrTheFile(@TempDir Path dir) throws Exception {
        ServerConfig d = ServerConfig.defaults();
        assertThat(d.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(d.artifactDir()).isEqualTo(Path.of("./data/artifacts"));
        assertThat(d.artifactMaxSize()).isEqualTo(512L * 1024 * 1024);
        assertThat(d.describe()).contains("data-dir=./data", "artifact.max-size=536870912");
        ServerConfig flags = ServerConfig.parse(List.of("--data-dir", "/srv/cm", "--artifact-max-size=1g"),
                Map.of("COREMONITOR_DATA_DIR", "/from/env", "COREMONITOR_ARTIFACT_MAX_SIZE", "2g"));
        assertThat(flags.dataDir()).isEqualTo(Path.of("/srv/cm"));
        assertThat(flags.artifactDir()).isEqualTo(Path.of("/srv/cm/artifacts"));
        assertThat(flags.artifactMaxSize()).isEqualTo(1024L * 1024 * 1024);
        ServerConfig env = ServerConfig.parse(List.of(), Map.of("COREMONITOR_DATA_DIR", "/from/env",
                "COREMONITOR_ARTIFACT_MAX_SIZE", "1048576"));
        assertThat(env.dataDir()).isEqualTo(Path.of("/from/env"));
        assertThat(env.artifactMaxSize()).isEqualTo(1048576L);
        Path file = dir.resolve("cm.properties");
        Files.writeString(file, "data-dir=/from/file\nartifact.max-size=64k\n");
        ServerConfig fromFile = ServerConfig.parse(List.of("--config", file.toString()), Map.of());
        assertThat(fromFile.dataDir()).isEqualTo(Path.of("/from/file"));
        assertThat(fromFile.artifactMaxSize()).isEqualTo(64L * 1024);
        assertThat(ServerConfig.parse(List.of("--artifact-max-size", "512M"), Map.of()).artifactMaxSize())
                .isEqualTo(512L * 1024 * 1024);
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--artifact-max-size", "lots"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--artifact-max-size: 'lots' is not a size; use e.g. 512m, 1g, 64k or a number of bytes");
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--artifact-max-size", "0"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("--artifact-max-size must be more than 0 bytes, got '0'");
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--artifact-max-size", "-1"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--artifact-max-size");
        assertThatThrownBy(() -> ServerConfig.parse(List.of("--data-dir"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs a value");
    }

    @Test
    void theCatalogDirectoryFromAFlagTheEnvironmentOrTheFile(@TempDir Path dir) throws Exception {
        assertThat(ServerConfig.defaults().catalogDir()).isEmpty();
        assertThat(ServerConfig.defaults().describe()).contains("catalog.dir=none");
        ServerConfig flag = ServerConfig.parse(List.of("--catalog-dir", "/srv/catalog"),
                Map.of("COREMONITOR_CATALOG_DIR", "/from/env"));
        assertThat(flag.catalogDir()).contains(Path.of("/srv/catalog"));
        assertThat(flag.describe()).contains("catalog.dir=/srv/catalog");
        assertThat(ServerConfig.parse(List.of(), Map.of("COREMONITOR_CATALOG_DIR", "/from/env")).catalogDir())
                .contains(Path.of("/from/env"));
        Path file = dir.resolve("cm.properties");
        Files.writeString(file, "catalog.dir=/from/file\n");
        assertThat(ServerConfig.parse(List.of("--config", file.toString()), Map.of()).catalogDir())
                .contains(Path.of("/from/file"));
        assertThat(ServerConfig.parse(List.of("--catalog-dir="), Map.of()).catalogDir()).isEmpty();
    }

    @Test
    void theSecretKeyFromTheEnvironmentOrTheFileIsNeverPrinted(@TempDir Path dir) throws Exception {
        String key = "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c=";
        assertThat(ServerConfig.defaults().secretKey()).isEmpty();
        assertThat(ServerConfig.defaults().describe()).contains("secret-key=file " + Path.of("./data").resolve("secret.key"));
        ServerConfig env = ServerConfig.parse(List.of(), Map.of("COREMONITOR_SECRET_KEY", key));
        assertThat(env.secretKey()).contains(key);
        assertThat(env.describe()).contains("secret-key=given").doesNotContain(key);
        assertThat(env.toString()).isEqualTo(env.describe());
        Path file = dir.resolve("cm.properties");
        Files.writeString(file, "secret-key=" + key + "\n");
        assertThat(ServerConfig.parse(List.of("--config", file.toString()), Map.of()).secretKey()).contains(key);
        assertThat(ServerConfig.parse(List.of(), Map.of("COREMONITOR_SECRET_KEY", " ")).secretKey()).isEmpty();
    }

    @Test
    void passwordInPostgresUrlIsHiddenWhenDescribed() {
        ServerConfig c = ServerConfig.parse(
                List.of("--db", "jdbc:postgresql://db:5432/cm?user=cm&password=hunter2"), Map.of());
        assertThat(c.describe()).contains("password=***").doesNotContain("hunter2");
    }
}
