package io.coremonitor.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a service runs: the image and the process started in it. Build it with {@link #builder(String)}: several
 * components share a type, and named setters keep them apart.
 *
 * @param image       the image to run (required: Core Monitor does not build)
 * @param platform    image platform
 * @param pullPolicy  always, never, missing, daily, weekly, every_... ({@code if_not_present} is stored as missing)
 * @param command     command override; present-and-empty means "override with nothing"
 * @param entrypoint  entrypoint override
 * @param environment variables; an empty value means "declared without a value and not set" (compose's {@code - KEY})
 * @param workingDir  working directory
 * @param tty         allocate a TTY
 * @param stdinOpen   keep stdin open
 * @param runtime     OCI runtime
 * @param isolation   isolation technology
 */
public record ServiceProcess(
        String image,
        Optional<String> platform,
        Optional<String> pullPolicy,
        Optional<List<String>> command,
        Optional<List<String>> entrypoint,
        Map<String, Optional<String>> environment,
        Optional<String> workingDir,
        boolean tty,
        boolean stdinOpen,
        Optional<String> runtime,
        Optional<String> isolation) {

    public ServiceProcess {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(pullPolicy, "pullPolicy");
        command = command.map(List::copyOf);
        entrypoint = entrypoint.map(List::copyOf);
        environment = ModelCollections.sortedMap(environment);
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(isolation, "isolation");
    }

    /** A builder with every optional component absent. */
    public static Builder builder(String image) {
        return new Builder(image);
    }

    /** Named setters for {@link ServiceProcess}. */
    public static final class Builder {
        private final String image;
        private Optional<String> platform = Optional.empty();
        private Optional<String> pullPolicy = Optional.empty();
        private Optional<List<String>> command = Optional.empty();
        private Optional<List<String>> entrypoint = Optional.empty();
        private Map<String, Optional<String>> environment = Map.of();
        private Optional<String> workingDir = Optional.empty();
        private boolean tty;
        private boolean stdinOpen;
        private Optional<String> runtime = Optional.empty();
        private Optional<String> isolation = Optional.empty();

        private Builder(String image) {
            this.image = image;
        }

        public Builder platform(Optional<String> value) {
            platform = value;
            return this;
        }

        public Builder pullPolicy(Optional<String> value) {
            pullPolicy = value;
            return this;
        }

        public Builder command(Optional<List<String>> value) {
            command = value;
            return this;
        }

        public Builder entrypoint(Optional<List<String>> value) {
            entrypoint = value;
            return this;
        }

        public Builder environment(Map<String, Optional<String>> value) {
            environment = value;
            return this;
        }

        public Builder workingDir(Optional<String> value) {
            workingDir = value;
            return this;
        }

        public Builder tty(boolean value) {
            tty = value;
            return this;
        }

        public Builder stdinOpen(boolean value) {
            stdinOpen = value;
            return this;
        }

        public Builder runtime(Optional<String> value) {
            runtime = value;
            return this;
        }

        public Builder isolation(Optional<String> value) {
            isolation = value;
            return this;
        }

        public ServiceProcess build() {
            return new ServiceProcess(image, platform, pullPolicy, command, entrypoint, environment, workingDir, tty, stdinOpen,
                runtime, isolation);
        }
    }
}
