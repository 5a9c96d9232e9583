package io.coremonitor.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads an SSE answer event by event on a background thread; close() leaves like a client that goes away. */
public final class SseLines implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: its name and its data parsed as JSON. */
    public record Event(String name, JsonNode data) {
    }

    private final HttpResponse<InputStream> response;
    private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private static final Object END = new Object();

    public SseLines(ApiClient client, String path) {
        try {
            HttpRequest request = client.request(path).header("Accept", "text/event-stream").GET().build();
            response = client.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = "message";
            List<String> data = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        String text = String.join("\n", data);
                        JsonNode node;
                        try {
                            node = JSON.readTree(text);
                        } catch (IOException e) {
                            node = JSON.getNodeFactory().textNode(text);
                        }
                        events.add(new Event(name, node));
                    }
                    name = "message";
                    data.clear();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).trim());
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            events.add(END);
        }
    }

    /** The next event, or null when the stream ended; fails after the timeout. */
    public Event next(Duration timeout) throws InterruptedException {
        Object o = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (o == null) {
            throw new AssertionError("no SSE event within " + timeout);
        }
        if (o == END) {
            events.add(END);
            return null;
        }
        return (Event) o;
    }

    /** Events until one with this name (included), or the end. */
    public List<Event> until(String name, Duration timeout) throws InterruptedException {
        List<Event> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no '" + name + "' event within " + timeout + "; got " + out);
            }
            Event e = next(Duration.ofNanos(left));
            if (e == null) {
                return out;
            }
            out.add(e);
            if (e.name().equals(name)) {
                return out;
            }
        }
    }

    /** The events received so far, without waiting. */
    public List<Event> received() {
        List<Object> all = new ArrayList<>();
        events.drainTo(all);
        if (all.contains(END)) {
            events.add(END);
        }
        return all.stream().filter(Event.class::isInstance).map(Event.class::cast).toList();
    }

    /** True when the server ended the stream within the timeout. */
    public boolean ended(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Object o = events.poll(50, TimeUnit.MILLISECONDS);
            if (o == END) {
                events.add(END);
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // gone
        }
        reader.interrupt();
    }
}
