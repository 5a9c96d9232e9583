package io.coremonitor.docker.internal.translation;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.coremonitor.model.ServiceSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Translates {@link ServiceSecurity}: user, groups, capabilities, privileges, security options and namespaces (IPC, PID,
 * user, UTS, and the cgroup namespace as {@code CgroupnsMode}).
 */
public final class SecurityTranslator {

    private SecurityTranslator() {
    }

    public static void translate(ServiceSecurity security, ContainerDraft draft) {
        HostConfig host = draft.host();
        security.user().ifPresent(u -> draft.step(cmd -> cmd.withUser(u)));
        if (!security.groupAdd().isEmpty()) {
            host.withGroupAdd(security.groupAdd());
        }
        capabilities(security.capAdd(), "cap_add", draft).ifPresent(host::withCapAdd);
        capabilities(security.capDrop(), "cap_drop", draft).ifPresent(host::withCapDrop);
        if (security.privileged()) {
            host.withPrivileged(true);
        }
        if (security.readOnly()) {
            host.withReadonlyRootfs(true);
        }
        if (!security.securityOpt().isEmpty()) {
            host.withSecurityOpts(security.securityOpt());
        }
        security.ipc().ifPresent(host::withIpcMode);
        security.pid().ifPresent(host::withPidMode);
        security.usernsMode().ifPresent(host::withUsernsMode);
        security.uts().ifPresent(host::withUtSMode);
        security.cgroup().ifPresent(host::withCgroupnsMode);
    }

    private static Optional<Capability[]> capabilities(List<String> names, String key, ContainerDraft draft) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<Capability> result = new ArrayList<>();
        for (String n : names) {
            String bare = n.toUpperCase(Locale.ROOT).startsWith("CAP_") ? n.substring(4) : n;
            try {
                result.add(Capability.valueOf(bare.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                draft.refuse(key + ": unknown capability '" + n + "'");
            }
        }
        return Optional.of(result.toArray(Capability[]::new));
    }
}
