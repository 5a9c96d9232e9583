package io.coremonitor.store;

import java.util.List;
import java.util.Optional;

/** Stacks that follow a git repository: their settings, their sync state and the commits they saw. */
public interface GitRepository {

    /**
     * Makes a stack follow a repository, or changes its settings. When the URL, the branch or the path changes, the
     * sync state (last commit, last error) starts again; the commits seen stay.
     *
     * @return what is stored
     * @throws io.coremonitor.model.StackNotFoundException when the stack does not exist
     */
    GitFollowRecord put(String stackId, String url, String branch, String path, boolean autoApply,
            Optional<SealedValue> credentials, String actor);

    Optional<GitFollowRecord> find(String stackId);

    /** The followed stacks that are not deleted, by stack id. */
    List<GitFollowRecord> live();

    /** Stops following; false when the stack did not follow a repository. */
    boolean delete(String stackId);

    /**
     * Records the end of a sync: its time, the newest commit dealt with (kept as it was when empty) and the error
     * (none: the sync succeeded).
     */
    void recordSync(String stackId, Optional<String> lastCommit, Optional<String> error);

    /** Records what a commit made, unless it was recorded before; true when recorded now. */
    boolean recordCommit(GitCommitRecord commit);

    /** The commits recorded for a stack, newest first, at most {@code limit}. */
    List<GitCommitRecord> commits(String stackId, Optional<GitCommitRecord.Outcome> outcome, int limit);
}
