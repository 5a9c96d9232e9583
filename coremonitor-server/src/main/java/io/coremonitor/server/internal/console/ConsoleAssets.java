package io.coremonitor.server.internal.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The console's files, read once from the classpath ({@code coremonitor/console/}), and their fingerprint: a hash of
 * every file, which names the asset folder ({@code /assets/<fingerprint>/js/app.js}). A new build with any change
 * gets a new folder, so every asset may be cached for a year; {@code index.html} is the only page that is revalidated.
 */
public final class ConsoleAssets {

    static final String ROOT = "coremonitor/console";
    static final String INDEX = "index.html";
    /** Replaced in {@code index.html} by {@code /assets/<fingerprint>}. */
    static final String ASSETS_PLACEHOLDER = "{{assets}}";
    /** Replaced in {@code index.html} by the webjar versions, e.g. {@code {{webjar:uplot}}}. */
    static final String WEBJAR_PLACEHOLDER = "{{webjar:";

    private final Map<String, byte[]> files;
    private final String fingerprint;
    private final byte[] index;

    private ConsoleAssets(Map<String, byte[]> files, Map<String, String> webjars) {
        this.files = Map.copyOf(files);
        this.fingerprint = fingerprint(files, webjars);
        String page = new String(files.getOrDefault(INDEX, new byte[0]), StandardCharsets.UTF_8)
            .replace(ASSETS_PLACEHOLDER, "/assets/" + fingerprint);
        for (Map.Entry<String, String> w : webjars.entrySet()) {
            page = page.replace(WEBJAR_PLACEHOLDER + w.getKey() + "}}", "/webjars/" + w.getKey() + "/" + w.getValue());
        }
        if (page.contains("{{")) {
            throw new IllegalStateException("the console page names an unknown placeholder: "
                + page.substring(page.indexOf("{{"), Math.min(page.length(), page.indexOf("{{") + 40)));
        }
        this.index = page.getBytes(StandardCharsets.UTF_8);
    }

    /** The console of this jar, with the webjars the page names ({@code name -> version}). */
    public static ConsoleAssets load(Map<String, String> webjars) {
        URL root = ConsoleAssets.class.getClassLoader().getResource(ROOT);
        if (root == null) {
            throw new IllegalStateException("the console (" + ROOT + ") is missing from the classpath");
        }
        try {
            URI uri = root.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return new ConsoleAssets(readTree(jar.getPath("/" + ROOT)), webjars);
                }
            }
            return new ConsoleAssets(readTree(Path.of(uri)), webjars);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console from " + root, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the console from " + root, e);
        }
    }

    private static Map<String, byte[]> readTree(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                try (InputStream in = Files.newInputStream(p)) {
                    out.put(name, in.readAllBytes());
                }
            }
        }
        return out;
    }

    private static String fingerprint(Map<String, byte[]> files, Map<String, String> webjars) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
                sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(f.getValue());
                sha.update((byte) 0);
            }
            new TreeMap<>(webjars).forEach((k, v) -> sha.update((k + "=" + v + ";").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Names the asset folder: {@code /assets/<fingerprint>/}. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The page, its asset and webjar links filled in. */
    public byte[] index() {
        return index.clone();
    }

    /** A file of the console by its path under the asset folder ({@code js/app.js}); never {@code index.html}. */
    public Optional<byte[]> file(String path) {
        if (path.equals(INDEX) || path.contains("..")) {
            return Optional.empty();
        }
        return Optional.ofNullable(files.get(path)).map(byte[]::clone);
    }

    /** The media type of a console file, by its extension. */
    public static String contentType(String path) {
        String ext = path.substring(path.lastIndexOf('.') + 1);
        return switch (ext) {
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "html" -> "text/html; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "ico" -> "image/x-icon";
            case "json", "webmanifest" -> "application/json";
            default -> "application/octet-stream";
        };
    }
}
