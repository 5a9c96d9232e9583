package io.coremonitor.engine.internal.convergence;

import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.secrets.SecretService;
import io.coremonitor.engine.secrets.SecretValue;
import io.coremonitor.model.ContentSource;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the content of a compose secret or config when a container is made: from Core Monitor's secret store
 * ({@code external: true}), from a variable of the engine's own environment ({@code environment:}), or inline
 * ({@code content:}). A content that cannot be read fails the command with a message that names the entry and where it
 * should come from, never a value.
 */
public final class FileContents {

    private final Optional<SecretService> secrets;
    private final Function<String, Optional<String>> environment;

    /**
     * @param secrets     the secret store, when the engine has one
     * @param environment the engine's environment variables by name ({@code System::getenv} in production)
     */
    public FileContents(Optional<SecretService> secrets, Function<String, Optional<String>> environment) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Over this secret store and the process's environment variables. */
    public static FileContents of(SecretService secrets) {
        return new FileContents(Optional.of(secrets), FileContents::processEnvironment);
    }

    /** Without a secret store: {@code external: true} entries fail; environment variables are the process's. */
    public static FileContents withoutSecretStore() {
        return new FileContents(Optional.empty(), FileContents::processEnvironment);
    }

    private static Optional<String> processEnvironment(String name) {
        return Optional.ofNullable(System.getenv(name));
    }

    /**
     * The bytes of one entry.
     *
     * @param stackId the stack whose container gets it (a stored secret is global or of that stack)
     * @param kind    {@code secret} or {@code config}, for messages
     * @param key     the entry's key in the definition
     * @throws CommandFailedException when it cannot be read
     */
    byte[] read(String stackId, String kind, String key, ContentSource source) {
        return switch (source.kind()) {
            case STORED -> stored(stackId, kind, key, source.value());
            case ENVIRONMENT -> environment.apply(source.value())
                .orElseThrow(() -> new CommandFailedException(kind + " '" + key + "' comes from the environment variable "
                    + source.value() + ", which is not set in Core Monitor's environment"))
                .getBytes(StandardCharsets.UTF_8);
            case INLINE -> source.value().getBytes(StandardCharsets.UTF_8);
        };
    }

    private byte[] stored(String stackId, String kind, String key, String name) {
        SecretService store = secrets.orElseThrow(() -> new CommandFailedException(kind + " '" + key
            + "' is held by Core Monitor's secret store (name '" + name + "'), and this engine has none"));
        try {
            SecretValue value = store.resolve(stackId, name);
            return value.bytes();
        } catch (RuntimeException e) {
            // the secret service's messages name secrets, never values
            throw new CommandFailedException(kind + " '" + key + "' cannot be read: " + e.getMessage(), e);
        }
    }
}
