package io.coremonitor.engine.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.secrets.SecretKeySource;
import io.coremonitor.engine.secrets.SecretValue;
import io.coremonitor.model.AuditEntry;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.InvalidDefinitionException;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackVersion;
import io.coremonitor.store.CommandFilter;
import io.coremonitor.store.GitCommitRecord;
import io.coremonitor.store.GitCommitRecord.Outcome;
import io.coremonitor.store.PageRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stacks that follow a real repository on disk (JGit, file:// and smart HTTP through git http-backend). */
class GitServiceTest {

    static final String V1 = """
            services:
              web:
                image: coremonitor-test/busybox:latest
                command: ["httpd", "-f", "-p", "8080"]
            """;
    static final String V2 = """
            services:
              web:
                image: coremonitor-test/busybox:latest
                command: ["httpd", "-f", "-p", "8081"]
            """;
    static final String INVALID = """
            services:
              web:
                image: coremonitor-test/busybox:latest
                links: [db]
            """;
    private static final String PASSWORD = "s3cr3t-Pa55word-42";

    @TempDir
    Path dir;
    private CoreMonitor cm;
    private TestGitRepo repo;

    @BeforeEach
    void setUp() {
        byte[] key = new byte[32];
        key[0] = 7;
        cm = CoreMonitor.builder().sqlite(dir.resolve("cm.db")).secretKey(SecretKeySource.base64(
                Base64.getEncoder().encodeToString(key))).build();
        repo = TestGitRepo.init(dir.resolve("repos/app"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
        cm.close();
    }

    private GitSettings settings(boolean autoApply) {
        return new GitSettings(repo.url(), "main", "compose.yaml", autoApply, Optional.empty());
    }

    @Test
    void theNewestCommitMakesV1AndEachLaterCommitAVersionWithItsAuthorMessageAndId() {
        RevCommit first = repo.commit("compose.yaml", V1, "First web", "Alice");
        Stack stack = cm.git().createStack("web", settings(false), "operator", Optional.empty());

        assertThat(dir.resolve("git").resolve(stack.stackId())).as("the copy fetched for v1 is kept").isDirectory();
        assertThat(dir.resolve("git").toFile().list()).containsExactly(stack.stackId());
        StackVersion v1 = cm.stacks().version(stack.stackId(), "v1");
        assertThat(v1.metadata().createdBy()).isEqualTo("Alice <alice@example.org>");
        assertThat(v1.metadata().comment()).contains("First web\n\ngit commit " + first.name());

        RevCommit second = repo.commit("compose.yaml", V2, "Port 8081\n\nThe proxy moved.", "Bob");
        GitSyncResult sync = cm.git().sync(stack.stackId(), "tester");

        assertThat(sync.head()).isEqualTo(second.name());
        assertThat(sync.version()).contains("v2");
        assertThat(sync.applyCommandId()).isEmpty();
        assertThat(sync.commits()).extracting(GitCommitRecord::commitId, GitCommitRecord::outcome)
                .containsExactly(tuple(second.name(), Outcome.VERSION));
        StackVersion v2 = cm.stacks().version(stack.stackId(), "v2");
        assertThat(v2.parentVersion()).contains("v1");
        assertThat(v2.metadata().createdBy()).isEqualTo("Bob <bob@example.org>");
        assertThat(v2.metadata().comment()).contains("Port 8081\n\nThe proxy moved.\n\ngit commit " + second.name());
        assertThat(cm.stacks().definition(stack.stackId(), "v2").services().get("web")).isNotNull();

        GitFollowing following = cm.git().following(stack.stackId());
        assertThat(following.lastCommit()).contains(second.name());
        assertThat(following.lastError()).isEmpty();
        assertThat(following.commits()).extracting(GitCommitRecord::version)
                .containsExactly(Optional.of("v2"), Optional.of("v1"));
        assertThat(cm.commands().list(CommandFilter.byStack(stack.stackId()), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void aCommitThatDoesNotTouchTheFileMakesNoVersion() {
        repo.commit("compose.yaml", V1, "First web", "Alice");
        Stack stack = cm.git().createStack("web", settings(false), "operator", Optional.empty());
        RevCommit readme = repo.commit("README.md", "# app\n", "Docs", "Alice");

        GitSyncResult sync = cm.git().sync(stack.stackId(), "tester");

        assertThat(sync.commits()).isEmpty();
        assertThat(sync.version()).isEmpty();
        assertThat(cm.stacks().get(stack.stackId()).latestVersion()).contains("v1");
        assertThat(cm.git().following(stack.stackId()).lastCommit()).contains(readme.name());
        // nothing new: a second sync makes nothing either
        assertThat(cm.git().sync(stack.stackId(), "tester").commits()).isEmpty();
    }

    @Test
    void severalCommitsSinceTheLastSyncAreEachTakenInOrder() {
        repo.commit("compose.yaml", V1, "one", "Alice");
        Stack stack = cm.git().createStack("web", settings(false), "operator", Optional.empty());
        RevCommit two = repo.commit("compose.yaml", V2, "two", "Bob");
        repo.commit("README.md", "docs", "docs", "Bob");
        RevCommit back = repo.commit("compose.yaml", V1, "back to 8080", "Carol");

        GitSyncResult sync = cm.git().sync(stack.stackId(), "tester");

        assertThat(sync.commits()).extracting(GitCommitRecord::commitId).containsExactly(two.name(), back.name());
        assertThat(sync.commits()).extracting(GitCommitRecord::version)
                .containsExactly(Optional.of("v2"), Optional.of("v3"));
        assertThat(cm.stacks().version(stack.stackId(), "v3").metadata().createdBy()).isEqualTo("Carol <carol@example.org>");
        assertThat(cm.stacks().version(stack.stackId(), "v3").parentVersion()).contains("v2");
    }

    @Test
    void anInvalidCommitIsRefusedWithItsErrorsVisibleAndAuditedAndNothingIsMadeNorApplied() {
        repo.commit("compose.yaml", V1, "one", "Alice");
        Stack stack = cm.git().createStack("web", settings(true), "operator", Optional.empty());
        List<Command> before = cm.commands().list(CommandFilter.byStack(stack.stackId()), PageRequest.first()).items();
        RevCommit bad = repo.commit("compose.yaml", INVALID, "links", "Mallory");

        GitSyncResult sync = cm.git().sync(stack.stackId(), "tester");

        assertThat(sync.version()).isEmpty();
        assertThat(sync.applyCommandId()).isEmpty();
        assertThat(sync.commits()).singleElement().satisfies(c -> {
            assertThat(c.commitId()).isEqualTo(bad.name());
            assertThat(c.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(c.errors().orElseThrow()).contains("\"path\":\"services.web.links[0]\"").contains("\"line\":4");
        });
        assertThat(cm.stacks().get(stack.stackId()).latestVersion()).contains("v1");
        assertThat(cm.commands().list(CommandFilter.byStack(stack.stackId()), PageRequest.first()).items())
                .hasSameSizeAs(before);
        GitFollowing following = cm.git().following(stack.stackId());
        assertThat(following.refused()).extracting(GitCommitRecord::commitId).containsExactly(bad.name());
        assertThat(following.lastError()).isEmpty();
        assertThat(cm.store().audit().list(Optional.of(stack.stackId()), PageRequest.first()).items())
                .filteredOn(a -> a.action().equals("GIT_COMMIT_REFUSED")).singleElement()
                .satisfies(a -> assertThat(a.detail()).contains(bad.name()).contains("services.web.links"));

        RevCommit fixed = repo.commit("compose.yaml", V2, "fixed", "Alice");
        GitSyncResult after = cm.git().sync(stack.stackId(), "tester");
        assertThat(after.commits()).extracting(GitCommitRecord::commitId).containsExactly(fixed.name());
        assertThat(after.version()).contains("v2");
    }

    @Test
    void aDeletedOrTooLargeFileIsRefusedNamingThePath() {
        repo.commit("compose.yaml", V1, "one", "Alice");
        Stack stack = cm.git().createStack("web", settings(false), "operator", Optional.empty());
        repo.remove("compose.yaml", "moved away", "Alice");
        repo.commit("compose.yaml", V2 + "# " + "x".repeat(3 * 1024 * 1024) + "\n", "huge", "Alice");
        RevCommit fixed = repo.commit("compose.yaml", V2, "fixed", "Alice");

        GitSyncResult sync = cm.git().sync(stack.stackId(), "tester");

        assertThat(sync.commits()).extracting(GitCommitRecord::outcome)
                .containsExactly(Outcome.REFUSED, Outcome.REFUSED, Outcome.VERSION);
        assertThat(sync.commits().get(0).errors().orElseThrow()).contains("git.path").contains("deleted or moved");
        assertThat(sync.commits().get(1).errors().orElseThrow()).contains("git.path").contains("more than");
        assertThat(sync.commits().get(2).commitId()).isEqualTo(fixed.name());
        assertThat(cm.git().following(stack.stackId()).lastError()).isEmpty();
    }

    @Test
    void autoApplyEnqueuesAnApplyOfV1AndOfTheNewestVersionOfEachSync() {
        repo.commit("compose.yaml", V1, "one", "Alice");
        Stack stack = cm.git().createStack("web", settings(true), "operator", Optional.empty());
        repo.commit("compose.yaml", V2, "two", "Bob");
        repo.commit("compose.yaml", V1, "three", "Bob");

        GitSyncResult sync = cm.git().sync(stack.stackId(), "git-webhook");

        assertThat(sync.version()).contains("v3");
        Command apply = cm.commands().get(sync.applyCommandId().orElseThrow());
        assertThat(apply.type()).isEqualTo(CommandType.APPLY_STACK_VERSION);
        assertThat(apply.payload()).contains("\"v3\"");
        assertThat(apply.status()).isEqualTo(CommandStatus.PENDING);
        assertThat(apply.createdBy()).isEqualTo("git-webhook");
        assertThat(cm.commands().list(CommandFilter.byStack(stack.stackId()), PageRequest.first()).items())
                .extracting(Command::payload).anySatisfy(p -> assertThat(p).contains("\"v1\""))
                .hasSize(2);
    }

    @Test
    void thePollerSyncsEveryFollowedStackAndRecordsAFailureAsItsLastError() {
        repo.commit("compose.yaml", V1, "one", "Alice");
        Stack stack = cm.git().createStack("web", settings(false), "operator", Optional.empty());
        Stack broken = cm.stacks().createStack("other", V1, Map.of(), "alice", null, Optional.empty());
        cm.git().follow(broken.stackId(), new GitSettings(dir.resolve("nowhere").toUri().toString(), "main",
                "compose.yaml", false, Optional.empty()), "operator");
        repo.commit("compose.yaml", V2, "two", "Bob");

        cm.git().startPolling(Duration.ofMillis(200));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> cm.stacks().get(stack.stackId()).latestVersion().orElseThrow().equals("v2"));
        assertThat(cm.git().following(broken.stackId()).lastError()).hasValueSatisfying(e -> assertThat(e)
                .contains("cannot read branch 'main' of " + dir.resolve("nowhere").toUri()));
        assertThat(cm.commands().list(CommandFilter.byStack(stack.stackId()), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void anExistingStackFollowsAndARepositoryWithTheSameDefinitionMakesNoVersion() {
        Stack stack = cm.stacks().createStack("web", V1, Map.of(), "alice", "by hand", Optional.empty());
        RevCommit first = repo.commit("compose.yaml", V1, "same", "Alice");

        GitFollowing following = cm.git().follow(stack.stackId(), settings(false), "operator");

        assertThat(following.commits()).extracting(GitCommitRecord::outcome).containsExactly(Outcome.UNCHANGED);
        assertThat(following.lastCommit()).contains(first.name());
        assertThat(cm.stacks().get(stack.stackId()).latestVersion()).contains("v1");

        cm.git().unfollow(stack.stackId(), "operator");
        assertThat(cm.git().follows(stack.stackId())).isFalse();
        assertThatThrownBy(() -> cm.git().sync(stack.stackId(), "tester")).isInstanceOf(GitNotFollowedException.class);
        assertThat(cm.store().audit().list(Optional.of(stack.stackId()), PageRequest.first()).items())
                .extracting(AuditEntry::action).contains("GIT_FOLLOWED", "GIT_UNFOLLOWED");
    }

    @Test
    void anInvalidNewestCommitAtCreationMakesNoStack() {
        repo.commit("compose.yaml", INVALID, "bad", "Alice");

        assertThatThrownBy(() -> cm.git().createStack("web", settings(false), "operator", Optional.empty()))
                .isInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> cm.git().createStack("web", new GitSettings(repo.url(), "main", "other.yaml", false,
                Optional.empty()), "operator", Optional.empty()))
                .isInstanceOf(InvalidGitSettingsException.class).hasMessageContaining("other.yaml");
        assertThatThrownBy(() -> cm.git().createStack("web", new GitSettings(repo.url(), "nope", "compose.yaml", false,
                Optional.empty()), "operator", Optional.empty()))
                .isInstanceOf(GitSyncFailedException.class).hasMessageContaining("nope");
        assertThat(cm.stacks().list(Optional.empty(), true, PageRequest.first()).items()).isEmpty();
        assertThat(dir.resolve("git").toFile().list()).as("no copy is left behind").isEmpty();
    }

    @Test
    void settingsThatCannotBeUsedAreRefusedNamingTheirField() {
        record Case(GitSettings settings, String field) {
        }
        GitCredentials login = new GitCredentials("bob", SecretValue.of(PASSWORD));
        List<Case> cases = List.of(
                new Case(new GitSettings("", "main", "compose.yaml", false, Optional.empty()), "git.url"),
                new Case(new GitSettings("git@github.com:a/b.git", "main", "compose.yaml", false, Optional.empty()), "git.url"),
                new Case(new GitSettings("ssh://github.com/a/b.git", "main", "compose.yaml", false, Optional.empty()), "git.url"),
                new Case(new GitSettings("https://bob:pw@example.org/r.git", "main", "compose.yaml", false,
                        Optional.empty()), "git.url"),
                new Case(new GitSettings("http://example.org/r.git", "main", "compose.yaml", false, Optional.of(login)),
                        "git.url"),
                new Case(new GitSettings("https://example.org/r.git", "a..b", "compose.yaml", false, Optional.empty()),
                        "git.branch"),
                new Case(new GitSettings("https://example.org/r.git", "main", "../compose.yaml", false, Optional.empty()),
                        "git.path"),
                new Case(new GitSettings("https://example.org/r.git", "main", "/compose.yaml", false, Optional.empty()),
                        "git.path"),
                new Case(new GitSettings("https://example.org/r.git", "main", "compose.yaml", false,
                        Optional.of(new GitCredentials(" ", SecretValue.of(PASSWORD)))), "git.credentials.username"));
        for (Case c : cases) {
            assertThatThrownBy(() -> cm.git().createStack("web", c.settings(), "operator", Optional.empty()))
                    .as(c.settings().toString()).isInstanceOfSatisfying(InvalidGitSettingsException.class,
                            e -> assertThat(e.field()).isEqualTo(c.field()));
        }
        assertThat(cases.get(4).settings().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void overHttpTheRightCredentialsSyncAndWrongOnesFailClearlyWithoutPrintingThem() throws Exception {
        repo.commit("compose.yaml", V1, "one", "Alice");
        try (GitHttpServer http = GitHttpServer.start(dir.resolve("repos"), "bob", PASSWORD)) {
            GitSettings right = new GitSettings(http.url("app"), "main", "compose.yaml", false,
                    Optional.of(new GitCredentials("bob", SecretValue.of(PASSWORD))));
            Stack stack = cm.git().createStack("web", right, "operator", Optional.empty());
            assertThat(stack.latestVersion()).contains("v1");
            repo.commit("compose.yaml", V2, "two", "Bob");
            assertThat(cm.git().sync(stack.stackId(), "tester").version()).contains("v2");
            // stored sealed: the row's bytes do not hold the password
            byte[] sealed = cm.store().git().find(stack.stackId()).orElseThrow().credentials().orElseThrow().ciphertext();
            assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD).doesNotContain("bob");

            String wrongPassword = "wrong-" + PASSWORD;
            GitSettings wrong = new GitSettings(http.url("app"), "main", "compose.yaml", false,
                    Optional.of(new GitCredentials("bob", SecretValue.of(wrongPassword))));
            ByteArrayOutputStream logged = new ByteArrayOutputStream();
            PrintStream err = System.err;
            GitFollowing following;
            System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
            try {
                following = cm.git().follow(stack.stackId(), wrong, "operator");
                assertThatThrownBy(() -> cm.git().sync(stack.stackId(), "tester"))
                        .isInstanceOf(GitSyncFailedException.class)
                        .hasMessageContaining(http.url("app")).hasMessageContaining("main")
                        .hasMessageContainingAll("not authorized")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrongPassword).doesNotContain(PASSWORD));
            } finally {
                System.setErr(err);
            }
            assertThat(http.refused()).isPositive();
            assertThat(following.lastError()).hasValueSatisfying(e -> assertThat(e).contains("not authorized")
                    .doesNotContain(wrongPassword));
            assertThat(following.toString()).doesNotContain(wrongPassword).doesNotContain(PASSWORD);
            assertThat(logged.toString(StandardCharsets.UTF_8)).as("the failure was logged, without the credentials")
                    .contains("git_sync_failed").contains("not authorized")
                    .doesNotContain(wrongPassword).doesNotContain(PASSWORD);
            assertThat(cm.stacks().get(stack.stackId()).latestVersion()).contains("v2");
        }
    }
}
