package io.coremonitor.model.internal;

import io.coremonitor.model.ContainerLink;
import io.coremonitor.model.ExtraHost;
import io.coremonitor.model.NetworkAttachment;
import io.coremonitor.model.ServiceNetworking;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a service's {@link ServiceNetworking}: ports and expose (through {@link PortConverter}), networks, names, DNS,
 * {@code links} and {@code external_links}.
 */
final class NetworkingConverter {

    private final Values v;
    private final PortConverter ports;
    private final Map<Object, String> origins;

    NetworkingConverter(Values v, Map<Object, String> origins) {
        this.v = v;
        this.origins = origins;
        this.ports = new PortConverter(v, origins);
    }

    ServiceNetworking networking(Map<String, Object> s, String path) {
        ServiceNetworking.Builder b = ServiceNetworking.builder()
            .ports(ports.ports(s.get("ports"), Paths.key(path, "ports")))
            .expose(ports.expose(s, path))
            .networks(serviceNetworks(s.get("networks"), Paths.key(path, "networks")));
        Optional<String> networkMode = v.string(s, path, "network_mode");
        if (networkMode.isPresent() && s.containsKey("networks")) {
            v.error(Paths.key(path, "network_mode"), "cannot be combined with 'networks' (use one or the other)");
        }
        return b.networkMode(networkMode)
            .hostname(v.string(s, path, "hostname"))
            .domainname(v.string(s, path, "domainname"))
            .macAddress(v.string(s, path, "mac_address"))
            .extraHosts(extraHosts(s.get("extra_hosts"), Paths.key(path, "extra_hosts")))
            .dns(v.strings(s, path, "dns", true))
            .dnsSearch(v.strings(s, path, "dns_search", true))
            .dnsOpt(v.strings(s, path, "dns_opt", false))
            .links(links(s.get("links"), Paths.key(path, "links")))
            .externalLinks(links(s.get("external_links"), Paths.key(path, "external_links")))
            .build();
    }

    /** {@code links} / {@code external_links}: {@code NAME} or {@code NAME:ALIAS}. */
    private List<ContainerLink> links(Object value, String path) {
        List<ContainerLink> out = new ArrayList<>();
        List<?> list = v.list(value, path);
        for (int i = 0; i < list.size(); i++) {
            String p = Paths.index(path, i);
            if (!(list.get(i) instanceof String text)) {
                v.error(p, "must be a string, not " + TreeTypes.describe(list.get(i)));
                continue;
            }
            String[] parts = text.split(":", -1);
            if (parts.length > 2 || parts[0].isEmpty() || parts.length == 2 && parts[1].isEmpty()) {
                v.error(p, "'" + text + "' is not a link (write NAME or NAME:ALIAS)");
                continue;
            }
            ContainerLink link = new ContainerLink(parts[0], parts.length == 2 ? parts[1] : parts[0]);
            origins.put(link, p);
            out.add(link);
        }
        return out;
    }

    private Map<String, NetworkAttachment> serviceNetworks(Object value, String path) {
        Map<String, NetworkAttachment> out = new LinkedHashMap<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof String name) {
                    out.put(name, NetworkAttachment.DEFAULT);
                } else {
                    v.error(Paths.index(path, i), "must be a network name, not " + TreeTypes.describe(list.get(i)));
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = (String) e.getKey();
                String p = Paths.key(path, name);
                Map<String, Object> a = v.mapping(e.getValue(), p);
                out.put(name, new NetworkAttachment(
                    v.strings(a, p, "aliases", false),
                    v.string(a, p, "ipv4_address"),
                    v.string(a, p, "ipv6_address"),
                    v.string(a, p, "mac_address"),
                    v.strings(a, p, "link_local_ips", false),
                    v.intInRange(a, p, "priority", Integer.MIN_VALUE, Integer.MAX_VALUE),
                    v.intInRange(a, p, "gw_priority", Integer.MIN_VALUE, Integer.MAX_VALUE),
                    v.scalarMap(a, p, "driver_opts"),
                    v.string(a, p, "interface_name")));
            }
        } else if (value != null) {
            v.error(path, "must be a list or a mapping, not " + TreeTypes.describe(value));
        }
        return out;
    }

    private List<ExtraHost> extraHosts(Object value, String path) {
        List<ExtraHost> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                String p = Paths.index(path, i);
                if (!(item instanceof String entry)) {
                    v.error(p, "must be a 'host:ip' string, not " + TreeTypes.describe(item));
                    continue;
                }
                int sep = entry.indexOf('=') >= 0 ? entry.indexOf('=') : entry.indexOf(':');
                if (sep <= 0 || sep == entry.length() - 1) {
                    v.error(p, "'" + entry + "' is not a host entry (write host:ip or host=ip)");
                    continue;
                }
                out.add(new ExtraHost(entry.substring(0, sep), stripBrackets(entry.substring(sep + 1))));
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String host = (String) e.getKey();
                Object ips = e.getValue();
                if (ips instanceof List<?> list) {
                    for (Object ip : list) {
                        out.add(new ExtraHost(host, stripBrackets(String.valueOf(ip))));
                    }
                } else if (ips instanceof String ip && !ip.isEmpty()) {
                    out.add(new ExtraHost(host, stripBrackets(ip)));
                } else {
                    v.error(Paths.key(path, host), "must be an IP address or a list of them");
                }
            }
        } else if (value != null) {
            v.error(path, "must be a list or a mapping, not " + TreeTypes.describe(value));
        }
        out.sort(Comparator.comparing(ExtraHost::host).thenComparing(ExtraHost::ip));
        return out;
    }

    private static String stripBrackets(String ip) {
        return ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    }
}
