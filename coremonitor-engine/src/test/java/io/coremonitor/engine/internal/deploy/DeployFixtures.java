package io.coremonitor.engine.internal.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.testing.DockerExtension;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.docker.testing.TestLabels;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.Artifact;
import io.coremonitor.model.LogLevel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Assumptions;

/** Artifacts built in the test, containers of the middleware images, and a collecting context. */
final class DeployFixtures {

    static final String NGINX = "nginx:latest";
    static final String TOMCAT = "tomcat:latest";
    static final String WILDFLY = "quay.io/wildfly/wildfly:latest";

    static final String WEB_XML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
          <display-name>fixture</display-name>
        </web-app>
        """;
    /** Not well-formed: the middleware's parser stops at the unclosed element. */
    static final String BROKEN_WEB_XML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
          <display-name>broken
        </web-app
        """;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private DeployFixtures() {
    }

    /** The image, present; otherwise the test is skipped (fails under CI=true) naming the script that builds it. */
    static String requireImage(DockerClient docker, String image) {
        if (DockerExtension.isCi(System.getenv())) {
            return TestImages.require(docker, image, "scripts/test-images.sh --all");
        }
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            Assumptions.abort("Test image " + image + " is missing from the Docker engine: run scripts/test-images.sh --all "
                + "(under CI=true this fails)");
        }
        return image;
    }

    /** Starts a container of {@code image} with the test labels; returns its id. */
    static String start(DockerClient docker, String image, String prefix) {
        String id = docker.createContainerCmd(image).withName(TestLabels.uniqueName(prefix)).withLabels(TestLabels.TEST_LABELS)
            .exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    static String ipOf(DockerClient docker, String containerId) {
        return docker.inspectContainerCmd(containerId).exec().getNetworkSettings().getNetworks().values().iterator().next()
            .getIpAddress();
    }

    /** A WAR: index.html saying {@code text}, and WEB-INF/web.xml. */
    static Path war(Path dir, String name, String text) throws IOException {
        return zip(dir.resolve(name), Map.of("index.html", page(text), "WEB-INF/web.xml", WEB_XML));
    }

    /** A WAR whose web.xml is not well-formed. */
    static Path brokenWar(Path dir, String name) throws IOException {
        return zip(dir.resolve(name), Map.of("index.html", page("broken"), "WEB-INF/web.xml", BROKEN_WEB_XML));
    }

    static String page(String text) {
        return "<html><body>" + text + "</body></html>\n";
    }

    static Path zip(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    /** A site .tar.gz: index.html saying {@code text} and css/site.css, under "./". */
    static Path siteTarGz(Path dir, String name, String text) throws IOException {
        return tarGz(dir.resolve(name), Map.of("./index.html", page(text), "./css/site.css", "body{}\n"));
    }

    static Path tarGz(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); GZIPOutputStream gz = new GZIPOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                byte[] bytes = entry.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey());
                tarEntry.setSize(bytes.length);
                tar.putArchiveEntry(tarEntry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    static Artifact artifact(Path file, String mediaType) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return new Artifact(HexFormat.of().formatHex(digest), file.getFileName().toString(), Files.size(file), mediaType,
                Instant.now(), "test");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET from the test JVM to the container's address: the status and the body. */
    static HttpResponse<String> get(String ip, int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port + path)).timeout(Duration.ofSeconds(5)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Collects log lines; cancel on demand. */
    static final class Context implements ExecutionContext {

        final List<String> lines = new CopyOnWriteArrayList<>();
        final AtomicBoolean cancel = new AtomicBoolean();

        @Override
        public void log(LogLevel level, String message) {
            lines.add(level + " " + message);
        }

        @Override
        public boolean cancelRequested() {
            return cancel.get();
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }
    }

    /** The ops of the test client. */
    static DockerOps ops(DockerClient docker) {
        return DockerOps.of(docker);
    }
}
