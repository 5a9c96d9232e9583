package io.coremonitor.engine.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.secrets.SecretKeySource;
import io.coremonitor.model.DefinitionFiles;
import io.coremonitor.model.InvalidDefinitionException;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackVersion;
import io.coremonitor.store.GitCommitRecord;
import io.coremonitor.store.GitCommitRecord.Outcome;
import io.coremonitor.store.PageRequest;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A followed repository's commits carry the env files their definition uses (real repositories on disk, JGit). */
class GitServiceEnvFileTest {

    static final String WITH_ENV_FILE = """
            services:
              web:
                image: coremonitor-test/busybox:latest
                env_file: ./app.env
            """;
    static final String WITH_OPTIONAL_ENV_FILE = """
            services:
              web:
                image: coremonitor-test/busybox:latest
                env_file:
                  - path: ./app.env
                  - path: ./local.env
                    required: false
            """;

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

    private GitSettings settings(String path) {
        return new GitSettings(repo.url(), "main", path, false, Optional.empty());
    }

    private Optional<String> colour(String stackId, String version) {
        return cm.stacks().definition(stackId, version).services().get("web").process().environment().get("COLOUR");
    }

    @Test
    void aCommitChangingOnlyTheEnvFileMakesAVersionCarryingItAndAnUnrelatedCommitMakesNone() {
        repo.commit(Map.of("compose.yaml", WITH_ENV_FILE, "app.env", "COLOUR=blue\n"), "web", "Alice");
        Stack stack = cm.git().createStack("web", settings("compose.yaml"), "operator", Optional.empty());

        StackVersion v1 = cm.stacks().version(stack.stackId(), "v1");
        assertThat(v1.files()).containsExactly(Map.entry("app.env", "COLOUR=blue\n"));
        assertThat(colour(stack.stackId(), "v1")).contains("blue");

        RevCommit green = repo.commit("app.env", "COLOUR=green\n", "green", "Bob");
        GitSyncResult sync = cm.git().sync(stack.stackId(), "tester");

        assertThat(sync.commits()).extracting(GitCommitRecord::commitId, GitCommitRecord::outcome)
                .containsExactly(tuple(green.name(), Outcome.VERSION));
        assertThat(sync.version()).contains("v2");
        StackVersion v2 = cm.stacks().version(stack.stackId(), "v2");
        assertThat(v2.files()).containsExactly(Map.entry("app.env", "COLOUR=green\n"));
        assertThat(v2.metadata().comment().orElseThrow()).contains("git commit " + green.name());
        assertThat(colour(stack.stackId(), "v2")).contains("green");

        RevCommit readme = repo.commit("README.md", "# app\n", "docs", "Bob");
        GitSyncResult unrelated = cm.git().sync(stack.stackId(), "tester");

        assertThat(unrelated.commits()).isEmpty();
        assertThat(unrelated.version()).isEmpty();
        assertThat(unrelated.head()).isEqualTo(readme.name());
        assertThat(cm.stacks().get(stack.stackId()).latestVersion()).contains("v2");
    }

