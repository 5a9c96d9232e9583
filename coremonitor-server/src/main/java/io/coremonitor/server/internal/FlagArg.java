package io.coremonitor.server.internal;

import java.util.Optional;

/**
 * One command-line argument as a flag: {@code --name=value} is split into its name and value; anything else is the
 * name alone (its value, if it takes one, is the next argument).
 *
 * @param name  the flag as typed before any {@code =} ({@code --port}, {@code -f})
 * @param value what came after the {@code =}, if the argument had one
 */
public record FlagArg(String name, Optional<String> value) {

    public static FlagArg of(String arg) {
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
            return new FlagArg(arg.substring(0, eq), Optional.of(arg.substring(eq + 1)));
        }
        return new FlagArg(arg, Optional.empty());
    }
}
