package io.coremonitor.server.internal;

import io.coremonitor.engine.ArtifactTooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a file upload, read as a stream straight from the request: raw bytes, or the part {@code file} of a
 * {@code multipart/form-data} form, cut out of the request stream as it is read (a window of 64 KiB; nothing goes to
 * memory or disk here). A read of the request that fails (the client left, a malformed form) is remembered, so that the
 * route answers 400 rather than blaming the server.
 */
final class UploadBody extends InputStream {

    /** The largest header block of a part. */
    static final int MAX_PART_HEADERS = 16 * 1024;
    private static final int WINDOW = 64 * 1024;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)(?:^|;)\\s*boundary\\s*=\\s*(\"([^\"]*)\"|[^;\\s]*)");

    private final InputStream in;
    private IOException failure;

    private UploadBody(InputStream in) {
        this.in = in;
    }

    /** The raw body. */
    static UploadBody raw(InputStream request) {
        return new UploadBody(request);
    }

    /** Whether a Content-Type is a multipart form. */
    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The boundary parameter of a multipart Content-Type. */
    static Optional<String> boundary(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            return Optional.empty();
        }
        String b = m.group(2) != null ? m.group(2) : m.group(1);
        return b.isEmpty() || b.length() > 200 ? Optional.empty() : Optional.of(b);
    }

    /**
     * The part {@code field} of a form, positioned at its first byte; its file name is {@code Content-Disposition}'s
     * {@code filename}, without any directory.
     *
     * @param skipLimit how many bytes of other parts (and of the preamble) may come before it
     * @throws BadRequestException when the form is malformed, or has no such part before its end
     * @throws ArtifactTooLargeException when more than {@code skipLimit} bytes come before it
     */
    static FilePart part(InputStream request, String boundary, String field, long skipLimit) {
        Multipart form = new Multipart(request, boundary);
        try {
            long skipped = form.skipPart(skipLimit);
            while (form.nextPart()) {
                Map<String, String> headers = form.headers();
                String disposition = headers.getOrDefault("content-disposition", "");
                if (Optional.of(field).equals(param(disposition, "name"))) {
                    Optional<String> fileName = param(disposition, "filename").map(UploadBody::baseName)
                            .filter(n -> !n.isBlank());
                    return new FilePart(fileName, new UploadBody(form.partStream()));
                }
                skipped += form.skipPart(skipLimit - skipped);
            }
        } catch (IOException e) {
            throw new BadRequestException("$body", "the multipart form could not be read: " + e.getMessage());
        }
        throw new BadRequestException(field, "the multipart form has no part named '" + field + "'");
    }

    /** A part of a form: its file name, if it has one, and its bytes. */
    record FilePart(Optional<String> fileName, UploadBody body) {
    }

    /** Why reading the request failed, if it did. */
    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    static Optional<String> param(String header, String name) {
        Pattern p = Pattern.compile("(?i)(?:^|;)\\s*" + Pattern.quote(name) + "\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;]*)");
        Matcher m = p.matcher(header);
        if (!m.find()) {
            return Optional.empty();
        }
        // only \" and \\ are escapes: browsers write a Windows path's backslashes as they are (C:\Users\me\a.war)
        return Optional.of(m.group(2) != null ? m.group(2).replaceAll("\\\\([\"\\\\])", "$1") : m.group(1).trim());
    }

    private static String baseName(String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        return fileName.substring(slash + 1);
    }

    /** A malformed multipart body. */
    static final class MalformedFormException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedFormException(String message) {
            super(message);
        }
    }

    /**
     * The multipart framing over a stream: a window that always keeps the length of a delimiter
     * ({@code CRLF--boundary}) unread, so that a part's bytes are handed out only once they cannot be a delimiter.
     */
    private static final class Multipart {
        private final InputStream in;
        private final byte[] delimiter;
        private final byte[] buf;
        private int pos;
        private int end;
        private boolean eof;

        Multipart(InputStream in, String boundary) {
            this.in = in;
            this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            this.buf = new byte[WINDOW + delimiter.length];
            // the first boundary has no line break before it: one is put in front of the body
            buf[0] = '\r';
            buf[1] = '\n';
            end = 2;
        }

        /** Makes at least {@code n} bytes available unless the body ends first; returns how many are. */
        private int fill(int n) throws IOException {
            if (end - pos >= n) {
                return end - pos;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, end - pos);
                end -= pos;
                pos = 0;
            }
            while (end < n && !eof) {
                int r = in.read(buf, end, buf.length - end);
                if (r < 0) {
                    eof = true;
                } else {
                    end += r;
                }
            }
            return end - pos;
        }

        private int delimiterAt() {
            for (int i = pos; i <= end - delimiter.length; i++) {
                int j = 0;
                while (j < delimiter.length && buf[i + j] == delimiter[j]) {
                    j++;
                }
                if (j == delimiter.length) {
                    return i;
                }
            }
            return -1;
        }

        /** The bytes of the current part up to the next delimiter (consumed there: then -1). */
        int readPart(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            fill(Math.min(buf.length, delimiter.length + len));
            int at = delimiterAt();
            if (at == pos) {
                pos += delimiter.length;
                return -1;
            }
            int available;
            if (at >= 0) {
                available = at - pos;
            } else if (eof) {
                throw new MalformedFormException("the body ends before the form's closing boundary");
            } else {
                available = end - pos - (delimiter.length - 1);
            }
            int n = Math.min(len, available);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        /** Reads past the current part (or the preamble); returns its size. */
        long skipPart(long limit) throws IOException {
            byte[] scratch = new byte[8192];
            long skipped = 0;
            int n;
            while ((n = readPart(scratch, 0, scratch.length)) >= 0) {
                skipped += n;
                if (skipped > limit) {
                    throw new ArtifactTooLargeException("the multipart form has more than " + limit
                            + " bytes before its part 'file'");
                }
            }
            return skipped;
        }

        /** After a delimiter: true when a part follows, false at the closing one ({@code --}). */
        boolean nextPart() throws IOException {
            if (fill(2) < 2) {
                throw new MalformedFormException("the body ends after a boundary");
            }
            if (buf[pos] == '-' && buf[pos + 1] == '-') {
                return false;
            }
            while (fill(1) > 0 && (buf[pos] == ' ' || buf[pos] == '\t')) {
                pos++;
            }
            if (fill(2) < 2 || buf[pos] != '\r' || buf[pos + 1] != '\n') {
                throw new MalformedFormException("a boundary line does not end with CRLF");
            }
            pos += 2;
            return true;
        }

        /** The header block of a part, names in lower case. */
        Map<String, String> headers() throws IOException {
            Map<String, String> headers = new LinkedHashMap<>();
            int total = 0;
            while (true) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                while (true) {
                    if (fill(2) < 2) {
                        throw new MalformedFormException("the body ends in the headers of a part");
                    }
                    if (buf[pos] == '\r' && buf[pos + 1] == '\n') {
                        pos += 2;
                        break;
                    }
                    bytes.write(buf[pos++]);
                    if (++total > MAX_PART_HEADERS) {
                        throw new MalformedFormException("the headers of a part are longer than " + MAX_PART_HEADERS
                                + " bytes");
                    }
                }
                String line = bytes.toString(StandardCharsets.UTF_8);
                if (line.isEmpty()) {
                    return headers;
                }
                int colon = line.indexOf(":");
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
        }

        InputStream partStream() {
            return new InputStream() {
                private boolean done;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (done) {
                        return -1;
                    }
                    int n = readPart(b, off, len);
                    if (n < 0) {
                        done = true;
                    }
                    return n;
                }
            };
        }
    }
}
