package io.coremonitor.docker.internal.translation;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.Ports;
import io.coremonitor.docker.NetworkJoin;
import io.coremonitor.docker.StackNaming;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ContainerLink;
import io.coremonitor.model.ExposedPorts;
import io.coremonitor.model.NetworkAttachment;
import io.coremonitor.model.PortMapping;
import io.coremonitor.model.ServiceNetworking;
import io.coremonitor.model.ServiceSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Translates {@link ServiceNetworking}: published and exposed ports, the network mode or the networks joined (the first
 * at create time, the others returned as {@link NetworkJoin}s), host and domain name, MAC address, extra hosts and DNS.
 * Ports' {@code name}, {@code app_protocol} and {@code mode} are metadata: both modes publish on the engine's host.
 * {@code links} and {@code external_links} become Docker links ({@code container:alias}, as compose v2 sends them) on
 * every network the container joins (the host config's links for the first network or a network mode, the endpoint's
 * links for the others): the alias resolves, from this container only, to the linked service's container (by its
 * name in the stack) or to the external container.
 */
public final class NetworkingTranslator {

    private NetworkingTranslator() {
    }

    /**
     * Fills the draft; returns the networks to join after the create, in connection order.
     *
     * @param stackName  the stack's name (prefix of Docker names)
     * @param definition the whole definition (network keys, the service a {@code service:NAME} mode refers to)
     * @param service    the service's key (its DNS alias on every network)
     */
    public static List<NetworkJoin> translate(String stackName, ComposeDefinition definition, String service,
            ServiceNetworking networking, ContainerDraft draft) {
        ports(networking, draft);
        HostConfig host = draft.host();
        networking.hostname().ifPresent(h -> draft.step(cmd -> cmd.withHostName(h)));
        networking.domainname().ifPresent(d -> draft.step(cmd -> cmd.withDomainName(d)));
        networking.macAddress().ifPresent(m -> draft.step(cmd -> cmd.withMacAddress(m)));
        if (!networking.extraHosts().isEmpty()) {
            host.withExtraHosts(networking.extraHosts().stream().map(h -> h.host() + ":" + h.ip()).toArray(String[]::new));
        }
        if (!networking.dns().isEmpty()) {
            host.withDns(networking.dns());
        }
        if (!networking.dnsSearch().isEmpty()) {
            host.withDnsSearch(networking.dnsSearch());
        }
        if (!networking.dnsOpt().isEmpty()) {
            host.withDnsOptions(networking.dnsOpt());
        }
        return networks(stackName, definition, service, networking, draft);
    }

    /** The networks a service joins, by key, in connection order (priority, higher first, then key). */
    public static List<String> networkKeys(ServiceNetworking networking) {
        if (networking.networkMode().isPresent()) {
            return List.of();
        }
        if (networking.networks().isEmpty()) {
            return List.of(StackNaming.DEFAULT_NETWORK);
        }
        List<String> keys = new ArrayList<>(networking.networks().keySet());
        keys.sort(Comparator.comparing((String k) -> -networking.networks().get(k).priority().orElse(0)).thenComparing(k -> k));
        return keys;
    }

    private static void ports(ServiceNetworking networking, ContainerDraft draft) {
        Set<ExposedPort> exposed = new LinkedHashSet<>();
        Ports bindings = new Ports();
        for (PortMapping p : networking.ports()) {
            ExposedPort port = new ExposedPort(p.target(), InternetProtocol.parse(p.protocol().value()));
            exposed.add(port);
            String ip = p.hostIp().orElse(null);
            Ports.Binding binding = p.published()
                .map(r -> r.isSingle() ? new Ports.Binding(ip, Integer.toString(r.start())) : new Ports.Binding(ip, r.toString()))
                .orElse(new Ports.Binding(ip, null));
            bindings.bind(port, binding);
        }
        for (ExposedPorts e : networking.expose()) {
            InternetProtocol protocol = InternetProtocol.parse(e.protocol().value());
            for (int port = e.ports().start(); port <= e.ports().end(); port++) {
                exposed.add(new ExposedPort(port, protocol));
            }
        }
        if (!exposed.isEmpty()) {
            draft.step(cmd -> cmd.withExposedPorts(new ArrayList<>(exposed)));
        }
        if (!networking.ports().isEmpty()) {
            draft.host().withPortBindings(bindings);
        }
    }

