package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host's listening ports, read from socket tables like Linux's /proc/net/tcp and /proc/net/tcp6 (fixtures). */
class ListeningPortsTest {

    private static Path fixture(String name) {
        try {
            return Path.of(ListeningPortsTest.class.getResource("/proc/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyListeningSocketsCountWhateverTheirAddress() {
        // tcp: 8080 on every address and 5432 on loopback listen; 41716 is a connection's local end, 3306 a TIME_WAIT
        // tcp6: 80 on every address and 8080 listen; 50000 is a connection's local end
        ListeningPorts ports = new ListeningPorts(List.of(fixture("tcp"), fixture("tcp6")));
        assertThat(ports.inUse()).containsExactly(80, 5432, 8080);
    }

    @Test
    void aMissingTableAddsNothing(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThat(new ListeningPorts(List.of(fixture("tcp"), dir.resolve("tcp6"))).inUse()).containsExactly(5432, 8080);
        assertThat(new ListeningPorts(List.of(dir.resolve("none"))).inUse()).isEmpty();
    }

    @Test
    void malformedLinesAreSkipped() {
        assertThat(ListeningPorts.parse("garbage\n 0: nothex:ZZZZ 0:0 0A\n 1: 00000000:0016 00000000:0000 0A\n")).containsExactly(22);
        assertThat(ListeningPorts.parse("")).isEmpty();
    }

    @Test
    void onlyALocalUnixSocketMakesThePortsKnowable() {
        assertThat(HostPorts.forDocker(URI.create("unix:///var/run/docker.sock"))).isInstanceOf(ListeningPorts.class);
        assertThat(HostPorts.forDocker(URI.create("tcp://docker.example:2376")).inUse()).isEmpty();
    }
}
