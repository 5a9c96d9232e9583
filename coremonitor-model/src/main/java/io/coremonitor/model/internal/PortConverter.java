package io.coremonitor.model.internal;

import io.coremonitor.model.ExposedPorts;
import io.coremonitor.model.PortMapping;
import io.coremonitor.model.PortRange;
import io.coremonitor.model.Protocol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads {@code ports} (short and long syntax, ranges expanded into one mapping per container port) and {@code expose}.
 * Remembers where each port mapping came from, for the semantic checks.
 */
final class PortConverter {

    private final Values v;
    private final Map<Object, String> origins;

    PortConverter(Values v, Map<Object, String> origins) {
        this.v = v;
        this.origins = origins;
    }

    List<PortMapping> ports(Object value, String path) {
        List<PortMapping> out = new ArrayList<>();
        List<?> list = v.list(value, path);
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String p = Paths.index(path, i);
            List<PortMapping> mappings;
            if (item instanceof Long || item instanceof String) {
                mappings = shortPort(Values.scalarText(item), p);
            } else if (item instanceof Map) {
                mappings = longPort(v.mapping(item, p), p);
            } else {
                v.error(p, "must be a port (\"8080:80\") or a mapping, not " + TreeTypes.describe(item));
                continue;
            }
            for (PortMapping m : mappings) {
                origins.put(m, p);
                out.add(m);
            }
        }
        out.sort(Comparator.comparingInt(PortMapping::target)
            .thenComparing(m -> m.protocol().value())
            .thenComparing(m -> m.hostIp().orElse(""))
            .thenComparing(m -> m.published().map(r -> r.start()).orElse(0))
            .thenComparing(m -> m.published().map(r -> r.end()).orElse(0))
            .thenComparing(PortMapping::mode)
            .thenComparing(m -> m.name().orElse(""))
            .thenComparing(m -> m.appProtocol().orElse("")));
        return out;
    }

    private List<PortMapping> shortPort(String text, String path) {
        String spec = text.trim();
        Protocol protocol = Protocol.TCP;
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            Optional<Protocol> p = protocol(spec.substring(slash + 1));
            if (p.isEmpty()) {
                v.error(path, "'" + spec.substring(slash + 1) + "' is not a protocol (use tcp, udp or sctp)");
                return List.of();
            }
            protocol = p.get();
            spec = spec.substring(0, slash);
        }
        String ip = null;
        String rest = spec;
        if (spec.startsWith("[")) {
            int close = spec.indexOf("]:");
            if (close < 0) {
                v.error(path, "'" + text + "' is not a port mapping (expected [IPv6]:HOST:CONTAINER)");
                return List.of();
            }
            ip = spec.substring(1, close);
            rest = spec.substring(close + 2);
        }
        String[] parts = rest.split(":", -1);
        String host;
        String container;
        if (ip == null && parts.length == 3) {
            ip = parts[0];
            host = parts[1];
            container = parts[2];
        } else if (parts.length == 2) {
            host = parts[0];
            container = parts[1];
        } else if (parts.length == 1) {
            host = "";
            container = parts[0];
        } else {
            v.error(path, "'" + text + "' is not a port mapping (expected [HOST_IP:][HOST:]CONTAINER[/PROTOCOL];"
                + " put IPv6 addresses in brackets)");
            return List.of();
        }
        Optional<PortRange> targets = range(container, path, text);
        Optional<PortRange> published = host.isEmpty() ? Optional.empty() : range(host, path, text);
        if (targets.isEmpty() || !host.isEmpty() && published.isEmpty()) {
            return List.of();
        }
        return expand(targets.get(), published, ip == null || ip.isEmpty() ? Optional.empty() : Optional.of(ip), protocol,
            "ingress", Optional.empty(), Optional.empty(), path);
    }

    private List<PortMapping> expand(PortRange targets, Optional<PortRange> published, Optional<String> hostIp, Protocol protocol,
            String mode, Optional<String> name, Optional<String> appProtocol, String path) {
        int count = targets.end() - targets.start() + 1;
        List<PortMapping> out = new ArrayList<>();
        if (count == 1) {
            out.add(new PortMapping(targets.start(), published, hostIp, protocol, mode, name, appProtocol));
            return out;
        }
        if (published.isPresent() && published.get().end() - published.get().start() + 1 != count) {
            v.error(path, "the host range " + published.get() + " and the container range " + targets + " have different sizes");
            return out;
        }
        for (int k = 0; k < count; k++) {
            int offset = k;
            out.add(new PortMapping(targets.start() + k, published.map(r -> PortRange.single(r.start() + offset)), hostIp, protocol,
                mode, name, appProtocol));
        }
        return out;
    }

    private Optional<PortRange> range(String text, String path, String whole) {
        String t = text.trim();
        if (!t.matches("[0-9]{1,5}(-[0-9]{1,5})?")) {
            v.error(path, "'" + whole + "' is not a port mapping: '" + t + "' is not a port number or range");
            return Optional.empty();
        }
        int dash = t.indexOf('-');
        int start = Integer.parseInt(dash < 0 ? t : t.substring(0, dash));
        int end = dash < 0 ? start : Integer.parseInt(t.substring(dash + 1));
        if (start < 1 || start > 65535 || end < 1 || end > 65535) {
            v.error(path, "port " + (start < 1 || start > 65535 ? start : end) + " is out of range (1-65535)");
            return Optional.empty();
        }
        if (end < start) {
            v.error(path, "the port range " + t + " ends before it starts");
            return Optional.empty();
        }
        return Optional.of(new PortRange(start, end));
    }

    private List<PortMapping> longPort(Map<String, Object> m, String path) {
        Object target = m.get("target");
        Optional<PortRange> targets = target == null ? Optional.empty() : range(Values.scalarText(target), Paths.key(path, "target"),
            Values.scalarText(target));
        if (target == null) {
            v.error(path, "missing required key 'target'");
        }
        Optional<PortRange> published = Optional.empty();
        Object pub = m.get("published");
        if (pub != null && !"".equals(pub)) {
            published = range(Values.scalarText(pub), Paths.key(path, "published"), Values.scalarText(pub));
            if (published.isEmpty()) {
                return List.of();
            }
        }
        Optional<Protocol> protocol = protocol(v.string(m, path, "protocol").orElse("tcp"));
        if (protocol.isEmpty()) {
            v.error(Paths.key(path, "protocol"), "must be tcp, udp or sctp");
            return List.of();
        }
        if (targets.isEmpty()) {
            return List.of();
        }
        Optional<String> hostIp = v.string(m, path, "host_ip").filter(s -> !s.isEmpty());
        return expand(targets.get(), published, hostIp, protocol.get(), v.string(m, path, "mode").orElse("ingress"),
            v.string(m, path, "name"), v.string(m, path, "app_protocol"), path);
    }

    private static Optional<Protocol> protocol(String text) {
        for (Protocol p : Protocol.values()) {
            if (p.value().equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    List<ExposedPorts> expose(Map<String, Object> s, String path) {
        List<String> raw = v.strings(s, path, "expose", false);
        Map<String, ExposedPorts> out = new TreeMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String e = raw.get(i).trim();
            String p = Paths.index(Paths.key(path, "expose"), i);
            String[] parts = e.split("/", -1);
            Optional<Protocol> protocol = parts.length == 2 ? protocol(parts[1]) : Optional.of(Protocol.TCP);
            if (parts.length > 2 || protocol.isEmpty()) {
                v.error(p, "'" + e + "' is not a port (write 3000, 3000-3005 or 53/udp)");
                continue;
            }
            String spelling = parts.length == 2 ? parts[0] + "/" + parts[1].toLowerCase(Locale.ROOT) : parts[0];
            range(parts[0], p, e).ifPresent(r -> out.put(spelling, new ExposedPorts(r, protocol.get(), spelling)));
        }
        return new ArrayList<>(out.values());
    }
}
