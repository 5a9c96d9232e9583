package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.engine.ArtifactTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streamed multipart reader: the part's exact bytes whatever the read sizes, its file name, and malformed forms. */
class UploadBodyTest {

    static final String B = "XyZ-boundary-42";

    /** A stream that hands out at most {@code chunk} bytes per read (1: byte by byte), as a slow network does. */
    static InputStream trickle(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    static byte[] form(byte[] file, String disposition, boolean closed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + B + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nhello\r\n--" + B
                + "\r\n" + disposition + "\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + B + (closed ? "--\r\n" : "")).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static byte[] tricky() {
        // content that looks like the framing (never the delimiter itself, CRLF--boundary, which a sender never puts in a
        // part): line breaks, dashes, the boundary without its CRLF or with one dash, a cut delimiter
        byte[] random = new byte[200_000];
        new Random(1).nextBytes(random);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("\r\n\r\n-" + B + "x\r--" + B + "\n--" + B + "\r\n--" + B.substring(0, 5))
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(random);
        out.writeBytes("\r\n--\r".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void thePartIsReadExactlyWhateverTheReadSizes() throws IOException {
        byte[] file = tricky();
        byte[] body = form(file, "Content-Disposition: form-data; name=\"file\"; filename=\"dir/site v1.tar.gz\"", true);
        for (int chunk : new int[] {1, 2, 7, 100, 8192, 70_000, Integer.MAX_VALUE}) {
            UploadBody.FilePart part = UploadBody.part(trickle(body, chunk), B, "file", 1024);
            assertThat(part.fileName()).contains("site v1.tar.gz");
            assertThat(part.body().readAllBytes()).as("chunk " + chunk).isEqualTo(file);
            assertThat(part.body().read()).isEqualTo(-1);
            assertThat(part.body().failure()).isEmpty();
        }
    }

    @Test
    void anEmptyPartAndOneWithoutFileName() throws IOException {
        UploadBody.FilePart empty = UploadBody.part(new ByteArrayInputStream(form(new byte[0],
                "content-disposition: form-data; name=file", true)), B, "file", 1024);
        assertThat(empty.fileName()).isEmpty();
        assertThat(empty.body().readAllBytes()).isEmpty();
    }

    @Test
    void malformedFormsAreBadRequestsOrReadFailures() throws IOException {
        byte[] file = "abc".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> UploadBody.part(new ByteArrayInputStream(form(file,
                "Content-Disposition: form-data; name=\"other\"", true)), B, "file", 1024))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("no part named 'file'");
        assertThatThrownBy(() -> UploadBody.part(new ByteArrayInputStream("no form here".getBytes(StandardCharsets.UTF_8)),
                B, "file", 1024)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> UploadBody.part(new ByteArrayInputStream(new byte[200_000]), B, "file", 1024))
                .isInstanceOf(ArtifactTooLargeException.class);

        // a body cut in the part: the reader fails, and remembers why
        byte[] cut = form(file, "Content-Disposition: form-data; name=\"file\"; filename=\"a.zip\"", false);
        byte[] truncated = java.util.Arrays.copyOf(cut, cut.length - B.length() - 4);
        UploadBody.FilePart part = UploadBody.part(new ByteArrayInputStream(truncated), B, "file", 1024);
        assertThatThrownBy(() -> part.body().readAllBytes()).isInstanceOf(IOException.class)
                .hasMessageContaining("closing boundary");
        assertThat(part.body().failure()).isPresent();
    }

    @Test
    void contentTypeParameters() {
        assertThat(UploadBody.isMultipart("multipart/form-data; boundary=x")).isTrue();
        assertThat(UploadBody.isMultipart("Multipart/Form-Data;boundary=x")).isTrue();
        assertThat(UploadBody.isMultipart("application/octet-stream")).isFalse();
        assertThat(UploadBody.isMultipart(null)).isFalse();
        assertThat(UploadBody.boundary("multipart/form-data; boundary=----WebKitFormBoundary7MA4")).contains(
                "----WebKitFormBoundary7MA4");
        assertThat(UploadBody.boundary("multipart/form-data; charset=utf-8; boundary=\"a b;c\"")).contains("a b;c");
        assertThat(UploadBody.boundary("multipart/form-data")).isEmpty();
        assertThat(UploadBody.boundary("multipart/form-data; boundary=")).isEmpty();
        assertThat(UploadBody.param("form-data; name=\"file\"; filename=\"x\\\"y.zip\"", "filename")).contains("x\"y.zip");
        assertThat(UploadBody.param("form-data; filename=\"a.zip\"; name=\"file\"", "name")).contains("file");
        assertThat(UploadBody.param("form-data; filename=a.zip", "name")).isEmpty();
    }
}
