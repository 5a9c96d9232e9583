package io.coremonitor.engine.internal.deploy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** Polls a URL from the test JVM every few ms while a deployment runs: how many requests failed, and over how long. */
final class Availability implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong firstFailure = new AtomicLong();
    private final AtomicLong lastFailure = new AtomicLong();
    private final Thread poller;

    /** Starts polling {@code http://ip:port/path}; a request fails unless it answers 200 with a body {@code accepted} takes. */
    Availability(String ip, int port, String path, Predicate<String> accepted) {
        poller = new Thread(() -> {
            while (!stop.get()) {
                String failure = null;
                try {
                    var response = DeployFixtures.get(ip, port, path);
                    if (response.statusCode() != 200 || !accepted.test(response.body())) {
                        failure = response.statusCode() + " " + response.body();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failure = e.toString();
                }
                requests.incrementAndGet();
                if (failure != null) {
                    long now = System.nanoTime();
                    firstFailure.compareAndSet(0, now);
                    lastFailure.set(now);
                    failures.add(failure);
                }
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "availability-poller");
        poller.setDaemon(true);
        poller.start();
    }

    int requests() {
        return requests.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Milliseconds from the first failed request to the last (0 when none failed). */
    long failingMillis() {
        return failures.isEmpty() ? 0 : (lastFailure.get() - firstFailure.get()) / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        poller.join(10_000);
    }
}
