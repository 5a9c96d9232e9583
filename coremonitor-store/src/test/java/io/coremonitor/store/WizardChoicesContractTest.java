package io.coremonitor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.model.VersionNotFoundException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The suite of the wizard's choices; each subclass runs it against one database (SQLite file, PostgreSQL schema). */
abstract class WizardChoicesContractTest extends OneDatabaseTest {

    private void stackWithVersions(String id, int versions) {
        store.stacks().create(id, "name-" + id);
        for (int i = 1; i <= versions; i++) {
            store.versions().create(NewVersion.of(id, "alice", null, "{\"v\":" + i + "}"));
        }
    }

    @Test
    void theLatestIsTheChoicesOfTheNewestVersionTheWizardMade() {
        stackWithVersions("s1", 3);
        Instant first = clock.instant();
        WizardChoicesRecord v1 = store.wizardChoices().put("s1", "v1", "{\"name\":\"a\"}", "alice");
        clock.advance(Duration.ofSeconds(5));
        store.wizardChoices().put("s1", "v2", "{\"name\":\"b\"}", "bob");

        assertThat(v1).isEqualTo(new WizardChoicesRecord("s1", "v1", "{\"name\":\"a\"}", first, "alice"));
        assertThat(store.wizardChoices().latest("s1")).contains(new WizardChoicesRecord("s1", "v2", "{\"name\":\"b\"}",
                first.plusSeconds(5), "bob"));
    }

    @Test
    void aStackTheWizardDidNotMakeHasNone() {
        stackWithVersions("s1", 1);
        assertThat(store.wizardChoices().latest("s1")).isEmpty();
        assertThat(store.wizardChoices().latest("unknown")).isEmpty();
    }

    @Test
    void puttingTheChoicesOfAVersionAgainReplacesThem() {
        stackWithVersions("s1", 1);
        store.wizardChoices().put("s1", "v1", "{\"name\":\"a\"}", "alice");
        clock.advance(Duration.ofSeconds(1));
        WizardChoicesRecord again = store.wizardChoices().put("s1", "v1", "{\"name\":\"c\"}", "carol");

        assertThat(again.choices()).isEqualTo("{\"name\":\"c\"}");
        assertThat(again.createdBy()).isEqualTo("carol");
        assertThat(store.wizardChoices().latest("s1")).contains(again);
    }

    @Test
    void anUnknownVersionIsRefused() {
        stackWithVersions("s1", 1);
        assertThatThrownBy(() -> store.wizardChoices().put("s1", "v2", "{}", "alice"))
                .isInstanceOf(VersionNotFoundException.class);
        assertThatThrownBy(() -> store.wizardChoices().put("nope", "v1", "{}", "alice"))
                .isInstanceOf(VersionNotFoundException.class);
    }

    @Test
    void theChoicesGoWithTheirStack() {
        stackWithVersions("s1", 1);
        store.wizardChoices().put("s1", "v1", "{}", "alice");
        store.stacks().delete("s1");
        stackWithVersions("s1", 1);

        assertThat(store.wizardChoices().latest("s1")).isEmpty();
    }
}
