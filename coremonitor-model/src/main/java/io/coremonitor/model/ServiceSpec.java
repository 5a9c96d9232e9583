package io.coremonitor.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One service of a definition, every compose key typed. Collections are never null (empty when absent); set-like lists
 * (ports, expose, volumes, cap_add, ...) are sorted so that equal meanings give equal records; order-significant lists
 * (command, entrypoint, dns, dns_search, healthcheck test) keep their order. Keys are named after the compose keys.
 *
 * @param image           the image to run (required: Core Monitor does not build)
 * @param command         command override; present-and-empty means "override with nothing"
 * @param entrypoint      entrypoint override
 * @param environment     variables; an empty value means "declared without a value and not set" (compose's {@code - KEY})
 * @param ports           port mappings, ranges expanded
 * @param expose          exposed ports ({@code 3000}, {@code 3000-3005}, {@code 53/udp})
 * @param volumes         mounts, sorted by target
 * @param tmpfs           tmpfs mounts ({@code /run} or {@code /run:size=64m})
 * @param networks        attachments by network key; empty means the stack's default network (unless networkMode is set)
 * @param networkMode     bridge, host, none, service:NAME, container:ID
 * @param dependsOn       dependencies by service name
 * @param healthcheck     health check
 * @param restart         restart policy ({@code restart:} or {@code deploy.restart_policy})
 * @param limits          resource limits
 * @param reservations    resource reservations
 * @param memswapLimit    memory+swap limit ({@code -1}: unlimited)
 * @param shmSize         size of /dev/shm
 * @param cpuShares       relative CPU weight
 * @param labels          container labels
 * @param annotations     container annotations
 * @param user            user[:group]
 * @param workingDir      working directory
 * @param hostname        host name
 * @param domainname      domain name
 * @param containerName   fixed container name
 * @param capAdd          added capabilities
 * @param capDrop         dropped capabilities
 * @param privileged      privileged mode
 * @param readOnly        read-only root filesystem
 * @param securityOpt     security options
 * @param extraHosts      /etc/hosts entries
 * @param dns             DNS servers, in order
 * @param dnsSearch       DNS search domains, in order
 * @param dnsOpt          resolver options, in order
 * @param ulimits         ulimits by name
 * @param init            run an init process
 * @param stopSignal      stop signal
 * @param stopGracePeriod time between the stop signal and SIGKILL
 * @param tty             allocate a TTY
 * @param stdinOpen       keep stdin open
 * @param sysctls         kernel parameters
 * @param logging         logging configuration
 * @param platform        image platform
 * @param pullPolicy      always, never, missing, daily, weekly, every_... ({@code if_not_present} is stored as missing)
 * @param ipc             IPC mode
 * @param pid             PID mode
 * @param usernsMode      user namespace mode
 * @param devices         device mappings
 * @param groupAdd        supplementary groups
 * @param macAddress      MAC address
 * @param oomScoreAdj     OOM score adjustment (-1000..1000)
 * @param oomKillDisable  disable the OOM killer
 * @param cgroupParent    parent cgroup
 * @param runtime         OCI runtime
 * @param isolation       isolation technology
 * @param attach          whether logs are attached by default (compose {@code attach}; default true)
 * @param profiles        profiles this service belongs to (empty: always enabled)
 */
public record ServiceSpec(
        String image,
        Optional<List<String>> command,
        Optional<List<String>> entrypoint,
        Map<String, Optional<String>> environment,
        List<PortMapping> ports,
        List<String> expose,
        List<Mount> volumes,
        List<String> tmpfs,
        Map<String, NetworkAttachment> networks,
        Optional<String> networkMode,
        Map<String, DependsOn> dependsOn,
        Optional<HealthCheck> healthcheck,
        Optional<RestartPolicy> restart,
        Resources limits,
        Resources reservations,
        Optional<ByteSize> memswapLimit,
        Optional<ByteSize> shmSize,
        Optional<Long> cpuShares,
        Map<String, String> labels,
        Map<String, String> annotations,
        Optional<String> user,
        Optional<String> workingDir,
        Optional<String> hostname,
        Optional<String> domainname,
        Optional<String> containerName,
        List<String> capAdd,
        List<String> capDrop,
        boolean privileged,
        boolean readOnly,
        List<String> securityOpt,
        List<ExtraHost> extraHosts,
        List<String> dns,
        List<String> dnsSearch,
        List<String> dnsOpt,
        Map<String, Ulimit> ulimits,
        boolean init,
        Optional<String> stopSignal,
        Optional<Duration> stopGracePeriod,
        boolean tty,
        boolean stdinOpen,
        Map<String, String> sysctls,
        Optional<Logging> logging,
        Optional<String> platform,
        Optional<String> pullPolicy,
        Optional<String> ipc,
        Optional<String> pid,
        Optional<String> usernsMode,
        List<DeviceMapping> devices,
        List<String> groupAdd,
        Optional<String> macAddress,
        Optional<Integer> oomScoreAdj,
        boolean oomKillDisable,
        Optional<String> cgroupParent,
        Optional<String> runtime,
        Optional<String> isolation,
        boolean attach,
        List<String> profiles) {

    public ServiceSpec {
        Objects.requireNonNull(image, "image");
        command = command.map(List::copyOf);
        entrypoint = entrypoint.map(List::copyOf);
        environment = ModelCollections.sortedMap(environment);
        ports = List.copyOf(ports);
        expose = List.copyOf(expose);
        volumes = List.copyOf(volumes);
        tmpfs = List.copyOf(tmpfs);
        networks = ModelCollections.sortedMap(networks);
        dependsOn = ModelCollections.sortedMap(dependsOn);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(reservations, "reservations");
        labels = ModelCollections.sortedMap(labels);
        annotations = ModelCollections.sortedMap(annotations);
        capAdd = ModelCollections.sortedList(capAdd);
        capDrop = ModelCollections.sortedList(capDrop);
        securityOpt = ModelCollections.sortedList(securityOpt);
        extraHosts = List.copyOf(extraHosts);
        dns = List.copyOf(dns);
        dnsSearch = List.copyOf(dnsSearch);
        dnsOpt = List.copyOf(dnsOpt);
        ulimits = ModelCollections.sortedMap(ulimits);
        sysctls = ModelCollections.sortedMap(sysctls);
        devices = List.copyOf(devices);
        groupAdd = ModelCollections.sortedList(groupAdd);
        profiles = ModelCollections.sortedList(profiles);
    }
}
