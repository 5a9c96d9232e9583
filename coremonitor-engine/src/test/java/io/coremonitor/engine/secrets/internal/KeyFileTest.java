package io.coremonitor.engine.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.engine.secrets.SecretKeyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    @TempDir
    Path dir;

    @Test
    void createWritesA32ByteKeyWithMode0600() throws Exception {
        Path file = dir.resolve("sub/secret.key");

        byte[] key = KeyFile.create(file, new SecureRandom());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(key).hasSize(32);
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(key);
        assertThat(KeyFile.read(file)).hasValueSatisfying(k -> assertThat(k).isEqualTo(key));
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aSecondCreateReadsTheFirstKey() {
        Path file = dir.resolve("secret.key");
        byte[] first = KeyFile.create(file, new SecureRandom());

        assertThat(KeyFile.create(file, new SecureRandom())).isEqualTo(first);
    }

    @Test
    void aKeyFileReadableByOthersIsRefused() throws Exception {
        Path file = dir.resolve("secret.key");
        KeyFile.create(file, new SecureRandom());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> KeyFile.read(file)).isInstanceOf(SecretKeyException.class)
                .hasMessage("the secret key file " + file + " has mode rw-r--r--: it must be readable by its owner only"
                        + " (run 'chmod 600 " + file + "')");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertThatThrownBy(() -> KeyFile.read(file)).isInstanceOf(SecretKeyException.class).hasMessageContaining("rw-rw----");
    }

    @Test
    void aFileThatIsNotAKeyIsRefusedWithoutQuotingIt() throws Exception {
        Path file = dir.resolve("secret.key");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "c2hvcnQ=\n", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> KeyFile.read(file)).isInstanceOf(SecretKeyException.class)
                .hasMessageContaining("must be 32 bytes in base64, got 5 bytes").hasMessageNotContaining("c2hvcnQ");
        Files.writeString(file, "not base64 at all!!", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> KeyFile.read(file)).isInstanceOf(SecretKeyException.class)
                .hasMessageContaining("is not base64").hasMessageNotContaining("at all");
    }

    @Test
    void noFileIsNoKey() {
        assertThat(KeyFile.read(dir.resolve("missing.key"))).isEmpty();
    }
}
