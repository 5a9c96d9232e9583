package io.coremonitor.model.internal;

import io.coremonitor.model.DefinitionFiles;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files sent with a definition (and kept with its version), by normalized relative path.
 *
 * @param files the files, by normalized path (see {@link DefinitionFiles#normalize})
 */
public record SentFiles(Map<String, String> files) implements DefinitionFiles {

    public SentFiles {
        files = Map.copyOf(new TreeMap<>(files));
    }

    @Override
    public Optional<String> read(String path) {
        return DefinitionFiles.normalize(path).map(files::get);
    }

    @Override
    public String missing(String path) {
        if (path.startsWith("/")) {
            return "an absolute path names a file of the machine that ran compose; a definition carries its files by"
                + " relative path: write env_file relative (./app.env) and send its content in \"files\"";
        }
        if (files.isEmpty()) {
            return "no files were sent with the definition; send the file's content in \"files\" ({\""
                + path + "\": \"KEY=value\\n...\"})";
        }
        return "it is not among the files sent with the definition (" + String.join(", ", new TreeMap<>(files).keySet())
            + ")";
    }
}
