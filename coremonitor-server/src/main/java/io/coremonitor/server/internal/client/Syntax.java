package io.coremonitor.server.internal.client;

import io.coremonitor.server.internal.FlagArg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one subcommand takes, and its parser: positional arguments ({@code NAME}, {@code [VERSION]},
 * {@code [SERVICE...]}), options with a value ({@code -f FILE}, {@code --tail=N}), flags ({@code --wait}), and the
 * global options every subcommand takes ({@code --server URL}, {@code --json}, {@code -h}/{@code --help}). Options may
 * come before, between or after the positional arguments; {@code --} ends the options.
 */
final class Syntax {

    /** The options every subcommand takes. */
    static final List<Option> GLOBAL = List.of(
        new Option(List.of("--server"), "URL", "the server (default: COREMONITOR_URL, the config file's 'server', "
            + "http://localhost:8080)", false),
        new Option(List.of("--json"), null, "print the API's JSON instead of tables", false),
        new Option(List.of("-h", "--help"), null, "this help", false));

    /** A positional argument: {@code NAME}, {@code [NAME]} (optional) or {@code [NAME...]} (any number). */
    record Positional(String name, boolean optional, boolean repeated) {
        String usage() {
            return optional ? "[" + name + (repeated ? "..." : "") + "]" : name;
        }
    }

    /**
     * An option: its names (the last one, the long name, is its key), the name of its value (null for a flag), its
     * help, and whether it may be given more than once.
     */
    record Option(List<String> names, String valueName, String help, boolean repeatable) {
        String key() {
            return names.get(names.size() - 1);
        }

        boolean takesValue() {
            return valueName != null;
        }

        String usage() {
            return String.join(", ", names) + (takesValue() ? " " + valueName : "");
        }
    }

    private final String command;
    private final String summary;
    private final List<Positional> positionals;
    private final List<Option> options = new ArrayList<>();

    private Syntax(String command, String summary, List<Positional> positionals) {
        this.command = command;
        this.summary = summary;
        this.positionals = positionals;
    }

