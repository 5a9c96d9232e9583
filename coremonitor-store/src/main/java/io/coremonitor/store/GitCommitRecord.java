package io.coremonitor.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one commit that changed a followed stack's compose file.
 *
 * @param stackId  the stack
 * @param commitId the commit's id (hex)
 * @param seenAt   when the engine dealt with it
 * @param author   the commit's author ({@code Name <email>})
 * @param message  the commit's message
 * @param outcome  what it made
 * @param version  the version it made ({@link Outcome#VERSION}) or matched ({@link Outcome#UNCHANGED})
 * @param errors   for {@link Outcome#REFUSED}: the validation errors as a JSON array of {path, message, line?, column?}
 */
public record GitCommitRecord(String stackId, String commitId, Instant seenAt, String author, String message,
        Outcome outcome, Optional<String> version, Optional<String> errors) {

    /** What a commit made. */
    public enum Outcome {
        /** a new version */
        VERSION,
        /** nothing: its definition is the latest version's */
        UNCHANGED,
        /** nothing: its file is invalid or missing */
        REFUSED
    }

    public GitCommitRecord {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(commitId, "commitId");
        Objects.requireNonNull(seenAt, "seenAt");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(errors, "errors");
    }
}
