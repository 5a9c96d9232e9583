package io.coremonitor.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** copyToContainer, exec and logsSince on a busybox container (one for the class). */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerExecTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final DockerClient docker;
    private final DockerOps ops;
    private String container;

    @TempDir
    Path dir;

    DockerExecTest(DockerClient docker) {
        this.docker = docker;
        this.ops = DockerOps.of(docker);
    }

    @BeforeAll
    void startContainer() {
        String image = TestImages.requireBusybox(docker);
        // two lines at once, one 2 s later
        container = docker.createContainerCmd(image).withName(TestLabels.uniqueName("exec"))
            .withLabels(TestLabels.TEST_LABELS)
            .withCmd("sh", "-c", "echo early-line; echo early-err >&2; sleep 2; echo late-line; exec sleep 3600")
            .exec().getId();
        docker.startContainerCmd(container).exec();
    }

    @AfterAll
    void removeContainer() {
        if (container != null) {
            ops.removeContainer(container);
        }
    }

    @Test
    void anArchiveWithAFileAndASymlinkIsExtractedWhereAsked() throws IOException {
        assertThat(ops.exec(container, List.of("mkdir", "-p", "/srv/upload"), TIMEOUT).exitCode()).isZero();
        Path tar = dir.resolve("upload.tar");
        try (OutputStream file = Files.newOutputStream(tar); TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
            byte[] body = "hello from the archive\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("site/hello.txt");
            entry.setSize(body.length);
            entry.setMode(0100644);
            out.putArchiveEntry(entry);
            out.write(body);
            out.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry("site/link.txt", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("hello.txt");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
        }

        ops.copyToContainer(container, "/srv/upload", tar);

        String hello = "hello from the archive\n";
        assertThat(ops.exec(container, List.of("cat", "/srv/upload/site/hello.txt"), TIMEOUT).stdout()).isEqualTo(hello);
        assertThat(ops.exec(container, List.of("cat", "/srv/upload/site/link.txt"), TIMEOUT).stdout()).isEqualTo(hello);
        assertThat(ops.exec(container, List.of("readlink", "/srv/upload/site/link.txt"), TIMEOUT).stdout()).isEqualTo("hello.txt\n");
    }

    @Test
    void copyingIntoAMissingDirectoryFails() throws IOException {
        Path tar = dir.resolve("empty.tar");
        try (OutputStream file = Files.newOutputStream(tar); TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
            out.finish();
        }
        assertThatThrownBy(() -> ops.copyToContainer(container, "/no/such/dir", tar)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void execGivesTheExitCodeAndBothStreams() {
        ExecResult result = ops.exec(container, List.of("sh", "-c", "echo out; echo err >&2; exit 3"), TIMEOUT);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(ops.exec(container, List.of("true"), TIMEOUT).succeeded()).isTrue();
    }

    @Test
    void aMissingExecutableIsAnExitCodeNotAnException() {
        ExecResult result = ops.exec(container, List.of("/no/such/program"), TIMEOUT);

        assertThat(result.exitCode()).isIn(126, 127);
    }

    @Test
    void capturedOutputIsCappedAndSaysSo() {
        ExecResult result = ops.exec(container, List.of("sh", "-c", "yes 0123456789abcdef | head -c 200000"), TIMEOUT);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).hasSize(ExecResult.MAX_CAPTURED_BYTES + ExecResult.TRUNCATED.length()).endsWith(ExecResult.TRUNCATED);
    }

    @Test
    void aCommandThatOutlivesItsTimeoutThrowsExecTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> ops.exec(container, List.of("sleep", "30"), Duration.ofMillis(700)))
            .isInstanceOf(ExecTimeoutException.class).hasMessageContaining("[sleep, 30]").hasMessageContaining("700 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void logsSinceKeepsOnlyTheLinesAtOrAfterTheInstant() throws InterruptedException {
        List<String> all = awaitLines(Instant.EPOCH, "late-line");
        assertThat(all).contains("early-line", "early-err", "late-line");

        // the instant between the early and the late lines, to the nanosecond Docker stamped them
        List<LogLine> stamped = new ServiceLogs(docker).tail(container, -1, TIMEOUT);
        Instant early = stamped.stream().filter(l -> l.text().equals("early-line")).findFirst().orElseThrow().timestamp().orElseThrow();
        Instant late = stamped.stream().filter(l -> l.text().equals("late-line")).findFirst().orElseThrow().timestamp().orElseThrow();

        assertThat(ops.logsSince(container, late, TIMEOUT)).containsExactly("late-line");
        assertThat(ops.logsSince(container, early.plusNanos(1), TIMEOUT)).doesNotContain("early-line").contains("late-line");
        assertThat(ops.logsSince(container, early, TIMEOUT)).contains("early-line", "late-line");
        assertThat(ops.logsSince(container, late.plusNanos(1), TIMEOUT)).isEmpty();
    }

    private List<String> awaitLines(Instant since, String last) throws InterruptedException {
        long until = System.nanoTime() + TIMEOUT.toNanos();
        List<String> lines = ops.logsSince(container, since, TIMEOUT);
        while (!lines.contains(last) && System.nanoTime() < until) {
            Thread.sleep(200);
            lines = ops.logsSince(container, since, TIMEOUT);
        }
        return lines;
    }
}
