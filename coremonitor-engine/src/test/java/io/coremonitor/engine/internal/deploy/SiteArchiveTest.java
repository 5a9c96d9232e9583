package io.coremonitor.engine.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.model.Artifact;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Site archives re-packed under one directory, owned and stamped as asked; unsafe entries refused. */
class SiteArchiveTest {

    private static final Instant WHEN = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theFormatComesFromTheNameThenTheMediaType() {
        assertThat(SiteArchive.formatOf(artifact("site.tar.gz", "application/octet-stream"))).contains(SiteArchive.Format.TAR_GZ);
        assertThat(SiteArchive.formatOf(artifact("SITE.TGZ", "application/gzip"))).contains(SiteArchive.Format.TAR_GZ);
        assertThat(SiteArchive.formatOf(artifact("site.zip", "application/zip"))).contains(SiteArchive.Format.ZIP);
        assertThat(SiteArchive.formatOf(artifact("site", "application/zip"))).contains(SiteArchive.Format.ZIP);
        assertThat(SiteArchive.formatOf(artifact("app.war", "application/zip"))).isEmpty();
    }

    @Test
    void aTarGzIsRepackedUnderTheRootWithTheOwnerAndTime() throws Exception {
        Path source = DeployFixtures.tarGz(dir.resolve("s.tar.gz"), Map.of("./index.html", "hi", "css/", "", "css/a.css", "x"));
        Path tar = dir.resolve("out.tar");

        int files = SiteArchive.repack(SiteArchive.Format.TAR_GZ, source, tar, "abc.part", new Owner(101, 102), WHEN);

        assertThat(files).isEqualTo(2);
        Map<String, TarArchiveEntry> entries = read(tar);
        assertThat(entries.keySet()).containsExactlyInAnyOrder("abc.part/", "abc.part/index.html", "abc.part/css/", "abc.part/css/a.css");
        assertThat(entries.values()).allSatisfy(e -> {
            assertThat(e.getLongUserId()).isEqualTo(101);
            assertThat(e.getLongGroupId()).isEqualTo(102);
            assertThat(e.getModTime().toInstant()).isEqualTo(WHEN);
        });
        assertThat(entries.get("abc.part/css/").getMode() & 0777).isEqualTo(0755);
        assertThat(entries.get("abc.part/index.html").getMode() & 0777).isEqualTo(0644);
    }

    @Test
    void aZipIsRepackedToo() throws Exception {
        Path source = DeployFixtures.zip(dir.resolve("s.zip"), Map.of("index.html", "hi", "img/logo.svg", "<svg/>"));

        int files = SiteArchive.repack(SiteArchive.Format.ZIP, source, dir.resolve("out.tar"), "r", Owner.ROOT, WHEN);

        assertThat(files).isEqualTo(2);
        assertThat(read(dir.resolve("out.tar")).keySet()).contains("r/index.html", "r/img/", "r/img/logo.svg");
    }

    @Test
    void entriesClimbingOutOrAbsoluteAreRefused() throws Exception {
        Path climbing = DeployFixtures.tarGz(dir.resolve("c.tar.gz"), Map.of("a/../../x", "x"));
        Path absolute = DeployFixtures.zip(dir.resolve("a.zip"), Map.of("/etc/passwd", "x"));

        assertThatThrownBy(() -> SiteArchive.repack(SiteArchive.Format.TAR_GZ, climbing, dir.resolve("1.tar"), "r", Owner.ROOT, WHEN))
            .isInstanceOf(DeployFailedException.class).hasMessageContaining("\"..\"");
        assertThatThrownBy(() -> SiteArchive.repack(SiteArchive.Format.ZIP, absolute, dir.resolve("2.tar"), "r", Owner.ROOT, WHEN))
            .isInstanceOf(DeployFailedException.class).hasMessageContaining("absolute");
    }

    @Test
    void linksAreRefused() throws Exception {
        Path source = dir.resolve("l.tar.gz");
        try (OutputStream out = Files.newOutputStream(source);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            TarArchiveEntry link = new TarArchiveEntry("passwd", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }

        assertThatThrownBy(() -> SiteArchive.repack(SiteArchive.Format.TAR_GZ, source, dir.resolve("o.tar"), "r", Owner.ROOT, WHEN))
            .isInstanceOf(DeployFailedException.class).hasMessageContaining("neither a file nor a directory");
    }

    @Test
    void notAnArchiveIsAReadableFailure() throws Exception {
        Path source = Files.writeString(dir.resolve("n.tar.gz"), "not gzip", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SiteArchive.repack(SiteArchive.Format.TAR_GZ, source, dir.resolve("o.tar"), "r", Owner.ROOT, WHEN))
            .isInstanceOf(DeployFailedException.class).hasMessageContaining("cannot read the site archive");
    }

    private static Map<String, TarArchiveEntry> read(Path tar) throws Exception {
        Map<String, TarArchiveEntry> entries = new TreeMap<>();
        List<String> order = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream tarIn = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tarIn.getNextEntry()) != null) {
                entries.put(entry.getName(), entry);
                order.add(entry.getName());
            }
        }
        // parents come before their children
        for (int i = 0; i < order.size(); i++) {
            String name = order.get(i);
            String parent = name.substring(0, name.lastIndexOf('/', name.length() - 2) + 1);
            if (!parent.isEmpty()) {
                assertThat(order.subList(0, i)).contains(parent);
            }
        }
        return entries;
    }

    private static Artifact artifact(String name, String mediaType) {
        return new Artifact("0".repeat(64), name, 1, mediaType, WHEN, "test");
    }
}
