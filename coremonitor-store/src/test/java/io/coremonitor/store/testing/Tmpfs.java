package io.coremonitor.store.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small tmpfs the test mounts itself, to put a SQLite store on a disk that can fill up. Mounting needs root (or
 * CAP_SYS_ADMIN): without it the test is skipped with a WARN line, or fails when {@code CI=true}.
 */
public final class Tmpfs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tmpfs.class);
    private static final int CHUNK = 64 * 1024;

    private final Path dir;
    private final Path filler;

    private Tmpfs(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve("filler.bin");
    }

    /**
     * Mounts a tmpfs of this size ({@code 8m}, ...) on a new temporary directory.
     */
    public static Tmpfs mount(String size) throws IOException {
        Path dir = Files.createTempDirectory("coremonitor-tmpfs");
        List<String> failure = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0777", "tmpfs", dir.toString());
        if (!failure.isEmpty()) {
            Files.deleteIfExists(dir);
            String reason = "cannot mount a tmpfs (root or CAP_SYS_ADMIN needed): " + failure;
            if (TestPostgres.onCi()) {
                Assertions.fail("CI=true and " + reason + ": the storage fault tests must run on CI");
            }
            LOG.warn("SKIPPING storage fault test: {}", reason);
            Assumptions.abort("SKIPPED (storage fault test): " + reason);
        }
        return new Tmpfs(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Fills every free byte of the file system with one file. */
    public void fill() throws IOException {
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("No space left")) {
                throw e;
            }
        }
        // the last bytes a chunk did not fit into
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.APPEND)) {
            for (int i = 0; i < CHUNK; i++) {
                out.write(0);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("file system full: {}", e.getMessage());
        }
    }

    /**
     * Makes the directory read-only for every file opened from now on: a read-only bind mount over it. (The kernel
     * refuses to remount a tmpfs read-only while a process holds a file open for writing, as SQLite does.)
     */
    public void makeReadOnly() throws IOException {
        check(run("mount", "--bind", dir.toString(), dir.toString()));
        check(run("mount", "-o", "remount,bind,ro", dir.toString()));
    }

    /** Ends {@link #makeReadOnly}. */
    public void makeWritable() throws IOException {
        check(run("umount", dir.toString()));
    }

    private static void check(List<String> failure) {
        if (!failure.isEmpty()) {
            throw new IllegalStateException(String.join(": ", failure));
        }
    }

    /** Frees what {@link #fill} took. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException {
        List<String> failure = run("umount", "-l", dir.toString());
        if (!failure.isEmpty()) {
            LOG.warn("could not unmount {}: {}", dir, failure);
            return;
        }
        Files.deleteIfExists(dir);
    }

    /** Runs a command; empty when it succeeded, else its exit code and output. */
    static List<String> run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).directory(Path.of("/").toFile()).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted");
        }
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.exitValue() == 0) {
            return List.of();
        }
        List<String> failure = new ArrayList<>();
        failure.add(String.join(" ", command) + " exited " + p.exitValue());
        failure.add(out);
        return failure;
    }
}
