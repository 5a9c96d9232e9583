package io.coremonitor.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stack that follows a git repository, as the store keeps it.
 *
 * @param stackId     the stack
 * @param url         the repository's URL (never with credentials in it)
 * @param branch      the branch followed
 * @param path        the compose file's path in the repository
 * @param autoApply   whether a version made from a commit is applied at once
 * @param credentials the credentials, encrypted by the engine; empty for a public repository
 * @param createdAt   when the stack started following
 * @param createdBy   who made it follow
 * @param updatedAt   when the settings last changed
 * @param updatedBy   who changed them
 * @param lastSyncAt  when the last sync ended
 * @param lastCommit  the newest commit of the branch dealt with
 * @param lastError   why the last sync failed, when it did
 */
public record GitFollowRecord(String stackId, String url, String branch, String path, boolean autoApply,
        Optional<SealedValue> credentials, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy,
        Optional<Instant> lastSyncAt, Optional<String> lastCommit, Optional<String> lastError) {

    public GitFollowRecord {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
        Objects.requireNonNull(lastSyncAt, "lastSyncAt");
        Objects.requireNonNull(lastCommit, "lastCommit");
        Objects.requireNonNull(lastError, "lastError");
    }
}
