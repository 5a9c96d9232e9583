package io.coremonitor.model.internal;

import io.coremonitor.model.ServiceSecurity;
import java.util.Map;

/** Reads a service's {@link ServiceSecurity}: user, groups, capabilities, privileges, security options, namespaces. */
final class SecurityConverter {

    private final Values v;

    SecurityConverter(Values v) {
        this.v = v;
    }

    ServiceSecurity security(Map<String, Object> s, String path) {
        return ServiceSecurity.builder()
            .user(v.string(s, path, "user"))
            .groupAdd(v.strings(s, path, "group_add", false))
            .capAdd(v.strings(s, path, "cap_add", false))
            .capDrop(v.strings(s, path, "cap_drop", false))
            .privileged(v.bool(s, path, "privileged", false))
            .readOnly(v.bool(s, path, "read_only", false))
            .securityOpt(v.strings(s, path, "security_opt", false))
            .ipc(v.string(s, path, "ipc"))
            .pid(v.string(s, path, "pid"))
            .usernsMode(v.string(s, path, "userns_mode"))
            .build();
    }
}
