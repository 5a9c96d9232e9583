package io.coremonitor.engine.git.internal;

import io.coremonitor.model.DefinitionFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The files a definition of a followed repository uses ({@code env_file}), read from the tree of the commit its compose
 * file comes from: a relative path resolves against the compose file's directory inside the repository, as
 * {@code docker compose} resolves it in a checkout. It records what it was asked for: {@link #read()} are the files of
 * the version (by the path written in the definition, normalized, as {@link DefinitionFiles#sent} keys them), and
 * {@link #used()} what each repository path looked up was in this commit (absent included), so that a later commit can
 * be told to change them or not. An absolute path, a path above the repository's root, a directory, a symbolic link,
 * a submodule, a file that is not UTF-8 text, or files beyond the limits of {@link DefinitionFiles} cannot be read: the
 * loader reports it at the {@code env_file} entry. Used for one load; not thread-safe.
 */
public final class CommitFiles implements DefinitionFiles {

    /** A UTF-8 byte sequence gives at least one Java character per three bytes. */
    private static final int MAX_FILE_BYTES = MAX_FILE_CHARS * 3;

    private final GitMirror mirror;
    private final RevCommit commit;
    private final String composePath;
    private final String base;
    private final Map<String, String> read = new TreeMap<>();
    private final Map<String, Optional<GitMirror.Entry>> used = new TreeMap<>();
    private long total;

    /**
     * @param composePath the compose file's path from the repository's root ({@code deploy/compose.yaml})
     */
    public CommitFiles(GitMirror mirror, RevCommit commit, String composePath) {
        this.mirror = Objects.requireNonNull(mirror, "mirror");
        this.commit = Objects.requireNonNull(commit, "commit");
        this.composePath = Objects.requireNonNull(composePath, "composePath");
        int slash = composePath.lastIndexOf('/');
        this.base = slash < 0 ? "" : composePath.substring(0, slash);
    }

    @Override
    public Optional<String> read(String path) {
        if (path.startsWith("/") || path.matches("^[A-Za-z]:[\\\\/].*")) {
            throw new UnreadableFileException("an absolute path names no file of the repository; write env_file relative"
                    + " to the compose file's directory (./app.env)");
        }
        String key = DefinitionFiles.normalize(path)
                .orElseThrow(() -> new UnreadableFileException("'" + path + "' does not name a file"));
        String inRepository = inRepository(path).orElseThrow(() -> new UnreadableFileException("leaves the repository:"
                + " relative to " + composePath + " it names a file above the repository's root"));
        if (read.containsKey(key)) {
            return Optional.of(read.get(key));
        }
        Optional<GitMirror.Entry> entry;
        try {
            entry = mirror.entry(commit, inRepository);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        used.put(inRepository, entry);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        switch (entry.get().kind()) {
            case DIRECTORY -> throw new UnreadableFileException(inRepository + " is a directory of the repository, not a"
                    + " file");
            case SYMLINK -> throw new UnreadableFileException(inRepository + " is a symbolic link in the repository;"
                    + " links are not followed: commit the file itself");
            case SUBMODULE -> throw new UnreadableFileException(inRepository + " is a submodule, not a file");
            default -> {
                // a file: read below
            }
        }
        String text = text(inRepository, entry.get());
        if (read.size() >= MAX_FILES) {
            throw new UnreadableFileException("more than " + MAX_FILES + " env files are used; at most " + MAX_FILES
                    + " may be kept with a version");
        }
        if (total + text.length() > MAX_TOTAL_CHARS) {
            throw new UnreadableFileException("with the env files read before it, the files have " + (total
                    + text.length()) + " characters together; at most " + MAX_TOTAL_CHARS + " are accepted");
        }
        total += text.length();
        read.put(key, text);
        return Optional.of(text);
    }

    @Override
    public String missing(String path) {
        return inRepository(path).map(p -> p + " is not a file of commit " + commit.name())
                .orElseGet(() -> "'" + path + "' is not in the repository");
    }

    /** The files read, by normalized path as written in the definition: the files of the version. */
    public Map<String, String> read() {
        return Map.copyOf(read);
    }

    /** Each repository path looked up, with what it was in the commit (empty: nothing there). */
    public Map<String, Optional<GitMirror.Entry>> used() {
        return Map.copyOf(used);
    }

    /** The path from the repository's root; empty when it leaves the repository or names nothing. */
    private Optional<String> inRepository(String path) {
        return DefinitionFiles.normalize(base.isEmpty() ? path : base + "/" + path)
                .filter(p -> !p.startsWith("/") && !"..".equals(p) && !p.startsWith("../"));
    }

    private String text(String inRepository, GitMirror.Entry entry) {
        byte[] bytes;
        try {
            bytes = mirror.bytes(entry.id(), MAX_FILE_BYTES);
        } catch (GitMirror.FileTooLargeException e) {
            throw new UnreadableFileException(inRepository + ": " + e.getMessage() + "; at most " + MAX_FILE_CHARS
                    + " characters are accepted");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException(inRepository + " is not UTF-8 text");
        }
        if (text.length() > MAX_FILE_CHARS) {
            throw new UnreadableFileException(inRepository + " has " + text.length() + " characters; at most "
                    + MAX_FILE_CHARS + " are accepted");
        }
        return text;
    }
}
