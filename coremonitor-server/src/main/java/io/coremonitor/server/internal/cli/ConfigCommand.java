package io.coremonitor.server.internal.cli;

import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.model.DefinitionFiles;
import io.coremonitor.model.InvalidDefinitionException;
import io.coremonitor.model.LoadResult;
import io.coremonitor.model.Profiles;
import io.coremonitor.model.ValidationError;
import io.coremonitor.server.internal.FlagArg;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code config -f FILE [--var KEY=VALUE ...] [--profile NAME ...]}: validates a definition like
 * {@code docker compose config}.
 *
 * <ul>
 *   <li>exit 0: the canonical JSON (indented) on stdout; warnings, if any, on stderr as {@code warning: path: message}</li>
 *   <li>exit 1: the definition is invalid or the file cannot be read: one {@code path: message} line per error on stderr
 *       (errors about the document as a whole use the file name as their path)</li>
 *   <li>exit 2: usage error (missing {@code -f}, unknown flag, malformed {@code --var}, extra argument)</li>
 * </ul>
 * {@code -f -} reads standard input. Variables come from the process environment, then from {@code --var} (which wins).
 * The files named by {@code env_file} are read from disk relative to the definition's directory (the current
 * directory for standard input), as {@code docker compose} reads them; the server reads the same files from the
 * {@code "files"} sent with a definition, with the same result. With {@code --profile}, the definition is printed as it
 * runs with those profiles active (as {@code docker compose --profile NAME config}: the enabled services only; an
 * enabled service that needs a disabled one is an error); without it, the whole definition as a version stores it.
 * Never prints a stack trace.
 */
public final class ConfigCommand {

    public static final String USAGE = String.join("\n",
        "usage: coremonitor-server.jar config -f FILE [--var KEY=VALUE ...] [--profile NAME ...]",
        "  -f, --file FILE     the definition (YAML or JSON); '-' reads standard input",
        "  --var KEY=VALUE     a variable for ${KEY} interpolation (overrides the environment); repeatable",
        "  --profile NAME      activate a compose profile ('*': all): print the services that run with it; repeatable",
        "  -h, --help          this help",
        "exit: 0 valid (canonical JSON on stdout), 1 invalid (one 'path: message' line per error on stderr), 2 usage error");

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final InputStream stdin;

    public ConfigCommand() {
        this(System.in);
    }

    public ConfigCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    /** Runs the command; returns the exit code. */
    public int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        try {
            return execute(args, out, err, env);
        } catch (RuntimeException e) {
            err.println("config: internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return 1;
        }
    }

    private int execute(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        String file = null;
        Map<String, String> vars = new HashMap<>();
        List<String> profiles = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            FlagArg arg = FlagArg.of(a);
            String flag = arg.name();
            String value = arg.value().orElse(null);
            switch (flag) {
                case "-h":
                case "--help":
                    out.println(USAGE);
                    return 0;
                case "-f":
                case "--file":
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            problems.add(flag + " needs a file name (or '-' for standard input)");
                            break;
                        }
                        value = args.get(++i);
                    }
                    if (file != null) {
                        problems.add("only one -f is supported");
                    }
                    file = value;
                    break;
                case "--var":
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            problems.add("--var needs KEY=VALUE");
                            break;
                        }
                        value = args.get(++i);
                    }
                    int sep = value.indexOf('=');
                    if (sep <= 0 || !VARIABLE.matcher(value.substring(0, sep)).matches()) {
                        problems.add("--var '" + value + "' is not KEY=VALUE (KEY: letters, digits and '_', not starting with a digit)");
                    } else {
                        vars.put(value.substring(0, sep), value.substring(sep + 1));
                    }
                    break;
                case "--profile":
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            problems.add("--profile needs a profile name");
                            break;
                        }
                        value = args.get(++i);
                    }
                    Profiles.checkNames(List.of(value), "--profile").forEach(e -> problems.add("--profile: " + e.message()));
                    profiles.add(value);
                    break;
                default:
                    problems.add(a.startsWith("-") ? "unknown option '" + a + "'" : "unexpected argument '" + a + "'");
                    break;
            }
        }
        if (file == null && problems.isEmpty()) {
            problems.add("missing -f FILE");
        }
        if (!problems.isEmpty()) {
            for (String p : problems) {
                err.println("config: " + p);
            }
            err.println(USAGE);
            return 2;
        }
        String label = "-".equals(file) ? "<stdin>" : file;
        Optional<String> text = read(file, label, err);
        if (text.isEmpty()) {
            return 1;
        }
        Map<String, String> variables = new HashMap<>(env);
        variables.putAll(vars);
        try {
            LoadResult result = ComposeLoader.loadWithWarnings(text.get(), variables, DefinitionFiles.directory(directory(file)));
            for (ValidationError w : result.warnings()) {
                err.println("warning: " + line(w, label));
            }
            out.println(CanonicalJson.toPrettyJson(profiles.isEmpty() ? result.definition()
                : Profiles.apply(result.definition(), profiles)));
            return 0;
        } catch (InvalidDefinitionException e) {
            for (ValidationError error : e.errors()) {
                err.println(line(error, label));
            }
            return 1;
        }
    }

    /** The directory env files are relative to: the definition's, or the current one for standard input. */
    private static Path directory(String file) {
        Path cwd = Path.of("").toAbsolutePath();
        if ("-".equals(file)) {
            return cwd;
        }
        Path parent = cwd.resolve(file).getParent();
        return parent == null ? cwd : parent;
    }

    private static String line(ValidationError e, String label) {
        return (e.path().isEmpty() ? label : e.path()) + ": " + e.message();
    }

    private Optional<String> read(String file, String label, PrintStream err) {
        try {
            byte[] bytes = "-".equals(file) ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (NoSuchFileException e) {
            err.println(label + ": no such file");
        } catch (CharacterCodingException e) {
            err.println(label + ": not UTF-8 text");
        } catch (IOException | InvalidPathException e) {
            err.println(label + ": cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return Optional.empty();
    }
}