    private static List<NetworkJoin> networks(String stackName, ComposeDefinition definition, String service,
            ServiceNetworking networking, ContainerDraft draft) {
        if (networking.networkMode().isPresent()) {
            String mode = networking.networkMode().get();
            if (networking.sharedService().isPresent()) {
                String other = networking.sharedService().get();
                ServiceSpec otherSpec = definition.services().get(other);
                if (otherSpec == null) {
                    draft.refuse("network_mode: unknown service '" + other + "'");
                    return List.of();
                }
                mode = "container:" + StackNaming.container(stackName, other, otherSpec);
            }
            draft.host().withNetworkMode(mode);
            List<String> links = links(stackName, definition, networking, draft::refuse);
            if (!links.isEmpty()) {
                draft.host().withLinks(links.stream().map(Link::parse).toList());
            }
            return List.of();
        }
        List<NetworkJoin> extra = new ArrayList<>();
        List<String> links = links(stackName, definition, networking, draft::refuse);
        boolean first = true;
        for (String key : networkKeys(networking)) {
            NetworkAttachment a = networking.networks().getOrDefault(key, NetworkAttachment.DEFAULT);
            String path = "networks." + key;
            if (!a.linkLocalIps().isEmpty()) {
                draft.refuse(path + ".link_local_ips: not supported by the Docker client Core Monitor uses");
            }
            if (!a.driverOpts().isEmpty()) {
                draft.refuse(path + ".driver_opts: needs Docker API 1.44; the supported engine speaks 1.41");
            }
            if (a.gwPriority().isPresent()) {
                draft.refuse(path + ".gw_priority: needs Docker API 1.48; the supported engine speaks 1.41");
            }
            if (a.interfaceName().isPresent()) {
                draft.refuse(path + ".interface_name: needs Docker API 1.49; the supported engine speaks 1.41");
            }
            List<String> aliases = new ArrayList<>();
            aliases.add(service);
            a.aliases().stream().filter(x -> !x.equals(service)).forEach(aliases::add);
            String dockerName = StackNaming.network(stackName, definition, key);
            if (first) {
                first = false;
                draft.host().withNetworkMode(dockerName);
                draft.step(cmd -> cmd.withAliases(aliases));
                if (!links.isEmpty()) {
                    draft.host().withLinks(links.stream().map(Link::parse).toList());
                }
                a.ipv4Address().ifPresent(ip -> draft.step(cmd -> cmd.withIpv4Address(ip)));
                a.ipv6Address().ifPresent(ip -> draft.step(cmd -> cmd.withIpv6Address(ip)));
                if (a.macAddress().isPresent()) {
                    if (networking.macAddress().isPresent()) {
                        draft.refuse(path + ".mac_address: conflicts with the service's mac_address");
                    } else {
                        String mac = a.macAddress().get();
                        draft.step(cmd -> cmd.withMacAddress(mac));
                    }
                }
            } else {
                extra.add(new NetworkJoin(dockerName, aliases, a.ipv4Address(), a.ipv6Address(), a.macAddress(), links));
            }
        }
        return extra;
    }

    /**
     * How a service joins the network of {@code key} (its aliases: the service name first, its addresses, its MAC
     * address): what reconnects a kept container to a network that was recreated. Empty when the service does not join
     * it (a {@code network_mode}, or another network).
     */
    public static Optional<NetworkJoin> join(String stackName, ComposeDefinition definition, String service, String key) {
        ServiceNetworking networking = definition.services().get(service).networking();
        if (!networkKeys(networking).contains(key)) {
            return Optional.empty();
        }
        NetworkAttachment a = networking.networks().getOrDefault(key, NetworkAttachment.DEFAULT);
        List<String> aliases = new ArrayList<>();
        aliases.add(service);
        a.aliases().stream().filter(x -> !x.equals(service)).forEach(aliases::add);
        // the service's own mac_address is set at create time, on the first network it joins
        Optional<String> mac = networkKeys(networking).get(0).equals(key) ? a.macAddress().or(networking::macAddress) : a.macAddress();
        return Optional.of(new NetworkJoin(StackNaming.network(stackName, definition, key), aliases, a.ipv4Address(),
            a.ipv6Address(), mac, links(stackName, definition, networking, reason -> { })));
    }

    /** {@code container:alias} of each link: a service's container by its name in the stack, an external one as written. */
    private static List<String> links(String stackName, ComposeDefinition definition, ServiceNetworking networking,
            Consumer<String> refuse) {
        List<String> out = new ArrayList<>();
        for (ContainerLink link : networking.links()) {
            ServiceSpec target = definition.services().get(link.target());
            if (target == null) {
                refuse.accept("links: unknown service '" + link.target() + "'");
                continue;
            }
            out.add(StackNaming.container(stackName, link.target(), target) + ":" + link.alias());
        }
        networking.externalLinks().forEach(link -> out.add(link.target() + ":" + link.alias()));
        return out;
    }
}
