package io.coremonitor.server.internal;

import static io.coremonitor.server.internal.ApiRoutesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifact routes in-process (no Docker): streamed uploads (raw and multipart, with and without Content-Length),
 * the size limit, the list, one, delete and prune, and their problems.
 */
class ArtifactRoutesTest {

    static final byte[] SITE = TestArchives.tarGz(Map.of("index.html", "<h1>v1</h1>\n"));
    static final String BOUNDARY = "----cm-test-boundary-7MA4YWxkTrZu0gW";

    @TempDir
    Path dir;
    TestApi t;
    ApiClient c;

    @BeforeEach
    void start() {
        t = TestApi.start(dir);
        c = t.client;
    }

    @AfterEach
    void stop() {
        t.close();
    }

    /** POST /artifacts with the bytes as the body, with a Content-Length. */
    static ApiClient.Answer upload(ApiClient c, String query, byte[] bytes) {
        return c.send(c.request("/artifacts" + query).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    /** The same without a Content-Length (chunked). */
    static ApiClient.Answer uploadChunked(ApiClient c, String query, byte[] bytes, String contentType) {
        return c.send(c.request("/artifacts" + query).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
    }

    /** A multipart/form-data body: a text field {@code note}, then the part {@code field} with a file name. */
    static byte[] form(String field, String fileName, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "preamble to ignore\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n"
                + "a note\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"")
                + "\r\nContent-Type: application/gzip\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static ApiClient.Answer uploadForm(ApiClient c, String query, byte[] body) {
        return c.send(c.request("/artifacts" + query).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aRawUploadIs201ThenTheSameBytesAre200WithTheFirstUpload() throws Exception {
        ApiClient.Answer first = c.send(c.request("/artifacts?name=site-v1.tar.gz").header("X-Actor", "alice")
                .header("Content-Type", "application/gzip").POST(HttpRequest.BodyPublishers.ofByteArray(SITE)));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        JsonNode a = first.json();
        assertThat(a.path("sha256").asText()).isEqualTo(sha256(SITE));
        assertThat(a.path("name").asText()).isEqualTo("site-v1.tar.gz");
        assertThat(a.path("size").asLong()).isEqualTo(SITE.length);
        assertThat(a.path("media_type").asText()).isEqualTo("application/gzip");
        assertThat(a.path("created_by").asText()).isEqualTo("alice");
        assertThat(a.path("created_at").asText()).isNotBlank();
        assertThat(first.header("Location")).contains("/api/v1/artifacts/" + sha256(SITE));

        ApiClient.Answer again = upload(c, "?name=other-name.tar.gz", SITE);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(a);
        ApiClient.Answer chunked = uploadChunked(c, "?name=x.tgz", SITE, "application/octet-stream");
        assertThat(chunked.status()).as(chunked.text()).isEqualTo(200);
        assertThat(chunked.json().path("sha256").asText()).isEqualTo(sha256(SITE));
        assertThat(c.get("/artifacts/" + sha256(SITE)).json()).isEqualTo(a);
    }

    @Test
    void anUploadLargerThanTheJsonBodyLimitIsStreamed() throws Exception {
        byte[] noise = new byte[5 * 1024 * 1024];
        new Random(42).nextBytes(noise);
        byte[] big = TestArchives.tarGzOf(Map.of("noise.bin", noise));
        assertThat((long) big.length).isGreaterThan(HttpApi.MAX_REQUEST_BYTES);
        ApiClient.Answer raw = upload(c, "?name=big.tar.gz", big);
        assertThat(raw.status()).as(raw.text()).isEqualTo(201);
        assertThat(raw.json().path("size").asLong()).isEqualTo(big.length);
        assertThat(raw.json().path("sha256").asText()).isEqualTo(sha256(big));
        byte[] noise2 = noise.clone();
        noise2[0] ^= 1;
        byte[] big2 = TestArchives.tarGzOf(Map.of("noise.bin", noise2));
        ApiClient.Answer form = c.send(c.request("/artifacts").header("Content-Type", "multipart/form-data; boundary="
                + BOUNDARY).POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                form("file", "big2.tar.gz", big2)))));
        assertThat(form.status()).as(form.text()).isEqualTo(201);
        assertThat(form.json().path("sha256").asText()).isEqualTo(sha256(big2));
        assertThat(form.json().path("size").asLong()).isEqualTo(big2.length);
    }

    @Test
    void aMultipartFormGivesItsPartFileAndItsFileName() throws Exception {
        ApiClient.Answer a = uploadForm(c, "", form("file", "C:\\Users\\me\\site-v1.tar.gz", SITE));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        assertThat(a.json().path("name").asText()).isEqualTo("site-v1.tar.gz");
        assertThat(a.json().path("sha256").asText()).isEqualTo(sha256(SITE));
        assertThat(a.json().path("size").asLong()).isEqualTo(SITE.length);

        byte[] zip = TestArchives.zip(Map.of("index.html", "zip"));
        ApiClient.Answer named = uploadForm(c, "?name=site.zip", form("file", null, zip));
        assertThat(named.status()).as(named.text()).isEqualTo(201);
        assertThat(named.json().path("name").asText()).isEqualTo("site.zip");
        assertThat(named.json().path("media_type").asText()).isEqualTo("application/zip");

        assertProblem(uploadForm(c, "", form("file", null, zip)), 400, "name");
        assertProblem(uploadForm(c, "?name=a.zip", form("upload", "a.zip", zip)), 400, "file");
        assertProblem(c.send(c.request("/artifacts?name=a.zip").header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip))), 400, "Content-Type");
        byte[] cut = form("file", "a.zip", zip);
        byte[] truncated = java.util.Arrays.copyOf(cut, cut.length - 12);
        assertProblem(uploadForm(c, "", truncated), 400, "$body");
    }

