package io.coremonitor.model.internal;

import io.coremonitor.model.DefinitionFiles;
import io.coremonitor.model.ValidationError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A service's {@code env_file}: its files read (from the {@link DefinitionFiles} given to the loader) in order, a
 * later file replacing an earlier one's values, and {@code environment} over them all, as {@code docker compose} does.
 * Forms: a path, a list of paths, a list of {@code {path, required, format}} ({@code required} defaults to true: a
 * missing required file is an error, a missing optional one is skipped; {@code format} is {@code raw} or absent). The
 * syntax of the files is in {@link DotEnv}. Values are interpolated with the definition's variables first, then the
 * service's {@code environment}, then the values read before them. The canonical form keeps the resulting
 * {@code environment} and no {@code env_file}.
 */
final class EnvFileConverter {

    private final Values v;
    private final Map<String, String> variables;
    private final DefinitionFiles files;

    EnvFileConverter(Values v, Map<String, String> variables, DefinitionFiles files) {
        this.v = v;
        this.variables = variables;
        this.files = files;
    }

    /** One entry of {@code env_file}, with the path of its YAML value. */
    private record Entry(String file, boolean required, boolean raw, String path) {
    }

    /** The environment of a service: its env files' values, with {@code explicit} (its {@code environment}) over them. */
    Map<String, Optional<String>> environment(Map<String, Object> s, String path, Map<String, Optional<String>> explicit) {
        if (!s.containsKey("env_file") || s.get("env_file") == null) {
            return explicit;
        }
        Map<String, String> read = new LinkedHashMap<>();
        explicit.forEach((k, value) -> value.ifPresent(x -> read.put(k, x)));
        for (Entry entry : entries(s.get("env_file"), Paths.key(path, "env_file"))) {
            readFile(entry, read, explicit);
        }
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        read.forEach((k, value) -> out.put(k, Optional.of(value)));
        out.putAll(explicit);
        return out;
    }

    private List<Entry> entries(Object value, String path) {
        List<Entry> out = new ArrayList<>();
        if (value instanceof String file) {
            out.add(new Entry(file, true, false, path));
            return out;
        }
        List<?> list = v.list(value, path);
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String itemPath = Paths.index(path, i);
            if (item instanceof String file) {
                out.add(new Entry(file, true, false, itemPath));
            } else if (item instanceof Map) {
                Map<String, Object> m = v.mapping(item, itemPath);
                Optional<String> file = v.string(m, itemPath, "path");
                if (file.isEmpty()) {
                    v.error(itemPath, "missing required key 'path'");
                    continue;
                }
                boolean required = v.bool(m, itemPath, "required", true);
                Optional<String> format = v.string(m, itemPath, "format");
                if (format.isPresent() && !"raw".equals(format.get())) {
                    v.error(Paths.key(itemPath, "format"), "'" + format.get() + "' is not an env_file format; use 'raw'"
                        + " (the syntax of docker run --env-file) or leave it out (compose's .env syntax)");
                    continue;
                }
                out.add(new Entry(file.get(), required, format.isPresent(), itemPath));
            } else {
                v.error(itemPath, "must be a path or a mapping {path, required, format}, not " + TreeTypes.describe(item));
            }
        }
        return out;
    }

    private void readFile(Entry entry, Map<String, String> read, Map<String, Optional<String>> explicit) {
        String name = "env file '" + entry.file() + "'";
        if (entry.file().isBlank()) {
            v.error(entry.path(), "an env file path must not be empty");
            return;
        }
        Optional<String> text;
        try {
            text = files.read(entry.file());
        } catch (DefinitionFiles.UnreadableFileException e) {
            v.error(entry.path(), name + ": " + e.getMessage());
            return;
        }
        if (text.isEmpty()) {
            if (entry.required()) {
                v.error(entry.path(), name + " not found: " + files.missing(entry.file()));
            }
            return;
        }
        Function<String, Optional<String>> lookup = k -> Optional.ofNullable(variables.get(k))
            .or(() -> explicit.getOrDefault(k, Optional.empty()));
        try {
            if (entry.raw()) {
                DotEnv.parseRaw(text.get(), read, lookup);
            } else {
                DotEnv.parse(text.get(), read, lookup, (value, line) -> expand(value, line, name, entry.path(), read,
                    explicit));
            }
        } catch (DotEnv.Malformed e) {
            v.error(entry.path(), name + ", line " + e.line() + ": " + e.getMessage());
        }
    }

    private String expand(String value, int line, String name, String path, Map<String, String> read,
            Map<String, Optional<String>> explicit) {
        Problems found = new Problems();
        String expanded = new Interpolator(k -> {
            String x = variables.get(k);
            if (x != null) {
                return x;
            }
            Optional<String> e = explicit.getOrDefault(k, Optional.empty());
            return e.isPresent() ? e.get() : read.get(k);
        }, found).string(value, path);
        String at = name + ", line " + line + ": ";
        for (ValidationError e : found.errors()) {
            v.error(path, at + e.message());
        }
        for (ValidationError w : found.warnings()) {
            v.warn(path, at + w.message());
        }
        return expanded;
    }
}
