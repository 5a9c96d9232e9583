package io.coremonitor.engine.git;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coremonitor.engine.CommandService;
import io.coremonitor.engine.StackService;
import io.coremonitor.engine.git.internal.CommitFiles;
import io.coremonitor.engine.git.internal.GitMirror;
import io.coremonitor.engine.git.internal.Redaction;
import io.coremonitor.engine.git.internal.SettingsCheck;
import io.coremonitor.engine.secrets.SecretService;
import io.coremonitor.engine.secrets.SecretValue;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.model.InvalidDefinitionException;
import io.coremonitor.model.LocatedError;
import io.coremonitor.model.Names;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.model.ValidationReport;
import io.coremonitor.model.VersionConflictException;
import io.coremonitor.store.GitCommitRecord;
import io.coremonitor.store.GitCommitRecord.Outcome;
import io.coremonitor.store.GitFollowRecord;
import io.coremonitor.store.SealedValue;
import io.coremonitor.store.Store;
import io.coremonitor.store.VersionCreation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stacks that follow a git repository: stack = repository, version = commit. A sync fetches the followed branch
 * (JGit, into a bare copy under {@code <data dir>/git}) and takes, oldest first, each first-parent commit since the
 * last one it dealt with whose compose file, or one of the files its definition uses ({@code env_file}, read from the
 * same commit relative to the compose file's directory, see {@link CommitFiles}), differs from the previous one's: a
 * valid definition becomes a version carrying those files (author, message and commit id in its metadata, through
 * {@link StackService#createVersion}, the path every version takes), an invalid one, or a missing compose or required
 * env file, is recorded as refused with its errors (and audited) and makes nothing. With
 * {@code auto_apply}, the newest version a sync made is applied (one APPLY per sync, not one per commit: the
 * intermediate versions would be replaced at once). Credentials are sealed by the {@link SecretService} and never
 * appear in a log line, an exception message or a result. Syncs of one stack take turns; thread-safe.
 */
public final class GitService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GitService.class);
    /** How many commits {@link #following} lists. */
    public static final int LISTED_COMMITS = 20;
    /** How long a fetch may stay without an answer. */
    public static final Duration FETCH_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final StackService stacks;
    private final CommandService commands;
    private final SecretService secrets;
    private final Clock clock;
    private final Path directory;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private ScheduledExecutorService poller;

    /**
     * Built by {@code CoreMonitor}.
     *
     * @param directory where the bare copies of the repositories are kept ({@code <data dir>/git})
     */
    public GitService(Store store, StackService stacks, CommandService commands, SecretService secrets, Clock clock,
            Path directory) {
        this.store = Objects.requireNonNull(store, "store");
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * Checks settings as {@link #createStack} and {@link #follow} do, without storing or fetching anything.
     *
     * @throws InvalidGitSettingsException naming the first field that cannot be used
     */
    public static void check(GitSettings settings) {
        SettingsCheck.check(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Creates a stack whose version {@code v1} is the compose file of the branch's newest commit (with the env files it
     * uses, from the same commit), and makes it follow the repository. Nothing is made when the repository cannot be
     * read or the file is missing or invalid (a missing required env file included).
     * With {@code autoApply}, the APPLY of v1 is enqueued.
     *
     * @throws InvalidGitSettingsException when a setting cannot be used, or the file is not in the newest commit
     * @throws InvalidDefinitionException  when the name, the id or the file's definition is invalid
     * @throws GitSyncFailedException      when the repository cannot be read
     * @throws io.coremonitor.model.DuplicateStackNameException when a live stack has the name
     */
    public Stack createStack(String name, GitSettings settings, String actor, Optional<String> stackId) {
        Objects.requireNonNull(actor, "actor");
        Names.checkStackName(name);
        SettingsCheck.check(settings);
        Path fresh = directory.resolve("new-" + UUID.randomUUID());
        Stack stack;
        String head;
        try (GitMirror mirror = fetch(fresh, settings.url(), settings.branch(), settings.credentials(), redaction(settings))) {
            RevCommit commit = mirror.head();
            head = commit.name();
            ObjectId file = mirror.file(commit, settings.path()).orElseThrow(() -> new InvalidGitSettingsException(
                    "git.path", "'" + settings.path() + "' is not a file of commit " + commit.name() + " on branch "
                            + settings.branch()));
            String text;
            try {
                text = mirror.text(file);
            } catch (GitMirror.FileTooLargeException e) {
                throw new InvalidGitSettingsException("git.path", "'" + settings.path() + "' of commit " + commit.name()
                        + ": " + e.getMessage());
            }
            CommitFiles files = new CommitFiles(mirror, commit, settings.path());
            ValidationReport report = ComposeLoader.validate(text, Map.of(), files);
            if (!report.valid()) {
                throw InvalidDefinitionException.located(report.errors());
            }
            stack = stacks.createStack(name, text, Map.of(), files.read(), author(commit), comment(commit), stackId);
            try {
                store.git().put(stack.stackId(), settings.url(), settings.branch(), settings.path(),
                        settings.autoApply(), seal(stack.stackId(), settings.credentials()), actor);
                String v1 = stack.latestVersion().orElseThrow();
                store.git().recordCommit(record(stack.stackId(), commit, Outcome.VERSION, Optional.of(v1),
                        Optional.empty()));
                store.git().recordSync(stack.stackId(), Optional.of(head), Optional.empty());
            } catch (RuntimeException e) {
                // never leave a stack that does not follow the repository it was made from
                store.stacks().delete(stack.stackId());
                throw e;
            }
        } catch (IOException | UncheckedIOException e) {
            deleteTree(fresh);
            throw new GitSyncFailedException(describe(settings, redaction(settings).apply(e.toString())));
        } catch (RuntimeException e) {
            deleteTree(fresh);
            throw e;
        }
        keep(fresh, mirrorDirectory(stack.stackId()));
        store.audit().append(actor, "GIT_FOLLOWED", Optional.of(stack.stackId()), Optional.empty(), settings.toString());
        LOG.info("git_follow stack={} url={} branch={} path={} head={} by={}", stack.stackId(), settings.url(),
                settings.branch(), settings.path(), head, actor);
        if (settings.autoApply()) {
            commands.apply(stack.stackId(), stack.latestVersion().orElseThrow(), false, actor);
        }
        return stacks.get(stack.stackId());
    }

    /**
     * Makes a live stack follow a repository (or changes its settings), then syncs it. The settings stay stored
     * when the sync fails: its error is in {@link GitFollowing#lastError()}.
     *
     * @throws InvalidGitSettingsException when a setting cannot be used
     * @throws StackNotFoundException      when the stack does not exist or is deleted
     */
    public GitFollowing follow(String stackId, GitSettings settings, String actor) {
        Objects.requireNonNull(actor, "actor");
        SettingsCheck.check(settings);
        liveStack(stackId);
        synchronized (lock(stackId)) {
            store.git().put(stackId, settings.url(), settings.branch(), settings.path(), settings.autoApply(),
                    seal(stackId, settings.credentials()), actor);
        }
        store.audit().append(actor, "GIT_FOLLOWED", Optional.of(stackId), Optional.empty(), settings.toString());
        LOG.info("git_follow stack={} url={} branch={} path={} by={}", stackId, settings.url(), settings.branch(),
                settings.path(), actor);
        try {
            sync(stackId, actor);
        } catch (GitSyncFailedException e) {
            LOG.debug("the first sync of stack {} failed (kept as its last error)", stackId);
        }
        return following(stackId);
    }

    /**
     * Stops following: the settings and credentials are deleted; the versions made stay.
     *
     * @throws GitNotFollowedException when the stack follows no repository
     */
    public void unfollow(String stackId, String actor) {
        Objects.requireNonNull(actor, "actor");
        stacks.get(stackId);
        synchronized (lock(stackId)) {
            if (!store.git().delete(stackId)) {
                throw new GitNotFollowedException(stackId);
            }
            deleteTree(mirrorDirectory(stackId));
        }
        store.audit().append(actor, "GIT_UNFOLLOWED", Optional.of(stackId), Optional.empty(), "");
        LOG.info("git_unfollow stack={} by={}", stackId, actor);
    }

    /**
     * The settings (without credentials) and the sync state.
     *
     * @throws StackNotFoundException  when the stack does not exist
     * @throws GitNotFollowedException when it follows no repository
     */
    public GitFollowing following(String stackId) {
        stacks.get(stackId);
        GitFollowRecord f = store.git().find(stackId).orElseThrow(() -> new GitNotFollowedException(stackId));
        return new GitFollowing(f.stackId(), f.url(), f.branch(), f.path(), f.autoApply(), f.credentials().isPresent(),
                f.createdAt(), f.createdBy(), f.updatedAt(), f.updatedBy(), f.lastSyncAt(), f.lastCommit(),
                f.lastError(), store.git().commits(stackId, Optional.empty(), LISTED_COMMITS),
                store.git().commits(stackId, Optional.of(Outcome.REFUSED), LISTED_COMMITS));
    }

    /** Whether the stack follows a repository. */
    public boolean follows(String stackId) {
        return store.git().find(stackId).isPresent();
    }

    /**
     * Fetches the branch and deals with each commit since the last sync (see the class comment).
     *
     * @param actor who asked (the poller, the webhook, a user): the APPLY of {@code auto_apply} is theirs
     * @throws GitSyncFailedException  when the repository cannot be read (also recorded as the last error)
     * @throws GitNotFollowedException when the stack follows no repository
     * @throws StackNotFoundException  when the stack does not exist or is deleted
     */
    public GitSyncResult sync(String stackId, String actor) {
        Objects.requireNonNull(actor, "actor");
        liveStack(stackId);
        synchronized (lock(stackId)) {
            GitFollowRecord f = store.git().find(stackId).orElseThrow(() -> new GitNotFollowedException(stackId));
            Optional<GitCredentials> credentials = open(f);
            Redaction redaction = redaction(credentials);
            try (GitMirror mirror = fetch(mirrorDirectory(stackId), f.url(), f.branch(), credentials, redaction)) {
                return walk(f, mirror, actor);
            } catch (GitSyncFailedException e) {
                store.git().recordSync(stackId, Optional.empty(), Optional.of(e.getMessage()));
                LOG.warn("git_sync_failed stack={} reason={}", stackId, e.getMessage());
                throw e;
            } catch (IOException | UncheckedIOException | GitMirror.GitReadException e) {
                String reason = describe(f.url(), f.branch(), redaction.apply(e.getMessage()));
                store.git().recordSync(stackId, Optional.empty(), Optional.of(reason));
                LOG.warn("git_sync_failed stack={} reason={}", stackId, reason);
                throw new GitSyncFailedException(reason);
            }
        }
    }

    /** Syncs every followed live stack once; a failure is recorded as that stack's last error and logged. */
    public void syncAll(String actor) {
        for (GitFollowRecord f : store.git().live()) {
            try {
                sync(f.stackId(), actor);
            } catch (GitSyncFailedException e) {
                LOG.debug("stack {}: {}", f.stackId(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("git_poll stack={} failed: {}", f.stackId(), e.toString());
            }
        }
    }

    /**
     * Syncs every followed stack every {@code interval} (the actor is {@code git-poll}), on a thread of its own, until
     * {@link #close()}. A zero interval polls nothing.
     */
    public synchronized void startPolling(Duration interval) {
        if (interval.isZero() || poller != null) {
            return;
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the git poll interval is not negative, got " + interval);
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coremonitor-git-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                syncAll("git-poll");
            } catch (RuntimeException e) {
                LOG.warn("git_poll failed: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("git_poll every {}", interval);
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            try {
                poller.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poller = null;
        }
    }

    private GitSyncResult walk(GitFollowRecord f, GitMirror mirror, String actor) throws IOException {
        String stackId = f.stackId();
        List<RevCommit> steps = mirror.since(f.lastCommit());
        Optional<Inputs> previous = steps.isEmpty() ? Optional.empty()
                : f.lastCommit().flatMap(mirror::commit).map(c -> inputs(mirror, c, f.path()));
        boolean first = previous.isEmpty() || previous.get().compose().isEmpty();
        List<GitCommitRecord> seen = new ArrayList<>();
        Optional<String> made = Optional.empty();
        String dealt = f.lastCommit().orElse(null);
        for (RevCommit commit : steps) {
            Optional<ObjectId> file = mirror.file(commit, f.path());
            boolean changed = first || !previous.get().sameIn(mirror, commit, file);
            first = false;
            if (!changed) {
                dealt = commit.name();
                continue;
            }
            GitCommitRecord record;
            try {
                Taken taken = take(stackId, f, mirror, commit, file);
                record = taken.record();
                previous = Optional.of(taken.inputs());
            } catch (VersionConflictException e) {
                // a version was made meanwhile by someone else: the next sync takes this commit again
                String reason = "commit " + commit.name() + " was not taken: " + e.getMessage();
                store.git().recordSync(stackId, Optional.ofNullable(dealt), Optional.of(reason));
                throw new GitSyncFailedException(reason);
            }
            store.git().recordCommit(record);
            seen.add(record);
            if (record.outcome() == Outcome.VERSION) {
                made = record.version();
            }
            dealt = commit.name();
        }
        String head = mirror.head().name();
        store.git().recordSync(stackId, Optional.of(head), Optional.empty());
        Optional<Long> apply = Optional.empty();
        if (f.autoApply() && made.isPresent()) {
            apply = Optional.of(commands.apply(stackId, made.get(), false, actor).commandId());
        }
        LOG.info("git_sync stack={} head={} commits={} version={} apply={} by={}", stackId, head, seen.size(),
                made.orElse("-"), apply.map(String::valueOf).orElse("-"), actor);
        return new GitSyncResult(stackId, head, seen, made, apply);
    }

    /**
     * What a commit's definition is made of: its compose file and what each repository path its definition looked up
     * ({@code env_file}) was. A later commit changes the definition only if one of them differs in it: with the same
     * compose file the same paths are looked up.
     */
    private record Inputs(Optional<ObjectId> compose, Map<String, Optional<GitMirror.Entry>> files) {

        boolean sameIn(GitMirror mirror, RevCommit commit, Optional<ObjectId> composeThere) throws IOException {
            if (!compose.equals(composeThere)) {
                return false;
            }
            for (Map.Entry<String, Optional<GitMirror.Entry>> e : files.entrySet()) {
                if (!mirror.entry(commit, e.getKey()).equals(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** What a commit made, and what its definition was made of. */
    private record Taken(GitCommitRecord record, Inputs inputs) {
    }

    /** The inputs of the definition of a commit dealt with before (loaded again to know which files it used). */
    private static Inputs inputs(GitMirror mirror, RevCommit commit, String path) {
        try {
            Optional<ObjectId> file = mirror.file(commit, path);
            if (file.isEmpty()) {
                return new Inputs(file, Map.of());
            }
            String text;
            try {
                text = mirror.text(file.get());
            } catch (GitMirror.FileTooLargeException e) {
                return new Inputs(file, Map.of());
            }
            CommitFiles files = new CommitFiles(mirror, commit, path);
            ComposeLoader.validate(text, Map.of(), files);
            return new Inputs(file, files.used());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A commit whose file or files changed: a version, the latest unchanged, or refused. */
    private Taken take(String stackId, GitFollowRecord f, GitMirror mirror, RevCommit commit,
            Optional<ObjectId> file) throws IOException {
        if (file.isEmpty()) {
            return new Taken(refuse(stackId, commit, List.of(error("git.path", "'" + f.path()
                    + "' is not a file of commit " + commit.name() + " (deleted or moved)", Optional.empty()))),
                    new Inputs(file, Map.of()));
        }
        String text;
        try {
            text = mirror.text(file.get());
        } catch (GitMirror.FileTooLargeException e) {
            return new Taken(refuse(stackId, commit, List.of(error("git.path", "'" + f.path() + "': " + e.getMessage(),
                    Optional.empty()))), new Inputs(file, Map.of()));
        }
        CommitFiles files = new CommitFiles(mirror, commit, f.path());
        ValidationReport report = ComposeLoader.validate(text, Map.of(), files);
        Inputs inputs = new Inputs(file, files.used());
        if (!report.valid()) {
            return new Taken(refuse(stackId, commit, report.errors().stream().map(GitService::error).toList()), inputs);
        }
        Optional<String> parent = stacks.get(stackId).latestVersion();
        try {
            VersionCreation creation = stacks.createVersion(stackId, text, Map.of(), files.read(), author(commit),
                    comment(commit), parent);
            return new Taken(record(stackId, commit, creation.created() ? Outcome.VERSION : Outcome.UNCHANGED,
                    Optional.of(creation.version().version()), Optional.empty()), inputs);
        } catch (InvalidDefinitionException e) {
            List<ObjectNode> errors = e.locatedErrors().stream().map(GitService::error).toList();
            return new Taken(refuse(stackId, commit, errors), inputs);
        }
    }

    private GitCommitRecord refuse(String stackId, RevCommit commit, List<ObjectNode> errors) {
        ArrayNode array = JSON.createArrayNode();
        errors.forEach(array::add);
        GitCommitRecord record = record(stackId, commit, Outcome.REFUSED, Optional.empty(), Optional.of(array.toString()));
        store.audit().append(author(commit), "GIT_COMMIT_REFUSED", Optional.of(stackId), Optional.empty(),
                "commit=" + commit.name() + " errors=" + errors.size() + " first=" + errors.get(0).path("path").asText()
                        + ": " + errors.get(0).path("message").asText());
        LOG.info("git_commit_refused stack={} commit={} errors={}", stackId, commit.name(), errors.size());
        return record;
    }

    private GitCommitRecord record(String stackId, RevCommit commit, Outcome outcome, Optional<String> version,
            Optional<String> errors) {
        return new GitCommitRecord(stackId, commit.name(), clock.instant(), author(commit), commit.getFullMessage().strip(),
                outcome, version, errors);
    }

    private static ObjectNode error(LocatedError e) {
        return error(e.error().path(), e.error().message(), e.position().map(p -> new int[] {p.line(), p.column()}));
    }

    private static ObjectNode error(String path, String message, Optional<int[]> position) {
        ObjectNode node = JSON.createObjectNode().put("path", path).put("message", message);
        position.ifPresent(p -> node.put("line", p[0]).put("column", p[1]));
        return node;
    }

    private GitMirror fetch(Path dir, String url, String branch, Optional<GitCredentials> credentials,
            Redaction redaction) {
        Optional<GitMirror.Login> login = credentials.map(c -> new GitMirror.Login(c.username(),
                c.password().asString().toCharArray()));
        try {
            Files.createDirectories(directory);
            return GitMirror.fetch(dir, url, branch, login, FETCH_TIMEOUT);
        } catch (GitMirror.GitReadException e) {
            throw new GitSyncFailedException(describe(url, branch, redaction.apply(e.getMessage())));
        } catch (IOException e) {
            throw new GitSyncFailedException("cannot create " + directory + " for the repositories' copies: " + e);
        }
    }

    private static String describe(GitSettings settings, String reason) {
        return describe(settings.url(), settings.branch(), reason);
    }

    private static String describe(String url, String branch, String reason) {
        return "cannot read branch '" + branch + "' of " + url + ": " + reason;
    }

    /** {@code Name <email>} of the commit's author. */
    static String author(RevCommit commit) {
        PersonIdent who = commit.getAuthorIdent();
        return who.getName() + " <" + who.getEmailAddress() + ">";
    }

    /** The commit's message, then its id on a line of its own. */
    static String comment(RevCommit commit) {
        String message = commit.getFullMessage().strip();
        return (message.isEmpty() ? "" : message + "\n\n") + "git commit " + commit.name();
    }

    private Optional<SealedValue> seal(String stackId, Optional<GitCredentials> credentials) {
        return credentials.map(c -> {
            byte[] user = c.username().getBytes(StandardCharsets.UTF_8);
            byte[] password = c.password().bytes();
            byte[] joined = new byte[user.length + 1 + password.length];
            System.arraycopy(user, 0, joined, 0, user.length);
            System.arraycopy(password, 0, joined, user.length + 1, password.length);
            try {
                return secrets.seal(purpose(stackId), joined);
            } finally {
                Arrays.fill(joined, (byte) 0);
                Arrays.fill(password, (byte) 0);
            }
        });
    }

    private Optional<GitCredentials> open(GitFollowRecord f) {
        return f.credentials().map(sealed -> {
            byte[] joined = secrets.openSealed(purpose(f.stackId()), sealed);
            int nul = 0;
            while (nul < joined.length && joined[nul] != 0) {
                nul++;
            }
            String user = new String(joined, 0, nul, StandardCharsets.UTF_8);
            byte[] password = Arrays.copyOfRange(joined, Math.min(nul + 1, joined.length), joined.length);
            Arrays.fill(joined, (byte) 0);
            return new GitCredentials(user, SecretValue.ofBytes(password));
        });
    }

    private static String purpose(String stackId) {
        return "git:" + stackId;
    }

    private static Redaction redaction(GitSettings settings) {
        return redaction(settings.credentials());
    }

    private static Redaction redaction(Optional<GitCredentials> credentials) {
        return credentials.map(c -> Redaction.of(c.password().asString(), c.username())).orElseGet(Redaction::of);
    }

    private Path mirrorDirectory(String stackId) {
        return directory.resolve(stackId);
    }

    private Object lock(String stackId) {
        return locks.computeIfAbsent(stackId, id -> new Object());
    }

    private Stack liveStack(String stackId) {
        Stack stack = stacks.get(stackId);
        if (stack.deleted()) {
            throw new StackNotFoundException(stackId, "stack " + stackId + " (" + stack.name() + ") was deleted");
        }
        return stack;
    }

    /** The copy fetched for a new stack becomes its copy (the next sync then fetches only what is new). */
    private static void keep(Path fresh, Path target) {
        try {
            if (!Files.exists(target)) {
                Files.move(fresh, target);
                return;
            }
        } catch (IOException e) {
            LOG.warn("cannot keep the copy {} as {}: {}", fresh, target, e.toString());
        }
        deleteTree(fresh);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    LOG.warn("cannot delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.toString());
        }
    }
}
