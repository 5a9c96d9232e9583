package io.coremonitor.server.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExitCodesTest {

    @Test
    void httpStatusesMapToTheDocumentedCodes() {
        assertThat(ExitCodes.forHttpStatus(400)).isEqualTo(ExitCodes.USAGE);
        assertThat(ExitCodes.forHttpStatus(401)).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(ExitCodes.forHttpStatus(403)).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(ExitCodes.forHttpStatus(404)).isEqualTo(ExitCodes.FAILED);
        assertThat(ExitCodes.forHttpStatus(409)).isEqualTo(ExitCodes.FAILED);
        assertThat(ExitCodes.forHttpStatus(413)).isEqualTo(ExitCodes.FAILED);
        assertThat(ExitCodes.forHttpStatus(422)).isEqualTo(ExitCodes.FAILED);
        assertThat(ExitCodes.forHttpStatus(500)).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(ExitCodes.forHttpStatus(502)).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(ExitCodes.forHttpStatus(503)).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(List.of(ExitCodes.DONE, ExitCodes.FAILED, ExitCodes.USAGE, ExitCodes.UNREACHABLE)).containsExactly(0, 1, 2, 3);
        assertThatThrownBy(() -> ExitCodes.forHttpStatus(200)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProblemBecomesOneLineAndItsErrorsWithTheirPaths() throws Exception {
        JsonNode problem = RestClient.JSON.readTree("{\"type\":\"https://coremonitor.io/problems/unprocessable-content\","
            + "\"title\":\"Unprocessable Content\",\"status\":422,\"detail\":\"2 errors in the definition: x\",\"errors\":["
            + "{\"path\":\"services.web.ports[1]\",\"message\":\"port 99999 is out of range\",\"line\":4,\"column\":24},"
            + "{\"path\":\"name\",\"message\":\"not a valid stack name\"}]}");
        ApiException e = ApiException.of(422, problem, "");
        assertThat(e.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(e.getMessage()).isEqualTo("2 errors in the definition: x (HTTP 422 Unprocessable Content)");
        assertThat(e.details()).containsExactly("services.web.ports[1]: port 99999 is out of range",
            "name: not a valid stack name");
        assertThat(e.from("compose.yaml").details()).containsExactly(
            "compose.yaml:4:24: services.web.ports[1]: port 99999 is out of range", "name: not a valid stack name");
        assertThat(new ApiException.FieldError("", "bad YAML", Optional.of(1), Optional.of(3)).format(Optional.of("f.yaml")))
            .isEqualTo("f.yaml:1:3: bad YAML");
    }

    @Test
    void anErrorThatIsNotAProblemIsNamedByItsStatus() {
        ApiException e = ApiException.of(502, com.fasterxml.jackson.databind.node.MissingNode.getInstance(), "");
        assertThat(e.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(e.getMessage()).isEqualTo("the server answered an error (HTTP 502)");
    }
}
