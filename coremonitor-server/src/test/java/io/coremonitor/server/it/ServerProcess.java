package io.coremonitor.server.it;

import io.coremonitor.server.internal.ApiClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The real server jar started as a process ({@code java -jar coremonitor-server.jar ...}). */
final class ServerProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "coremonitor-server.jar");

    final Process process;
    final int port;
    final Path log;

    ServerProcess(Path logDir, String db, Optional<String> token) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: the jar is made at the package phase");
        }
        this.port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", JAR.toString(), "--port", Integer.toString(port),
                "--db", db));
        token.ifPresent(t -> {
            cmd.add("--token");
            cmd.add(t);
        });
        Files.createDirectories(logDir);
        this.log = logDir.resolve("server-" + port + ".log");
        this.process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ApiClient probe = new ApiClient(base(), Optional.empty());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                if (probe.get("/health").status() == 200) {
                    return;
                }
            } catch (IllegalStateException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("the server did not answer within 60 s:\n" + logText());
            }
            Thread.sleep(200);
        }
    }

    String base() {
        return "http://127.0.0.1:" + port + "/api/v1";
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
