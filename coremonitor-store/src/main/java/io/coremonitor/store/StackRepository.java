package io.coremonitor.store;

import io.coremonitor.model.Page;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackNotFoundException;
import java.util.Optional;

/** Stacks: the durable identity that versions and commands hang from. */
public interface StackRepository {

    /**
     * Creates a stack with no version yet.
     *
     * @throws io.coremonitor.model.DuplicateStackIdException   when the id is taken (even by a deleted stack)
     * @throws io.coremonitor.model.DuplicateStackNameException when a live stack has this name
     */
    Stack create(String stackId, String name);

    /**
     * Creates a stack and its version {@code v1} in one transaction: either both exist afterwards or neither.
     *
     * @param first its definition; its {@code stackId} must be {@code stackId}
     * @throws io.coremonitor.model.DuplicateStackIdException   when the id is taken (even by a deleted stack)
     * @throws io.coremonitor.model.DuplicateStackNameException when a live stack has this name
     */
    CreatedStack createWithFirstVersion(String stackId, String name, NewVersion first);

    /** A stack by id, deleted ones included. */
    Optional<Stack> get(String stackId);

    /** A stack by id, deleted ones included, or {@link StackNotFoundException}. */
    default Stack getOrThrow(String stackId) {
        return get(stackId).orElseThrow(() -> new StackNotFoundException(stackId));
    }

    /** The live (not deleted) stack of this name. */
    Optional<Stack> getByName(String name);

    /** The live stack of this name, or {@link StackNotFoundException}. */
    default Stack getByNameOrThrow(String name) {
        return getByName(name).orElseThrow(() -> new StackNotFoundException(name, "no stack named '" + name + "'"));
    }

    /**
     * Stacks ordered by name then id.
     *
     * @param nameContains   keep the stacks whose name contains this text (case-insensitive); empty for all
     * @param includeDeleted also list the stacks marked deleted
     */
    Page<Stack> list(Optional<String> nameContains, boolean includeDeleted, PageRequest page);

    /**
     * The same page of stacks as {@link #list(Optional, boolean, PageRequest)}, each with the stored status of its
     * current or latest version and its newest command ({@link StackOverview}): two SQL statements per page whatever
     * its size (the stacks with their version statuses, then the page's last commands), never one per stack.
     */
    Page<StackOverview> overview(Optional<String> nameContains, boolean includeDeleted, PageRequest page);

    /** Live stacks, all names. */
    default Page<Stack> list(PageRequest page) {
        return list(Optional.empty(), false, page);
    }

    /**
     * Records the version the stack was last converged to.
     *
     * @throws StackNotFoundException                        when the stack does not exist
     * @throws io.coremonitor.model.VersionNotFoundException when it has no such version
     */
    Stack setCurrentVersion(String stackId, String version);

    /** Marks a stack deleted (its history is kept; its name becomes free). Idempotent. */
    Stack markDeleted(String stackId);

    /** Deletes a stack and, by cascade, its versions, commands and their logs. Returns whether it existed. */
    boolean delete(String stackId);
}
