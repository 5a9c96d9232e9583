package io.coremonitor.docker;

import com.github.dockerjava.api.model.Container;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Docker's human status text of a listed container ({@link Container#getStatus()}: {@code Up 5 minutes},
 * {@code Exited (137) 2 seconds ago}, {@code Restarting (1) 3 seconds ago}). The list call carries no exit code of
 * its own: this text is where it is, without an inspect per container.
 */
public final class ContainerStatusText {

    /** {@code Exited (N) ...} or {@code Restarting (N) ...} at the start of the text; N may be negative. */
    private static final Pattern EXIT_CODE = Pattern.compile("^(?:Exited|Restarting) \\((-?\\d+)\\)");

    private ContainerStatusText() {
    }

    /** The exit code in {@code status} ({@code Exited (N) ...}, {@code Restarting (N) ...}); empty for any other. */
    public static Optional<Integer> exitCode(String status) {
        if (status == null) {
            return Optional.empty();
        }
        Matcher m = EXIT_CODE.matcher(status.strip());
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(m.group(1)));
        } catch (NumberFormatException e) {
            // more digits than an int holds: not a status Docker writes
            return Optional.empty();
        }
    }

    /** The exit code in the listed container's status text (see {@link #exitCode(String)}). */
    public static Optional<Integer> exitCode(Container container) {
        return exitCode(container.getStatus());
    }

    /** Whether the listed container exited with code 0 (state {@code exited}, status {@code Exited (0) ...}). */
    public static boolean exitedCleanly(Container container) {
        return "exited".equals(container.getState()) && exitCode(container).filter(c -> c == 0).isPresent();
    }
}
