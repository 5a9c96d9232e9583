package io.coremonitor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.model.StackNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The suite of followed git repositories; each subclass runs it against one database. */
abstract class GitContractTest extends OneDatabaseTest {

    private static final SealedValue SEALED = new SealedValue("key1", new byte[] {1, 2, 3}, new byte[] {4, 5, 6, 7});

    private GitFollowRecord follow(String stackId) {
        store.stacks().create(stackId, "name-" + stackId);
        return store.git().put(stackId, "https://example.org/r.git", "main", "compose.yaml", true,
                Optional.of(SEALED), "alice");
    }

    @Test
    void settingsAreStoredWithTheirSealedCredentialsAndReadBack() {
        Instant now = clock.instant();
        GitFollowRecord put = follow("s1");

        assertThat(put).isEqualTo(new GitFollowRecord("s1", "https://example.org/r.git", "main", "compose.yaml", true,
                Optional.of(SEALED), now, "alice", now, "alice", Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(store.git().find("s1")).contains(put);
        assertThat(store.git().live()).containsExactly(put);
    }

    @Test
    void theSyncStateIsKeptWhenOnlyAutoApplyOrCredentialsChangeAndStartsAgainWhenTheBranchChanges() {
        follow("s1");
        clock.advance(Duration.ofSeconds(3));
        store.git().recordSync("s1", Optional.of("abc"), Optional.of("cannot reach"));
        store.git().recordSync("s1", Optional.empty(), Optional.empty());
        GitFollowRecord synced = store.git().find("s1").orElseThrow();
        assertThat(synced.lastCommit()).contains("abc");
        assertThat(synced.lastError()).isEmpty();
        assertThat(synced.lastSyncAt()).contains(clock.instant());

        GitFollowRecord same = store.git().put("s1", "https://example.org/r.git", "main", "compose.yaml", false,
                Optional.empty(), "bob");
        assertThat(same.lastCommit()).contains("abc");
        assertThat(same.credentials()).isEmpty();
        assertThat(same.autoApply()).isFalse();
        assertThat(same.updatedBy()).isEqualTo("bob");
        assertThat(same.createdBy()).isEqualTo("alice");

        GitFollowRecord other = store.git().put("s1", "https://example.org/r.git", "dev", "compose.yaml", false,
                Optional.empty(), "bob");
        assertThat(other.lastCommit()).isEmpty();
    }

    @Test
    void commitsAreRecordedOnceAndListedNewestFirstByOutcome() {
        follow("s1");
        GitCommitRecord first = new GitCommitRecord("s1", "c1", clock.instant(), "A <a@x>", "one",
                GitCommitRecord.Outcome.VERSION, Optional.of("v1"), Optional.empty());
        clock.advance(Duration.ofSeconds(1));
        GitCommitRecord refused = new GitCommitRecord("s1", "c2", clock.instant(), "A <a@x>", "two",
                GitCommitRecord.Outcome.REFUSED, Optional.empty(), Optional.of("[{\"path\":\"services\"}]"));

        assertThat(store.git().recordCommit(first)).isTrue();
        assertThat(store.git().recordCommit(refused)).isTrue();
        assertThat(store.git().recordCommit(first)).isFalse();

        assertThat(store.git().commits("s1", Optional.empty(), 10)).containsExactly(refused, first);
        assertThat(store.git().commits("s1", Optional.of(GitCommitRecord.Outcome.REFUSED), 10)).containsExactly(refused);
        assertThat(store.git().commits("s1", Optional.empty(), 1)).containsExactly(refused);
    }

    @Test
    void deletingStopsFollowingAndDeletedStacksAreNotLive() {
        follow("s1");
        follow("s2");
        assertThat(store.git().delete("s1")).isTrue();
        assertThat(store.git().delete("s1")).isFalse();
        assertThat(store.git().find("s1")).isEmpty();

        store.stacks().markDeleted("s2");
        assertThat(store.git().live()).isEmpty();
        assertThat(store.git().find("s2")).isPresent();
    }

    @Test
    void anUnknownStackIsRefused() {
        assertThatThrownBy(() -> store.git().put("nope", "u", "main", "c.yaml", false, Optional.empty(), "alice"))
                .isInstanceOf(StackNotFoundException.class);
    }
}