    @Test
    void aCommitDeletingARequiredEnvFileIsRefusedNamingItAndRestoringItMakesNoNewVersion() {
        repo.commit(Map.of("compose.yaml", WITH_ENV_FILE, "app.env", "COLOUR=blue\n"), "web", "Alice");
        Stack stack = cm.git().createStack("web", settings("compose.yaml"), "operator", Optional.empty());

        RevCommit gone = repo.remove("app.env", "no env", "Mallory");
        GitSyncResult sync = cm.git().sync(stack.stackId(), "tester");

        assertThat(sync.version()).isEmpty();
        assertThat(sync.commits()).singleElement().satisfies(c -> {
            assertThat(c.commitId()).isEqualTo(gone.name());
            assertThat(c.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(c.errors().orElseThrow()).contains("\"path\":\"services.web.env_file\"")
                    .contains("env file './app.env' not found: app.env is not a file of commit " + gone.name())
                    .contains("\"line\":4");
        });
        assertThat(cm.store().audit().list(Optional.of(stack.stackId()), PageRequest.first()).items())
                .filteredOn(a -> a.action().equals("GIT_COMMIT_REFUSED")).singleElement()
                .satisfies(a -> assertThat(a.detail()).contains(gone.name()).contains("app.env"));

        // the file comes back as it was: the definition is v1's again, so no version is made
        RevCommit back = repo.commit("app.env", "COLOUR=blue\n", "env back", "Alice");
        GitSyncResult after = cm.git().sync(stack.stackId(), "tester");

        assertThat(after.commits()).extracting(GitCommitRecord::commitId, GitCommitRecord::outcome,
                GitCommitRecord::version).containsExactly(tuple(back.name(), Outcome.UNCHANGED, Optional.of("v1")));
        assertThat(after.version()).isEmpty();
        assertThat(cm.stacks().get(stack.stackId()).latestVersion()).contains("v1");
    }

    @Test
    void anOptionalEnvFileThatAppearsLaterMakesAVersion() {
        repo.commit(Map.of("compose.yaml", WITH_OPTIONAL_ENV_FILE, "app.env", "COLOUR=blue\n"), "web", "Alice");
        Stack stack = cm.git().createStack("web", settings("compose.yaml"), "operator", Optional.empty());
        assertThat(cm.stacks().version(stack.stackId(), "v1").files()).containsOnlyKeys("app.env");

        repo.commit("local.env", "COLOUR=red\n", "local colour", "Bob");
        GitSyncResult sync = cm.git().sync(stack.stackId(), "tester");

        assertThat(sync.version()).contains("v2");
        assertThat(cm.stacks().version(stack.stackId(), "v2").files())
                .containsExactly(Map.entry("app.env", "COLOUR=blue\n"), Map.entry("local.env", "COLOUR=red\n"));
        assertThat(colour(stack.stackId(), "v2")).contains("red");

        repo.remove("local.env", "no local colour", "Bob");
        GitSyncResult removed = cm.git().sync(stack.stackId(), "tester");

        assertThat(removed.version()).contains("v3");
        assertThat(cm.stacks().version(stack.stackId(), "v3").files()).containsOnlyKeys("app.env");
        assertThat(cm.stacks().version(stack.stackId(), "v3").composeHash())
                .isEqualTo(cm.stacks().version(stack.stackId(), "v1").composeHash());
    }

    @Test
    void pathsResolveAgainstTheComposeFilesDirectoryAndMayNotLeaveTheRepository() {
        repo.commit(Map.of("deploy/compose.yaml", """
                services:
                  web:
                    image: coremonitor-test/busybox:latest
                    env_file: [../shared/app.env, ./web.env]
                """, "shared/app.env", "COLOUR=blue\n", "deploy/web.env", "SIZE=large\n"), "web", "Alice");
        Stack stack = cm.git().createStack("web", settings("deploy/compose.yaml"), "operator", Optional.empty());

        assertThat(cm.stacks().version(stack.stackId(), "v1").files()).containsExactly(
                Map.entry("../shared/app.env", "COLOUR=blue\n"), Map.entry("web.env", "SIZE=large\n"));
        assertThat(colour(stack.stackId(), "v1")).contains("blue");

        repo.commit("shared/app.env", "COLOUR=green\n", "green", "Bob");
        assertThat(cm.git().sync(stack.stackId(), "tester").version()).contains("v2");

        RevCommit outside = repo.commit("deploy/compose.yaml", """
                services:
                  web:
                    image: coremonitor-test/busybox:latest
                    env_file: ../../etc/app.env
                """, "outside", "Mallory");
        RevCommit absolute = repo.commit("deploy/compose.yaml", """
                services:
                  web:
                    image: coremonitor-test/busybox:latest
                    env_file: /etc/passwd
                """, "absolute", "Mallory");
        GitSyncResult sync = cm.git().sync(stack.stackId(), "tester");

        assertThat(sync.commits()).extracting(GitCommitRecord::commitId, GitCommitRecord::outcome).containsExactly(
                tuple(outside.name(), Outcome.REFUSED), tuple(absolute.name(), Outcome.REFUSED));
        assertThat(sync.commits().get(0).errors().orElseThrow()).contains("services.web.env_file")
                .contains("env file '../../etc/app.env': leaves the repository");
        assertThat(sync.commits().get(1).errors().orElseThrow()).contains("services.web.env_file")
                .contains("env file '/etc/passwd': an absolute path names no file of the repository");
        assertThat(cm.stacks().get(stack.stackId()).latestVersion()).contains("v2");
    }

    @Test
    void anEnvFileBeyondTheSizeLimitOrADirectoryIsRefusedWithTheReason() {
        repo.commit(Map.of("compose.yaml", WITH_ENV_FILE, "app.env", "COLOUR=blue\n"), "web", "Alice");
        Stack stack = cm.git().createStack("web", settings("compose.yaml"), "operator", Optional.empty());

        String big = "BIG=" + "x".repeat(DefinitionFiles.MAX_FILE_CHARS) + "\n";
        RevCommit large = repo.commit("app.env", big, "large", "Alice");
        String huge = "HUGE=" + "x".repeat(DefinitionFiles.MAX_FILE_CHARS * 3) + "\n";
        RevCommit larger = repo.commit("app.env", huge, "huge", "Alice");
        repo.remove("app.env", "to a directory", "Alice");
        RevCommit directory = repo.commit("app.env/x", "A=1\n", "a directory", "Alice");
        GitSyncResult sync = cm.git().sync(stack.stackId(), "tester");

        assertThat(sync.commits()).extracting(GitCommitRecord::outcome).containsOnly(Outcome.REFUSED);
        assertThat(sync.commits()).extracting(GitCommitRecord::commitId).contains(large.name(), larger.name(),
                directory.name());
        assertThat(sync.commits()).filteredOn(c -> c.commitId().equals(large.name())).singleElement()
                .satisfies(c -> assertThat(c.errors().orElseThrow()).contains("services.web.env_file")
                        .contains("app.env has " + big.length() + " characters; at most "
                                + DefinitionFiles.MAX_FILE_CHARS + " are accepted"));
        assertThat(sync.commits()).filteredOn(c -> c.commitId().equals(larger.name())).singleElement()
                .satisfies(c -> assertThat(c.errors().orElseThrow()).contains("app.env: the file has")
                        .contains("at most " + DefinitionFiles.MAX_FILE_CHARS + " characters are accepted"));
        assertThat(sync.commits()).filteredOn(c -> c.commitId().equals(directory.name())).singleElement()
                .satisfies(c -> assertThat(c.errors().orElseThrow()).contains("app.env is a directory"));
        assertThat(cm.stacks().get(stack.stackId()).latestVersion()).contains("v1");
    }

    @Test
    void aSymbolicLinkIsNotFollowed() {
        repo.commit(Map.of("compose.yaml", WITH_ENV_FILE, "app.env", "COLOUR=blue\n", "other.env", "COLOUR=red\n"),
                "web", "Alice");
        Stack stack = cm.git().createStack("web", settings("compose.yaml"), "operator", Optional.empty());

        RevCommit link = repo.link("app.env", "other.env", "link", "Mallory");
        GitSyncResult sync = cm.git().sync(stack.stackId(), "tester");

        assertThat(sync.commits()).extracting(GitCommitRecord::commitId, GitCommitRecord::outcome)
                .containsExactly(tuple(link.name(), Outcome.REFUSED));
        assertThat(sync.commits().get(0).errors().orElseThrow()).contains("services.web.env_file")
                .contains("app.env is a symbolic link in the repository");
    }

    @Test
    void aMissingRequiredEnvFileInTheNewestCommitMakesNoStack() {
        repo.commit("compose.yaml", WITH_ENV_FILE, "web", "Alice");

        assertThatThrownBy(() -> cm.git().createStack("web", settings("compose.yaml"), "operator", Optional.empty()))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.locatedErrors())
                        .singleElement().satisfies(l -> {
                            assertThat(l.error().path()).isEqualTo("services.web.env_file");
                            assertThat(l.error().message()).contains("env file './app.env' not found: app.env is not a"
                                    + " file of commit");
                        }));
        assertThat(cm.stacks().list(Optional.empty(), true, PageRequest.first()).items()).isEmpty();
        assertThat(dir.resolve("git").toFile().list()).as("no copy is left behind").isEmpty();
    }
}
