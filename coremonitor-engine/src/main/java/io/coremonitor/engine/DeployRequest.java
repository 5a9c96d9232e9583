package io.coremonitor.engine;

import io.coremonitor.model.DeployCheck;
import java.util.Objects;
import java.util.Optional;

/**
 * What to deploy where: {@code POST /stacks/{id}/deploy}.
 *
 * @param service  the service of the stack's current version, which must have {@code x-coremonitor-deploy}
 * @param artifact the SHA-256 of an uploaded artifact
 * @param path     the context path ({@code /app}; {@code /} for the root context); empty: {@code /} for nginx, the
 *                 artifact's file name without extension for Tomcat and WildFly ({@code shop.war} gives {@code /shop})
 * @param check    the HTTP check that decides success; empty: a GET of the context path answering 2xx or 3xx
 */
public record DeployRequest(String service, String artifact, Optional<String> path, Optional<DeployCheck> check) {

    public DeployRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(check, "check");
    }
}
