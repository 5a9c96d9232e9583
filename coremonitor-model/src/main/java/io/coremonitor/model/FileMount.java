package io.coremonitor.model;

import java.util.Objects;

/**
 * One entry of a service's {@code secrets:} or {@code configs:}: a file Core Monitor writes into the container before
 * it starts.
 *
 * @param source the key of the top-level {@code secrets:} or {@code configs:} entry
 * @param target the absolute path of the file in the container ({@code /run/secrets/<source>} by default for a secret,
 *               {@code /<source>} for a config)
 * @param uid    the file's owner, a numeric user id ({@code 0} by default)
 * @param gid    the file's group, a numeric group id ({@code 0} by default)
 * @param mode   the file's permission bits ({@code 0444} by default)
 */
public record FileMount(String source, String target, long uid, long gid, int mode) {

    /** The mode of a file when none is given: readable by everyone, as compose's. */
    public static final int DEFAULT_MODE = 0444;
    /** Where a secret is written when its target is not absolute. */
    public static final String SECRETS_DIRECTORY = "/run/secrets";

    public FileMount {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("target must be absolute: " + target);
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode out of range: " + Integer.toOctalString(mode));
        }
    }
}
