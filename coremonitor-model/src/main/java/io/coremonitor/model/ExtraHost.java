package io.coremonitor.model;

import java.util.Objects;

/**
 * One {@code extra_hosts} entry (an /etc/hosts line).
 *
 * @param host host name
 * @param ip   address
 */
public record ExtraHost(String host, String ip) {

    public ExtraHost {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(ip, "ip");
    }
}
