package io.coremonitor.engine.git;

import io.coremonitor.model.CoreMonitorException;

/** The stack follows no git repository. */
public final class GitNotFollowedException extends CoreMonitorException {

    public GitNotFollowedException(String stackId) {
        super("stack " + stackId + " follows no git repository (PUT /api/v1/stacks/" + stackId + "/git to make it follow one)");
    }
}
