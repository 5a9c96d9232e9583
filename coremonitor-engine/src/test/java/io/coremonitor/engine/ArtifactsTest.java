package io.coremonitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.model.Artifact;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads: content addressing, size limit, archive checks, listing, delete and prune. */
class ArtifactsTest {

    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.atEpochOfTests();
    private CoreMonitor cm;

    @BeforeEach
    void open() {
        cm = EngineTests.engine(dir).clock(clock).artifacts(new ArtifactSettings(dir.resolve("artifacts"), 100_000)).build();
    }

    @AfterEach
    void close() {
        cm.close();
    }

    static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] tarGz(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                byte[] content = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(namesAndContents[i], true);
                e.setSize(content.length);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private StoredArtifact store(byte[] bytes, String name) {
        return cm.artifacts().store(new ByteArrayInputStream(bytes), name, "alice");
    }

    @Test
    void theSameBytesUploadedTwiceAreOneArtifactKnownByItsFirstUpload() throws Exception {
        byte[] war = zip("index.html", "v1", "WEB-INF/web.xml", "<web-app/>");
        StoredArtifact first = store(war, "shop.war");
        clock.advance(Duration.ofMinutes(1));
        StoredArtifact second = cm.artifacts().store(new ByteArrayInputStream(war), "other-name.war", "bob");

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.artifact()).isEqualTo(first.artifact());
        Artifact a = first.artifact();
        assertThat(a.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(war)));
        assertThat(a.name()).isEqualTo("shop.war");
        assertThat(a.size()).isEqualTo(war.length);
        assertThat(a.mediaType()).isEqualTo("application/java-archive");
        assertThat(a.createdBy()).isEqualTo("alice");
        Path file = cm.artifacts().file(a.sha256());
        assertThat(file).startsWith(dir.resolve("artifacts").toAbsolutePath());
        assertThat(Files.readAllBytes(file)).isEqualTo(war);
        try (var leftovers = Files.list(dir.resolve("artifacts").resolve("tmp"))) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void staticSitesAreTarGzOrZip() throws Exception {
        assertThat(store(tarGz("index.html", "site"), "site.tar.gz").artifact().mediaType()).isEqualTo("application/gzip");
        assertThat(store(zip("index.html", "site"), "site.zip").artifact().mediaType()).isEqualTo("application/zip");
    }

    @Test
    void aDatabaseDumpIsOneGzipFileReadToItsEnd() throws Exception {
        byte[] dump = gzip("CREATE TABLE t (id int);\n".getBytes(StandardCharsets.UTF_8));
        assertThat(store(dump, "shop-1.sql.gz").artifact().mediaType()).isEqualTo("application/gzip");
        assertThatThrownBy(() -> store(Arrays.copyOf(dump, dump.length - 10), "cut.sql.gz"))
            .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("not a readable sql.gz");
        assertThatThrownBy(() -> store(gzip(new byte[0]), "empty.sql.gz")).isInstanceOf(InvalidArtifactException.class)
            .hasMessageContaining("empty");
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        }
        return bytes.toByteArray();
    }

    @Test
    void anUploadOverTheLimitIsRefusedAndLeavesNothing() throws Exception {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        assertThatThrownBy(() -> cm.artifacts().store(endless, "big.war", "alice"))
            .isInstanceOf(ArtifactTooLargeException.class).hasMessageContaining("100000 bytes");
        try (var leftovers = Files.list(dir.resolve("artifacts").resolve("tmp"))) {
            assertThat(leftovers).isEmpty();
        }
        assertThat(cm.artifacts().list(PageRequest.first()).items()).isEmpty();
    }

    @Test
    void emptyCorruptUnknownAndEscapingUploadsAreRefusedWithTheirReason() throws Exception {
        assertThatThrownBy(() -> store(new byte[0], "app.war")).isInstanceOf(InvalidArtifactException.class)
            .hasMessageContaining("empty");
        assertThatThrownBy(() -> store(zip(), "app.war")).isInstanceOf(InvalidArtifactException.class)
            .hasMessageContaining("holds no file");
        assertThatThrownBy(() -> store("this is not a zip archive".getBytes(StandardCharsets.UTF_8), "app.war"))
            .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("not a readable war archive");
        byte[] war = zip("index.html", "x");
        byte[] truncated = Arrays.copyOf(war, war.length - 30);
        assertThatThrownBy(() -> store(truncated, "app.war")).isInstanceOf(InvalidArtifactException.class);
        byte[] gz = tarGz("index.html", "x");
        assertThatThrownBy(() -> store(Arrays.copyOf(gz, gz.length / 2), "site.tar.gz"))
            .isInstanceOf(InvalidArtifactException.class).hasMessageContaining("not a readable tar.gz archive");
        assertThatThrownBy(() -> store(zip("index.html", "x"), "app.exe")).isInstanceOf(InvalidArtifactException.class)
            .hasMessageContaining(".war, .ear, .jar, .zip, .tar.gz, .tgz or .sql.gz");
        assertThatThrownBy(() -> store(zip("../escape.html", "x"), "site.zip")).isInstanceOf(InvalidArtifactException.class)
            .hasMessageContaining("outside its root");
        assertThatThrownBy(() -> store(tarGz("/etc/passwd", "x"), "site.tgz")).isInstanceOf(InvalidArtifactException.class)
            .hasMessageContaining("outside its root");
        assertThatThrownBy(() -> store(zip("a", "x"), "dir/app.war")).isInstanceOf(InvalidArtifactException.class)
            .hasMessageContaining("not a usable file name");
        assertThat(cm.artifacts().list(PageRequest.first()).items()).isEmpty();
    }

    @Test
    void listGetDeleteAndPrune() throws Exception {
        Artifact old = store(zip("a", "1"), "a.war").artifact();
        clock.advance(Duration.ofDays(10));
        Artifact recent = store(zip("b", "2"), "b.war").artifact();

        assertThat(cm.artifacts().list(PageRequest.first()).items()).containsExactly(recent, old);
        assertThat(cm.artifacts().get(old.sha256())).isEqualTo(old);
        assertThatThrownBy(() -> cm.artifacts().get("0".repeat(64))).isInstanceOf(ArtifactNotFoundException.class);
        assertThat(cm.artifacts().find("not-a-sha")).isEmpty();

        assertThat(cm.artifacts().prune(Duration.ofDays(5))).isEqualTo(1);
        assertThat(cm.artifacts().find(old.sha256())).isEmpty();
        assertThat(cm.artifacts().settings().directory().resolve("sha256").resolve(old.sha256().substring(0, 2))
            .resolve(old.sha256())).doesNotExist();

        cm.artifacts().delete(recent.sha256());
        assertThat(cm.artifacts().list(PageRequest.first()).items()).isEmpty();
        assertThatThrownBy(() -> cm.artifacts().delete(recent.sha256())).isInstanceOf(ArtifactNotFoundException.class);
    }
}
