package io.coremonitor.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coremonitor.docker.DockerHealth;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.RuntimeAction;
import io.coremonitor.engine.catalog.ValueGenerator;
import io.coremonitor.engine.databases.DatabaseService;
import io.coremonitor.engine.databases.DatabaseSettings;
import io.coremonitor.server.internal.ArtifactBodies.ArtifactView;
import io.coremonitor.server.internal.ArtifactBodies.DeploymentView;
import io.coremonitor.server.internal.ArtifactBodies.PruneView;
import io.coremonitor.server.internal.CatalogBodies.CatalogReloadView;
import io.coremonitor.server.internal.CatalogBodies.ComponentSummaryView;
import io.coremonitor.server.internal.CatalogBodies.ComponentView;
import io.coremonitor.server.internal.CommandBodies.CommandView;
import io.coremonitor.server.internal.CommandBodies.LogLineView;
import io.coremonitor.server.internal.CommandBodies.QueueView;
import io.coremonitor.server.internal.DatabaseBodies.CreateDatabaseRequest;
import io.coremonitor.server.internal.DatabaseBodies.DatabaseDeletedView;
import io.coremonitor.server.internal.DatabaseBodies.DatabaseView;
import io.coremonitor.server.internal.DatabaseBodies.RestoreDatabaseRequest;
import io.coremonitor.server.internal.DatabaseBodies.RestoredView;
import io.coremonitor.server.internal.GitBodies.GitRequest;
import io.coremonitor.server.internal.GitBodies.GitSyncView;
import io.coremonitor.server.internal.GitBodies.GitView;
import io.coremonitor.server.internal.ListBodies.ItemsView;
import io.coremonitor.server.internal.ListBodies.PageView;
import io.coremonitor.server.internal.MonitoringBodies.ContainerView;
import io.coremonitor.server.internal.MonitoringBodies.PlanView;
import io.coremonitor.server.internal.MonitoringBodies.ServiceLogsView;
import io.coremonitor.server.internal.MonitoringBodies.StatsView;
import io.coremonitor.server.internal.MonitoringBodies.StatusView;
import io.coremonitor.server.internal.OverviewBodies.OverviewItemView;
import io.coremonitor.server.internal.RequestBodies.CreateSecretRequest;
import io.coremonitor.server.internal.RequestBodies.CreateStackRequest;
import io.coremonitor.server.internal.RequestBodies.CreateVersionRequest;
import io.coremonitor.server.internal.RequestBodies.DeleteStackRequest;
import io.coremonitor.server.internal.RequestBodies.DeployRequest;
import io.coremonitor.server.internal.RequestBodies.PruneRequest;
import io.coremonitor.server.internal.RequestBodies.ReplaceSecretRequest;
import io.coremonitor.server.internal.RequestBodies.RuntimeActionRequest;
import io.coremonitor.server.internal.RequestBodies.VersionCommandRequest;
import io.coremonitor.server.internal.SecretBodies.RevealedSecretView;
import io.coremonitor.server.internal.SecretBodies.SecretView;
import io.coremonitor.server.internal.StackBodies.DiffView;
import io.coremonitor.server.internal.StackBodies.StackView;
import io.coremonitor.server.internal.StackBodies.VersionSummaryView;
import io.coremonitor.server.internal.StackBodies.VersionView;
import io.coremonitor.server.internal.ValidationBodies.ValidationView;
import io.coremonitor.server.internal.WizardBodies.WizardChoicesRequest;
import io.coremonitor.server.internal.WizardBodies.WizardPreviewView;
import io.coremonitor.server.internal.WizardBodies.WizardStackRequest;
import io.coremonitor.server.internal.WizardBodies.WizardStackView;
import io.coremonitor.server.internal.WizardBodies.WizardValidationView;
import io.coremonitor.server.internal.console.ConsoleRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.micrometer.MicrometerPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Javalin application. Every route is declared in {@link #routes()}, as data: the same list registers the
 * handlers and makes the OpenAPI document.
 */
public final class HttpApi implements AutoCloseable {

    /** Largest request body read whole (413 above it); an artifact upload is streamed, under the artifact limit. */
    public static final long MAX_REQUEST_BYTES = 2L * 1024 * 1024;
    /** How often an open SSE stream gets a comment line (how fast a client that left is noticed). */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

    private static final String SSE = "text/event-stream";
    private static final String PAGE = "limit (1-500, default 50) and cursor (next_cursor of the previous page)";
    private static final Set<String> PUBLIC_PATHS = Set.of(Route.BASE + "/health", Route.BASE + "/openapi.json",
            Route.BASE + "/docs", Route.BASE + "/session");
    /** The routes a scraper may open with the metrics token alone. */
    private static final Set<String> METRICS_PATHS = Set.of("/metrics", Route.BASE + "/metrics");

    private final CoreMonitor engine;
    private final DockerAccess docker;
    private final Optional<byte[]> tokenDigest;
    private final Optional<byte[]> metricsTokenDigest;
    private final PrometheusEndpoint prometheus;
    private final SseStreams streams;
    private final EventHub events;
    private final StackRoutes stacks;
    private final CommandRoutes commands;
    private final ArtifactRoutes artifactRoutes;
    private final DeployRoutes deployRoutes;
    private final StreamRoutes streamRoutes;
    private final CatalogRoutes catalogRoutes;
    private final WizardRoutes wizardRoutes;
    private final WizardStackRoutes wizardStackRoutes;
    private final SecretRoutes secretRoutes;
    private final DatabaseRoutes databaseRoutes;
    private final GitRoutes gitRoutes;
    private final List<Route> routes;
    private final boolean tokenConfigured;
    /** The OpenAPI document, made on its first request (generating the schemas would slow every start down). */
    private String openApiJson;
    private final String docsPage;
    private final ConsoleRoutes console;

    /**
     * @param engine    the engine whose services the routes call (its listener list gets the event hub)
     * @param docker    Docker settings, empty when the server runs without Docker
     * @param token     the bearer token every non-public route needs, when set
     * @param metricsToken a bearer token that opens the metrics routes alone (the main token opens them too), when set
     * @param heartbeat how often open SSE streams get a comment line
     * @param catalog   the catalog the wizard offers
     * @param hostPorts the ports in use on Docker's host, for the wizard's host port check
     * @throws IllegalArgumentException when the engine does not record into a Prometheus registry
     */
    HttpApi(CoreMonitor engine, Optional<io.coremonitor.docker.DockerSettings> docker, Optional<String> token,
            Optional<String> metricsToken, Duration heartbeat, CatalogHolder catalog, HostPorts hostPorts) {
        this(engine, docker, token, metricsToken, heartbeat, catalog, hostPorts, DatabaseSettings.defaults());
    }

    /**
     * As above, with the managed databases' settings (the host their ports are published on, the port range, the
     * ready timeout).
     */
    HttpApi(CoreMonitor engine, Optional<io.coremonitor.docker.DockerSettings> docker, Optional<String> token,
            Optional<String> metricsToken, Duration heartbeat, CatalogHolder catalog, HostPorts hostPorts,
            DatabaseSettings databases) {
        this(engine, docker, token, metricsToken, heartbeat, catalog, hostPorts, databases, Optional.empty());
    }

    /** As above, with the secret that signs the git webhooks ({@code POST /stacks/{id}/git/sync}), when set. */
    HttpApi(CoreMonitor engine, Optional<io.coremonitor.docker.DockerSettings> docker, Optional<String> token,
            Optional<String> metricsToken, Duration heartbeat, CatalogHolder catalog, HostPorts hostPorts,
            DatabaseSettings databases, Optional<String> gitWebhookSecret) {
        this.engine = engine;
        this.docker = new DockerAccess(engine, docker);
        this.tokenDigest = token.map(HttpApi::sha256);
        this.metricsTokenDigest = metricsToken.map(HttpApi::sha256);
        this.prometheus = new PrometheusEndpoint(engine.meterRegistry());
        this.streams = new SseStreams(heartbeat);
        this.events = new EventHub(engine.monitoring().dockerEvents());
        this.stacks = new StackRoutes(engine, this.docker);
        this.commands = new CommandRoutes(engine);
        this.artifactRoutes = new ArtifactRoutes(engine);
        this.deployRoutes = new DeployRoutes(engine);
        this.streamRoutes = new StreamRoutes(engine, this.docker, streams, events);
        this.catalogRoutes = new CatalogRoutes(catalog);
        this.wizardRoutes = new WizardRoutes(engine, this.docker, catalog, hostPorts);
        this.wizardStackRoutes = new WizardStackRoutes(new WizardStacks(engine, this.docker, catalog, hostPorts,
                ValueGenerator.secure()));
        this.secretRoutes = new SecretRoutes(engine, ValueGenerator.secure());
        this.databaseRoutes = new DatabaseRoutes(engine, this.docker,
                new DatabaseService(engine, databases, catalog::current, ValueGenerator.secure()), hostPorts);
        this.gitRoutes = new GitRoutes(engine, gitWebhookSecret, this::refusal);
        this.routes = List.copyOf(declare());
        this.tokenConfigured = token.isPresent();
        this.docsPage = readDocsPage();
        this.console = ConsoleRoutes.load();
        engine.addListener(events);
        engine.monitoring().addListener(events);
    }

    /** Every route of the API. */
    public List<Route> routes() {
        return routes;
    }

    private List<Route> declare() {
        List<Route> r = new ArrayList<>();
        String system = "system";
        String stack = "stacks";
        String command = "commands";
        r.add(Route.get("/health", this::health).tag(system).open().returns(HealthReport.class)
                .summary("Whether the database and Docker answer (UP, DEGRADED: Docker down, DOWN: database down)").build());
        r.add(Route.get("/session", this::session).tag(system).open().returns(SessionView.class)
                .summary("What this server asks of a client (authentication: none or token) and whether the credential"
                        + " of this request is accepted; never 401 (the console's sign-in asks here)").build());
        r.add(Route.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApiJson())).tag(system).open()
                .returns(ObjectNode.class).summary("This OpenAPI 3.1 document").build());
        r.add(Route.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(docsPage)).tag(system).open()
                .produces("text/html")
                .summary("An interactive page that loads openapi.json and sends calls with fetch").build());
        r.add(Route.get("/queue", commands::queue).tag(system).returns(QueueView.class)
                .summary("The queue at a glance: running command, pending count, the FAILED command halting it, and"
                        + " waiting_for: why the worker does not start the head now (Docker unreachable)").build());
        String metrics = "Prometheus text format 0.0.4: queue depth, commands by type and status, command and apply"
                + " durations, Docker calls, containers by state and health, stats sampling lag, JVM and HTTP server";
        String scrapeToken = "With a metrics token set (--metrics-token), it opens this route alone; the main token"
                + " opens it too.";
        r.add(Route.get("/metrics", prometheus::scrape).tag(system).produces("text/plain").summary(metrics)
                .description(scrapeToken).build());
        r.add(Route.get("/metrics", prometheus::scrape).tag(system).atRoot().produces("text/plain")
                .summary(metrics + " (the conventional scrape path, outside /api/v1)").description(scrapeToken).build());
        r.add(Route.get("/events", streamRoutes::events).tag(system).produces(SSE)
                .summary("SSE: command status changes (event 'command'), Docker container events of managed stacks"
                        + " (event 'container'), drift seen (event 'drift') and self-heal applies queued (event 'self_heal')")
                .description("text/event-stream. A comment line is sent every few seconds. The Docker subscription is"
                        + " reopened when Docker comes back.").build());

        r.add(Route.get("/stacks", stacks::list).tag(stack).returns(PageView.class, StackView.class)
                .summary("A page of stacks, by name")
                .param("name", "string", "only names containing this").param("include_deleted", "boolean", "also deleted")
                .param("limit", "integer", PAGE).param("cursor", "string", "from next_cursor").build());
        r.add(Route.get("/overview", stacks::overview).tag(stack).returns(PageView.class, OverviewItemView.class)
                .summary("A page of stacks as a dashboard shows them: each with the stored status of its current or latest"
                        + " version, the drift the monitoring last saw and its newest command")
                .description("Read from the store (two SQL statements per page) and the monitoring's memory: no Docker"
                        + " call, so a page of 500 stacks answers at once. Same filter, order and cursor as GET /stacks."
                        + " The live state of one stack, asked of Docker, is GET /stacks/{id}/status.")
                .param("name", "string", "only names containing this").param("include_deleted", "boolean", "also deleted")
                .param("limit", "integer", PAGE).param("cursor", "string", "from next_cursor").build());
        r.add(Route.post("/stacks", stacks::create).tag(stack).status(201).returns(StackView.class)
                .summary("Create a stack and its version v1 (compose: a YAML string or a JSON object)")
                .accepts(CreateStackRequest.class, "{\"name\":\"web\","
                        + "\"compose\":\"services:\\n  web:\\n    image: coremonitor-test/busybox:latest\\n"
                        + "    command: [httpd, -f, -p, '8080']\\n\",\"comment\":\"first\",\"author\":\"alice\","
                        + "\"variables\":{}}").build());
        r.add(Route.get("/stacks/{id}", stacks::get).tag(stack).returns(StackView.class).summary("A stack").build());
        r.add(Route.get("/stacks/{id}/versions", stacks::versions).tag(stack).returns(PageView.class, VersionSummaryView.class)
                .summary("A page of versions, newest first (without their definitions)")
                .param("limit", "integer", PAGE).param("cursor", "string", "from next_cursor").build());
        r.add(Route.post("/stacks/{id}/versions", stacks::createVersion).tag(stack).status(201).alsoOk(200)
                .returns(VersionView.class)
                .summary("Create a version: 201, or 200 with the latest when the definition is identical")
                .description("parent_version, when given, must be the latest version (409 otherwise).")
                .accepts(CreateVersionRequest.class, "{\"compose\":\"services:\\n  web:\\n    image: coremonitor-test/busybox:latest\\n\","
                        + "\"comment\":\"second\",\"author\":\"alice\",\"variables\":{},\"parent_version\":\"v1\"}")
                .build());
        r.add(Route.post("/validate", stacks::validate).tag(stack).returns(ValidationView.class)
                .summary("Check a definition without storing anything: every error and warning with its path, line and"
                        + " column (200 whether it is valid or not)")
                .description("The body of a version creation (comment, author and parent_version are read and ignored)."
                        + " line and column (from 1) are the position of the value at the path in the compose text sent;"
                        + " they are absent when compose is a JSON object. A body that is not JSON or lacks compose is a"
                        + " 400; no Docker is needed.")
                .accepts(CreateVersionRequest.class, "{\"compose\":\"services:\\n  web:\\n    image: nginx:${TAG}\\n"
                        + "    ports: ['8080:80', '99999:80']\\n\",\"variables\":{\"TAG\":\"1.27\"}}").build());
        r.add(Route.get("/stacks/{id}/versions/{version}", stacks::version).tag(stack).returns(VersionView.class)
                .summary("A version with its canonical definition, runtime mapping and status").build());
        r.add(Route.get("/stacks/{id}/versions/{version}/diff", stacks::diff).tag(stack).returns(DiffView.class)
                .summary("Per-service (and network, volume) differences from another version")
                .param("against", "string", "the version to compare with (v1, v2, ...)").build());
        r.add(Route.get("/stacks/{id}/plan/{version}", stacks::plan).tag(stack).returns(PlanView.class)
                .summary("Dry run: what APPLY of this version would create, recreate, remove, keep (needs Docker)")
                .param("profiles", "string", "compose profiles to activate, comma-separated or repeated, as the APPLY's"
                        + " profiles ('*': all)").build());
        r.add(Route.get("/stacks/{id}/status", stacks::status).tag(stack).returns(StatusView.class)
                .summary("Desired and actual state, per service with version, uptime, exit code and drift (needs Docker)")
                .param("detail", "boolean", "also restart counts and exact start times: one inspect per container, in"
                        + " parallel (without it: one Docker list call)").build());
        r.add(Route.get("/stacks/{id}/stats", stacks::stats).tag(stack).returns(ItemsView.class, StatsView.class)
                .summary("Container statistics history (CPU %, memory, network, block I/O), oldest first")
                .param("service", "string", "one service only").param("from", "string", "ISO-8601 start (default: 1 h ago)")
                .param("to", "string", "ISO-8601 end, excluded (default: now)")
                .param("max_points", "integer", "at most this many points per service, averaged buckets (1-1000,"
                        + " default 200)").build());
        r.add(Route.get("/stacks/{id}/containers", stacks::containers).tag(stack).returns(ItemsView.class, ContainerView.class)
                .summary("The stack's containers (needs Docker)").build());
        r.add(Route.get("/stacks/{id}/services/{service}/logs", streamRoutes::serviceLogs).tag(stack)
                .returns(ServiceLogsView.class).produces(SSE)
                .summary("A service's container log lines (stdout and stderr); follow=true streams them as SSE")
                .description("JSON {container_id, items:[{stream, message}]}, or with follow=true a text/event-stream of"
                        + " 'log' events ended by 'end' when the container stops.")
                .param("tail", "string", "how many last lines (0-10000, default 100, or all)")
                .param("follow", "boolean", "stream new lines as SSE").build());
        r.add(Route.post("/stacks/{id}/apply/{version}", stacks::apply).tag(command).status(202).returns(CommandView.class)
                .summary("Enqueue APPLY_STACK_VERSION (503 when Docker is unreachable)")
                .accepts(VersionCommandRequest.class, "{\"auto_rollback\":false,\"profiles\":[\"debug\"],\"recreate_volumes\":false}")
                .build());
        r.add(Route.post("/stacks/{id}/rollback/{version}", stacks::rollback).tag(command).status(202)
                .returns(CommandView.class).summary("Enqueue ROLLBACK_STACK_VERSION (503 when Docker is unreachable)")
                .accepts(VersionCommandRequest.class, "{\"auto_rollback\":false,\"recreate_volumes\":false}").build());
        r.add(Route.post("/stacks/{id}/delete", stacks::delete).tag(command).status(202).returns(CommandView.class)
                .summary("Enqueue DELETE_STACK (503 when Docker is unreachable)")
                .accepts(DeleteStackRequest.class, "{\"remove_volumes\":false}").build());
        for (RuntimeAction action : RuntimeAction.values()) {
            String name = action.wireName();
            r.add(Route.post("/stacks/{id}/actions/" + name, ctx -> stacks.action(ctx, action)).tag(command).status(202)
                    .returns(CommandView.class)
                    .summary("Enqueue RUNTIME_ACTION " + name + " of some services (all when absent; 503 when Docker is"
                            + " unreachable)")
                    .accepts(RuntimeActionRequest.class, "{\"services\":[]}").build());
        }
        declareDeployments(r, command);
        r.add(Route.get("/commands", commands::list).tag(command).returns(PageView.class, CommandView.class)
                .summary("A page of commands, oldest first")
                .param("stack_id", "string", "only this stack's").param("status", "string", "PENDING, RUNNING, DONE,"
                        + " FAILED or CANCELLED").param("type", "string", "the command type")
                .param("limit", "integer", PAGE).param("cursor", "string", "from next_cursor").build());
        r.add(Route.get("/commands/{id}", commands::get).tag(command).returns(CommandView.class).summary("A command").build());
        r.add(Route.get("/commands/{id}/logs", streamRoutes::commandLogs).tag(command)
                .returns(ItemsView.class, LogLineView.class).produces(SSE)
                .summary("A command's log lines; follow=true streams them as SSE until the command ends")
                .description("JSON {items:[{line,timestamp,level,message}]}, or with follow=true a text/event-stream of"
                        + " 'log' events, then one 'end' event carrying the command, then the stream closes.")
                .param("follow", "boolean", "stream as SSE").build());
        r.add(Route.post("/commands/{id}/cancel", commands::cancel).tag(command).returns(CommandView.class)
                .summary("Cancel: 200 CANCELLED (PENDING, FAILED); 202 when a cancel is requested from a RUNNING one;"
                        + " 409 when DONE or CANCELLED").build());
        r.add(Route.post("/commands/{id}/retry", commands::retry).tag(command).returns(CommandView.class)
                .summary("Put a FAILED command back to PENDING at its place, attempt + 1 (409 otherwise)").build());
        declareArtifacts(r);
        declareCatalog(r);
        declareWizardStacks(r);
        declareSecrets(r);
        declareDatabases(r);
        declareGit(r);
        return r;
    }

    private void declareGit(List<Route> r) {
        String git = "git";
        String body = "{\"url\":\"https://git.example.org/team/shop.git\",\"branch\":\"main\",\"path\":\"compose.yaml\","
                + "\"credentials\":{\"username\":\"deploy\",\"token\":\"<token>\"},\"auto_apply\":true}";
        r.add(Route.get("/stacks/{id}/git", gitRoutes::get).tag(git).returns(GitView.class)
                .summary("The repository the stack follows (never its credentials: only whether some are stored) and the"
                        + " last sync: last commit seen, last error, the newest commits that changed the file and what each"
                        + " made, the refused ones with their errors; 404 when it follows none").build());
        r.add(Route.put("/stacks/{id}/git", gitRoutes::put).tag(git).returns(GitView.class)
                .summary("Make the stack follow a git repository (or change how), then sync it at once: the answer's"
                        + " last_error says why that sync failed, the settings staying")
                .description("url: https:// (or http:// and file:// on this machine), without credentials in it; branch"
                        + " (default main); path of the compose file in the repository (default compose.yaml); credentials"
                        + " {username, password or token}, stored encrypted like secrets and never answered nor logged;"
                        + " auto_apply (default false): enqueue an APPLY of each sync's newest version. Changing url,"
                        + " branch or path starts the sync state again. A setting that cannot be used: 422 naming it"
                        + " (git.url, git.branch, git.path, git.credentials.username).")
                .accepts(GitRequest.class, body).build());
        r.add(Route.delete("/stacks/{id}/git", gitRoutes::delete).tag(git).status(204)
                .summary("Stop following the repository (its settings and credentials are deleted; the versions stay);"
                        + " 404 when the stack follows none").build());
        r.add(Route.post("/stacks/{id}/git/sync", gitRoutes::sync).tag(git).open().returns(GitSyncView.class)
                .summary("Sync now (the git host's push webhook): fetch the branch and make a version of each commit"
                        + " since the last sync that changed the file (oldest first); a commit whose file is invalid is"
                        + " refused and recorded; with auto_apply, an APPLY of the newest version made is enqueued")
                .description("Authenticated by " + GitRoutes.SIGNATURE_HEADER + ": sha256=<hex HMAC-SHA256 of the raw"
                        + " body keyed with the server's --git-webhook-secret> (what GitHub, Gitea and Forgejo send; the"
                        + " body itself is not read); a wrong signature, or one when the server has no webhook secret:"
                        + " 403. Without that header the API token is needed (401). The repository cannot be read: 502"
                        + " with the reason, never a credential; 404 when the stack follows no repository.").build());
    }

    private void declareDatabases(List<Route> r) {
        String databases = "databases";
        r.add(Route.post("/databases", databaseRoutes::create).tag(databases).status(201).returns(DatabaseView.class)
                .summary("Create a managed PostgreSQL or MariaDB for a project and answer once a login succeeded: 201 with"
                        + " host, port, database, user, jdbc_url and uri (the password only when generated, this once); 409"
                        + " when the project has one or the port is taken; 422 for a bad field; 502 when it did not start")
                .description("Synchronous: the stack db-<project> is made from the catalog's component (a free host port of"
                        + " --database-ports unless port is given, a password secret db-<project>-db-password, the labels,"
                        + " mem_limit and cpus), its APPLY is queued like any other write, and the request waits for it and"
                        + " then for a real JDBC login over the published port, up to ready_timeout (default"
                        + " --database-ready-timeout). On failure what it made (containers, network, volume, secrets,"
                        + " stack) is removed before the 502. Location: /api/v1/databases/{project}.")
                .accepts(CreateDatabaseRequest.class, "{\"project\":\"shop\",\"engine\":\"postgresql\",\"version\":\"15\","
                        + "\"memory\":\"512m\",\"cpus\":1}").build());
        r.add(Route.get("/databases", databaseRoutes::list).tag(databases).returns(ItemsView.class, DatabaseView.class)
                .summary("The managed databases, by project (read from their stacks; never a password)").build());
        r.add(Route.get("/databases/{project}", databaseRoutes::get).tag(databases).returns(DatabaseView.class)
                .summary("A managed database with its stack's live status (asked of Docker); 404 when the project has"
                        + " none").build());
        r.add(Route.delete("/databases/{project}", databaseRoutes::delete).tag(databases).returns(DatabaseDeletedView.class)
                .summary("Delete a managed database and wait for it: its stack's DELETE command (containers and network;"
                        + " the data volume too with remove_volumes=true), then its secrets; 404 when there is none, 502"
                        + " when the DELETE failed (the secrets are kept then)")
                .param("remove_volumes", "boolean", "also remove the data volume (default false: the data is kept)")
                .build());
        r.add(Route.post("/databases/{project}/backups", databaseRoutes::backup).tag(databases).status(201)
                .returns(ArtifactView.class)
                .summary("Dump the database inside its container (pg_dump / mariadb-dump, gzip) and store the dump as an"
                        + " artifact <project>-<yyyyMMdd-HHmmss>.sql.gz: 201 with the artifact; 502 when the dump failed")
                .build());
        r.add(Route.get("/databases/{project}/backups", databaseRoutes::backups).tag(databases)
                .returns(ItemsView.class, ArtifactView.class)
                .summary("The backups of a project's database: its .sql.gz artifacts, newest first").build());
        r.add(Route.post("/databases/{project}/restore", databaseRoutes::restore).tag(databases).returns(RestoredView.class)
                .summary("Restore a .sql.gz dump artifact into the project's database, in its container (tables the dump"
                        + " holds are replaced); 404 for an unknown artifact, 422 when it is not a dump, 502 when it failed")
                .description("To restore into a new database, create it (POST /databases) and restore into it.")
                .accepts(RestoreDatabaseRequest.class, "{\"artifact\":\"" + "0".repeat(64) + "\"}").build());
    }

    private void declareSecrets(List<Route> r) {
        String secrets = "secrets";
        String neverValue = " The value is never in an answer but where said, nor in a log, an error or an event.";
        r.add(Route.post("/secrets", secretRoutes::create).tag(secrets).status(201).returns(SecretView.class)
                .summary("Store a secret, encrypted (AES-GCM): a given value, or one the server generates (answered in"
                        + " value, this once); global, or of one stack (only that stack may use it); 409 when the name is"
                        + " taken, 422 for a name outside the rule or an unknown stack")
                .description("Location: /api/v1/secrets/{name}. A compose definition uses it with a top-level secrets entry"
                        + " {external: true, name: NAME}." + neverValue)
                .accepts(CreateSecretRequest.class, "{\"name\":\"shop-db-password\",\"generate\":\"password\","
                        + "\"stack\":\"shop\"}").build());
        r.add(Route.get("/secrets", secretRoutes::list).tag(secrets).returns(PageView.class, SecretView.class)
                .summary("A page of secrets by name (metadata, never values)")
                .param("stack", "string", "only the secrets of this stack id")
                .param("limit", "integer", PAGE).param("cursor", "string", "from next_cursor").build());
        r.add(Route.get("/secrets/{name}", secretRoutes::get).tag(secrets).returns(SecretView.class)
                .summary("A secret's metadata (never its value); 404 when there is none").build());
        r.add(Route.put("/secrets/{name}", secretRoutes::replace).tag(secrets).returns(SecretView.class)
                .summary("Replace a secret's value with a given or generated one (a generated one is answered in value,"
                        + " this once); containers get it when they are next created")
                .accepts(ReplaceSecretRequest.class, "{\"generate\":\"hex:32\"}").build());
        r.add(Route.delete("/secrets/{name}", secretRoutes::delete).tag(secrets).status(204)
                .summary("Delete a secret: 204; 404 when there is none. A version that names it fails to apply until"
                        + " it exists again").build());
        r.add(Route.post("/secrets/{name}/reveal", secretRoutes::reveal).tag(secrets).returns(RevealedSecretView.class)
                .summary("A secret's value; the server log records who revealed it (never the value)").build());
    }

    private void declareCatalog(List<Route> r) {
        String catalog = "catalog";
        String wizard = "wizard";
        String choices = "{\"name\":\"shop\",\"components\":[{\"component\":\"tomcat\",\"version\":\"10.1\"},"
                + "{\"name\":\"app\",\"component\":\"application\"},{\"name\":\"db\",\"component\":\"postgresql\","
                + "\"parameters\":{\"database\":\"shop\"}}]}";
        r.add(Route.get("/catalog", catalogRoutes::list).tag(catalog).returns(ItemsView.class, ComponentSummaryView.class)
                .summary("The components the wizard offers (built-in and those of the catalog directory), by id, each with"
                        + " its versions, their images and what they provide").build());
        r.add(Route.get("/catalog/{id}", catalogRoutes::get).tag(catalog).returns(ComponentView.class)
                .summary("A whole component: versions, parameters (type, default, required, pattern, values, generate,"
                        + " secret), what it provides, requires and conflicts with; 404 for an unknown id").build());
        r.add(Route.post("/catalog/reload", catalogRoutes::reload).tag(catalog).returns(CatalogReloadView.class)
                .summary("Read the catalog again (the built-in components and the catalog directory's files): the number"
                        + " of components; 422 naming the file and the field of a file that cannot be used, the catalog"
                        + " in use staying").build());
        r.add(Route.post("/wizard/validate", wizardRoutes::validate).tag(wizard).returns(WizardValidationView.class)
                .summary("Check the wizard's choices against the catalog's rules: every error with its path into the"
                        + " choices and its fix, the warnings and the wiring (200 whether valid or not; stores nothing)")
                .description("Host ports are checked against those the live stacks' current versions publish and, when"
                        + " Docker is a local unix socket, those the host listens on. A malformed body is a 400.")
                .accepts(WizardChoicesRequest.class, choices).build());
        r.add(Route.post("/wizard/preview", wizardRoutes::preview).tag(wizard).returns(WizardPreviewView.class)
                .summary("The validation of the choices, and when they are valid the compose definition they make, the"
                        + " names of its secrets (never their values) and the plan of the new stack (stores nothing)")
                .description("plan is null when the choices have errors or when the definition loader refuses the"
                        + " generated definition: its errors are then warnings at compose.<path>. Without Docker configured"
                        + " there is no plan either (a warning at plan says why).")
                .accepts(WizardChoicesRequest.class, choices).build());
    }

    private void declareWizardStacks(List<Route> r) {
        String wizard = "wizard";
        String secrets = " Secret values are never answered nor logged: a generated one is read with POST /secrets/{name}/reveal.";
        String errors = " Errors of the choices: 422 whose errors[] are those of POST /wizard/validate (path into the"
                + " choices, message, fix, suggestions); a secret name taken by a global secret or another stack's: 409"
                + " naming it (nothing is made); apply with Docker unreachable: 503 (nothing is made).";
        r.add(Route.post("/wizard/stacks", wizardStackRoutes::create).tag(wizard).status(201).returns(WizardStackView.class)
                .summary("Create a stack from the wizard's choices: its secrets (generated or given) in the secret store as"
                        + " the stack's, v1 the generated definition, the choices recorded with it; with apply, also"
                        + " enqueue APPLY of v1")
                .description("Location: /api/v1/stacks/{id}. 409 when a live stack has the name. When storing a secret"
                        + " fails, the secrets stored so far and the stack are deleted again." + errors + secrets)
                .accepts(WizardStackRequest.class, "{\"name\":\"shop\",\"components\":[{\"component\":\"tomcat\","
                        + "\"version\":\"10\",\"parameters\":{\"port\":\"8090\"}},{\"name\":\"app\","
                        + "\"component\":\"application\"},{\"name\":\"db\",\"component\":\"postgresql\","
                        + "\"version\":\"15\"}],\"apply\":true,\"author\":\"alice\",\"comment\":\"first\"}").build());
        r.add(Route.get("/stacks/{id}/wizard", wizardStackRoutes::choices).tag(wizard).returns(WizardChoicesRequest.class)
                .summary("The wizard's choices the stack's newest wizard-made version was generated from (without the"
                        + " values of secret parameters: they are in the secret store); 404 when the wizard made none of"
                        + " its versions").build());
        r.add(Route.post("/stacks/{id}/wizard", wizardStackRoutes::next).tag(wizard).status(201).alsoOk(200)
                .returns(WizardStackView.class)
                .summary("The next version of a stack the wizard made, from its complete new choices (the name stays):"
                        + " 201 the new version, 200 the latest when the definition is the same; with apply, also"
                        + " enqueue its APPLY")
                .description("The secrets the stack has are kept, never generated again (a secret parameter left out"
                        + " takes the stored value; a given value must be the stored one: 422 otherwise); new ones are"
                        + " stored. Host ports the stack's current version publishes are its own. 404 when the stack does"
                        + " not exist, was deleted or was not made by the wizard; 422 for another name; 409 when the"
                        + " latest version changed meanwhile. Location: the version." + errors + secrets)
                .accepts(WizardStackRequest.class, "{\"name\":\"shop\",\"components\":[{\"component\":\"tomcat\","
                        + "\"version\":\"10\",\"parameters\":{\"port\":\"8090\"}},{\"name\":\"app\","
                        + "\"component\":\"application\"},{\"name\":\"db\",\"component\":\"postgresql\","
                        + "\"version\":\"15\"},{\"component\":\"redis\"}],\"apply\":true}").build());
    }

    private void declareDeployments(List<Route> r, String command) {
        String deploys = "deployments";
        r.add(Route.post("/stacks/{id}/deploy", deployRoutes::deploy).tag(command).status(202).returns(CommandView.class)
                .summary("Enqueue DEPLOY_ARTIFACT: an uploaded artifact into a service of the current version that has"
                        + " x-coremonitor-deploy (422 when the service has none, the artifact is unknown or does not fit"
                        + " its target)")
                .description("path is the context path (default: / for nginx, the artifact's file name without extension"
                        + " for tomcat and wildfly); check is the HTTP check that decides success (default: a GET of the"
                        + " path answering 2xx or 3xx; status 0 means any 2xx or 3xx). target_path is the deprecated name"
                        + " of path (both given and different: 400).")
                .accepts(DeployRequest.class, "{\"service\":\"web\",\"artifact\":\"" + "0".repeat(64) + "\","
                        + "\"path\":\"/shop\",\"check\":{\"path\":\"/shop/health\",\"status\":200}}").build());
        r.add(Route.get("/stacks/{id}/deployments", deployRoutes::list).tag(deploys)
                .returns(PageView.class, DeploymentView.class).summary("A page of the stack's deployments, newest first")
                .param("limit", "integer", PAGE).param("cursor", "string", "from next_cursor").build());
        r.add(Route.get("/stacks/{id}/deployments/{number}", deployRoutes::get).tag(deploys).returns(DeploymentView.class)
                .summary("A deployment (its status and error are its DEPLOY_ARTIFACT command's)").build());
        r.add(Route.post("/stacks/{id}/deployments/{number}/redeploy", deployRoutes::redeploy).tag(command).status(202)
                .returns(CommandView.class)
                .summary("Enqueue DEPLOY_ARTIFACT of this deployment's artifact again, at the same path with the same"
                        + " check (an application rollback)").build());
    }

    private void declareArtifacts(List<Route> r) {
        String artifacts = "artifacts";
        r.add(Route.post("/artifacts", artifactRoutes::upload).tag(artifacts).status(201).alsoOk(200).returns(ArtifactView.class)
                .consumes("application/octet-stream", "multipart/form-data")
                .summary("Upload an artifact (.war, .ear, .jar, .zip, .tar.gz, .tgz, .sql.gz: a database dump): 201 when new,"
                        + " 200 with the stored one when these bytes were uploaded before (the first upload's name and uploader are kept)")
                .description("The body is the file itself (any Content-Type but multipart), or a multipart/form-data form"
                        + " whose part 'file' holds it (its file name is the name when ?name= is absent). It is streamed to"
                        + " disk, never held in memory. Larger than the artifact size limit (--artifact-max-size): 413,"
                        + " from the Content-Length before anything is read, or while it is read. An empty, unreadable or"
                        + " unknown file: 422. Location: /api/v1/artifacts/{sha256}.")
                .param("name", "string", "the file name (its extension says what it is); required unless the form's"
                        + " part has one").build());
        r.add(Route.get("/artifacts", artifactRoutes::list).tag(artifacts).returns(PageView.class, ArtifactView.class)
                .summary("A page of uploaded artifacts, newest first")
                .param("limit", "integer", PAGE).param("cursor", "string", "from next_cursor").build());
        r.add(Route.get("/artifacts/{sha256}", artifactRoutes::get).tag(artifacts).returns(ArtifactView.class)
                .summary("An artifact, by the SHA-256 of its bytes").build());
        r.add(Route.delete("/artifacts/{sha256}", artifactRoutes::delete).tag(artifacts).status(204)
                .summary("Delete an artifact and its file: 204; 409 while a deployment references it").build());
        r.add(Route.post("/artifacts/prune", artifactRoutes::prune).tag(artifacts).returns(PruneView.class)
                .summary("Delete the artifacts uploaded longer ago than older_than that no deployment references")
                .accepts(PruneRequest.class, "{\"older_than\":\"30d\"}").build());
    }

    /** Builds the application without starting it. */
    public Javalin create() {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.http.prefer405over404 = true;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(ProblemMapper.jettyErrorHandler()));
            cfg.jsonMapper(new io.javalin.json.JavalinJackson(JsonMapperFactory.create(), false));
            // HTTP server metrics (jetty.server.requests by method, route template as uri, status, outcome), Jetty pool
            cfg.registerPlugin(new MicrometerPlugin(metrics -> metrics.registry = prometheus.registry()));
            Params.registerConverters(cfg.validation);
            ConsoleRoutes.configure(cfg);
            cfg.router.mount(router -> {
                console.mount(router);
                router.before(Route.BASE + "/*", this::authorize);
                routes.stream().filter(route -> route.base().isEmpty())
                        .forEach(route -> router.before(route.fullPath(), this::authorize));
                for (Route route : routes) {
                    router.addHttpHandler(route.method(), route.fullPath(), route.handler());
                }
            });
        });
        ProblemMapper.register(app);
        return app;
    }

    private void authorize(Context ctx) {
        if (PUBLIC_PATHS.contains(ctx.path()) || GitRoutes.isWebhook(ctx)) {
            // the git webhook checks its signature, or the token, itself
            return;
        }
        refusal(ctx).ifPresent(why -> {
            throw new UnauthorizedResponse(why);
        });
    }

    private void session(Context ctx) {
        if (!tokenConfigured) {
            ctx.json(new SessionView("none", true, Optional.empty()));
            return;
        }
        Optional<String> refused = refusal(ctx);
        ctx.json(new SessionView("token", refused.isEmpty(), refused));
    }

    /** Why this request may not call a protected route, if it may not. */
    private Optional<String> refusal(Context ctx) {
        List<byte[]> accepted = new ArrayList<>(2);
        tokenDigest.ifPresent(accepted::add);
        if (METRICS_PATHS.contains(ctx.path())) {
            metricsTokenDigest.ifPresent(accepted::add);
        }
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of("this server needs Authorization: Bearer <token>");
        }
        byte[] given = sha256(header.substring(7).trim());
        if (accepted.stream().noneMatch(digest -> MessageDigest.isEqual(given, digest))) {
            return Optional.of("the bearer token is not valid");
        }
        return Optional.empty();
    }

    private synchronized String openApiJson() {
        if (openApiJson == null) {
            openApiJson = Views.line(OpenApi.document(routes, tokenConfigured));
        }
        return openApiJson;
    }

    private void health(Context ctx) {
        ComponentHealth database = ComponentHealth.database(engine.store().health(),
                engine.store().dialect().name().toLowerCase(Locale.ROOT));
        DockerHealth h = docker.probe();
        ComponentHealth dockerHealth = h.reachable() ? ComponentHealth.up(h.serverVersion().orElse("unknown"))
                : ComponentHealth.down(h.error().orElse("unreachable"));
        ctx.json(HealthReport.of(database, dockerHealth));
    }

    /** Open SSE streams (for tests: they go back to 0 when clients leave). */
    public int openStreams() {
        return streams.openCount();
    }

    /** Whether the Docker event subscription of {@code /events} is open. */
    public boolean watchingDockerEvents() {
        return events.watchingDocker();
    }

    @Override
    public void close() {
        engine.removeListener(events);
        events.close();
        streams.close();
        prometheus.close();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static String readDocsPage() {
        try (InputStream in = HttpApi.class.getResourceAsStream("/coremonitor/docs.html")) {
            if (in == null) {
                return "<!DOCTYPE html><title>Core Monitor</title><p>docs page missing from the jar</p>";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the docs page", e);
        }
    }
}
