package io.coremonitor.server.internal;

/**
 * The answer of {@code GET /api/v1/health}: {@code UP} when both dependencies answer, {@code DEGRADED} when the
 * database answers and Docker does not (reads still work), {@code DOWN} when the database does not.
 */
public record HealthReport(String status, ComponentHealth database, ComponentHealth docker) {

    public static HealthReport of(ComponentHealth database, ComponentHealth docker) {
        String status = !database.answering() ? "DOWN" : docker.answering() ? "UP" : "DEGRADED";
        return new HealthReport(status, database, docker);
    }
}
