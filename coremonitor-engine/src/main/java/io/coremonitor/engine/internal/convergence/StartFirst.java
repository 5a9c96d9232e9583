package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.coremonitor.docker.ContainerRequest;
import io.coremonitor.docker.DockerFailures;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.NetworkJoin;
import io.coremonitor.engine.ExecutionContext;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy.update_config.order: start-first}: the new container of a recreated service is created under a
 * temporary name ({@code <name>-next}) without network aliases beside the old one and started with the others; once
 * every started service is verified (healthy, or running without a health check) it is connected again with its
 * aliases, the old container is disconnected from its networks (so the service's name names the new one only), stopped
 * and removed, and the new one renamed. A request in flight to the old container when it is disconnected is cut (Docker
 * removes its name and its interface together). When the command fails before, the new container is removed and the
 * old one keeps running.
 */
final class StartFirst {

    /** Appended to the canonical container name while the old container still holds it. */
    static final String TEMPORARY_SUFFIX = "-next";

    private StartFirst() {
    }

    /**
     * The request under the temporary name and without its network aliases: until it is verified the new container is
     * not found under the service's name (a request would reach a server that does not listen yet).
     */
    static ContainerRequest temporary(ContainerRequest request) {
        List<NetworkJoin> joins = request.extraNetworks().stream().map(j -> new NetworkJoin(j.network(), List.of(), j.ipv4Address(),
            j.ipv6Address(), j.macAddress(), j.links())).toList();
        return new ContainerRequest(request.name() + TEMPORARY_SUFFIX, request.image(), request.labels(), request.configHash(),
            request.configure().andThen(cmd -> cmd.withAliases(List.of())), joins, request.stopTimeoutSeconds());
    }

    /** Whether a container name is the temporary name of {@code canonical}. */
    static boolean isTemporary(String name, String canonical) {
        return name.equals(canonical + TEMPORARY_SUFFIX);
    }

    /**
     * The new container is verified: it joins its networks again with its aliases (the service's name now names both),
     * then the old one leaves its networks (its name names the new one only), stops and goes; the new one takes its name.
     */
    static void switchOver(DockerOps ops, ExecutionContext ctx, String service, Container old, String newId, String canonical,
            List<NetworkJoin> joins) {
        String oldName = Planner.name(old);
        for (NetworkJoin join : joins) {
            ops.disconnectContainer(newId, join.network());
            ops.connectContainer(newId, join);
            ctx.info("start-first: " + service + "'s new container joined " + join.network() + " again with its aliases "
                + String.join(", ", join.aliases()));
        }
        Map<String, ContainerNetwork> networks = old.getNetworkSettings() == null ? null : old.getNetworkSettings().getNetworks();
        if (networks != null) {
            networks.forEach((name, endpoint) -> {
                if (endpoint.getNetworkID() != null) {
                    try {
                        ops.disconnectContainer(old.getId(), endpoint.getNetworkID());
                    } catch (RuntimeException e) {
                        // stopped and removed just after: it leaves the network then anyway
                        ctx.warn("start-first: could not disconnect " + oldName + " from " + name + ": " + DockerFailures.describe(e));
                    }
                }
            });
        }
        ops.stopContainer(old.getId(), null);
        ops.removeContainer(old.getId());
        ops.renameContainer(newId, canonical);
        ctx.info("start-first: " + service + "'s new container is verified; removed the old container " + oldName
            + " (disconnected first, so the service's name resolves to the new one only) and renamed " + canonical
            + TEMPORARY_SUFFIX + " to " + canonical);
    }

    /** The command failed before the switch: the new container goes, the old one keeps serving. */
    static void abandon(DockerOps ops, ExecutionContext ctx, String service, String newId, String canonical, String oldName) {
        try {
            ops.stopContainer(newId, 0);
            ops.removeContainer(newId);
            ctx.warn("start-first: removed the new container " + canonical + TEMPORARY_SUFFIX + " of " + service
                + "; the old container " + oldName + " keeps running");
        } catch (RuntimeException e) {
            ctx.error("start-first: could not remove the new container " + canonical + TEMPORARY_SUFFIX + " of " + service + ": "
                + DockerFailures.describe(e));
        }
    }
}
