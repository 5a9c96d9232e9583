package io.coremonitor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the service key {@code tmpfs}: {@code /run} or {@code /run:size=64m,mode=1777}.
 *
 * @param target  the path in the container
 * @param options the mount options after the first {@code :}, as written (Docker reads them); empty when there is no
 *                {@code :}
 */
public record TmpfsPath(String target, Optional<String> options) {

    public TmpfsPath {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
    }

    /** Reads {@code TARGET[:OPTIONS]}. */
    public static TmpfsPath parse(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? new TmpfsPath(text, Optional.empty())
            : new TmpfsPath(text.substring(0, colon), Optional.of(text.substring(colon + 1)));
    }

    /** The compose spelling, {@code TARGET[:OPTIONS]}. */
    public String spelling() {
        return options.map(o -> target + ":" + o).orElse(target);
    }
}
