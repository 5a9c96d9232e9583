package io.coremonitor.server.internal;

/**
 * The answer of {@code GET /api/v1/health}: {@code UP} when both dependencies are UP; {@code DEGRADED} when the
 * database answers reads but something else fails (Docker does not answer, or the database refuses writes: a full
 * disk, a read-only or missing SQLite file, a lock held by another process); {@code DOWN} when the database does
 * not answer reads.
 */
public record HealthReport(String status, ComponentHealth database, ComponentHealth docker) {

    public static HealthReport of(ComponentHealth database, ComponentHealth docker) {
        String status = !database.answering() ? "DOWN" : database.fullyUp() && docker.fullyUp() ? "UP" : "DEGRADED";
        return new HealthReport(status, database, docker);
    }
}
