package io.coremonitor.engine.internal.deploy;

import io.coremonitor.engine.internal.artifacts.ArtifactType;
import io.coremonitor.model.Artifact;
import io.coremonitor.model.DeployKind;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which artifacts and context paths each target takes: the one place these rules live, checked when a deployment is
 * asked for (before anything is queued) and again by the target before it touches a container.
 */
public final class DeployRules {

    /** An EAR or JAR keeps its own file name in WildFly's deployments directory. */
    private static final Pattern OWN_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*\\.(ear|jar|EAR|JAR)");
    private static final int MAX_PATH = 200;

    private DeployRules() {
    }

    /**
     * Why {@code kind} does not take this artifact (judged by its name, then its media type: nginx .tar.gz/.tgz/.zip;
     * tomcat .war; wildfly .war/.ear/.jar), empty when it does.
     */
    public static Optional<String> refuses(DeployKind kind, Artifact artifact) {
        return switch (kind) {
            case NGINX -> SiteArchive.formatOf(artifact).isPresent() ? Optional.empty()
                : Optional.of("nginx serves a static site packed as .tar.gz, .tgz or .zip, not " + artifact.name()
                    + " (" + artifact.mediaType() + ")");
            case TOMCAT -> isWar(artifact) ? Optional.empty()
                : Optional.of("Tomcat deploys a web application archive (.war), not " + artifact.name());
            case WILDFLY -> refusesForWildFly(artifact);
        };
    }

    /**
     * Why {@code kind} refuses this (normalised) context path for this artifact, empty when it is fine: nginx serves
     * only at {@code /}; Tomcat takes segments of [A-Za-z0-9._-]; WildFly takes one segment for a WAR (an EAR or JAR
     * names its context roots itself, the path only says where the check looks).
     */
    public static Optional<String> refusesPath(DeployKind kind, Artifact artifact, String path) {
        if (path.length() > MAX_PATH) {
            return Optional.of("a context path has at most " + MAX_PATH + " characters");
        }
        return switch (kind) {
            case NGINX -> "/".equals(path) ? Optional.empty()
                : Optional.of("nginx serves the site at \"/\" only (its document root), not at \"" + path + "\"");
            case TOMCAT -> ContextPaths.refuses(path, Integer.MAX_VALUE);
            case WILDFLY -> ContextPaths.refuses(path, isWar(artifact) ? 1 : Integer.MAX_VALUE);
        };
    }

    /**
     * Fails the deployment (before any container is touched) when {@code kind} does not take this artifact at this
     * path: the targets' own check of what {@link #refuses} and {@link #refusesPath} judged when it was asked for.
     */
    static void require(DeployKind kind, Artifact artifact, String path) {
        refuses(kind, artifact).or(() -> refusesPath(kind, artifact, path)).ifPresent(reason -> {
            throw new DeployFailedException(reason);
        });
    }

    /** The context path used when none is given: {@code /} for nginx, else the file name without its extension. */
    public static String defaultPath(DeployKind kind, ArtifactType type, String fileName) {
        return kind == DeployKind.NGINX ? "/" : "/" + type.baseName(fileName);
    }

    /** {@code path} without surrounding blanks and trailing slashes ({@code /} stays {@code /}). */
    public static String normalise(String path) {
        String p = path.strip();
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static Optional<String> refusesForWildFly(Artifact artifact) {
        if (isWar(artifact)) {
            return Optional.empty();
        }
        if (!ContextPaths.endsWithAny(artifact.name(), ".ear", ".jar")) {
            return Optional.of("WildFly deploys a .war, .ear or .jar, not " + artifact.name());
        }
        return OWN_NAME.matcher(artifact.name()).matches() ? Optional.empty()
            : Optional.of("an EAR or JAR is deployed under its own name, made of A-Z a-z 0-9 . _ - (not starting with a dot): "
                + artifact.name());
    }

    private static boolean isWar(Artifact artifact) {
        return ContextPaths.endsWithAny(artifact.name(), ".war");
    }
}
