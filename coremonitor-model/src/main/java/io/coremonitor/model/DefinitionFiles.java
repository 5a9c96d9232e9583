package io.coremonitor.model;

import io.coremonitor.model.internal.DirectoryFiles;
import io.coremonitor.model.internal.Paths;
import io.coremonitor.model.internal.SentFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files a definition refers to ({@code env_file:}), by the path written in the YAML. A stored version has no
 * directory beside it: its files travel with it ({@link #sent}, the {@code "files"} of a request, kept with the
 * version); {@code config} reads them from the compose file's directory ({@link #directory}), as {@code docker compose}
 * does. Paths are compared after {@link #normalize}: {@code ./app.env}, {@code app.env} and {@code conf/../app.env}
 * are the same file.
 */
public interface DefinitionFiles {

    /** Most files a version may carry. */
    int MAX_FILES = 64;
    /** Largest file, in characters. */
    int MAX_FILE_CHARS = 256 * 1024;
    /** Largest total of all files, in characters. */
    int MAX_TOTAL_CHARS = 1024 * 1024;

    /**
     * The text of the file at this path, as written in the definition (after interpolation); empty when there is no
     * such file.
     *
     * @throws UnreadableFileException when the file exists but cannot be read
     */
    Optional<String> read(String path);

    /** Why the file at this path is missing, for the error: it completes {@code env file 'x' not found}. */
    String missing(String path);

    /** No file at all (a definition sent without {@code "files"}). */
    static DefinitionFiles none() {
        return new SentFiles(Map.of());
    }

    /**
     * Files sent with a definition, keyed by relative path ({@code ./app.env}); the keys are normalized.
     *
     * @throws InvalidDefinitionException (paths {@code files["<key>"]}) for an absolute or empty path, two keys naming
     *                                    the same file, more than {@link #MAX_FILES} files, a file larger than
     *                                    {@link #MAX_FILE_CHARS} or all together larger than {@link #MAX_TOTAL_CHARS}
     */
    static DefinitionFiles sent(Map<String, String> files) {
        return new SentFiles(checked(files));
    }

    /** The files of a directory, as {@code config} reads them: relative paths resolve against it. */
    static DefinitionFiles directory(Path dir) {
        return new DirectoryFiles(dir);
    }

    /**
     * The normalized form of a relative path: {@code .} segments and empty segments dropped, {@code dir/..} folded,
     * leading {@code ..} kept ({@code ./a/../b.env} → {@code b.env}). An absolute path is normalized the same way and
     * keeps its leading {@code /}. Empty when nothing names a file ({@code ""}, {@code .}, {@code a/..}).
     */
    static Optional<String> normalize(String path) {
        boolean absolute = path.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || ".".equals(segment)) {
                continue;
            }
            if ("..".equals(segment) && !out.isEmpty() && !"..".equals(out.get(out.size() - 1))) {
                out.remove(out.size() - 1);
            } else if (!("..".equals(segment) && absolute)) {
                out.add(segment);
            }
        }
        if (out.isEmpty() || "..".equals(out.get(out.size() - 1))) {
            return Optional.empty();
        }
        return Optional.of((absolute ? "/" : "") + String.join("/", out));
    }

    /**
     * Checks and normalizes the files of a request; the map answered is sorted by path.
     *
     * @throws InvalidDefinitionException with every problem found
     */
    static Map<String, String> checked(Map<String, String> files) {
        List<ValidationError> errors = new ArrayList<>();
        Map<String, String> out = new TreeMap<>();
        Map<String, String> keyOf = new TreeMap<>();
        long total = 0;
        if (files.size() > MAX_FILES) {
            errors.add(new ValidationError("files", "at most " + MAX_FILES + " files may be sent with a definition, got "
                + files.size()));
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            String key = e.getKey();
            String path = Paths.key("files", key);
            Optional<String> normal = normalize(key);
            if (key.startsWith("/") || key.matches("^[A-Za-z]:[\\\\/].*")) {
                errors.add(new ValidationError(path, "'" + key + "' is an absolute path; send files by the relative path"
                    + " written in env_file (./app.env)"));
                continue;
            }
            if (normal.isEmpty()) {
                errors.add(new ValidationError(path, "'" + key + "' does not name a file"));
                continue;
            }
            String content = e.getValue();
            if (content.length() > MAX_FILE_CHARS) {
                errors.add(new ValidationError(path, "the file has " + content.length() + " characters; at most "
                    + MAX_FILE_CHARS + " are accepted"));
            }
            total += content.length();
            String earlier = keyOf.putIfAbsent(normal.get(), key);
            if (earlier != null) {
                errors.add(new ValidationError(path, "'" + key + "' and '" + earlier + "' are the same file ("
                    + normal.get() + ")"));
                continue;
            }
            out.put(normal.get(), content);
        }
        if (total > MAX_TOTAL_CHARS) {
            errors.add(new ValidationError("files", "the files have " + total + " characters together; at most "
                + MAX_TOTAL_CHARS + " are accepted"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        return out;
    }

    /** A file that exists but cannot be read (a directory, no permission, not UTF-8). */
    final class UnreadableFileException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public UnreadableFileException(String message) {
            super(message);
        }
    }
}
