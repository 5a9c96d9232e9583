package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coremonitor.engine.databases.DatabaseKind;
import io.coremonitor.engine.databases.DatabaseRequest;
import io.coremonitor.engine.databases.InvalidDatabaseException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseBodiesTest {

    @Test
    void aFullBodyIsReadWithItsTypes() throws Exception {
        DatabaseRequest r = read("{\"project\":\"shop\",\"engine\":\"MariaDB\",\"version\":\"10.11\",\"memory\":\"1g\","
                + "\"cpus\":1.5,\"password\":\"Given-Password-1\",\"port\":5500,\"image\":\"mariadb:10.11\","
                + "\"ready_timeout\":\"90s\"}");
        assertThat(r.kind()).isEqualTo(DatabaseKind.MARIADB);
        assertThat(r.version()).contains("10.11");
        assertThat(r.memory().bytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(r.cpus()).isEqualByComparingTo("1.5");
        assertThat(r.password().orElseThrow().asString()).isEqualTo("Given-Password-1");
        assertThat(r.port()).contains(5500);
        assertThat(r.image()).contains("mariadb:10.11");
        assertThat(r.readyTimeout()).contains(Duration.ofSeconds(90));
    }

    @Test
    void theDefaultsFillWhatIsAbsent() throws Exception {
        DatabaseRequest r = read("{\"project\":\"shop\",\"engine\":\"postgresql\"}");
        assertThat(r.version()).isEmpty();
        assertThat(r.memory().bytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(r.cpus()).isEqualByComparingTo("1");
        assertThat(r.password()).isEmpty();
        assertThat(r.port()).isEmpty();
    }

    @Test
    void missingFieldsAndWrongTypesAre400sAndBadValues422sNamingTheField() {
        assertThatThrownBy(() -> read("{\"engine\":\"postgresql\"}")).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("project");
        assertThatThrownBy(() -> read("{\"project\":\"shop\",\"engine\":\"postgresql\",\"port\":\"5433\"}"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("port must be an integer");
        assertThatThrownBy(() -> read("{\"project\":\"shop\",\"engine\":\"postgresql\",\"cpus\":\"two\"}"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("cpus must be a number");
        assertThat(field("{\"project\":\"shop\",\"engine\":\"oracle\"}")).isEqualTo("engine");
        assertThat(field("{\"project\":\"shop\",\"engine\":\"postgresql\",\"memory\":\"lots\"}")).isEqualTo("memory");
        assertThat(field("{\"project\":\"shop\",\"engine\":\"postgresql\",\"ready_timeout\":\"soon\"}"))
                .isEqualTo("ready_timeout");
        assertThat(field("{\"project\":\"shop\",\"engine\":\"postgresql\",\"password\":\"\"}")).isEqualTo("password");
    }

    private static DatabaseRequest read(String json) throws Exception {
        return DatabaseBodies.CreateDatabaseRequest.read(new Requests.Body((ObjectNode) Requests.JSON.readTree(json)));
    }

    private static String field(String json) {
        try {
            read(json);
        } catch (InvalidDatabaseException e) {
            return e.field();
        } catch (Exception e) {
            return "unexpected " + e;
        }
        return "(none)";
    }
}
