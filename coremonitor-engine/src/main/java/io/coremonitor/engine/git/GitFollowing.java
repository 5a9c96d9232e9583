package io.coremonitor.engine.git;

import io.coremonitor.store.GitCommitRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A followed repository's settings (without the credentials: only whether there are some) and its sync state.
 *
 * @param stackId     the stack
 * @param url         the repository
 * @param branch      the branch followed
 * @param path        the compose file in the repository
 * @param autoApply   whether versions made from commits are applied at once
 * @param credentials whether a login is stored
 * @param createdAt   when the stack started following
 * @param createdBy   who made it follow
 * @param updatedAt   when the settings last changed
 * @param updatedBy   who changed them
 * @param lastSyncAt  when the last sync ended
 * @param lastCommit  the newest commit of the branch dealt with
 * @param lastError   why the last sync failed, when it did
 * @param commits     the newest commits that changed the file and what each made, newest first
 * @param refused     the newest commits refused (invalid or missing file), newest first, with their errors
 */
public record GitFollowing(String stackId, String url, String branch, String path, boolean autoApply,
        boolean credentials, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy,
        Optional<Instant> lastSyncAt, Optional<String> lastCommit, Optional<String> lastError,
        List<GitCommitRecord> commits, List<GitCommitRecord> refused) {

    public GitFollowing {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
        Objects.requireNonNull(lastSyncAt, "lastSyncAt");
        Objects.requireNonNull(lastCommit, "lastCommit");
        Objects.requireNonNull(lastError, "lastError");
        commits = List.copyOf(commits);
        refused = List.copyOf(refused);
    }
}
