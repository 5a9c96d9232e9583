package io.coremonitor.engine;

/**
 * Thrown when something needs Docker and the engine was built without Docker settings
 * ({@code CoreMonitor.builder().docker(...)}). An {@link IllegalStateException}: the engine is used in a way its
 * configuration does not allow, which a server answers as 503 (the feature is unavailable here).
 */
public class DockerNotConfiguredException extends IllegalStateException {

    public DockerNotConfiguredException(String message) {
        super(message);
    }
}
