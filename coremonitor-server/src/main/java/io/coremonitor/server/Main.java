package io.coremonitor.server;

import io.coremonitor.server.internal.ServeCommand;
import io.coremonitor.server.internal.cli.ConfigCommand;
import io.coremonitor.server.internal.cli.Usage;
import io.coremonitor.server.internal.client.ClientMain;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code coremonitor-server.jar}: {@code serve} (the default, also when the first argument is a flag
 * of serve), {@code config -f FILE [--var K=V ...]}, or a subcommand of the REST client ({@code stacks}, {@code apply},
 * {@code logs}, ...: see {@link ClientMain}; also when the first argument is {@code --server} or {@code --json}).
 * {@code -h}, {@code --help} and {@code help} print every form.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help")
                || args[0].equals("help") && args.length == 1)) {
            Usage.forms(System.out);
            System.exit(client(new String[] {"--help"}));
        }
        if (args.length > 0 && (ClientMain.isCommand(args[0]) || ClientMain.isGlobalOption(args[0]))) {
            System.exit(client(args));
        }
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

    private static int client(String[] args) {
        return new ClientMain(System.in, System.getProperty("user.name", "cli")).run(Arrays.asList(args), System.out,
            System.err, System.getenv());
    }
}
