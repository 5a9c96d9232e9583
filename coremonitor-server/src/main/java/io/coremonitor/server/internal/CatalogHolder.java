package io.coremonitor.server.internal;

import io.coremonitor.engine.catalog.Catalog;
import io.coremonitor.engine.catalog.CatalogLoader;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's catalog: the built-in components and those of the user's directory ({@code --catalog-dir}), read at
 * start and again on demand ({@code POST /catalog/reload}). A reload that fails keeps the catalog in use.
 */
final class CatalogHolder {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogHolder.class);

    private final Optional<Path> directory;
    private volatile Catalog current;

    private CatalogHolder(Optional<Path> directory, Catalog current) {
        this.directory = directory;
        this.current = current;
    }

    /**
     * Reads the catalog (the directory made absolute, so that a user file's source never reads like a built-in's).
     *
     * @throws io.coremonitor.engine.catalog.InvalidCatalogException naming the file and the field of a file that cannot
     *                                                                be used, or a directory that is not one
     */
    public static CatalogHolder load(Optional<Path> directory) {
        Optional<Path> absolute = Objects.requireNonNull(directory, "directory").map(Path::toAbsolutePath);
        Catalog catalog = CatalogLoader.load(absolute);
        LOG.info("catalog: {} components{}", catalog.components().size(),
                absolute.map(d -> ", with those of " + d).orElse(" (built-in only)"));
        return new CatalogHolder(absolute, catalog);
    }

    /** The catalog in use. */
    public Catalog current() {
        return current;
    }

    /**
     * Reads the catalog again and uses it; when a file cannot be used, the exception says which and the catalog in use
     * stays.
     */
    public synchronized Catalog reload() {
        Catalog fresh = CatalogLoader.load(directory);
        current = fresh;
        LOG.info("catalog reloaded: {} components", fresh.components().size());
        return fresh;
    }

    /** Whether {@code source} (a component's) is a built-in resource rather than a file of the user's directory. */
    static boolean builtIn(String source) {
        return source.startsWith(CatalogLoader.RESOURCE_FOLDER);
    }
}
