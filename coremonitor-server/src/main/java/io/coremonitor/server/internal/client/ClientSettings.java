package io.coremonitor.server.internal.client;

import io.coremonitor.server.ServerConfig;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where the client sends its requests and with what credential, from (first found wins):
 * <ul>
 *   <li>server: {@code --server URL}, {@code COREMONITOR_URL}, the config file's {@code server},
 *       {@code http://localhost:8080} (the server's default port);</li>
 *   <li>token: {@code COREMONITOR_TOKEN} (the variable the server reads its own token from), the config file's
 *       {@code token}; none (a server without a token). There is no flag: a flag shows in the process list;</li>
 *   <li>actor (the {@code X-Actor} header: the commands' {@code created_by}, the versions' author):
 *       {@code COREMONITOR_ACTOR}, the config file's {@code actor}, the login name.</li>
 * </ul>
 * The config file is {@code COREMONITOR_CLI_CONFIG} when set (it must exist), else
 * {@code $XDG_CONFIG_HOME/coremonitor/cli.properties} or {@code ~/.config/coremonitor/cli.properties} when it exists.
 * A Java properties file with the keys {@code server}, {@code token} and {@code actor}; another key is refused. A file
 * holding a token that others can read gets a warning. A blank variable counts as unset.
 *
 * @param server     the server's root URL (without {@code /api/v1})
 * @param token      the bearer token, never printed
 * @param actor      who asks
 * @param configFile the config file read, if any
 * @param warnings   what the user should know (a config file readable by others)
 */
record ClientSettings(URI server, Optional<String> token, String actor, Optional<Path> configFile, List<String> warnings) {

    static final String DEFAULT_SERVER = "http://localhost:" + ServerConfig.DEFAULT_PORT;
    static final Set<String> KEYS = Set.of("server", "token", "actor");

    @Override
    public String toString() {
        return "ClientSettings[server=" + server + ", token=" + (token.isPresent() ? "(set)" : "(none)") + ", actor=" + actor
            + ", configFile=" + configFile + "]";
    }

    /**
     * Resolves the settings.
     *
     * @param serverFlag the {@code --server} value, if given
     * @param env        the environment
     * @param loginName  the login name (the default actor)
     * @throws CliException a usage error for a malformed URL, a config file that is missing (when named), unreadable or
     *                      has an unknown key
     */
    static ClientSettings resolve(Optional<String> serverFlag, Map<String, String> env, String loginName) {
        Optional<Path> file = configFile(env);
        Properties props = file.map(ClientSettings::read).orElseGet(Properties::new);
        List<String> unknown = props.stringPropertyNames().stream().filter(k -> !KEYS.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw CliException.usage("unknown key(s) in " + file.get() + ": " + String.join(", ", unknown)
                + " (known: actor, server, token)");
        }
        String server = serverFlag.or(() -> variable(env, "COREMONITOR_URL"))
            .or(() -> Optional.ofNullable(props.getProperty("server")).map(String::trim).filter(s -> !s.isEmpty()))
            .orElse(DEFAULT_SERVER);
        Optional<String> token = variable(env, "COREMONITOR_TOKEN")
            .or(() -> Optional.ofNullable(props.getProperty("token")).map(String::trim).filter(s -> !s.isEmpty()));
        String actor = variable(env, "COREMONITOR_ACTOR")
            .or(() -> Optional.ofNullable(props.getProperty("actor")).map(String::trim).filter(s -> !s.isEmpty()))
            .orElse(loginName);
        if (!actor.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw CliException.usage("the actor '" + actor + "' cannot be sent as the X-Actor header: use printable ASCII"
                + " (set COREMONITOR_ACTOR)");
        }
        List<String> warnings = new ArrayList<>();
        if (file.isPresent() && props.getProperty("token") != null && readableByOthers(file.get())) {
            warnings.add(file.get() + " holds a token and others can read it: chmod 600 " + file.get());
        }
        return new ClientSettings(serverUri(server), token, actor, file, List.copyOf(warnings));
    }

    private static Optional<String> variable(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Optional<Path> configFile(Map<String, String> env) {
        Optional<String> named = variable(env, "COREMONITOR_CLI_CONFIG");
        if (named.isPresent()) {
            Path p = Path.of(named.get());
            if (!Files.isRegularFile(p)) {
                throw CliException.usage("COREMONITOR_CLI_CONFIG names " + p + ", which is not a file");
            }
            return Optional.of(p);
        }
        Optional<Path> dir = variable(env, "XDG_CONFIG_HOME").map(Path::of)
            .or(() -> variable(env, "HOME").map(h -> Path.of(h, ".config")));
        return dir.map(d -> d.resolve("coremonitor").resolve("cli.properties")).filter(Files::isRegularFile);
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw CliException.usage("cannot read " + file + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw CliException.usage("cannot read " + file + ": " + e.getMessage());
        }
        return p;
    }

    private static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // not a POSIX file system: nothing to say
        }
    }

    /**
     * The server's root URL: {@code http} or {@code https} with a host; a trailing {@code /} or {@code /api/v1} is
     * dropped (both forms are accepted).
     */
    static URI serverUri(String text) {
        String t = text.trim();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.endsWith("/api/v1")) {
            t = t.substring(0, t.length() - "/api/v1".length());
        }
        try {
            URI uri = new URI(t);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw CliException.usage("'" + text + "' is not a server URL: give http://HOST:PORT or https://HOST:PORT");
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                throw CliException.usage("'" + text + "' is not a server URL: it has a query or a fragment");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CliException.usage("'" + text + "' is not a server URL: " + e.getReason());
        }
    }
}
