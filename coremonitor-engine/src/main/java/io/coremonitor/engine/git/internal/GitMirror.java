package io.coremonitor.engine.git.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A bare local copy of one branch of a repository ({@code <data dir>/git/<stack id>}), fetched with JGit: no git
 * binary is needed. Only the followed branch is fetched, into {@code refs/coremonitor/<branch>}, without tags. Not
 * thread-safe: the caller holds the stack's lock.
 */
public final class GitMirror implements AutoCloseable {

    /** The largest compose file read, in bytes. */
    public static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
    /** How many first-parent commits a sync walks back at most to find the last one it dealt with. */
    public static final int MAX_WALK = 1000;

    private final Repository repository;
    private final RevWalk walk;
    private final RevCommit head;

    private GitMirror(Repository repository, ObjectId head) throws IOException {
        this.repository = repository;
        this.walk = new RevWalk(repository);
        this.head = walk.parseCommit(head);
    }

    /**
     * Fetches the branch into the copy at {@code directory} (made when missing).
     *
     * @throws GitReadException when the repository cannot be read; its message may hold what the transport said
     *                          (the caller redacts it)
     */
    public static GitMirror fetch(Path directory, String url, String branch, Optional<Login> login, Duration timeout) {
        Repository repository = null;
        try {
            repository = new FileRepositoryBuilder().setGitDir(directory.toFile()).setBare().build();
            if (!repository.getObjectDatabase().exists()) {
                repository.create(true);
            }
            String local = "refs/coremonitor/" + branch;
            var fetch = Git.wrap(repository).fetch().setRemote(url).setTagOpt(TagOpt.NO_TAGS)
                    .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + branch + ":" + local))
                    .setTimeout((int) Math.max(1, timeout.toSeconds()));
            login.ifPresent(l -> fetch.setCredentialsProvider(
                    new UsernamePasswordCredentialsProvider(l.username(), l.password())));
            fetch.call();
            ObjectId head = repository.resolve(local);
            if (head == null) {
                throw new GitReadException("the branch '" + branch + "' was not found");
            }
            GitMirror mirror = new GitMirror(repository, head);
            repository = null;
            return mirror;
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (e instanceof GitReadException g) {
                throw g;
            }
            throw new GitReadException(describe(e));
        } finally {
            if (repository != null) {
                repository.close();
            }
        }
    }

    /** The branch's newest commit. */
    public RevCommit head() {
        return head;
    }

    /**
     * The first-parent commits after {@code last} up to the head, oldest first. Just the head when there is no last
     * commit, or when the last one is not among the head's first {@link #MAX_WALK} first-parent ancestors (the branch
     * was rewritten, or moved elsewhere).
     */
    public List<RevCommit> since(Optional<String> last) throws IOException {
        if (last.isEmpty()) {
            return List.of(head);
        }
        ObjectId lastId = ObjectId.fromString(last.get());
        List<RevCommit> chain = new ArrayList<>();
        RevCommit commit = head;
        while (commit != null && chain.size() < MAX_WALK) {
            if (commit.getId().equals(lastId)) {
                Collections.reverse(chain);
                return chain;
            }
            chain.add(commit);
            commit = commit.getParentCount() > 0 ? walk.parseCommit(commit.getParent(0)) : null;
        }
        return List.of(head);
    }

    /** Whether the commit of this id is in the copy. */
    public Optional<RevCommit> commit(String id) {
        try {
            return Optional.of(walk.parseCommit(ObjectId.fromString(id)));
        } catch (MissingObjectException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new GitReadException(describe(e));
        }
    }

    /** The id of the file at {@code path} in a commit; empty when the commit has no such file. */
    public Optional<ObjectId> file(RevCommit commit, String path) throws IOException {
        try (TreeWalk tree = TreeWalk.forPath(repository, path, commit.getTree())) {
            if (tree == null) {
                return Optional.empty();
            }
            FileMode mode = tree.getFileMode(0);
            if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                return Optional.empty();
            }
            return Optional.of(tree.getObjectId(0));
        }
    }

    /**
     * What is at {@code path} in a commit (a file, a directory, a symbolic link or a submodule); empty when the commit
     * has nothing there. The path is relative to the repository's root, normalized.
     */
    public Optional<Entry> entry(RevCommit commit, String path) throws IOException {
        try (TreeWalk tree = TreeWalk.forPath(repository, path, commit.getTree())) {
            if (tree == null) {
                return Optional.empty();
            }
            FileMode mode = tree.getFileMode(0);
            Kind kind;
            if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                kind = Kind.FILE;
            } else if (mode == FileMode.TREE) {
                kind = Kind.DIRECTORY;
            } else if (mode == FileMode.SYMLINK) {
                kind = Kind.SYMLINK;
            } else {
                kind = Kind.SUBMODULE;
            }
            return Optional.of(new Entry(tree.getObjectId(0), kind));
        }
    }

    /**
     * A file's bytes.
     *
     * @throws FileTooLargeException when it has more than {@code max} bytes
     */
    public byte[] bytes(ObjectId file, int max) throws IOException {
        ObjectLoader loader = repository.open(file, Constants.OBJ_BLOB);
        if (loader.getSize() > max) {
            throw new FileTooLargeException("the file has " + loader.getSize() + " bytes, more than " + max);
        }
        return loader.getCachedBytes(max);
    }

    /** A file's text (UTF-8). */
    public String text(ObjectId file) throws IOException {
        ObjectLoader loader = repository.open(file, Constants.OBJ_BLOB);
        if (loader.getSize() > MAX_FILE_BYTES) {
            throw new FileTooLargeException("the file has " + loader.getSize() + " bytes, more than " + MAX_FILE_BYTES
                    + " (a compose file that large is not read)");
        }
        return new String(loader.getCachedBytes(MAX_FILE_BYTES), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        walk.close();
        repository.close();
    }

    /** The messages of an exception and its causes, without repeats. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }

    /** What a path of a commit's tree names. */
    public enum Kind {
        FILE, DIRECTORY, SYMLINK, SUBMODULE
    }

    /**
     * An entry of a commit's tree.
     *
     * @param id   the id of its object (the same content has the same id)
     * @param kind what it is
     */
    public record Entry(ObjectId id, Kind kind) {
    }

    /** A login for the transport. */
    public record Login(String username, char[] password) {

        @Override
        public String toString() {
            return "Login[***]";
        }
    }

    /** The repository could not be fetched or read. */
    public static class GitReadException extends RuntimeException {

        public GitReadException(String message) {
            super(message);
        }
    }

    /** The followed file is larger than {@link #MAX_FILE_BYTES}: the commit is refused, the sync goes on. */
    public static final class FileTooLargeException extends GitReadException {

        public FileTooLargeException(String message) {
            super(message);
        }
    }
}
