package io.coremonitor.server.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP ports this machine listens on, read from Linux's socket tables ({@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}): the local port of every entry in state {@code 0A} (LISTEN), whatever its address. A table
 * that is missing (no IPv6, not Linux) or unreadable adds nothing. Inside a container these are the container's own
 * sockets, not the host's.
 */
final class ListeningPorts implements HostPorts {

    private static final Logger LOG = LoggerFactory.getLogger(ListeningPorts.class);
    private static final String LISTEN = "0A";

    private final List<Path> tables;

    ListeningPorts(List<Path> tables) {
        this.tables = List.copyOf(tables);
    }

    @Override
    public Set<Integer> inUse() {
        Set<Integer> ports = new TreeSet<>();
        for (Path table : tables) {
            try {
                ports.addAll(parse(Files.readString(table, StandardCharsets.US_ASCII)));
            } catch (NoSuchFileException e) {
                LOG.debug("no socket table {}", table);
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot read the socket table {}: {}", table, e.toString());
            }
        }
        return ports;
    }

    /**
     * The listening ports of one table: lines {@code sl local_address rem_address st ...}, the address being
     * {@code HEXADDR:HEXPORT}; the header line and malformed lines are skipped.
     */
    static Set<Integer> parse(String table) {
        Set<Integer> ports = new TreeSet<>();
        for (String line : table.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 4 || !fields[0].endsWith(":") || !LISTEN.equals(fields[3])) {
                continue;
            }
            int colon = fields[1].lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            try {
                int port = Integer.parseInt(fields[1].substring(colon + 1), 16);
                if (port >= 1 && port <= 65535) {
                    ports.add(port);
                }
            } catch (NumberFormatException e) {
                // a malformed line: skipped
            }
        }
        return ports;
    }
}
