package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code profiles} of APPLY, ROLLBACK and the plan, as read from requests (no Docker needed to refuse them). */
class ProfilesRoutesTest extends InProcessApiTest {

    private String stack() {
        ApiClient.Answer a = c.post("/stacks", ApiClient.json(Map.of("name", "profiled", "compose", ApiRoutesTest.WEB)));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        return "/stacks/" + a.json().path("stack_id").asText();
    }

    @Test
    void profileNamesAreCheckedBeforeAnythingElse() {
        String s = stack();
        ApiRoutesTest.assertProblem(c.post(s + "/apply/v1", "{\"profiles\":[\"debug\",\"-x\"]}"), 400, "profiles[1]");
        ApiRoutesTest.assertProblem(c.post(s + "/rollback/v1", "{\"profiles\":[\"a b\"]}"), 400, "profiles[0]");
        ApiRoutesTest.assertProblem(c.post(s + "/apply/v1", "{\"profiles\":\"debug\"}"), 400, "profiles");
        ApiRoutesTest.assertProblem(c.post(s + "/apply/v1", "{\"profiles\":[\"debug\",\"debug\"]}"), 400, "profiles[1]");
        ApiRoutesTest.assertProblem(c.get(s + "/plan/v1?profiles=ok,%2Fbad"), 400, "profiles[1]");
        assertThat(c.post(s + "/apply/v1", "{\"profiles\":[\"debug\",\"*\"]}").status()).as("valid names: then Docker is"
                + " needed").isNotEqualTo(400);
    }

    @Test
    void theOpenApiDocumentNamesTheProfiles() {
        assertThat(schemas.doc().at("/components/schemas/VersionCommandRequest/properties/profiles/type").toString())
                .contains("array");
        assertThat(schemas.doc().at("/components/schemas/PlanView/required").toString()).contains("\"disabled\"")
                .contains("\"profiles\"");
    }
}
