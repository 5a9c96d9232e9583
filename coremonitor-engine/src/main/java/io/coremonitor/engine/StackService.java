package io.coremonitor.engine;

import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.model.DefinitionFiles;
import io.coremonitor.model.InvalidDefinitionException;
import io.coremonitor.model.Names;
import io.coremonitor.model.Page;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.VersionNotFoundException;
import io.coremonitor.store.NewVersion;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.StackOverview;
import io.coremonitor.store.Store;
import io.coremonitor.store.VersionCreation;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stacks and their immutable versions. Creating them is synchronous (it changes no runtime state): the definition is
 * validated ({@link ComposeLoader}), stored as canonical JSON with its hash, and audited. Also the read queries.
 */
public final class StackService {

    private static final Logger LOG = LoggerFactory.getLogger(StackService.class);
    /** Accepted stack ids when the caller chooses one. */
    public static final Pattern STACK_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$");

    private final Store store;
    private final Supplier<String> stackIds;

    StackService(Store store, Supplier<String> stackIds) {
        this.store = store;
        this.stackIds = stackIds;
    }

    /**
     * Creates a stack and its version {@code v1}.
     *
     * @param name        the stack name ({@link Names#checkStackName})
     * @param composeText the definition, YAML (or JSON) text
     * @param variables   values for {@code ${VAR}} interpolation
     * @param author      who creates it
     * @param comment     why (may be null)
     * @param stackId     the id to give it; empty to generate one
     * @return the stack, whose latest version is {@code v1}
     * @throws InvalidDefinitionException                       when the name, the id or the definition is invalid
     * @throws io.coremonitor.model.DuplicateStackNameException when a live stack has this name
     * @throws io.coremonitor.model.DuplicateStackIdException   when the id is taken
     */
    public Stack createStack(String name, String composeText, Map<String, String> variables, String author,
            String comment, Optional<String> stackId) {
        return createStack(name, composeText, variables, Map.of(), author, comment, stackId);
    }

    /**
     * Creates a stack and its version {@code v1}, whose definition's {@code env_file} entries are read from
     * {@code files} (by relative path, see {@link DefinitionFiles#sent}); the files are kept with the version.
     *
     * @throws InvalidDefinitionException also for files that cannot be sent (absolute paths, too large, ...)
     * @see #createStack(String, String, Map, String, String, Optional)
     */
    public Stack createStack(String name, String composeText, Map<String, String> variables, Map<String, String> files,
            String author, String comment, Optional<String> stackId) {
        Objects.requireNonNull(author, "author");
        Names.checkStackName(name);
        stackId.ifPresent(id -> {
            if (!STACK_ID.matcher(id).matches()) {
                throw new InvalidDefinitionException("stack_id", "'" + id + "' is not a valid stack id: use letters,"
                        + " digits, '_', '.' and '-' (at most 128), starting with a letter or a digit");
            }
        });
        Map<String, String> sent = DefinitionFiles.checked(files);
        String canonical = canonical(composeText, variables, sent);
        String id = stackId.orElseGet(stackIds);
        store.stacks().create(id, name);
        try {
            StackVersion v1 = store.versions().create(new NewVersion(id, Optional.empty(), author,
                    Optional.ofNullable(comment), canonical, false, sent));
            store.audit().append(author, "STACK_CREATED", Optional.of(id), Optional.empty(),
                    "name=" + name + " version=" + v1.version() + " hash=" + v1.composeHash());
            LOG.info("stack_created id={} name={} version={} by={}", id, name, v1.version(), author);
        } catch (RuntimeException e) {
            // never leave a stack without its first version
            store.stacks().delete(id);
            throw e;
        }
        return store.stacks().getOrThrow(id);
    }

    /**
     * Creates the next version of a live stack, or returns the latest one ({@code created == false}) when the
     * definition is identical to it.
     *
     * @param parentVersion when given, the version the new one is based on: it must be the latest
     * @throws StackNotFoundException                        when the stack does not exist or is deleted
     * @throws VersionNotFoundException                      when the parent version does not exist
     * @throws io.coremonitor.model.VersionConflictException when the parent version is not the latest
     * @throws InvalidDefinitionException                    when the definition is invalid
     */
    public VersionCreation createVersion(String stackId, String composeText, Map<String, String> variables,
            String author, String comment, Optional<String> parentVersion) {
        return createVersion(stackId, composeText, variables, Map.of(), author, comment, parentVersion);
    }

    /**
     * Like {@link #createVersion(String, String, Map, String, String, Optional)}, reading the definition's
     * {@code env_file} entries from {@code files}, kept with the version and part of its hash (a version whose files
     * differ is a new version).
     */
    public VersionCreation createVersion(String stackId, String composeText, Map<String, String> variables,
            Map<String, String> files, String author, String comment, Optional<String> parentVersion) {
        Objects.requireNonNull(author, "author");
        liveStack(stackId);
        parentVersion.ifPresent(p -> store.versions().getOrThrow(stackId, p));
        Map<String, String> sent = DefinitionFiles.checked(files);
        String canonical = canonical(composeText, variables, sent);
        VersionCreation creation = store.versions().createIfChanged(new NewVersion(stackId, parentVersion, author,
                Optional.ofNullable(comment), canonical, parentVersion.isPresent(), sent));
        if (creation.created()) {
            store.audit().append(author, "VERSION_CREATED", Optional.of(stackId), Optional.empty(),
                    "version=" + creation.version().version() + " hash=" + creation.version().composeHash());
            LOG.info("version_created stack={} version={} by={}", stackId, creation.version().version(), author);
        }
        return creation;
    }

    /** A stack by id (deleted ones included). */
    public Stack get(String stackId) {
        return store.stacks().getOrThrow(stackId);
    }

    /** The live stack of this name. */
    public Stack getByName(String name) {
        return store.stacks().getByNameOrThrow(name);
    }

    public Page<Stack> list(Optional<String> nameContains, boolean includeDeleted, PageRequest page) {
        return store.stacks().list(nameContains, includeDeleted, page);
    }

    /**
     * A page of stacks as a dashboard shows them (same filter, order and cursor as {@link #list}): each with the
     * stored status of its current or latest version and its newest command, read from the store alone in two SQL
     * statements per page (no Docker call).
     */
    public Page<StackOverview> overview(Optional<String> nameContains, boolean includeDeleted, PageRequest page) {
        return store.stacks().overview(nameContains, includeDeleted, page);
    }

    /** A version of a stack. */
    public StackVersion version(String stackId, String version) {
        store.stacks().getOrThrow(stackId);
        return store.versions().getOrThrow(stackId, version);
    }

    /** The versions of a stack, newest first. */
    public Page<StackVersion> versions(String stackId, PageRequest page) {
        store.stacks().getOrThrow(stackId);
        return store.versions().list(stackId, page);
    }

    /** The definition of a version, parsed from its canonical JSON. */
    public ComposeDefinition definition(String stackId, String version) {
        return CanonicalJson.parse(version(stackId, version).compose());
    }

    private Stack liveStack(String stackId) {
        Stack stack = store.stacks().getOrThrow(stackId);
        if (stack.deleted()) {
            throw new StackNotFoundException(stackId, "stack " + stackId + " (" + stack.name() + ") was deleted");
        }
        return stack;
    }

    private static String canonical(String composeText, Map<String, String> variables, Map<String, String> files) {
        if (composeText == null || composeText.isBlank()) {
            throw new InvalidDefinitionException("compose", "a compose definition is required");
        }
        return CanonicalJson.toJson(ComposeLoader.load(composeText, variables == null ? Map.of() : variables,
                DefinitionFiles.sent(files)));
    }
}
