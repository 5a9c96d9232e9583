package io.coremonitor.server;

import io.coremonitor.server.internal.ServeCommand;
import io.coremonitor.server.internal.cli.ConfigCommand;
import io.coremonitor.server.internal.cli.Usage;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code coremonitor-server.jar}: {@code serve} (the default, also when the first argument is a flag) or
 * {@code config -f FILE [--var K=V ...]}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        List<String> rest = args.length == 0 || args[0].startsWith("-") ? Arrays.asList(args)
            : Arrays.asList(args).subList(1, args.length);
        switch (command) {
            case "serve": {
                int code = ServeCommand.run(rest.toArray(new String[0]));
                if (code != 0) {
                    System.exit(code);
                }
                break;
            }
            case "config":
                System.exit(new ConfigCommand().run(rest, System.out, System.err, System.getenv()));
                break;
            default:
                System.exit(Usage.unknownCommand(command, System.err));
                break;
        }
    }
}
