package io.coremonitor.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a service is reached and resolves names. Build it with {@link #builder()}: several components share a type, and
 * named setters keep them apart.
 *
 * @param ports       port mappings, ranges expanded
 * @param expose      exposed ports, sorted by spelling
 * @param networks    attachments by network key; empty means the stack's default network (unless networkMode is set)
 * @param networkMode bridge, host, none, service:NAME, container:ID
 * @param hostname    host name
 * @param domainname  domain name
 * @param macAddress  MAC address
 * @param extraHosts  /etc/hosts entries
 * @param dns         DNS servers, in order
 * @param dnsSearch   DNS search domains, in order
 * @param dnsOpt      resolver options, in order
 * @param links       {@code links}: services of the stack reachable under an alias (each also a dependency), sorted
 * @param externalLinks {@code external_links}: containers outside the stack reachable under an alias, sorted
 */
public record ServiceNetworking(
        List<PortMapping> ports,
        List<ExposedPorts> expose,
        Map<String, NetworkAttachment> networks,
        Optional<String> networkMode,
        Optional<String> hostname,
        Optional<String> domainname,
        Optional<String> macAddress,
        List<ExtraHost> extraHosts,
        List<String> dns,
        List<String> dnsSearch,
        List<String> dnsOpt,
        List<ContainerLink> links,
        List<ContainerLink> externalLinks) {

    private static final String SERVICE_MODE = "service:";

    public ServiceNetworking {
        ports = List.copyOf(ports);
        expose = List.copyOf(expose);
        networks = ModelCollections.sortedMap(networks);
        Objects.requireNonNull(networkMode, "networkMode");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(domainname, "domainname");
        Objects.requireNonNull(macAddress, "macAddress");
        extraHosts = List.copyOf(extraHosts);
        dns = List.copyOf(dns);
        dnsSearch = List.copyOf(dnsSearch);
        dnsOpt = List.copyOf(dnsOpt);
        links = links.stream().sorted(ContainerLink.ORDER).distinct().toList();
        externalLinks = externalLinks.stream().sorted(ContainerLink.ORDER).distinct().toList();
    }

    /** The services this one links to ({@code links}), each once. */
    public List<String> linkedServices() {
        return links.stream().map(ContainerLink::target).distinct().toList();
    }

    /** The service whose network stack this one shares ({@code network_mode: service:NAME}). */
    public Optional<String> sharedService() {
        return networkMode.filter(m -> m.startsWith(SERVICE_MODE)).map(m -> m.substring(SERVICE_MODE.length()));
    }

    /** A builder with every component empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named setters for {@link ServiceNetworking}. */
    public static final class Builder {
        private List<PortMapping> ports = List.of();
        private List<ExposedPorts> expose = List.of();
        private Map<String, NetworkAttachment> networks = Map.of();
        private Optional<String> networkMode = Optional.empty();
        private Optional<String> hostname = Optional.empty();
        private Optional<String> domainname = Optional.empty();
        private Optional<String> macAddress = Optional.empty();
        private List<ExtraHost> extraHosts = List.of();
        private List<String> dns = List.of();
        private List<String> dnsSearch = List.of();
        private List<String> dnsOpt = List.of();
        private List<ContainerLink> links = List.of();
        private List<ContainerLink> externalLinks = List.of();

        private Builder() {
        }

        public Builder ports(List<PortMapping> value) {
            ports = value;
            return this;
        }

        public Builder expose(List<ExposedPorts> value) {
            expose = value;
            return this;
        }

        public Builder networks(Map<String, NetworkAttachment> value) {
            networks = value;
            return this;
        }

        public Builder networkMode(Optional<String> value) {
            networkMode = value;
            return this;
        }

        public Builder hostname(Optional<String> value) {
            hostname = value;
            return this;
        }

        public Builder domainname(Optional<String> value) {
            domainname = value;
            return this;
        }

        public Builder macAddress(Optional<String> value) {
            macAddress = value;
            return this;
        }

        public Builder extraHosts(List<ExtraHost> value) {
            extraHosts = value;
            return this;
        }

        public Builder dns(List<String> value) {
            dns = value;
            return this;
        }

        public Builder dnsSearch(List<String> value) {
            dnsSearch = value;
            return this;
        }

        public Builder dnsOpt(List<String> value) {
            dnsOpt = value;
            return this;
        }

        public Builder links(List<ContainerLink> value) {
            links = value;
            return this;
        }

        public Builder externalLinks(List<ContainerLink> value) {
            externalLinks = value;
            return this;
        }

        public ServiceNetworking build() {
            return new ServiceNetworking(ports, expose, networks, networkMode, hostname, domainname, macAddress, extraHosts, dns,
                dnsSearch, dnsOpt, links, externalLinks);
        }
    }
}
