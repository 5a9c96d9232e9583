package io.coremonitor.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a service's process is and what it may do. Build it with {@link #builder()}: several components share a type, and
 * named setters keep them apart.
 *
 * @param user        user[:group]
 * @param groupAdd    supplementary groups
 * @param capAdd      added capabilities
 * @param capDrop     dropped capabilities
 * @param privileged  privileged mode
 * @param readOnly    read-only root filesystem
 * @param securityOpt security options
 * @param ipc         IPC mode
 * @param pid         PID mode
 * @param usernsMode  user namespace mode
 * @param uts         UTS namespace mode ({@code host})
 * @param cgroup      cgroup namespace mode ({@code host} or {@code private})
 */
public record ServiceSecurity(
        Optional<String> user,
        List<String> groupAdd,
        List<String> capAdd,
        List<String> capDrop,
        boolean privileged,
        boolean readOnly,
        List<String> securityOpt,
        Optional<String> ipc,
        Optional<String> pid,
        Optional<String> usernsMode,
        Optional<String> uts,
        Optional<String> cgroup) {

    public ServiceSecurity {
        Objects.requireNonNull(user, "user");
        groupAdd = ModelCollections.sortedList(groupAdd);
        capAdd = ModelCollections.sortedList(capAdd);
        capDrop = ModelCollections.sortedList(capDrop);
        securityOpt = ModelCollections.sortedList(securityOpt);
        Objects.requireNonNull(ipc, "ipc");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(usernsMode, "usernsMode");
        Objects.requireNonNull(uts, "uts");
        Objects.requireNonNull(cgroup, "cgroup");
    }

    /** A builder with every component empty or false. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named setters for {@link ServiceSecurity}. */
    public static final class Builder {
        private Optional<String> user = Optional.empty();
        private List<String> groupAdd = List.of();
        private List<String> capAdd = List.of();
        private List<String> capDrop = List.of();
        private boolean privileged;
        private boolean readOnly;
        private List<String> securityOpt = List.of();
        private Optional<String> ipc = Optional.empty();
        private Optional<String> pid = Optional.empty();
        private Optional<String> usernsMode = Optional.empty();
        private Optional<String> uts = Optional.empty();
        private Optional<String> cgroup = Optional.empty();

        private Builder() {
        }

        public Builder user(Optional<String> value) {
            user = value;
            return this;
        }

        public Builder groupAdd(List<String> value) {
            groupAdd = value;
            return this;
        }

        public Builder capAdd(List<String> value) {
            capAdd = value;
            return this;
        }

        public Builder capDrop(List<String> value) {
            capDrop = value;
            return this;
        }

        public Builder privileged(boolean value) {
            privileged = value;
            return this;
        }

        public Builder readOnly(boolean value) {
            readOnly = value;
            return this;
        }

        public Builder securityOpt(List<String> value) {
            securityOpt = value;
            return this;
        }

        public Builder ipc(Optional<String> value) {
            ipc = value;
            return this;
        }

        public Builder pid(Optional<String> value) {
            pid = value;
            return this;
        }

        public Builder usernsMode(Optional<String> value) {
            usernsMode = value;
            return this;
        }

        public Builder uts(Optional<String> value) {
            uts = value;
            return this;
        }

        public Builder cgroup(Optional<String> value) {
            cgroup = value;
            return this;
        }

        public ServiceSecurity build() {
            return new ServiceSecurity(user, groupAdd, capAdd, capDrop, privileged, readOnly, securityOpt, ipc, pid, usernsMode, uts,
                cgroup);
        }
    }
}
