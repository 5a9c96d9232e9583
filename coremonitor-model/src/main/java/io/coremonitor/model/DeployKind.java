package io.coremonitor.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The middleware an application artifact is deployed into ({@code x-coremonitor-deploy: {target: ...}}), with the
 * defaults of its official image: the directory Core Monitor writes into, the key that overrides it and the HTTP port
 * the application answers on inside the container.
 */
public enum DeployKind {

    /** A static site (.tar.gz, .tgz or .zip) served by nginx; the directory is the document root. */
    NGINX("nginx", "root", "/usr/share/nginx/html", 80),
    /** A WAR dropped into Tomcat's {@code webapps} (hot deployment, {@code autoDeploy}). */
    TOMCAT("tomcat", "webapps", "/usr/local/tomcat/webapps", 8080),
    /** A WAR or EAR handed to WildFly's deployment scanner ({@code .dodeploy} marker). */
    WILDFLY("wildfly", "deployments", "/opt/jboss/wildfly/standalone/deployments", 8080);

    private final String key;
    private final String directoryKey;
    private final String defaultDirectory;
    private final int defaultPort;

    DeployKind(String key, String directoryKey, String defaultDirectory, int defaultPort) {
        this.key = key;
        this.directoryKey = directoryKey;
        this.defaultDirectory = defaultDirectory;
        this.defaultPort = defaultPort;
    }

    /** How it is written in a definition: {@code nginx}, {@code tomcat}, {@code wildfly}. */
    public String key() {
        return key;
    }

    /** The key of {@code x-coremonitor-deploy} that overrides the directory: {@code root}, {@code webapps}, {@code deployments}. */
    public String directoryKey() {
        return directoryKey;
    }

    /** The directory of the official image. */
    public String defaultDirectory() {
        return defaultDirectory;
    }

    /** The HTTP port of the official image. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The kind written {@code key} in a definition. */
    public static Optional<DeployKind> fromKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
