package io.coremonitor.model;

/**
 * An inclusive range of port numbers; {@code start == end} for a single port.
 *
 * @param start first port, 1-65535
 * @param end   last port, {@code >= start}
 */
public record PortRange(int start, int end) {

    public PortRange {
        if (start < 1 || end > 65535 || end < start) {
            throw new IllegalArgumentException("invalid port range " + start + "-" + end);
        }
    }

    public static PortRange single(int port) {
        return new PortRange(port, port);
    }

    public boolean isSingle() {
        return start == end;
    }

    /** {@code 8080} or {@code 8000-8010}. */
    @Override
    public String toString() {
        return isSingle() ? Integer.toString(start) : start + "-" + end;
    }
}
