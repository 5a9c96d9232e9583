package io.coremonitor.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.model.StackState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The answers about stacks and their versions. */
final class StackBodies {

    private StackBodies() {
    }

    /** A stack. */
    record StackView(String stackId, String name, Optional<String> currentVersion, Optional<String> latestVersion,
            Instant createdAt, Instant updatedAt, Optional<Instant> deletedAt) {
    }

    /**
     * A version with its canonical definition ({@code compose}) and the files it was made with ({@code files}: the
     * {@code env_file} contents sent with it, by normalized relative path; empty for a version without files).
     */
    record VersionView(String stackId, String version, Optional<String> parentVersion, VersionMetadataView metadata,
            JsonNode compose, String composeHash, Optional<RuntimeView> runtime, Optional<VersionStatusView> status,
            Map<String, String> files) {
    }

    /** A version in a list: without its definition. */
    record VersionSummaryView(String stackId, String version, Optional<String> parentVersion, VersionMetadataView metadata,
            String composeHash, Optional<RuntimeView> runtime, Optional<VersionStatusView> status) {
    }

    /** Who made a version, when, and why. */
    record VersionMetadataView(Instant createdAt, String createdBy, Optional<String> comment) {
    }

    /**
     * The Docker objects of an applied version, by name (networks, volumes) or service (containers), and the compose
     * profiles its convergence activated.
     */
    record RuntimeView(Map<String, String> networks, Map<String, String> volumes, Map<String, String> containers,
            List<String> profiles) {
    }

    /** The desired and actual state of a version. */
    record VersionStatusView(StackState desired, StackState actual, Instant lastUpdated, Optional<String> reason) {
    }

    /** How version {@code version} differs from version {@code against} ({@code files}: the env files they carry). */
    record DiffView(String stackId, String version, String against, DiffSectionView services, DiffSectionView networks,
            DiffSectionView volumes, DiffSectionView files, boolean nameChanged, boolean identical) {
    }

    /** One section of a diff: names added, removed, and changed (with the changed fields). */
    record DiffSectionView(List<String> added, List<String> removed, List<ChangedView> changed) {

        /** Whether nothing was added, removed or changed. */
        boolean empty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    /** An entry present in both versions, and which of its fields differ. */
    record ChangedView(String name, List<String> fields) {
    }
}
