package io.coremonitor.engine;

import io.coremonitor.engine.internal.artifacts.ArtifactFiles;
import io.coremonitor.engine.internal.artifacts.ArtifactType;
import io.coremonitor.engine.internal.artifacts.ArtifactUploads;
import io.coremonitor.model.Artifact;
import io.coremonitor.model.Page;
import io.coremonitor.store.ArtifactRepository;
import io.coremonitor.store.PageRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploaded application artifacts: their bytes in content-addressed files under {@link ArtifactSettings#directory()}
 * ({@code sha256/ab/abcdef...}), their records in the store. An upload is streamed to a temporary file (never held in
 * memory), read to its end as an archive, then moved to its address: a file at its address is always whole.
 */
public final class Artifacts {

    private static final Logger LOG = LoggerFactory.getLogger(Artifacts.class);
    private static final int PRUNE_BATCH = 500;

    private final ArtifactRepository repository;
    private final ArtifactSettings settings;
    private final ArtifactFiles files;
    private final Clock clock;

    Artifacts(ArtifactRepository repository, ArtifactSettings settings, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.files = new ArtifactFiles(settings.directory(), settings.maxSize());
    }

    /**
     * Stores an upload.
     *
     * @param body  the bytes; read to the end, not closed
     * @param name  the file name (its extension says what it is: .war, .ear, .jar, .zip, .tar.gz, .tgz, .sql.gz)
     * @param actor who uploads it
     * @throws ArtifactTooLargeException when it exceeds the size limit
     * @throws InvalidArtifactException  when the name is unusable, or the file empty, unreadable, or of an unknown type
     */
    public StoredArtifact store(InputStream body, String name, String actor) {
        String fileName = ArtifactUploads.checkName(name);
        ArtifactType type = ArtifactType.require(fileName);
        ArtifactFiles.Upload upload = files.receive(body, fileName);
        try {
            ArtifactUploads.checkContent(upload, type, fileName);
        } catch (RuntimeException e) {
            files.discard(upload);
            throw e;
        }
        files.keep(upload);
        Artifact artifact = new Artifact(upload.sha256(), fileName, upload.size(), type.mediaType(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS), actor);
        ArtifactRepository.Registered registered = repository.register(artifact);
        if (registered.created()) {
            LOG.info("artifact stored sha256={} name={} size={} by={}", artifact.sha256(), fileName, upload.size(), actor);
        }
        return new StoredArtifact(registered.artifact(), registered.created());
    }

    public Optional<Artifact> find(String sha256) {
        return validSha(sha256) ? repository.find(sha256) : Optional.empty();
    }

    /** @throws ArtifactNotFoundException when it is not stored */
    public Artifact get(String sha256) {
        return find(sha256).orElseThrow(() -> new ArtifactNotFoundException("no artifact " + sha256));
    }

    /** Newest first. */
    public Page<Artifact> list(PageRequest page) {
        return repository.list(page);
    }

    /**
     * The file of a stored artifact.
     *
     * @throws ArtifactNotFoundException when it is not stored, or its file is gone from the artifact directory
     */
    public Path file(String sha256) {
        get(sha256);
        Path file = files.path(sha256);
        if (!Files.isRegularFile(file)) {
            throw new ArtifactNotFoundException("the file of artifact " + sha256 + " is missing from " + files.root());
        }
        return file;
    }

    /**
     * Deletes an artifact no deployment references.
     *
     * @throws ArtifactNotFoundException when it is not stored
     * @throws ArtifactInUseException    when a deployment references it
     */
    public void delete(String sha256) {
        get(sha256);
        if (!repository.deleteIfUnreferenced(sha256)) {
            if (repository.find(sha256).isEmpty()) {
                throw new ArtifactNotFoundException("no artifact " + sha256);
            }
            throw new ArtifactInUseException("artifact " + sha256 + " is referenced by a deployment and is kept");
        }
        files.delete(sha256);
        LOG.info("artifact deleted sha256={}", sha256);
    }

    /** Deletes the artifacts older than {@code age} that no deployment references; returns how many. */
    public int prune(Duration age) {
        if (age.isNegative()) {
            throw new IllegalArgumentException("a prune age cannot be negative: " + age);
        }
        Instant before = clock.instant().minus(age);
        int deleted = 0;
        List<Artifact> batch;
        do {
            batch = repository.unreferencedBefore(before, PRUNE_BATCH);
            int deletedInBatch = 0;
            for (Artifact a : batch) {
                if (repository.deleteIfUnreferenced(a.sha256())) {
                    files.delete(a.sha256());
                    deletedInBatch++;
                }
            }
            deleted += deletedInBatch;
            if (deletedInBatch == 0) {
                break;
            }
        } while (batch.size() == PRUNE_BATCH);
        if (deleted > 0) {
            LOG.info("artifacts pruned count={} older-than={}", deleted, age);
        }
        return deleted;
    }

    /** The settings. */
    public ArtifactSettings settings() {
        return settings;
    }

    private static boolean validSha(String sha256) {
        return sha256 != null && sha256.matches("[0-9a-f]{64}");
    }
}
