package io.coremonitor.engine.secrets.internal;

import io.coremonitor.engine.secrets.SecretKeyException;
import io.coremonitor.engine.secrets.SecretKeySource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key file: 32 random bytes in base64 on one line, mode 0600 from its creation (never a moment readable by
 * others). A key file readable or writable by group or others is refused, not fixed.
 */
public final class KeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFile() {
    }

    /**
     * The key in this file, when it exists.
     *
     * @throws SecretKeyException when it is readable or writable by group or others, unreadable or not a key
     */
    public static Optional<byte[]> read(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new SecretKeyException("the secret key file " + file + " is not a regular file");
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            throw new SecretKeyException("the file system of " + file + " has no POSIX permissions, so the secret key"
                    + " file cannot be kept private: give the key in " + SecretKeySource.ENV + " instead", e);
        } catch (IOException e) {
            throw new SecretKeyException("cannot read the permissions of the secret key file " + file + ": " + e, e);
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new SecretKeyException("the secret key file " + file + " has mode "
                    + PosixFilePermissions.toString(permissions) + ": it must be readable by its owner only (run 'chmod 600 "
                    + file + "')");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SecretKeyException("cannot read the secret key file " + file + ": " + e.getClass().getSimpleName(), e);
        }
        return Optional.of(SecretKeySource.decode(text.strip(), "the secret key file " + file));
    }

    /**
     * Generates a key into this file (and its missing parent directories); when another process made the file first,
     * reads that one instead.
     */
    public static byte[] create(Path file, SecureRandom random) {
        byte[] key = new byte[SecretKeySource.KEY_BYTES];
        random.nextBytes(key);
        Path temp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, ".secret.key.", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            // a hard link does not replace an existing file: of two engines creating the key, one wins, both read it
            Files.createLink(file, temp);
            LOG.info("secret key generated into {} (mode 0600)", file);
            return key;
        } catch (FileAlreadyExistsException e) {
            return read(file).orElseThrow(() -> new SecretKeyException("the secret key file " + file + " vanished"));
        } catch (UnsupportedOperationException e) {
            throw new SecretKeyException("cannot create the secret key file " + file + " with mode 0600 (no POSIX"
                    + " permissions or hard links on its file system): give the key in " + SecretKeySource.ENV, e);
        } catch (IOException e) {
            throw new SecretKeyException("cannot create the secret key file " + file + ": " + e, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.warn("cannot delete the temporary key file {}: {}", temp, e.toString());
                }
            }
        }
    }
}
