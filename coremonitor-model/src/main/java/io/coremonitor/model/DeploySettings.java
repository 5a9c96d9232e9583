package io.coremonitor.model;

import java.util.Objects;

/**
 * Where and how application artifacts are deployed into a service: its {@code x-coremonitor-deploy} extension key.
 *
 * <pre>{@code
 * services:
 *   app:
 *     image: tomcat:10
 *     x-coremonitor-deploy:
 *       target: tomcat                       # nginx | tomcat | wildfly
 *       webapps: /usr/local/tomcat/webapps   # optional: root (nginx), webapps (tomcat), deployments (wildfly)
 *       port: 8080                           # optional: the HTTP port inside the container
 * }</pre>
 *
 * @param kind      the middleware
 * @param directory the absolute directory Core Monitor deploys into (the document root for nginx)
 * @param port      the HTTP port the application answers on inside the container, checked after a deployment
 */
public record DeploySettings(DeployKind kind, String directory, int port) {

    /** The extension key of a service that holds these settings. */
    public static final String KEY = "x-coremonitor-deploy";

    public DeploySettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(directory, "directory");
        if (!directory.startsWith("/")) {
            throw new IllegalArgumentException("the deploy directory must be absolute: " + directory);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The defaults of {@code kind}'s official image. */
    public static DeploySettings defaults(DeployKind kind) {
        return new DeploySettings(kind, kind.defaultDirectory(), kind.defaultPort());
    }
}
