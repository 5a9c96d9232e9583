package io.coremonitor.server.internal.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The client's HTTP side: JSON requests to {@code <server>/api/v1}, uploads, and SSE streams, with the token and the
 * actor on every call. Every failure becomes a {@link CliException}: transport failures exit 3 (unreachable), error
 * answers an {@link ApiException}.
 */
final class RestClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http;
    private final ClientSettings settings;
    private final String base;

    /** An answer with a 2xx status. */
    record Answer(int status, JsonNode json) {
    }

    /** One event of a stream: its name ({@code message} when the stream names none) and its data. */
    record Event(String name, String data) {
        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (JsonProcessingException e) {
                throw new CliException(ExitCodes.UNREACHABLE, "the server sent a " + name + " event that is not JSON: "
                    + data);
            }
        }
    }

    RestClient(ClientSettings settings) {
        this.settings = settings;
        this.base = settings.server().toString() + "/api/v1";
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A query parameter's value, encoded. */
    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return send(request(path).GET()).json();
    }

    /** A POST of a JSON body (none when {@code body} is null). */
    Answer post(String path, JsonNode body) {
        HttpRequest.Builder b = request(path);
        if (body == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return send(b);
    }

    /** A POST of a file's bytes as the body ({@code application/octet-stream}), streamed. */
    Answer upload(String path, Path file) {
        try {
            return send(request(path).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (FileNotFoundException e) {
            throw new CliException(ExitCodes.FAILED, file + ": no such file");
        }
    }

    /**
     * Reads an SSE stream, giving each event to {@code onEvent} until it returns false (stop reading) or the server
     * closes the stream. Returns whether {@code onEvent} asked to stop (false: the stream ended first).
     */
    boolean stream(String path, Predicate<Event> onEvent) {
        HttpRequest req = request(path).header("Accept", "text/event-stream").GET().timeout(Duration.ofDays(365)).build();
        HttpResponse<Stream<String>> res = transport(() -> http.send(req, HttpResponse.BodyHandlers.ofLines()));
        try (Stream<String> lines = res.body()) {
            if (res.statusCode() != 200) {
                String text = String.join("\n", (Iterable<String>) lines::iterator);
                throw error(res.statusCode(), parse(text));
            }
            String event = null;
            StringBuilder data = null;
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (data != null && !onEvent.test(new Event(event == null ? "message" : event, data.toString()))) {
                        return true;
                    }
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    continue; // a comment: the server's keep-alive
                } else if (line.startsWith("event:")) {
                    event = field(line, "event:");
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(field(line, "data:"));
                }
            }
            return false;
        } catch (UncheckedIOException e) {
            throw lost(e.getCause());
        }
    }

    private static String field(String line, String name) {
        String v = line.substring(name.length());
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json").header("User-Agent", "coremonitor-cli")
            .header("X-Actor", settings.actor());
        settings.token().ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b;
    }

    private Answer send(HttpRequest.Builder b) {
        HttpRequest req = b.build();
        HttpResponse<String> res = transport(() -> http.send(req, HttpResponse.BodyHandlers.ofString()));
        JsonNode json = parse(res.body());
        if (res.statusCode() >= 200 && res.statusCode() < 300) {
            return new Answer(res.statusCode(), json);
        }
        throw error(res.statusCode(), json);
    }

    private ApiException error(int status, JsonNode body) {
        String hint = "";
        if (status == 401) {
            hint = settings.token().isPresent() ? "the token was refused: check COREMONITOR_TOKEN or the config file's token"
                : "no token is set: set COREMONITOR_TOKEN or 'token' in the config file";
        }
        return ApiException.of(status, body, hint);
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** A call that may fail to reach the server. */
    private interface Call<T> {
        T run() throws IOException, InterruptedException;
    }

    private <T> T transport(Call<T> call) {
        try {
            return call.run();
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw unreachable(e.getCause() instanceof UnresolvedAddressException ? "unknown host"
                : Optional.ofNullable(e.getMessage()).orElse("connection refused"));
        } catch (IOException e) {
            throw unreachable(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNREACHABLE, "interrupted");
        }
    }

    private CliException unreachable(String why) {
        return new CliException(ExitCodes.UNREACHABLE, "cannot reach the server at " + settings.server() + ": " + why);
    }

    private CliException lost(Throwable cause) {
        return new CliException(ExitCodes.UNREACHABLE, "lost the connection to the server at " + settings.server() + ": "
            + describe(cause));
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
