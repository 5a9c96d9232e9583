package io.coremonitor.server.internal.client;

import io.coremonitor.server.internal.FlagArg;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command-line client of the REST API, in the server jar: {@code coremonitor stacks}, {@code apply NAME --wait},
 * {@code logs NAME -f}, ... (see {@link Help#overview}). Prints results on stdout, errors as one line on stderr
 * ({@code coremonitor: ...}, the problem's detail), never a stack trace and never the token; returns the exit code of
 * {@link ExitCodes}.
 */
public final class ClientMain {

    /** A subcommand: its syntax and what it does. */
    private record Command(Syntax syntax, Handler handler) {
    }

    @FunctionalInterface
    private interface Handler {
        int run(Syntax.Args args, Session session);
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        add(Syntax.of("stacks", "list the stacks with their state, versions and last command (GET /overview)")
            .flag("--all", "deleted stacks too"), StackCommands::stacks);
        add(Syntax.of("create NAME", "create a stack with v1 from a compose file (POST /stacks)")
            .option("-f, --file", "FILE", "the compose file ('-': standard input); required")
            .option("-m, --message", "TEXT", "the version's comment")
            .repeatable("--var", "KEY=VALUE", "a variable for ${KEY} (wins over the environment); repeatable"),
            StackCommands::create);
        add(Syntax.of("push NAME", "a new version of a stack, only when the definition differs from the latest")
            .option("-f, --file", "FILE", "the compose file ('-': standard input); required")
            .option("-m, --message", "TEXT", "the version's comment")
            .repeatable("--var", "KEY=VALUE", "a variable for ${KEY} (wins over the environment); repeatable"),
            StackCommands::push);
        add(Syntax.of("diff NAME FROM TO", "what changed between two versions (services, networks, volumes)"),
            StackCommands::diff);
        add(Syntax.of("plan NAME VERSION", "what applying VERSION would do, without doing it"), StackCommands::plan);
        add(Syntax.of("apply NAME [VERSION]", "apply a version (default: the latest)")
            .flag("--wait", "follow the command's log to its end; exit 0 only when it is DONE")
            .flag("--auto-rollback", "go back to the previous version if the apply fails"), QueueCommands::apply);
        add(Syntax.of("rollback NAME VERSION", "go back to an earlier version")
            .flag("--wait", "follow the command's log to its end; exit 0 only when it is DONE")
            .flag("--auto-rollback", "go back again if the rollback fails"), QueueCommands::rollback);
        add(Syntax.of("history NAME", "the versions of a stack, newest first"), StackCommands::history);
        add(Syntax.of("ps NAME", "the stack's services and containers as Docker runs them now"), StackCommands::ps);
        add(Syntax.of("logs NAME [SERVICE]", "the containers' output (every service when SERVICE is not given)")
            .flag("-f, --follow", "follow the output until the containers stop")
            .option("--tail", "N", "the last N lines of each (0-10000, or all; default all)"),
            (a, s) -> new LogsCommand(s).run(a));
        for (String action : List.of("start", "stop", "restart")) {
            add(Syntax.of(action + " NAME [SERVICE...]", action + " the stack's services (all when none is named)")
                .flag("--wait", "follow the command's log to its end; exit 0 only when it is DONE"),
                (a, s) -> QueueCommands.action(action, a, s));
        }
        add(Syntax.of("deploy NAME SERVICE FILE", "upload an application file and deploy it into a service")
            .option("--path", "PATH", "the context path (default: / for nginx, the file name for Tomcat and WildFly)")
            .option("--check-path", "PATH", "the path the success check GETs (default: the context path)")
            .option("--check-status", "N", "the status the check must get (default: any 2xx or 3xx)")
            .flag("--wait", "follow the command's log to its end; exit 0 only when it is DONE"), QueueCommands::deploy);
        add(Syntax.of("commands", "the commands of the queue, oldest first")
            .option("--stack", "NAME", "only this stack's")
            .option("--status", "STATUS", "only PENDING, RUNNING, DONE, FAILED or CANCELLED ones")
            .option("--type", "TYPE", "only APPLY_STACK_VERSION, ROLLBACK_STACK_VERSION, DELETE_STACK, RUNTIME_ACTION, ...")
            .option("--limit", "N", "the newest N (default 50; 0: all)"), QueueCommands::commands);
        add(Syntax.of("cancel ID", "cancel a PENDING or FAILED command (a RUNNING one stops at its next step)"),
            QueueCommands::cancel);
        add(Syntax.of("retry ID", "run a FAILED command again")
            .flag("--wait", "follow the command's log to its end; exit 0 only when it is DONE"), QueueCommands::retry);
        add(Syntax.of("delete NAME", "remove the stack's containers and networks; its versions are kept")
            .flag("--volumes", "remove its volumes too")
            .flag("--wait", "follow the command's log to its end; exit 0 only when it is DONE"), QueueCommands::delete);
    }

    private static void add(Syntax syntax, Handler handler) {
        COMMANDS.put(syntax.command(), new Command(syntax, handler));
    }

    private final InputStream stdin;
    private final String loginName;

    /**
     * @param stdin     read by {@code -f -}
     * @param loginName the default actor
     */
    public ClientMain(InputStream stdin, String loginName) {
        this.stdin = stdin;
        this.loginName = loginName;
    }

    /** Whether {@code name} is a subcommand of the client (or {@code help}). */
    public static boolean isCommand(String name) {
        return COMMANDS.containsKey(name) || name.equals("help");
    }

    /** Whether a first argument is a global option of the client ({@code --server}, {@code --json}), not of serve. */
    public static boolean isGlobalOption(String arg) {
        return Set.of("--server", "--json").contains(FlagArg.of(arg).name());
    }

    /** The subcommands' names, in the order of the help. */
    static Collection<Syntax> syntaxes() {
        return COMMANDS.values().stream().map(Command::syntax).toList();
    }

    /**
     * Runs the client: {@code [--server URL] [--json] COMMAND [ARGS...]}.
     *
     * @return the exit code ({@link ExitCodes})
     */
    public int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        try {
            return execute(args, out, err, env);
        } catch (CliException e) {
            err.println("coremonitor: " + oneLine(e.getMessage()));
            e.details().forEach(d -> err.println(oneLine(d)));
            return e.exitCode();
        } catch (RuntimeException e) {
            err.println("coremonitor: internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())));
            return ExitCodes.FAILED;
        }
    }

    private int execute(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        List<String> leading = new ArrayList<>();
        int i = 0;
        while (i < args.size() && isGlobalOption(args.get(i))) {
            leading.add(args.get(i));
            if (FlagArg.of(args.get(i)).name().equals("--server") && FlagArg.of(args.get(i)).value().isEmpty()
                    && i + 1 < args.size()) {
                leading.add(args.get(++i));
            }
            i++;
        }
        if (i >= args.size() || Set.of("help", "-h", "--help").contains(args.get(i))) {
            if (i + 1 < args.size() && COMMANDS.containsKey(args.get(i + 1))) {
                out.print(COMMANDS.get(args.get(i + 1)).syntax().help());
                return ExitCodes.DONE;
            }
            if (i >= args.size()) {
                err.print(Help.overview(syntaxes()));
                return ExitCodes.USAGE;
            }
            out.print(Help.overview(syntaxes()));
            return ExitCodes.DONE;
        }
        Command command = COMMANDS.get(args.get(i));
        if (command == null) {
            throw CliException.usage("unknown command '" + args.get(i) + "' (coremonitor --help lists them)");
        }
        List<String> rest = new ArrayList<>(leading);
        rest.addAll(args.subList(i + 1, args.size()));
        Syntax.Args parsed = command.syntax().parse(rest);
        if (parsed.helpAsked()) {
            out.print(command.syntax().help());
            return ExitCodes.DONE;
        }
        ClientSettings settings = ClientSettings.resolve(parsed.option("--server"), env, loginName);
        settings.warnings().forEach(w -> err.println("coremonitor: warning: " + w));
        Session session = new Session(new RestClient(settings), out, err, parsed.flag("--json"), env, stdin);
        int code = command.handler().run(parsed, session);
        out.flush();
        return code;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " | ");
    }
}