    /**
     * A subcommand from its usage line ({@code "apply NAME [VERSION]"}: the command name, then its positional arguments)
     * and a one-line summary.
     */
    static Syntax of(String usage, String summary) {
        String[] words = usage.trim().split("\\s+");
        List<Positional> positionals = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            boolean optional = w.startsWith("[") && w.endsWith("]");
            String name = optional ? w.substring(1, w.length() - 1) : w;
            boolean repeated = name.endsWith("...");
            if (repeated) {
                name = name.substring(0, name.length() - 3);
            }
            if (repeated && !optional) {
                throw new IllegalArgumentException("a repeated argument is optional: " + usage);
            }
            if (!positionals.isEmpty() && positionals.get(positionals.size() - 1).optional() && !optional) {
                throw new IllegalArgumentException("a required argument after an optional one: " + usage);
            }
            positionals.add(new Positional(name, optional, repeated));
        }
        return new Syntax(words[0], summary, List.copyOf(positionals));
    }

    /** Adds a flag; {@code names} like {@code "-f, --follow"}. */
    Syntax flag(String names, String help) {
        options.add(new Option(names(names), null, help, false));
        return this;
    }

    /** Adds an option with a value, given at most once. */
    Syntax option(String names, String valueName, String help) {
        options.add(new Option(names(names), valueName, help, false));
        return this;
    }

    /** Adds an option with a value that may be given more than once. */
    Syntax repeatable(String names, String valueName, String help) {
        options.add(new Option(names(names), valueName, help, true));
        return this;
    }

    private static List<String> names(String names) {
        return List.of(names.split(",\\s*"));
    }

    String command() {
        return command;
    }

    String summary() {
        return summary;
    }

    /** The command and its positional arguments: {@code apply NAME [VERSION]}. */
    String synopsis() {
        StringBuilder b = new StringBuilder(command);
        positionals.forEach(p -> b.append(' ').append(p.usage()));
        return b.toString();
    }

    /** The usage line: {@code coremonitor apply NAME [VERSION] [options]}. */
    String usageLine() {
        StringBuilder b = new StringBuilder("coremonitor ").append(command);
        for (Positional p : positionals) {
            b.append(' ').append(p.usage());
        }
        for (Option o : options) {
            b.append(" [").append(o.names().get(0)).append(o.takesValue() ? " " + o.valueName() : "").append(']');
        }
        return b.toString();
    }

    /** The whole help of this subcommand. */
    String help() {
        StringBuilder b = new StringBuilder("usage: ").append(usageLine()).append('\n').append(summary).append('\n');
        List<Option> all = new ArrayList<>(options);
        all.addAll(GLOBAL);
        int width = all.stream().mapToInt(o -> o.usage().length()).max().orElse(0);
        for (Option o : all) {
            b.append("  ").append(Table.pad(o.usage(), width)).append("  ").append(o.help()).append('\n');
        }
        return b.append(Help.EXIT_CODES).toString();
    }

    /** Parses the arguments after the subcommand's name; throws a usage {@link CliException} naming the mistake. */
    Args parse(List<String> args) {
        Map<String, Option> byName = new LinkedHashMap<>();
        for (Option o : options) {
            o.names().forEach(n -> byName.put(n, o));
        }
        for (Option o : GLOBAL) {
            o.names().forEach(n -> byName.put(n, o));
        }
        List<String> values = new ArrayList<>();
        Map<String, List<String>> given = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
                values.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsEnded = true;
                continue;
            }
            FlagArg arg = FlagArg.of(a);
            Option o = byName.get(arg.name());
            if (o == null) {
                throw CliException.usage(command + ": unknown option '" + arg.name() + "'");
            }
            if (o.key().equals("--help")) {
                return Args.help();
            }
            if (!o.takesValue()) {
                if (arg.value().isPresent()) {
                    throw CliException.usage(command + ": " + arg.name() + " takes no value");
                }
                flags.add(o.key());
                continue;
            }
            String value;
            if (arg.value().isPresent()) {
                value = arg.value().get();
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw CliException.usage(command + ": " + arg.name() + " needs " + o.valueName());
            }
            List<String> list = given.computeIfAbsent(o.key(), k -> new ArrayList<>());
            if (!list.isEmpty() && !o.repeatable()) {
                throw CliException.usage(command + ": " + arg.name() + " is given twice");
            }
            list.add(value);
        }
        return new Args(bind(values), given, flags, false);
    }

    private Map<String, List<String>> bind(List<String> values) {
        Map<String, List<String>> bound = new LinkedHashMap<>();
        int next = 0;
        for (Positional p : positionals) {
            if (p.repeated()) {
                bound.put(p.name(), List.copyOf(values.subList(next, values.size())));
                next = values.size();
            } else if (next < values.size()) {
                bound.put(p.name(), List.of(values.get(next++)));
            } else if (!p.optional()) {
                throw CliException.usage(command + ": missing " + p.name() + " (usage: " + usageLine() + ")");
            }
        }
        if (next < values.size()) {
            throw CliException.usage(command + ": unexpected argument '" + values.get(next) + "' (usage: " + usageLine()
                + ")");
        }
        return bound;
    }

    /** The parsed arguments of one run. */
    record Args(Map<String, List<String>> positionals, Map<String, List<String>> options, Set<String> flags,
            boolean helpAsked) {

        static Args help() {
            return new Args(Map.of(), Map.of(), Set.of(), true);
        }

        /** A required positional argument. */
        String get(String name) {
            return optional(name).orElseThrow(() -> new IllegalStateException("no argument " + name));
        }

        Optional<String> optional(String name) {
            List<String> v = positionals.getOrDefault(name, List.of());
            return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
        }

        /** A repeated positional argument's values (maybe none). */
        List<String> all(String name) {
            return positionals.getOrDefault(name, List.of());
        }

        /** An option's value, by its long name ({@code --file}). */
        Optional<String> option(String key) {
            List<String> v = options.getOrDefault(key, List.of());
            return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
        }

        List<String> options(String key) {
            return options.getOrDefault(key, List.of());
        }

        boolean flag(String key) {
            return flags.contains(key);
        }
    }
}
