package io.coremonitor.engine.git;

import io.coremonitor.model.CoreMonitorException;

/**
 * The repository could not be read (unreachable, login refused, no such branch). The message names the repository
 * and the branch and says why, and never carries a credential.
 */
public final class GitSyncFailedException extends CoreMonitorException {

    public GitSyncFailedException(String message) {
        super(message);
    }
}
