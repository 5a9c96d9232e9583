package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.server.internal.console.ConsoleRoutes;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/session} (never 401) and the console's page, assets and headers, in process. */
class SessionAndConsoleRoutesTest {

    @TempDir
    Path dir;

    private TestApi t;

    @AfterEach
    void tearDown() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void sessionSaysWhatTheServerAsksAndWhetherThisCredentialIsAcceptedWithoutEverAnswering401() {
        t = new TestApi(dir, Optional.of("s3cret"), Optional.empty());
        ApiClient.Answer none = t.as(Optional.empty()).get("/session");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().path("authentication").asText()).isEqualTo("token");
        assertThat(none.json().path("authenticated").asBoolean()).isFalse();
        assertThat(none.json().path("reason").asText()).isEqualTo("this server needs Authorization: Bearer <token>");

        ApiClient.Answer wrong = t.as(Optional.of("nope")).get("/session");
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.json().path("authenticated").asBoolean()).isFalse();
        assertThat(wrong.json().path("reason").asText()).isEqualTo("the bearer token is not valid");
        assertThat(wrong.text()).doesNotContain("s3cret").doesNotContain("nope");

        ApiClient.Answer right = t.as(Optional.of("s3cret")).get("/session");
        assertThat(right.json().path("authenticated").asBoolean()).isTrue();
        assertThat(right.json().path("reason").isNull()).isTrue();
    }

    @Test
    void withoutATokenEveryClientIsAuthenticated() {
        t = TestApi.start(dir);
        ApiClient.Answer a = t.as(Optional.empty()).get("/session");
        assertThat(a.json().path("authentication").asText()).isEqualTo("none");
        assertThat(a.json().path("authenticated").asBoolean()).isTrue();
    }

    @Test
    void theConsoleIsOpenWithoutTheTokenAndHoldsNoData() {
        t = new TestApi(dir, Optional.of("s3cret"), Optional.empty());
        ApiClient anonymous = t.as(Optional.empty());
        ApiClient.Answer page = anonymous.send(anonymous.request("/").uri(root("/")).GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).hasValue(ConsoleRoutes.CONTENT_SECURITY_POLICY);
        assertThat(page.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.text()).contains("<title>Core Monitor</title>").doesNotContain("{{");

        Matcher css = Pattern.compile("href=\"(/assets/[0-9a-f]{16}/css/console\\.css)\"").matcher(page.text());
        assertThat(css.find()).isTrue();
        ApiClient.Answer style = anonymous.send(anonymous.request("/").uri(root(css.group(1))).GET());
        assertThat(style.status()).isEqualTo(200);
        assertThat(style.header("Content-Type")).get().asString().startsWith("text/css");
        assertThat(style.header("Cache-Control")).hasValue("public, max-age=31536000, immutable");

        ApiClient.Answer traversal = anonymous.send(anonymous.request("/").uri(root(css.group(1)
            .replace("css/console.css", "..%2F..%2Fcoremonitor%2Fdocs.html"))).GET());
        assertThat(traversal.status()).isEqualTo(404);
        ApiClient.Answer index = anonymous.send(anonymous.request("/").uri(root(css.group(1)
            .replace("css/console.css", "index.html"))).GET());
        assertThat(index.status()).isEqualTo(404);
        // the API behind it still needs the token
        assertThat(anonymous.get("/stacks").status()).isEqualTo(401);
    }

    private URI root(String path) {
        return URI.create("http://127.0.0.1:" + t.app.port() + path);
    }
}
