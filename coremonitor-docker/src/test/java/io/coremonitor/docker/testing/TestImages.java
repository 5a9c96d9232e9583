package io.coremonitor.docker.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.opentest4j.AssertionFailedError;

/** The local test images that {@code scripts/test-images.sh} builds with {@code docker import} (nothing is pulled). */
public final class TestImages {

    /** Debian's busybox-static: sh, httpd, nc, wget, sleep, ...; CMD ["sh"]. About 2 MB. */
    public static final String BUSYBOX = "coremonitor-test/busybox:latest";
    /** debootstrap minbase bookworm; built only by {@code scripts/test-images.sh --all}. */
    public static final String DEBIAN = "coremonitor-test/debian:bookworm";

    private TestImages() {
    }

    /** The busybox image's name, after checking the engine has it; fails the test clearly when it does not. */
    public static String requireBusybox(DockerClient docker) {
        return require(docker, BUSYBOX, "scripts/test-images.sh");
    }

    /** The debian image's name, after checking the engine has it; fails the test clearly when it does not. */
    public static String requireDebian(DockerClient docker) {
        return require(docker, DEBIAN, "scripts/test-images.sh --all");
    }

    /** The image's name, after checking the engine has it; fails naming {@code script} as the way to build it. */
    public static String require(DockerClient docker, String image, String script) {
        try {
            docker.inspectImageCmd(image).exec();
            return image;
        } catch (NotFoundException e) {
            throw new AssertionFailedError("Test image " + image + " is missing from the Docker engine: run " + script, e);
        }
    }
}
