package io.coremonitor.engine.internal.convergence;

import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.FileMount;
import io.coremonitor.model.ServiceStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The secret and config files of one service, read and ready to be written into its new container. */
final class ServiceFiles {

    private final Map<FileMount, byte[]> files;
    private final List<String> described;

    private ServiceFiles(Map<FileMount, byte[]> files, List<String> described) {
        this.files = files;
        this.described = described;
    }

    /**
     * Reads every secret and config file of {@code service}.
     *
     * @throws CommandFailedException naming the service and the entry, when one cannot be read
     */
    static ServiceFiles read(String stackId, ComposeDefinition def, String service, FileContents contents) {
        ServiceStorage storage = def.services().get(service).storage();
        Map<FileMount, byte[]> files = new LinkedHashMap<>();
        List<String> described = new ArrayList<>();
        try {
            for (FileMount m : storage.secrets()) {
                files.put(m, contents.read(stackId, "secret", m.source(), def.secrets().get(m.source())));
                described.add("secret " + m.source() + " to " + m.target());
            }
            for (FileMount m : storage.configs()) {
                files.put(m, contents.read(stackId, "config", m.source(), def.configs().get(m.source())));
                described.add("config " + m.source() + " to " + m.target());
            }
        } catch (CommandFailedException e) {
            throw new CommandFailedException("service " + service + ": " + e.getMessage(), e);
        }
        return new ServiceFiles(files, List.copyOf(described));
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    /** The tar archive to extract at {@code /}. */
    byte[] archive(Instant modified) {
        return FileArchive.of(files, modified);
    }

    /** What is written where ("secret db_pw to /run/secrets/db_pw, config site to /site"): names, never contents. */
    String describe() {
        return String.join(", ", described);
    }
}
