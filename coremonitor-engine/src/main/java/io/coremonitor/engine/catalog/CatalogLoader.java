package io.coremonitor.engine.catalog;

import io.coremonitor.engine.catalog.internal.ComponentReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the catalog: the built-in components (the class path resources {@code catalog/*.yaml}, listed in
 * {@code catalog/components.list}) and, optionally, the {@code *.yaml} / {@code *.yml} files of a directory of the
 * user's own, one component per file. A user component whose id is a built-in's replaces it. A file that cannot be
 * used is an {@link InvalidCatalogException} naming the file and the field; none is skipped. Call again to re-read.
 */
public final class CatalogLoader {

    /** The class path folder of the built-in components. */
    public static final String RESOURCE_FOLDER = "catalog/";
    private static final Logger LOG = LoggerFactory.getLogger(CatalogLoader.class);

    private CatalogLoader() {
    }

    /** The built-in components only. */
    public static Catalog builtIn() {
        return load(Optional.empty());
    }

    /** The built-in components and those of {@code userDirectory}, when given (it must be a directory). */
    public static Catalog load(Optional<Path> userDirectory) {
        Objects.requireNonNull(userDirectory, "userDirectory");
        Map<String, Component> byId = new LinkedHashMap<>();
        for (String name : builtInNames()) {
            Component c = ComponentReader.read(RESOURCE_FOLDER + name, resource(RESOURCE_FOLDER + name));
            if (byId.put(c.id(), c) != null) {
                throw new InvalidCatalogException(RESOURCE_FOLDER + name, "id", "a second component '" + c.id() + "'");
            }
        }
        if (userDirectory.isPresent()) {
            Map<String, Component> own = new LinkedHashMap<>();
            for (Path file : userFiles(userDirectory.get())) {
                Component c = ComponentReader.read(file.toString(), read(file));
                Component before = own.put(c.id(), c);
                if (before != null) {
                    throw new InvalidCatalogException(file.toString(), "id", "'" + c.id() + "' is also the id of " + before.source());
                }
                if (byId.containsKey(c.id())) {
                    LOG.info("catalog: {} replaces the built-in component '{}'", file, c.id());
                }
                byId.put(c.id(), c);
            }
        }
        Catalog catalog = new Catalog(new ArrayList<>(byId.values()));
        LOG.debug("catalog: {} components {}", catalog.components().size(), catalog.ids());
        return catalog;
    }

    private static List<String> builtInNames() {
        return resource(RESOURCE_FOLDER + "components.list").lines().map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String resource(String name) {
        try (InputStream in = CatalogLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new InvalidCatalogException(name, "", "missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class path resource " + name, e);
        }
    }

    private static List<Path> userFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidCatalogException(directory.toString(), "", "not a directory (the catalog directory setting)");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml"))
                .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the catalog directory " + directory, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidCatalogException(file.toString(), "", "cannot be read: " + e.getMessage(), e);
        }
    }
}
