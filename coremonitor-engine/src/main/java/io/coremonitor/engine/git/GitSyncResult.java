package io.coremonitor.engine.git;

import io.coremonitor.store.GitCommitRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one sync did.
 *
 * @param stackId        the stack
 * @param head           the branch's newest commit
 * @param commits        the commits that changed the file since the previous sync, oldest first, and what each made
 * @param version        the newest version this sync made
 * @param applyCommandId the APPLY enqueued for it ({@code auto_apply})
 */
public record GitSyncResult(String stackId, String head, List<GitCommitRecord> commits, Optional<String> version,
        Optional<Long> applyCommandId) {

    public GitSyncResult {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(head, "head");
        commits = List.copyOf(commits);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(applyCommandId, "applyCommandId");
    }
}