    @Test
    void aMissingNameIs400AndAnUnusableFile422() {
        assertProblem(upload(c, "", SITE), 400, "name");
        assertProblem(upload(c, "?name=", SITE), 400, "name");
        assertProblem(upload(c, "?name=empty.zip", TestArchives.zip(Map.of())), 422, "file");
        ApiClient.Answer empty = upload(c, "?name=nothing.war", new byte[0]);
        assertProblem(empty, 422, "file");
        assertProblem(upload(c, "?name=site.exe", SITE), 422, "name");
        assertProblem(upload(c, "?name=corrupt.tar.gz", java.util.Arrays.copyOf(SITE, SITE.length / 2)), 422, "file");
        assertProblem(upload(c, "?name=..%2Fescape.tar.gz", SITE), 422, "name");
        assertThat(c.get("/artifacts").json().path("items").size()).isZero();
    }

    @Test
    void anUploadOverTheLimitIs413WithOrWithoutContentLength() {
        t.close();
        t = new TestApi(dir, Optional.empty(), Optional.empty(), Optional.empty(), 1024);
        c = t.client;
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        byte[] big = TestArchives.tarGzOf(Map.of("noise.bin", noise));
        ApiClient.Answer known = upload(c, "?name=big.tar.gz", big);
        assertProblem(known, 413, null);
        assertThat(known.json().path("detail").asText()).contains("1024");
        ApiClient.Answer chunked = uploadChunked(c, "?name=big.tar.gz", big, "application/gzip");
        assertProblem(chunked, 413, null);
        assertThat(chunked.json().path("detail").asText()).contains("1024");
        assertProblem(uploadForm(c, "", form("file", "big.tar.gz", big)), 413, null);
        assertProblem(c.send(c.request("/artifacts").header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        form("file", "big.tar.gz", big))))), 413, null);
        assertThat(c.get("/artifacts").json().path("items").size()).isZero();
        // the limit is not the JSON body limit, and the server goes on
        ApiClient.Answer small = upload(c, "?name=site.tar.gz", SITE);
        assertThat(small.status()).as(small.text()).isEqualTo(201);
    }

    @Test
    void listGetPagingDeleteAndPrune() throws Exception {
        List<String> shas = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] site = TestArchives.tarGz(Map.of("index.html", "site " + i));
            ApiClient.Answer a = upload(c, "?name=site-" + i + ".tar.gz", site);
            assertThat(a.status()).as(a.text()).isEqualTo(201);
            shas.add(a.json().path("sha256").asText());
        }
        JsonNode first = c.get("/artifacts?limit=2").json();
        assertThat(first.path("items").size()).isEqualTo(2);
        assertThat(first.path("next_cursor").isTextual()).isTrue();
        JsonNode second = c.get("/artifacts?limit=2&cursor=" + first.path("next_cursor").asText()).json();
        assertThat(second.path("items").size()).isEqualTo(1);
        assertThat(second.path("next_cursor").isNull()).isTrue();
        List<String> listed = new ArrayList<>();
        first.path("items").forEach(i -> listed.add(i.path("sha256").asText()));
        second.path("items").forEach(i -> listed.add(i.path("sha256").asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(shas);
        assertThat(first.path("items").get(0).path("name").asText()).startsWith("site-");
        assertProblem(c.get("/artifacts?limit=0"), 400, "limit");

        assertThat(c.get("/artifacts/" + shas.get(1)).json().path("name").asText()).isEqualTo("site-1.tar.gz");
        assertProblem(c.get("/artifacts/" + "0".repeat(64)), 404, null);
        assertProblem(c.get("/artifacts/not-a-sha"), 404, null);

        ApiClient.Answer deleted = c.send("DELETE", "/artifacts/" + shas.get(0), null);
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        assertThat(deleted.text()).isEmpty();
        assertProblem(c.get("/artifacts/" + shas.get(0)), 404, null);
        assertProblem(c.send("DELETE", "/artifacts/" + shas.get(0), null), 404, null);

        ApiClient.Answer none = c.post("/artifacts/prune", "{\"older_than\":\"30d\"}");
        assertThat(none.status()).as(none.text()).isEqualTo(200);
        assertThat(none.json().path("deleted").asInt()).isZero();
        assertProblem(c.post("/artifacts/prune", "{}"), 400, "older_than");
        assertProblem(c.post("/artifacts/prune", "{\"older_than\":\"a month\"}"), 400, "older_than");
        assertProblem(c.post("/artifacts/prune", "{\"older_than\":\"1d\",\"force\":true}"), 400, "force");
        ApiClient.Answer all = c.post("/artifacts/prune", "{\"older_than\":\"0s\"}");
        assertThat(all.json().path("deleted").asInt()).as(all.text()).isEqualTo(2);
        assertThat(c.get("/artifacts").json().path("items").size()).isZero();
    }

    @Test
    void theAnswersMatchTheirSchemas() throws Exception {
        SchemaCheck schemas = new SchemaCheck(c);
        schemas.assertAnswer("post", "/artifacts", upload(c, "?name=site.tar.gz", SITE));
        schemas.assertAnswer("post", "/artifacts", upload(c, "?name=site.tar.gz", SITE));
        schemas.assertAnswer("get", "/artifacts", c.get("/artifacts"));
        schemas.assertAnswer("get", "/artifacts/{sha256}", c.get("/artifacts/" + sha256(SITE)));
        schemas.assertAnswer("post", "/artifacts/prune", c.post("/artifacts/prune", "{\"older_than\":\"1h\"}"));
        schemas.assertAnswer("post", "/artifacts", upload(c, "", SITE));
    }
}
