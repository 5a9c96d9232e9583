package io.coremonitor.engine.databases.internal;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ExecResult;
import io.coremonitor.engine.databases.DatabaseFailedException;
import io.coremonitor.engine.databases.DatabaseKind;
import io.coremonitor.engine.databases.ManagedDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Dumps and restores made inside the database's container (docker exec of the image's own client tools, through bash
 * with {@code pipefail}), the dump gzip-compressed in a file of the container's {@code /tmp}, copied out or in through
 * Docker's archive API. The password is read from the secret file in the container by the shell: it is never on a
 * command line Core Monitor sends, nor in a log.
 */
public final class Dumps {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final String TMP = "/tmp";
    private static final int MAX_REASON = 600;

    private final DockerClient docker;
    private final DockerOps ops;

    public Dumps(DockerClient docker) {
        this.docker = docker;
        this.ops = DockerOps.of(docker);
    }

    /** What a stream of a dump is read from; the caller stores it. */
    @FunctionalInterface
    public interface DumpReader<T> {
        T read(InputStream gzippedDump);
    }

    /** Makes a dump in the container and hands its bytes (gzip) to {@code reader}; the file in the container is removed. */
    public <T> T backup(ManagedDatabase db, String containerId, DumpReader<T> reader) {
        String file = TMP + "/coremonitor-backup-" + UUID.randomUUID() + ".sql.gz";
        String dump = db.kind() == DatabaseKind.POSTGRESQL
                ? "PGPASSWORD=\"$(cat " + secretFile(db) + ")\" pg_dump -h 127.0.0.1 -p 5432 -U " + db.user() + " -d "
                        + db.database() + " --no-owner --no-privileges --clean --if-exists"
                : "MYSQL_PWD=\"$(cat " + secretFile(db) + ")\" mariadb-dump -h 127.0.0.1 -P 3306 -u " + db.user()
                        + " --single-transaction --no-tablespaces " + db.database();
        run(containerId, "set -o pipefail; umask 077; " + dump + " | gzip > " + file, "the dump");
        try (InputStream tar = docker.copyArchiveFromContainerCmd(containerId, file).exec();
             TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
            TarArchiveEntry entry = in.getNextEntry();
            if (entry == null || !entry.isFile()) {
                throw new DatabaseFailedException("the dump file " + file + " could not be read from the container");
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new DatabaseFailedException("the dump could not be copied out of the container: " + e.getMessage(), e);
        } finally {
            ops.exec(containerId, List.of("rm", "-f", file), Duration.ofSeconds(30));
        }
    }

    /** Restores a gzip-compressed dump (a file on this machine) into the database, in its container. */
    public void restore(ManagedDatabase db, String containerId, Path gzippedDump) {
        String name = "coremonitor-restore-" + UUID.randomUUID() + ".sql.gz";
        Path tar = null;
        try {
            tar = Files.createTempFile("coremonitor-restore-", ".tar");
            writeTar(tar, name, gzippedDump);
            ops.copyToContainer(containerId, TMP, tar);
        } catch (IOException e) {
            throw new DatabaseFailedException("the dump could not be copied into the container: " + e.getMessage(), e);
        } finally {
            deleteQuietly(tar);
        }
        String file = TMP + "/" + name;
        String load = db.kind() == DatabaseKind.POSTGRESQL
                ? "PGPASSWORD=\"$(cat " + secretFile(db) + ")\" psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U " + db.user()
                        + " -d " + db.database()
                : "MYSQL_PWD=\"$(cat " + secretFile(db) + ")\" mariadb -h 127.0.0.1 -P 3306 -u " + db.user() + " "
                        + db.database();
        try {
            run(containerId, "set -o pipefail; gunzip -c " + file + " | " + load + " > /dev/null", "the restore");
        } finally {
            ops.exec(containerId, List.of("rm", "-f", file), Duration.ofSeconds(30));
        }
    }

    private void run(String containerId, String script, String what) {
        ExecResult r = ops.exec(containerId, List.of("bash", "-c", script), TIMEOUT);
        if (!r.succeeded()) {
            String reason = r.stderr().strip();
            if (reason.length() > MAX_REASON) {
                reason = reason.substring(0, MAX_REASON) + "...";
            }
            throw new DatabaseFailedException(what + " failed (exit " + r.exitCode() + "): " + reason);
        }
    }

    private static String secretFile(ManagedDatabase db) {
        return "/run/secrets/" + db.passwordSecret();
    }

    private static void writeTar(Path tar, String name, Path content) throws IOException {
        try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(Files.size(content));
            entry.setMode(0644);
            t.putArchiveEntry(entry);
            Files.copy(content, t);
            t.closeArchiveEntry();
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left in the temp directory: harmless
            }
        }
    }
}
