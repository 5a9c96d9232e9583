package io.coremonitor.server.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/** A client GETting one URL in a loop (a request every few milliseconds) while a deployment runs. */
final class Poller implements AutoCloseable {

    private final List<DeployFixture.Hit> hits = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    Poller(Function<String, DeployFixture.Hit> get, String url, long pauseMillis) {
        thread = new Thread(() -> {
            while (!stop.get()) {
                hits.add(get.apply(url));
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "poller");
        thread.start();
    }

    /** Stops and returns every answer, in order. */
    List<DeployFixture.Hit> stop() throws InterruptedException {
        stop.set(true);
        thread.join(10_000);
        return new ArrayList<>(hits);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /**
     * What the client saw: requests, those that did not answer {@code old} or {@code next} with 200, and the longest
     * time without either (from the last good answer to the next one).
     */
    static Summary summarise(List<DeployFixture.Hit> hits, String old, String next) {
        int bad = 0;
        long lastGood = -1;
        long longestGap = 0;
        boolean sawNext = false;
        boolean backToOld = false;
        for (DeployFixture.Hit h : hits) {
            boolean good = h.status() == 200 && (h.body().equals(old) || h.body().equals(next));
            if (!good) {
                bad++;
                continue;
            }
            if (lastGood >= 0) {
                longestGap = Math.max(longestGap, h.nanos() - lastGood);
            }
            lastGood = h.nanos();
            if (h.body().equals(next)) {
                sawNext = true;
            } else if (sawNext) {
                backToOld = true;
            }
        }
        return new Summary(hits.size(), bad, longestGap / 1_000_000, sawNext, backToOld);
    }

    /**
     * @param requests   how many requests were made
     * @param failed     how many did not answer 200 with the old or the new version
     * @param longestGapMillis the longest time between two good answers
     * @param sawNext    whether the new version answered
     * @param backToOld  whether the old version answered again after the new one had
     */
    record Summary(int requests, int failed, long longestGapMillis, boolean sawNext, boolean backToOld) {
    }
}
