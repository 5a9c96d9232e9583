package io.coremonitor.server.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code --wait}: follows a command's log ({@code GET /commands/{id}/logs?follow=true}) to its {@code end} event,
 * printing the lines as they come; exit 0 when the command ended DONE, 1 when FAILED or CANCELLED. When the stream
 * breaks (the server restarted) or the server answers a 5xx, it follows again and prints only the lines it has not
 * printed; the server unreachable (or answering 5xx) for {@link #GIVE_UP} is exit 3.
 */
final class CommandWaiter {

    static final Duration GIVE_UP = Duration.ofSeconds(60);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Session s;
    private final Duration giveUpAfter;

    CommandWaiter(Session s) {
        this(s, GIVE_UP);
    }

    /** With another time to give up after (tests). */
    CommandWaiter(Session s, Duration giveUpAfter) {
        this.s = s;
        this.giveUpAfter = giveUpAfter;
    }

    /** Follows command {@code id} to its end; returns the exit code. */
    int follow(long id) {
        AtomicLong last = new AtomicLong();
        AtomicReference<JsonNode> end = new AtomicReference<>();
        Instant giveUp = null;
        while (true) {
            AtomicBoolean heard = new AtomicBoolean();
            CliException failure = null;
            try {
                s.api.stream("/commands/" + id + "/logs?follow=true", ev -> {
                    heard.set(true);
                    if (ev.name().equals("log")) {
                        JsonNode line = ev.json();
                        if (line.path("line").asLong() > last.get()) {
                            last.set(line.path("line").asLong());
                            print(line);
                        }
                        return true;
                    }
                    if (ev.name().equals("end")) {
                        end.set(ev.json());
                        return false;
                    }
                    return true;
                });
            } catch (ApiException e) {
                if (e.status() < 500) {
                    throw e;
                }
                failure = e; // the server restarting, its database away for a moment: follow again
            } catch (CliException e) {
                if (e.exitCode() != ExitCodes.UNREACHABLE) {
                    throw e;
                }
                failure = e;
            }
            if (end.get() != null) {
                return ended(end.get());
            }
            Instant now = Instant.now();
            if (giveUp == null || heard.get()) {
                giveUp = now.plus(giveUpAfter);
            } else if (now.isAfter(giveUp)) {
                throw new CliException(ExitCodes.UNREACHABLE, "lost the server while following command " + id + " ("
                    + (failure == null ? "its log stream closed" : failure.getMessage()) + "); its state: coremonitor commands");
            }
            sleep();
        }
    }

    private void print(JsonNode line) {
        if (s.json) {
            s.printJsonLine(line);
        } else {
            s.out.println(Text.of(line.path("timestamp")) + " " + Table.pad(Text.of(line.path("level")), 5) + " "
                + Text.of(line.path("message")));
        }
    }

    private int ended(JsonNode command) {
        String status = command.path("status").asText();
        String what = "command " + command.path("command_id").asLong() + " " + command.path("type").asText();
        if (s.json) {
            s.printJsonLine(command);
        } else if (status.equals("DONE")) {
            s.out.println(what + " DONE");
        }
        if (status.equals("DONE")) {
            return ExitCodes.DONE;
        }
        String error = Text.of(command.path("error"));
        throw new CliException(ExitCodes.FAILED, what + " ended " + status + (error.isEmpty() ? "" : ": " + error));
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNREACHABLE, "interrupted");
        }
    }
}
