package io.coremonitor.server.internal.client;

import static io.coremonitor.server.internal.client.SyntaxTest.assertUsage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSettingsTest {

    @TempDir
    Path home;

    @Test
    void defaultsWithoutAnything() {
        ClientSettings s = ClientSettings.resolve(Optional.empty(), Map.of("HOME", home.toString()), "alice");
        assertThat(s.server()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(s.token()).isEmpty();
        assertThat(s.actor()).isEqualTo("alice");
        assertThat(s.configFile()).isEmpty();
    }

    @Test
    void theFlagWinsOverTheEnvironmentWhichWinsOverTheFile() throws IOException {
        Path file = write(home.resolve(".config/coremonitor/cli.properties"), "server=http://file:1\ntoken=file-token\n"
            + "actor=file-actor\n");
        Map<String, String> env = Map.of("HOME", home.toString());
        ClientSettings fromFile = ClientSettings.resolve(Optional.empty(), env, "alice");
        assertThat(fromFile.configFile()).contains(file);
        assertThat(fromFile.server()).isEqualTo(URI.create("http://file:1"));
        assertThat(fromFile.token()).contains("file-token");
        assertThat(fromFile.actor()).isEqualTo("file-actor");
        Map<String, String> env2 = Map.of("HOME", home.toString(), "COREMONITOR_URL", "http://env:2/",
            "COREMONITOR_TOKEN", "env-token", "COREMONITOR_ACTOR", "ci");
        ClientSettings fromEnv = ClientSettings.resolve(Optional.empty(), env2, "alice");
        assertThat(fromEnv.server()).isEqualTo(URI.create("http://env:2"));
        assertThat(fromEnv.token()).contains("env-token");
        assertThat(fromEnv.actor()).isEqualTo("ci");
        assertThat(ClientSettings.resolve(Optional.of("https://flag:3/api/v1"), env2, "alice").server())
            .isEqualTo(URI.create("https://flag:3"));
    }

    @Test
    void aBlankVariableCountsAsUnsetAndXdgConfigHomeIsRead() throws IOException {
        Path xdg = home.resolve("xdg");
        write(xdg.resolve("coremonitor/cli.properties"), "token=xdg-token\n");
        ClientSettings s = ClientSettings.resolve(Optional.empty(), Map.of("HOME", home.toString(), "XDG_CONFIG_HOME",
            xdg.toString(), "COREMONITOR_TOKEN", " "), "alice");
        assertThat(s.token()).contains("xdg-token");
    }

    @Test
    void aNamedConfigFileMustExistAndHoldOnlyKnownKeys() throws IOException {
        assertUsage(() -> ClientSettings.resolve(Optional.empty(), Map.of("COREMONITOR_CLI_CONFIG",
            home.resolve("nope").toString()), "a"), "COREMONITOR_CLI_CONFIG names " + home.resolve("nope"));
        Path file = write(home.resolve("cli.properties"), "server=http://x:1\ntokn=typo\n");
        assertUsage(() -> ClientSettings.resolve(Optional.empty(), Map.of("COREMONITOR_CLI_CONFIG", file.toString()), "a"),
            "unknown key(s) in " + file + ": tokn");
    }

    @Test
    void aTokenFileOthersCanReadIsWarnedAbout() throws IOException {
        Path file = write(home.resolve("cli.properties"), "token=secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ClientSettings open = ClientSettings.resolve(Optional.empty(), Map.of("COREMONITOR_CLI_CONFIG", file.toString()), "a");
        assertThat(open.warnings()).singleElement().asString().contains("chmod 600");
        assertThat(open.toString()).doesNotContain("secret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(ClientSettings.resolve(Optional.empty(), Map.of("COREMONITOR_CLI_CONFIG", file.toString()), "a")
            .warnings()).isEmpty();
    }

    @Test
    void malformedServersAndActorsAreUsageErrors() {
        assertUsage(() -> ClientSettings.serverUri("localhost:8080"), "'localhost:8080' is not a server URL");
        assertUsage(() -> ClientSettings.serverUri("ftp://h/"), "'ftp://h/' is not a server URL");
        assertUsage(() -> ClientSettings.serverUri("http://h:1/?x=1"), "'http://h:1/?x=1' is not a server URL: it has a query");
        assertThat(ClientSettings.serverUri("http://h:1/prefix/")).isEqualTo(URI.create("http://h:1/prefix"));
        assertUsage(() -> ClientSettings.resolve(Optional.empty(), Map.of("COREMONITOR_ACTOR", "jürgen"), "a"),
            "the actor 'jürgen' cannot be sent");
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
