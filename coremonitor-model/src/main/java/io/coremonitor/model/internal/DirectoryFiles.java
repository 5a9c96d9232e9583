package io.coremonitor.model.internal;

import io.coremonitor.model.DefinitionFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The files of a directory, as {@code docker compose} reads them: a relative path resolves against the directory of
 * the compose file.
 *
 * @param dir the directory
 */
public record DirectoryFiles(Path dir) implements DefinitionFiles {

    public DirectoryFiles {
        Objects.requireNonNull(dir, "dir");
    }

    @Override
    public Optional<String> read(String path) {
        Path file;
        try {
            file = dir.resolve(path);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (Files.isDirectory(file)) {
            throw new UnreadableFileException("is a directory, not a file");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("not UTF-8 text");
        } catch (IOException e) {
            throw new UnreadableFileException("cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage()));
        }
    }

    @Override
    public String missing(String path) {
        Path file;
        try {
            file = dir.resolve(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return "'" + path + "' is not a valid path";
        }
        return "no such file: " + file;
    }
}
