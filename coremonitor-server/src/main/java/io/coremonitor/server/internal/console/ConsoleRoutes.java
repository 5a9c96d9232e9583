package io.coremonitor.server.internal.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The web console: {@code /} (the page, revalidated by ETag), {@code /assets/<fingerprint>/...} (its files, cached
 * for a year) and {@code /webjars/...} (its libraries, from the jar's webjars, versioned paths). The page holds no
 * data: it reads everything through {@code /api/v1}, with the credential the user gives it. Every answer carries a
 * Content-Security-Policy that allows scripts, styles and connections of this origin only.
 */
public final class ConsoleRoutes {

    /** The webjars the page loads: {@code name -> Maven groupId}. */
    static final Map<String, String> WEBJARS = Map.of(
        "uplot", "org.webjars.npm",
        "codemirror", "org.webjars.npm",
        "diff", "org.webjars.npm",
        "js-yaml", "org.webjars.npm");

    /** No inline script or style, nothing from another origin, no framing. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
        + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
        + " frame-ancestors 'none'; form-action 'self'";

    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private static final Set<String> PAGE_PATHS = Set.of("/", "/index.html");
    private static final String ASSET_PATH = "/assets/{fingerprint}/<path>";

    /** The paths of the console's routes (not part of the API: not in its OpenAPI document). */
    public static final Set<String> PATHS = Set.of("/", "/index.html", ASSET_PATH);

    private final ConsoleAssets assets;
    private final String etag;

    private ConsoleRoutes(ConsoleAssets assets) {
        this.assets = assets;
        this.etag = "\"" + assets.fingerprint() + "\"";
    }

    /** The console of this jar. */
    public static ConsoleRoutes load() {
        return new ConsoleRoutes(ConsoleAssets.load(webjarVersions()));
    }

    /** Serves the webjars ({@code /webjars/NAME/VERSION/...}, cached for a year by Javalin). */
    public static void configure(JavalinConfig cfg) {
        cfg.staticFiles.enableWebjars();
    }

    /** The routes of the console and the security headers of its answers. */
    public void mount(JavalinDefaultRouting router) {
        router.before(ctx -> {
            if (isConsole(ctx.path())) {
                securityHeaders(ctx);
            }
        });
        for (String path : PAGE_PATHS) {
            router.get(path, this::page);
        }
        router.get(ASSET_PATH, this::asset);
    }

    /** The asset folder of this build: {@code /assets/<fingerprint>}. */
    public String assetBase() {
        return "/assets/" + assets.fingerprint();
    }

    private static boolean isConsole(String path) {
        return PAGE_PATHS.contains(path) || path.startsWith("/assets/") || path.startsWith("/webjars/");
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    private void page(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", etag);
        String inm = ctx.header("If-None-Match");
        if (etag.equals(inm)) {
            ctx.status(304);
            return;
        }
        ctx.contentType("text/html; charset=utf-8").result(assets.index());
    }

    private void asset(Context ctx) {
        String path = ctx.pathParam("path");
        if (!assets.fingerprint().equals(ctx.pathParam("fingerprint"))) {
            // a page of an older build: its assets are gone, a reload gets the new page
            throw new NotFoundResponse("no console assets " + ctx.pathParam("fingerprint") + " in this build (reload the page)");
        }
        byte[] body = assets.file(path).orElseThrow(() -> new NotFoundResponse("no console file " + path));
        ctx.header("Cache-Control", IMMUTABLE);
        ctx.contentType(ConsoleAssets.contentType(path)).result(body);
    }

    /** The version of each webjar of {@link #WEBJARS}, from its Maven metadata in the jar. */
    static Map<String, String> webjarVersions() {
        Map<String, String> out = new LinkedHashMap<>();
        WEBJARS.forEach((name, group) -> {
            String resource = "META-INF/maven/" + group + "/" + name + "/pom.properties";
            try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the webjar " + group + ":" + name + " is missing (" + resource + ")");
                }
                Properties p = new Properties();
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                out.put(name, p.getProperty("version"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        });
        return out;
    }
}
