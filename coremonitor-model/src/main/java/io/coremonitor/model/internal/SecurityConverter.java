package io.coremonitor.model.internal;

import io.coremonitor.model.ServiceSecurity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a service's {@link ServiceSecurity}: user, groups, capabilities, privileges, security options, namespaces
 * ({@code ipc}, {@code pid}, {@code userns_mode}, {@code uts}: only {@code host}; {@code cgroup}: {@code host} or
 * {@code private}).
 */
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
            .uts(oneOf(s, path, "uts", List.of("host")))
            .cgroup(oneOf(s, path, "cgroup", List.of("host", "private")))
            .build();
    }

    private Optional<String> oneOf(Map<String, Object> s, String path, String key, List<String> allowed) {
        Optional<String> value = v.string(s, path, key);
        if (value.isPresent() && !allowed.contains(value.get())) {
            v.error(Paths.key(path, key), "must be " + String.join(" or ", allowed.stream().map(a -> "'" + a + "'").toList())
                + ", not '" + value.get() + "'");
            return Optional.empty();
        }
        return value;
    }
}
