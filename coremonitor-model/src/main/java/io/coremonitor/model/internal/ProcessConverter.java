package io.coremonitor.model.internal;

import io.coremonitor.model.DefinitionFiles;
import io.coremonitor.model.ServiceProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a service's {@link ServiceProcess}: {@code image} (and the refused {@code build}), {@code pull_policy},
 * {@code command}, {@code entrypoint}, {@code environment} (with {@code env_file}) and how the process runs.
 */
final class ProcessConverter {

    private final Values v;
    private final Map<String, String> variables;
    private final EnvFileConverter envFiles;

    ProcessConverter(Values v, Map<String, String> variables, DefinitionFiles files) {
        this.v = v;
        this.variables = variables;
        this.envFiles = new EnvFileConverter(v, variables, files);
    }

    ServiceProcess process(Map<String, Object> s, String path) {
        Optional<String> image = v.string(s, path, "image");
        if (s.containsKey("build")) {
            if (image.isEmpty()) {
                v.error(Paths.key(path, "build"), "'build' is not supported: Core Monitor runs images and does not build them;"
                    + " add 'image:'");
            } else {
                v.warn(Paths.key(path, "build"), "ignored: Core Monitor runs the image '" + image.get() + "' and does not build it");
            }
        } else if (image.isEmpty()) {
            v.error(path, "missing required key 'image' (Core Monitor runs images)");
        } else if (image.get().isBlank()) {
            v.error(Paths.key(path, "image"), "must not be empty");
        }
        // with or without build: the image is what runs (and what the canonical form keeps)
        image.filter(i -> !i.isBlank()).flatMap(ImageReference::problem).ifPresent(problem -> v.error(Paths.key(path, "image"),
            "not a valid image reference: " + problem));
        return ServiceProcess.builder(image.orElse(""))
            .platform(v.string(s, path, "platform"))
            .pullPolicy(pullPolicy(s, path))
            .command(command(s, path, "command"))
            .entrypoint(command(s, path, "entrypoint"))
            .environment(environment(s, path))
            .workingDir(v.string(s, path, "working_dir"))
            .tty(v.bool(s, path, "tty", false))
            .stdinOpen(v.bool(s, path, "stdin_open", false))
            .runtime(v.string(s, path, "runtime"))
            .isolation(v.string(s, path, "isolation"))
            .build();
    }

    private Optional<String> pullPolicy(Map<String, Object> s, String path) {
        Optional<String> p = v.string(s, path, "pull_policy");
        if (p.isEmpty()) {
            return p;
        }
        String value = p.get();
        if ("if_not_present".equals(value)) {
            return Optional.of("missing");
        }
        if ("build".equals(value)) {
            v.error(Paths.key(path, "pull_policy"), "'build' is not supported: Core Monitor runs images and does not build them");
            return Optional.empty();
        }
        if (value.matches("always|never|missing|daily|weekly|every_([0-9]+[wdhms])+")) {
            return p;
        }
        v.error(Paths.key(path, "pull_policy"), "'" + value + "' is not a pull policy; use always, never, missing, daily, weekly"
            + " or every_<duration>");
        return Optional.empty();
    }

    /** {@code command}/{@code entrypoint}: absent or null: keep the image's; {@code []} or {@code ''}: override with nothing. */
    private Optional<List<String>> command(Map<String, Object> s, String path, String key) {
        Object value = s.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String text) {
            Optional<List<String>> words = ShellWords.split(text);
            if (words.isEmpty()) {
                v.error(Paths.key(path, key), "a quote is not closed in '" + text + "'");
            }
            return words;
        }
        return Optional.of(v.strings(s, path, key, false));
    }

    private Map<String, Optional<String>> environment(Map<String, Object> s, String path) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        v.listOrDict(s, path, "environment").forEach((k, value) ->
            out.put(k, value.isPresent() ? value : Optional.ofNullable(variables.get(k))));
        return envFiles.environment(s, path, out);
    }
}
