package io.coremonitor.server.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleAssetsTest {

    @Test
    void thePageNamesItsFingerprintedAssetsAndItsWebjarVersions() {
        Map<String, String> webjars = ConsoleRoutes.webjarVersions();
        assertThat(webjars).containsKeys("uplot", "codemirror", "diff", "js-yaml");
        ConsoleAssets assets = ConsoleAssets.load(webjars);
        String page = new String(assets.index(), StandardCharsets.UTF_8);
        assertThat(assets.fingerprint()).matches("[0-9a-f]{16}");
        assertThat(page).contains("/assets/" + assets.fingerprint() + "/js/app.js")
            .contains("content=\"/webjars/uplot/" + webjars.get("uplot") + "\"")
            .doesNotContain("{{");
    }

    @Test
    void theFingerprintIsTheSameForTheSameFilesAndChangesWithALibraryVersion() {
        Map<String, String> webjars = ConsoleRoutes.webjarVersions();
        String a = ConsoleAssets.load(webjars).fingerprint();
        assertThat(ConsoleAssets.load(webjars).fingerprint()).isEqualTo(a);
        Map<String, String> other = new java.util.HashMap<>(webjars);
        other.put("uplot", "0.0.1");
        assertThat(ConsoleAssets.load(other).fingerprint()).isNotEqualTo(a);
    }

    @Test
    void filesAreServedByTheirPathButNeverThePageOrAPathGoingUp() {
        ConsoleAssets assets = ConsoleAssets.load(ConsoleRoutes.webjarVersions());
        assertThat(assets.file("js/app.js")).isPresent();
        assertThat(assets.file("index.html")).isEmpty();
        assertThat(assets.file("../console/js/app.js")).isEmpty();
        assertThat(assets.file("js/none.js")).isEmpty();
    }

    @Test
    void mediaTypesByExtension() {
        assertThat(ConsoleAssets.contentType("js/app.js")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(ConsoleAssets.contentType("css/console.css")).isEqualTo("text/css; charset=utf-8");
        assertThat(ConsoleAssets.contentType("img/logo.svg")).isEqualTo("image/svg+xml");
        assertThat(ConsoleAssets.contentType("x.bin")).isEqualTo("application/octet-stream");
    }
}
