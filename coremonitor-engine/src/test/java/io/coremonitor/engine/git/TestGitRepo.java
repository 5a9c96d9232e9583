package io.coremonitor.engine.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real git repository in a directory (JGit, branch {@code main}) that tests commit files into; the engine reads it
 * through {@link #url()} ({@code file://}) or served over HTTP ({@link GitHttpServer}). Shared with the server's tests
 * (engine test-jar).
 */
public final class TestGitRepo implements AutoCloseable {

    private final Path dir;
    private final Git git;

    private TestGitRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    /** A new repository at {@code dir} (created), on branch {@code main}. */
    public static TestGitRepo init(Path dir) {
        try {
            Files.createDirectories(dir);
            return new TestGitRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a file (its parent directories made) and commits it as {@code author <author@example.org>}. */
    public RevCommit commit(String path, String content, String message, String author) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            git.add().addFilepattern(path).call();
            return commitAll(message, author);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes files (their parent directories made) and commits them together. */
    public RevCommit commit(Map<String, String> files, String message, String author) {
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path file = dir.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
                git.add().addFilepattern(f.getKey()).call();
            }
            return commitAll(message, author);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Commits a symbolic link at {@code path} to {@code target}. */
    public RevCommit link(String path, String target, String message, String author) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createSymbolicLink(file, Path.of(target));
            git.add().addFilepattern(path).call();
            return commitAll(message, author);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes a file and commits it. */
    public RevCommit remove(String path, String message, String author) {
        try {
            git.rm().addFilepattern(path).call();
            return commitAll(message, author);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private RevCommit commitAll(String message, String author) throws GitAPIException {
        PersonIdent who = new PersonIdent(author, author.toLowerCase() + "@example.org");
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    /** The {@code file://} URL of the repository. */
    public String url() {
        return dir.toUri().toString();
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        git.close();
    }
}
