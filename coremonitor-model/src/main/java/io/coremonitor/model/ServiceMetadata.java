package io.coremonitor.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a service's container is named, labelled and logged. Build it with {@link #builder()}: labels and annotations
 * share a type, and named setters keep them apart.
 *
 * @param containerName fixed container name
 * @param labels        container labels
 * @param annotations   container annotations
 * @param logging       logging configuration
 * @param attach        whether logs are attached by default (compose {@code attach}; default true)
 */
public record ServiceMetadata(
        Optional<String> containerName,
        Map<String, String> labels,
        Map<String, String> annotations,
        Optional<Logging> logging,
        boolean attach) {

    public ServiceMetadata {
        Objects.requireNonNull(containerName, "containerName");
        labels = ModelCollections.sortedMap(labels);
        annotations = ModelCollections.sortedMap(annotations);
        Objects.requireNonNull(logging, "logging");
    }

    /** A builder with every component empty and {@code attach} true. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named setters for {@link ServiceMetadata}. */
    public static final class Builder {
        private Optional<String> containerName = Optional.empty();
        private Map<String, String> labels = Map.of();
        private Map<String, String> annotations = Map.of();
        private Optional<Logging> logging = Optional.empty();
        private boolean attach = true;

        private Builder() {
        }

        public Builder containerName(Optional<String> value) {
            containerName = value;
            return this;
        }

        public Builder labels(Map<String, String> value) {
            labels = value;
            return this;
        }

        public Builder annotations(Map<String, String> value) {
            annotations = value;
            return this;
        }

        public Builder logging(Optional<Logging> value) {
            logging = value;
            return this;
        }

        public Builder attach(boolean value) {
            attach = value;
            return this;
        }

        public ServiceMetadata build() {
            return new ServiceMetadata(containerName, labels, annotations, logging, attach);
        }
    }
}
