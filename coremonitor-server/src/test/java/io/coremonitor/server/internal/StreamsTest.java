package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.model.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSE streams in-process: following a command to its end, command events, and no stream outliving its client. */
class StreamsTest {

    @TempDir
    Path dir;
    TestApi t;

    @BeforeEach
    void start() {
        t = TestApi.start(dir);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private String stack(String name) {
        ApiClient.Answer a = t.client.post("/stacks", ApiClient.json(Map.of("name", name, "compose", ApiRoutesTest.WEB)));
        assertThat(a.status()).isEqualTo(201);
        return a.json().path("stack_id").asText();
    }

    @Test
    void followingACommandStreamsItsLinesThenEndsWhenItEnds() throws Exception {
        Command c = t.engine.commands().apply(stack("follow"), "v1", false, "test");
        try (SseLines sse = new SseLines(t.client, "/commands/" + c.commandId() + "/logs?follow=true")) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.contentType()).startsWith("text/event-stream");
            SseLines.Event first = sse.next(Duration.ofSeconds(5));
            assertThat(first.name()).isEqualTo("log");
            assertThat(first.data().path("message").asText()).contains("enqueued by test");
            assertThat(t.client.post("/commands/" + c.commandId() + "/cancel", null).status()).isEqualTo(200);
            List<SseLines.Event> rest = sse.until("end", Duration.ofSeconds(10));
            assertThat(rest).anyMatch(e -> e.name().equals("log") && e.data().path("message").asText().contains("cancelled"));
            SseLines.Event end = rest.get(rest.size() - 1);
            assertThat(end.name()).isEqualTo("end");
            assertThat(end.data().path("status").asText()).isEqualTo("CANCELLED");
            assertThat(sse.ended(Duration.ofSeconds(5))).isTrue();
        }
        ApiRoutesTest.waitFor(t.api::openStreams, n -> n == 0);
    }

    @Test
    void followingAFinishedCommandGivesItsLinesAndEndAtOnce() throws Exception {
        Command c = t.engine.commands().apply(stack("done"), "v1", false, "test");
        t.engine.commands().cancel(c.commandId(), "test");
        try (SseLines sse = new SseLines(t.client, "/commands/" + c.commandId() + "/logs?follow=true")) {
            List<SseLines.Event> events = sse.until("end", Duration.ofSeconds(5));
            assertThat(events).extracting(SseLines.Event::name).endsWith("end").contains("log");
            assertThat(sse.ended(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void eventsCarryCommandStatusChanges() throws Exception {
        String id = stack("events");
        try (SseLines sse = new SseLines(t.client, "/events")) {
            assertThat(sse.next(Duration.ofSeconds(5)).name()).isEqualTo("hello");
            Command c = t.engine.commands().apply(id, "v1", false, "test");
            SseLines.Event enqueued = sse.until("command", Duration.ofSeconds(5)).get(0);
            assertThat(enqueued.data().path("command_id").asLong()).isEqualTo(c.commandId());
            assertThat(enqueued.data().path("status").asText()).isEqualTo("PENDING");
            assertThat(enqueued.data().path("from").isNull()).isTrue();
            t.client.post("/commands/" + c.commandId() + "/cancel", null);
            SseLines.Event cancelled = sse.until("command", Duration.ofSeconds(5)).get(0);
            assertThat(cancelled.data().path("from").asText()).isEqualTo("PENDING");
            assertThat(cancelled.data().path("status").asText()).isEqualTo("CANCELLED");
        }
    }

    @Test
    void streamsEndWhenTheirClientLeaves() throws Exception {
        Command c = t.engine.commands().apply(stack("leave"), "v1", false, "test");
        int threadsBefore = Thread.activeCount();
        for (int i = 0; i < 5; i++) {
            SseLines follow = new SseLines(t.client, "/commands/" + c.commandId() + "/logs?follow=true");
            SseLines events = new SseLines(t.client, "/events");
            follow.next(Duration.ofSeconds(5));
            events.next(Duration.ofSeconds(5));
            assertThat(t.api.openStreams()).isEqualTo(2);
            follow.close();
            events.close();
            ApiRoutesTest.waitFor(t.api::openStreams, n -> n == 0);
        }
        // the followed command is still PENDING: only the client's leaving ended the streams
        assertThat(t.engine.commands().get(c.commandId()).status().name()).isEqualTo("PENDING");
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 6);
    }
}
