package io.coremonitor.docker.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test (class or method) that talks to a real Docker engine ({@code DOCKER_HOST}, default
 * {@code unix:///var/run/docker.sock}).
 *
 * <ul>
 *   <li>Engine answers: the test runs; it may take a shared {@code DockerClient} (or {@code DockerSettings},
 *       {@code DockerHealth}) as a parameter of its constructor, test, or lifecycle methods.</li>
 *   <li>Engine missing and {@code CI=true}: the test FAILS ("CI=true but Docker is not reachable at ...").</li>
 *   <li>Engine missing otherwise: the test is skipped, with a WARN log line saying why.</li>
 * </ul>
 *
 * Start an engine with {@code scripts/start-dockerd.sh} and build the test images with {@code scripts/test-images.sh}.
 */
@Documented
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("docker")
@ExtendWith(DockerExtension.class)
public @interface RequiresDocker {
}
