package io.coremonitor.engine.internal.deploy;

import io.coremonitor.engine.internal.artifacts.ArtifactType;
import io.coremonitor.model.DeployKind;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Which artifacts and context paths each target takes: checked when a deployment is asked for. */
public final class DeployRules {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final int MAX_PATH = 200;

    private DeployRules() {
    }

    /** The artifact types a target takes. */
    public static Set<ArtifactType> accepted(DeployKind kind) {
        return switch (kind) {
            case NGINX -> EnumSet.of(ArtifactType.TAR_GZ, ArtifactType.TGZ, ArtifactType.ZIP);
            case TOMCAT -> EnumSet.of(ArtifactType.WAR);
            case WILDFLY -> EnumSet.of(ArtifactType.WAR, ArtifactType.EAR, ArtifactType.JAR);
        };
    }

    /** Why {@code kind} does not take an artifact of this type, empty when it does. */
    public static Optional<String> refuses(DeployKind kind, ArtifactType type) {
        if (accepted(kind).contains(type)) {
            return Optional.empty();
        }
        return Optional.of(kind.key() + " takes " + String.join(", ", accepted(kind).stream()
            .map(ArtifactType::extension).toList()) + " artifacts, not " + type.extension());
    }

    /** The context path used when none is given: {@code /} for nginx, else the file name without its extension. */
    public static String defaultPath(DeployKind kind, ArtifactType type, String fileName) {
        return kind == DeployKind.NGINX ? "/" : "/" + type.baseName(fileName);
    }

    /** {@code path} without a trailing slash ({@code /} stays {@code /}). */
    public static String normalise(String path) {
        String p = path.strip();
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** Why a (normalised) context path is refused by {@code kind}, empty when it is fine. */
    public static Optional<String> refusesPath(DeployKind kind, String path) {
        if (!path.startsWith("/")) {
            return Optional.of("a context path starts with '/', got '" + path + "'");
        }
        if (kind == DeployKind.NGINX) {
            return path.equals("/") ? Optional.empty()
                : Optional.of("nginx serves a static site at its document root: the path must be '/', got '" + path + "'");
        }
        if (path.length() > MAX_PATH) {
            return Optional.of("a context path has at most " + MAX_PATH + " characters");
        }
        if (path.equals("/")) {
            return Optional.empty();
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("'" + path + "' is not a usable context path: segments of letters, digits, '.', '_',"
                    + " '~' and '-', separated by single '/'");
            }
        }
        return Optional.empty();
    }
}
