package io.coremonitor.server.reliability;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.DockerClients;
import io.coremonitor.docker.DockerHealth;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.docker.testing.DockerExtension;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * A private Docker daemon: a second {@code dockerd} process, a child of the test JVM, beside the shared engine on
 * {@code /var/run/docker.sock}. A test can really stop it (SIGTERM) and start it again on the same data, which the
 * shared engine, used by every other build on the machine, must never be.
 *
 * <p>It shares nothing with the shared engine: it runs in its own network namespace ({@code unshare --net}), so its
 * default bridge, its networks' bridges and its veths never touch the host's interfaces, and they all vanish with the
 * process. (In the host namespace, dockerd deletes the host's {@code docker0} when started with {@code --bridge=none},
 * and a private daemon restarted with {@code --bridge=<its own bridge>} was seen to delete it too: the shared engine
 * then fails every container on its default network.) It has its own API socket (a UNIX socket is reached by path,
 * from any namespace), data-root, exec-root (so its own managed containerd, under the exec-root) and pid file, and
 * no iptables or ip6tables rules (the containers the tests run need no NAT).
 *
 * <p>Everything lives in one temporary directory under {@code /tmp} ({@code /tmp/cmddXXXX}: short, because a UNIX
 * socket path must stay under ~100 bytes): {@code d.sock}, {@code d.pid}, {@code exec/} and {@code data/}. The
 * data-root is temporary on purpose, not a fixed directory kept between runs: two builds on the machine (worktrees,
 * CI) can then run this class at the same time without sharing a data-root, and a run never inherits the containers
 * of a run that crashed (a daemon restarts the ones with a restart policy). What a fixed data-root would save is
 * only the busybox image load, which takes well under a second. The daemon's output goes to
 * {@code target/reliability-logs/private-dockerd-cmddXXXX.log}, appended across restarts.
 *
 * <p>It needs root, the {@code dockerd} binary (Debian's docker.io) and {@code unshare} (util-linux): see
 * {@link #requireAvailable(String)}.
 */
final class PrivateDockerd implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Daemon shutdown waits up to each running container's stop timeout (10 s unless the container says less). */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
    private static final Set<String> PREDEFINED_NETWORKS = Set.of("bridge", "host", "none");

    private final Path binary;
    private final Path dir;
    private final Path socket;
    private final Path log;
    private final DockerSettings settings;
    private Process process;
    private DockerClient client;
    private boolean closed;

    /** Prepares the directories (nothing is started). Call {@link #requireAvailable(String)} first. */
    PrivateDockerd() throws IOException {
        this.binary = findDockerd().orElseThrow(() -> new IllegalStateException("no dockerd binary on this machine"));
        this.dir = Files.createTempDirectory(Path.of("/tmp"), "cmdd");
        this.socket = dir.resolve("d.sock");
        Files.createDirectories(RelServer.LOGS);
        this.log = RelServer.LOGS.resolve("private-dockerd-" + dir.getFileName() + ".log").toAbsolutePath();
        this.settings = DockerSettings.defaults().withHost(URI.create(dockerHost()));
    }

    /**
     * Lets the test go on when this machine can run a private daemon (root and a {@code dockerd} binary). Otherwise
     * fails it when {@code CI} is true (as {@code RequiresDocker} does for the shared engine), or skips it with a
     * line on System.err.
     */
    static void requireAvailable(String testName) {
        Optional<String> missing = whatIsMissing();
        if (missing.isEmpty()) {
            return;
        }
        if (DockerExtension.isCi(System.getenv())) {
            String message = "CI=true but a private dockerd cannot run here: " + missing.get()
                    + " (run the build as root with Debian's docker.io installed, see scripts/start-dockerd.sh)";
            System.err.println(testName + ": " + message);
            throw new AssertionFailedError(message);
        }
        String message = "a private dockerd cannot run here: " + missing.get() + "; skipping " + testName
                + " (under CI=true this fails)";
        System.err.println("SKIPPED " + testName + ": " + message);
        Assumptions.assumeTrue(false, message);
    }

    /** Why a private daemon cannot run on this machine, if it cannot. */
    static Optional<String> whatIsMissing() {
        List<String> missing = new ArrayList<>();
        if (!isRoot()) {
            missing.add("not root (uid " + uid() + ")");
        }
        if (findDockerd().isEmpty()) {
            missing.add("no dockerd binary on PATH, /usr/sbin or /usr/bin");
        }
        if (Stream.of("/usr/bin/unshare", "/bin/unshare").noneMatch(p -> Files.isExecutable(Path.of(p)))) {
            missing.add("no unshare command (util-linux)");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", missing));
    }

    private static boolean isRoot() {
        return "0".equals(uid());
    }

    private static String uid() {
        try {
            // /proc/self belongs to the process's effective uid
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "unknown: " + e;
        }
    }

    private static Optional<Path> findDockerd() {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"));
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, "dockerd")).filter(Files::isExecutable)
                .findFirst();
    }

    /** The daemon's address, {@code unix:///tmp/cmddXXXX/d.sock}. */
    String dockerHost() {
        return "unix://" + socket;
    }

    Path logFile() {
        return log;
    }

    /** A docker-java client on the private daemon (made once, closed by {@link #close()}). */
    synchronized DockerClient client() {
        if (client == null) {
            client = DockerClients.create(settings);
        }
        return client;
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** Whether the daemon answers a ping on its socket now. */
    boolean answers() {
        return DockerHealth.probe(settings, PING_TIMEOUT).reachable();
    }

    /**
     * Starts the daemon (again, after {@link #stop()}: same socket, data-root and exec-root) and waits until it answers
     * a ping, at most {@link #START_TIMEOUT}.
     *
     * @throws IllegalStateException with the tail of the daemon log when it exits or does not answer in time
     */
    synchronized PrivateDockerd start() throws IOException, InterruptedException {
        if (running()) {
            throw new IllegalStateException("the private dockerd is already running (pid " + process.pid() + ")");
        }
        List<String> cmd = List.of("unshare", "--net", binary.toString(),
                "--host", dockerHost(),
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("d.pid").toString(),
                "--iptables=false",
                "--ip6tables=false");
        Files.writeString(log, "=== " + Instant.now() + " starting: " + String.join(" ", cmd) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().remove("DOCKER_HOST");
        long t0 = System.nanoTime();
        process = pb.start();
        try {
            waiting("the private dockerd answering on " + dockerHost(), START_TIMEOUT).until(this::answersWhileAlive);
        } catch (ConditionTimeoutException e) {
            killHard();
            throw new IllegalStateException("the private dockerd did not answer on " + dockerHost() + " within "
                    + START_TIMEOUT + "; log " + log + ":\n" + logTail(), e);
        }
        System.out.printf("PrivateDockerd: started pid %d on %s in %d ms%n", process.pid(), dockerHost(),
                (System.nanoTime() - t0) / 1_000_000);
        return this;
    }

    /**
     * Stops the daemon for real: SIGTERM, waits at most {@link #STOP_TIMEOUT} for it to exit (then SIGKILL, of it and
     * the processes it started), and waits until the socket no longer answers. Its containers go down with it.
     */
    synchronized void stop() throws InterruptedException {
        if (!running()) {
            return;
        }
        long t0 = System.nanoTime();
        long pid = process.pid();
        process.destroy(); // SIGTERM
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            System.err.println("PrivateDockerd: pid " + pid + " still running " + STOP_TIMEOUT + " after SIGTERM: SIGKILL");
            killHard();
        }
        try {
            waiting(dockerHost() + " no longer answering", Duration.ofSeconds(10)).until(() -> !answers());
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the private dockerd exited but " + dockerHost() + " still answers", e);
        }
        System.out.printf("PrivateDockerd: stopped pid %d (exit %d) in %d ms%n", pid, process.exitValue(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** True when the daemon answers a ping; throws with the tail of its log when it has exited. */
    private boolean answersWhileAlive() {
        if (answers()) {
            return true;
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("the private dockerd exited with " + process.exitValue()
                    + " before answering on " + dockerHost() + "; log " + log + ":\n" + logTail());
        }
        return false;
    }

    /** Polls every 100 ms from the first instant, in the caller's thread, for at most {@code timeout}. */
    private static ConditionFactory waiting(String what, Duration timeout) {
        return Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .pollInSameThread();
    }

    /** Stops the daemon and starts it again on the same socket and data. */
    PrivateDockerd restart() throws IOException, InterruptedException {
        stop();
        return start();
    }

    /** SIGKILL to the daemon and to every process it started (its containerd, shims and their containers). */
    private void killHard() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }

    /**
     * Copies {@code image} from the shared engine into this daemon when it does not have it yet: the shared engine's
     * {@code GET /images/{name}/get} tar is streamed straight into this daemon's {@code POST /images/load}.
     */
    void loadImage(DockerClient shared, String image) throws IOException {
        DockerClient mine = client();
        try {
            mine.inspectImageCmd(image).exec();
            return;
        } catch (NotFoundException e) {
            // not here yet: load it
        }
        long t0 = System.nanoTime();
        try (InputStream tar = shared.saveImageCmd(image).exec()) {
            mine.loadImageCmd(tar).exec();
        }
        mine.inspectImageCmd(image).exec(); // throws NotFoundException when the load did not take
        System.out.printf("PrivateDockerd: loaded %s from the shared engine in %d ms%n", image,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** The last ~20,000 characters of the daemon log. */
    String logTail() {
        try {
            String t = Files.readString(log, StandardCharsets.UTF_8);
            return t.length() > 20_000 ? t.substring(t.length() - 20_000) : t;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Removes the containers and networks the daemon has (best effort, when it runs), stops it, and deletes its
     * temporary directory (socket, pid file, exec-root, data-root). The log file stays.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (running()) {
                removeEverything();
            }
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("PrivateDockerd: interrupted while stopping: SIGKILL");
        } catch (RuntimeException e) {
            System.err.println("PrivateDockerd: stop failed: " + e);
        } finally {
            if (running()) {
                killHardNow();
            }
            if (client != null) {
                try {
                    client.close();
                } catch (IOException | RuntimeException e) {
                    System.err.println("PrivateDockerd: closing the client failed: " + e);
                }
            }
            deleteDir();
        }
    }

    /** {@link #killHard()} for {@link #close()}, which must not be interrupted half way. */
    private void killHardNow() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> process).join();
    }

    private void removeEverything() {
        DockerClient c = client();
        try {
            for (Container container : c.listContainersCmd().withShowAll(true).exec()) {
                try {
                    c.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
                } catch (RuntimeException e) {
                    System.err.println("PrivateDockerd: removing container " + container.getId() + " failed: " + e);
                }
            }
            // tidy, and it makes the stop quick: the daemon no longer waits for containers' stop timeouts
            for (Network network : c.listNetworksCmd().exec()) {
                if (!PREDEFINED_NETWORKS.contains(network.getName())) {
                    try {
                        c.removeNetworkCmd(network.getId()).exec();
                    } catch (RuntimeException e) {
                        System.err.println("PrivateDockerd: removing network " + network.getName() + " failed: " + e);
                    }
                }
            }
        } catch (RuntimeException e) {
            System.err.println("PrivateDockerd: cleanup before stop failed: " + e);
        }
    }

    private void deleteDir() {
        // after a SIGKILL, overlay and netns mounts may remain under the directory: unmount them first
        for (String mount : mountsUnder(dir)) {
            try {
                new ProcessBuilder("umount", "-l", mount).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                System.err.println("PrivateDockerd: umount " + mount + " failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<String> failed = new ArrayList<>();
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    failed.add(p + ": " + e);
                }
            });
            if (!failed.isEmpty()) {
                System.err.println("PrivateDockerd: could not delete " + failed.size() + " paths under " + dir + ", e.g. "
                        + failed.get(0));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("PrivateDockerd: deleting " + dir + " failed: " + e);
        }
    }

    private static List<String> mountsUnder(Path dir) {
        List<String> out = new ArrayList<>();
        try {
            String prefix = dir.toString() + "/";
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length > 1 && f[1].startsWith(prefix)) {
                    out.add(f[1]);
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to unmount that we could know of
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }
}
