package io.coremonitor.engine.git.internal;

import io.coremonitor.engine.git.GitSettings;
import io.coremonitor.engine.git.InvalidGitSettingsException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/** Checks git settings before anything is stored; each refusal names its field ({@code git.url}, ...). */
public final class SettingsCheck {

    private static final Set<String> SCHEMES = Set.of("https", "http", "file");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private SettingsCheck() {
    }

    /** @throws InvalidGitSettingsException naming the first field that cannot be used */
    public static void check(GitSettings settings) {
        url(settings.url());
        if (settings.branch().isBlank() || !Repository.isValidRefName(Constants.R_HEADS + settings.branch())) {
            throw new InvalidGitSettingsException("git.branch", "'" + settings.branch() + "' is not a branch name");
        }
        path(settings.path());
        settings.credentials().ifPresent(c -> {
            if (c.username().isBlank() || c.username().chars().anyMatch(ch -> ch < 0x20)) {
                throw new InvalidGitSettingsException("git.credentials.username",
                        "the user name is required and has no control character");
            }
            if (c.password().length() == 0) {
                throw new InvalidGitSettingsException("git.credentials.password",
                        "a password or a token is required with a user name");
            }
            URI uri = URI.create(settings.url());
            if ("http".equalsIgnoreCase(uri.getScheme()) && !LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
                throw new InvalidGitSettingsException("git.url", "credentials are only sent over https:// (or http:// to"
                        + " this machine): the URL is http://, which would send them in clear");
            }
        });
    }

    private static void url(String url) {
        if (url.isBlank()) {
            throw new InvalidGitSettingsException("git.url", "the repository URL is required");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidGitSettingsException("git.url", "'" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new InvalidGitSettingsException("git.url", "the repository URL must be https://, http:// or file://"
                    + " (ssh is not supported: use https with a token in git.credentials)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidGitSettingsException("git.url", "the URL holds a user or a password: give them in"
                    + " git.credentials, where they are stored encrypted");
        }
        if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isBlank())) {
            throw new InvalidGitSettingsException("git.url", "the URL has no host");
        }
    }

    private static void path(String path) {
        if (path.isBlank() || path.startsWith("/") || path.endsWith("/") || path.contains("\\")
                || path.chars().anyMatch(ch -> ch < 0x20)) {
            throw new InvalidGitSettingsException("git.path", "'" + path + "' is not a file path relative to the"
                    + " repository's root (such as compose.yaml or deploy/compose.yaml)");
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.equals(".git")) {
                throw new InvalidGitSettingsException("git.path", "'" + path + "' has an empty, '.', '..' or '.git'"
                        + " part: give the file's plain path from the repository's root");
            }
        }
    }
}
