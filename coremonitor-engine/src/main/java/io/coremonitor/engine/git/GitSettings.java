package io.coremonitor.engine.git;

import java.util.Objects;
import java.util.Optional;

/**
 * How a stack follows a git repository.
 *
 * @param url         the repository: {@code https://}, {@code http://} or {@code file://} (never with a user or password
 *                    in it: those go in {@code credentials})
 * @param branch      the branch followed
 * @param path        the compose file's path in the repository, relative to its root
 * @param autoApply   whether each version made from a commit is applied at once (an APPLY is enqueued)
 * @param credentials the login for a repository that needs one
 */
public record GitSettings(String url, String branch, String path, boolean autoApply,
        Optional<GitCredentials> credentials) {

    /** The branch when none is given. */
    public static final String DEFAULT_BRANCH = "main";
    /** The compose file's path when none is given. */
    public static final String DEFAULT_PATH = "compose.yaml";

    public GitSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** The settings without the credentials' content. */
    @Override
    public String toString() {
        return "GitSettings[url=" + url + ", branch=" + branch + ", path=" + path + ", autoApply=" + autoApply
                + ", credentials=" + (credentials.isPresent() ? "***" : "none") + "]";
    }
}
