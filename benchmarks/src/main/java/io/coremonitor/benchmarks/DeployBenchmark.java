package io.coremonitor.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.docker.LogLine;
import io.coremonitor.docker.ServiceLogs;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.DeployRequest;
import io.coremonitor.engine.FailurePolicy;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.CommandStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Issue 13 (DEPLOY): the time to deploy a WAR into a running Tomcat container through Core Monitor's DEPLOY_ARTIFACT
 * command, beside the floor (the bare docker-java calls any tool must make) in the same container, same run. Needs a
 * running engine and the image {@code tomcat:latest} (the offline stand-in of {@code scripts/test-images.sh --all}).
 *
 * <p>Setup (not timed): two WARs of {@code megabytes} MiB each (WEB-INF/web.xml, an index.html naming the WAR, and a
 * stored, uncompressed entry of random bytes that pads it to the size: different bytes, so every deployment is a real
 * change), an embedded {@link CoreMonitor} on a SQLite file with the built-in Docker executors and its queue worker, a
 * stack with one service {@code app} ({@code tomcat:latest}, {@code x-coremonitor-deploy: {target: tomcat}}) applied,
 * Tomcat answering, both WARs uploaded through {@code artifacts().store(...)}.
 *
 * <p>Core Monitor: {@code deploys().deploy(stack, app, war, path /app)} until the command is DONE, as the engine's
 * command listener hears it (the queue's wake-up is counted: end to end). The floor: {@code copyArchiveToContainerCmd}
 * of a tar streamed on the fly holding the WAR under a temporary name Tomcat ignores into
 * {@code /usr/local/tomcat/webapps}, an exec {@code mv} onto {@code app.war} (and its exit code), then
 * {@code GET /app/index.html} from this JVM to the container's address every 20 ms until it answers 200 with the new
 * WAR's page. Tomcat's own work (noticing the WAR, undeploying the previous one, unpacking and starting the new one) is
 * part of both sides.
 *
 * <p>Tomcat looks at {@code webapps/} every 10 s (its default {@code backgroundProcessorDelay}, a fixed delay after its
 * previous look), so each deployment also waits 0 to 10 s for Tomcat's next look, depending on when the WAR lands.
 * Run back to back, every deployment would start just after a look and wait a whole period, hiding any difference; run
 * at random times, that wait (σ about 2.9 s) would drown it. So each deployment starts at a chosen phase after the end
 * of Tomcat's previous deployment (its "has finished" log line, by Docker's timestamp): the phases of the rounds are
 * spread evenly over the 10 s in a shuffled order, and both sides of a round get the same one. Rounds alternate which
 * side goes first and every deployment alternates the WAR. One warm-up round is excluded; medians and p95.
 *
 * <p>Printed per deployment: the hand-off (until the WAR is under its final name in webapps: Core Monitor's
 * "renamed onto" log line; the floor's {@code mv} returning), the wait for Tomcat's look (hand-off to its first line
 * about the context: "Undeploying context [/app]"), Tomcat's work (look to its "has finished" line, with the deploy
 * time Tomcat reports) and what comes after (noticing it and, for Core Monitor, its HTTP check and recording the
 * outcome). Two figures, Core Monitor / floor: {@code deploy_vs_floor} (end to end, medians) and
 * {@code deploy_busy_vs_floor} (end to end without the wait for Tomcat's look, which depends on the phase more than on
 * the tool: the tool's own overhead without the 10 s blur; a user deploying at a random moment waits that plus 5 s on
 * average).
 *
 * <p>Run: {@code benchmarks/run.sh}, or {@code benchmarks/deploy.sh [megabytes (50)] [rounds (10)]};
 * {@code BENCH_LOG=1} prints Core Monitor's log lines of each deployment with their time since the start of the command.
 */
public final class DeployBenchmark {

    private static final String IMAGE = "tomcat:latest";
    private static final String WEBAPPS = "/usr/local/tomcat/webapps";
    private static final String CONTEXT = "/app";
    private static final String WAR_NAME = "app.war";
    private static final String FLOOR_PART = ".bench-floor-app.war.part";
    private static final int PORT = 8080;
    /** Tomcat's default backgroundProcessorDelay: the time between two looks at webapps/. */
    private static final double SCAN_SECONDS = 10.0;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final long FLOOR_POLL_MILLIS = 20;
    private static final Pattern FINISHED = Pattern.compile(
        "Deployment of web application archive \\[" + Pattern.quote(WEBAPPS + "/" + WAR_NAME) + "\\] has finished in \\[([\\d,]+)\\] ms");
    private static final String DEPLOYING = "Deploying web application archive [" + WEBAPPS + "/" + WAR_NAME + "]";
    private static final String UNDEPLOYING = "Undeploying context [" + CONTEXT + "]";
    private static final String YAML = "services:\n  app:\n    image: " + IMAGE
        + "\n    x-coremonitor-deploy:\n      target: tomcat\n";
    private static final String WEB_XML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
          <display-name>deploy benchmark</display-name>
        </web-app>
        """;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final CoreMonitor cm;
    private final CommandStopwatch stopwatch;
    private final DockerClient docker;
    private final String stack;
    private final String container;
    private final String ip;

    private DeployBenchmark(CoreMonitor cm, CommandStopwatch stopwatch, String stack, String container, String ip) {
        this.cm = cm;
        this.stopwatch = stopwatch;
        this.docker = cm.docker();
        this.stack = stack;
        this.container = container;
        this.ip = ip;
    }

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("cm-deploy-bench");
        List<War> wars = List.of(War.make(dir, "bench-a.war", "A", megabytes, 1), War.make(dir, "bench-b.war", "B", megabytes, 2));
        System.out.printf("deploy benchmark: %d MiB WARs (%,d bytes) into %s at %s, 1 warm-up round excluded, %d rounds;"
            + " files in %s%n", megabytes, Files.size(wars.get(0).file), IMAGE, CONTEXT, runs, dir);
        CommandStopwatch stopwatch = new CommandStopwatch();
        try (CoreMonitor cm = CoreMonitor.builder().sqlite(dir.resolve("cm.db")).docker(DockerSettings.fromEnvironment())
            .onFailure(FailurePolicy.CONTINUE).listener(stopwatch).build()) {
            requireImage(cm.docker());
            cm.startWorker();
            String stack = cm.stacks().createStack("bench-deploy-" + Long.toHexString(System.nanoTime()), YAML, Map.of(),
                "bench", "bench", Optional.empty()).stackId();
            try {
                long t0 = System.nanoTime();
                awaitDone(cm, stopwatch, cm.commands().apply(stack, "v1", false, "bench"), "apply");
                String container = containerOf(cm.docker(), stack);
                String ip = ipOf(cm.docker(), container);
                waitForTomcat(ip);
                System.out.printf("stack applied, Tomcat answers on %s:%d after %.1f s%n", ip, PORT, (System.nanoTime() - t0) / 1e9);
                for (War w : wars) {
                    try (InputStream in = Files.newInputStream(w.file)) {
                        w.sha256 = cm.artifacts().store(in, w.file.getFileName().toString(), "bench").artifact().sha256();
                    }
                }
                new DeployBenchmark(cm, stopwatch, stack, container, ip).run(wars, megabytes, runs);
            } finally {
                cleanUp(cm, stopwatch, stack);
            }
        } finally {
            StoreQueueBenchmark.deleteTree(dir);
        }
    }

    private void run(List<War> wars, int megabytes, int runs) throws Exception {
        List<Double> phases = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            phases.add((i + 0.5) * SCAN_SECONDS / runs);
        }
        Collections.shuffle(phases, new Random(13));
        List<Timing> cmTimes = new ArrayList<>();
        List<Timing> floorTimes = new ArrayList<>();
        Instant lastFinish = null;
        int deployment = 0;
        for (int round = 0; round <= runs; round++) {
            boolean warmUp = round == 0;
            double phase = warmUp ? SCAN_SECONDS / 2 : phases.get(round - 1);
            Timing cmTime = null;
            Timing floorTime = null;
            for (int side = 0; side < 2; side++) {
                boolean coreMonitor = (round % 2 == 1) == (side == 0);
                War war = wars.get(deployment++ % 2);
                if (lastFinish != null) {
                    pace(lastFinish, phase);
                }
                Timing t = coreMonitor ? coreMonitor(war) : floor(war);
                lastFinish = t.finished;
                if (coreMonitor) {
                    cmTime = t;
                } else {
                    floorTime = t;
                }
            }
            System.out.printf("%s, phase %.1f s: Core Monitor %s | floor %s | ratio %.2f%n", warmUp ? "warm-up (excluded)"
                : "round " + round, phase, cmTime, floorTime, cmTime.total / floorTime.total);
            if (!warmUp) {
                cmTimes.add(cmTime);
                floorTimes.add(floorTime);
            }
        }
        Summary c = new Summary(cmTimes);
        Summary f = new Summary(floorTimes);
        System.out.printf("medians of %d rounds (%d MiB WAR, %d cores):%n", runs, megabytes, Runtime.getRuntime().availableProcessors());
        System.out.printf("  end to end: Core Monitor %.2f s (p95 %.2f s), floor %.2f s (p95 %.2f s); ratio Core Monitor / floor %.3f;"
            + " median of the rounds' ratios %.3f%n", c.total, c.totalP95, f.total, f.totalP95, c.total / f.total,
            Stats.median(ratios(cmTimes, floorTimes)));
        System.out.printf("  without the wait for Tomcat's look: Core Monitor %.2f s (p95 %.2f s), floor %.2f s (p95 %.2f s);"
            + " ratio %.3f%n", c.busy, c.busyP95, f.busy, f.busyP95, c.busy / f.busy);
        System.out.printf("  hand-off (WAR under its final name): Core Monitor %.2f s (p95 %.2f s), floor %.2f s (p95 %.2f s);"
            + " ratio %.3f%n", c.handoff, c.handoffP95, f.handoff, f.handoffP95, c.handoff / f.handoff);
        System.out.printf("  wait for Tomcat's look: Core Monitor %.2f s, floor %.2f s; Tomcat (look to 'has finished'): %.2f s and"
            + " %.2f s, of which its deploy time %.2f s and %.2f s%n", c.lookWait, f.lookWait, c.tomcat, f.tomcat, c.tomcatDeploy,
            f.tomcatDeploy);
        System.out.printf("  after Tomcat finished: Core Monitor %.2f s (log poll, HTTP check, outcome), floor %.2f s (HTTP poll)%n",
            c.after, f.after);
        System.out.printf("RESULT name=deploy_vs_floor ratio=%.3f core_monitor_s=%.3f floor_s=%.3f core_monitor_p95_s=%.3f"
            + " floor_p95_s=%.3f war_mib=%d rounds=%d%n", c.total / f.total, c.total, f.total, c.totalP95, f.totalP95, megabytes,
            runs);
        System.out.printf("RESULT name=deploy_busy_vs_floor ratio=%.3f core_monitor_s=%.3f floor_s=%.3f core_monitor_p95_s=%.3f"
            + " floor_p95_s=%.3f handoff_core_monitor_s=%.3f handoff_floor_s=%.3f war_mib=%d rounds=%d%n", c.busy / f.busy, c.busy,
            f.busy, c.busyP95, f.busyP95, c.handoff, f.handoff, megabytes, runs);
    }

    /** One deployment through the engine: deploy() until the command is DONE. */
    private Timing coreMonitor(War war) throws Exception {
        Instant wall = Instant.now();
        long t0 = System.nanoTime();
        Command command = cm.deploys().deploy(stack, new DeployRequest("app", war.sha256, Optional.of(CONTEXT), Optional.empty()),
            "bench");
        CommandStopwatch.Times times = awaitDone(cm, stopwatch, command, "deploy of " + war.file.getFileName());
        double total = (times.end() - t0) / 1e9;
        List<CommandLogLine> logs = cm.commands().logs(command.commandId());
        if (System.getenv("BENCH_LOG") != null) {
            for (CommandLogLine line : logs) {
                System.out.printf("%6d ms %s%n", Duration.between(wall, line.timestamp()).toMillis(), line.message());
            }
        }
        Instant handedOff = logs.stream().filter(l -> l.message().startsWith("renamed onto")).findFirst()
            .map(CommandLogLine::timestamp).orElseThrow(() -> new IllegalStateException("no 'renamed onto' line in the log of"
                + " command " + command.commandId()));
        return timing(wall, total, handedOff);
    }

    /** One deployment with nothing but docker-java calls and an HTTP poll. */
    private Timing floor(War war) throws Exception {
        Instant wall = Instant.now();
        long t0 = System.nanoTime();
        try (InputStream tar = tar(FLOOR_PART, war.file)) {
            docker.copyArchiveToContainerCmd(container).withRemotePath(WEBAPPS).withTarInputStream(tar).exec();
        }
        exec("mv", "-f", WEBAPPS + "/" + FLOOR_PART, WEBAPPS + "/" + WAR_NAME);
        Instant handedOff = Instant.now();
        long until = System.nanoTime() + TIMEOUT.toNanos();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + ip + ":" + PORT + CONTEXT + "/index.html"))
            .timeout(Duration.ofSeconds(5)).build();
        while (true) {
            try {
                HttpResponse<String> r = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().equals(war.page)) {
                    break;
                }
            } catch (IOException e) {
                // Tomcat is between the two applications: poll again
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the floor's " + war.file.getFileName() + " did not answer within " + TIMEOUT);
            }
            Thread.sleep(FLOOR_POLL_MILLIS);
        }
        return timing(wall, (System.nanoTime() - t0) / 1e9, handedOff);
    }

    /**
     * The timing of a deployment that started at {@code start}, with Tomcat's lines about app.war since then: its look
     * (the first "Undeploying context [/app]" or "Deploying web application archive [.../app.war]" line) and its end.
     */
    private Timing timing(Instant start, double total, Instant handedOff) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Instant look = null;
            boolean deploying = false;
            for (LogLine line : new ServiceLogs(docker).since(container, start, Duration.ofSeconds(10))) {
                if (look == null && (line.text().contains(UNDEPLOYING) || line.text().contains(DEPLOYING))) {
                    look = line.timestamp().orElseThrow();
                }
                deploying |= line.text().contains(DEPLOYING);
                Matcher m = FINISHED.matcher(line.text());
                if (deploying && m.find()) {
                    Instant finished = line.timestamp().orElseThrow();
                    return new Timing(total, seconds(start, handedOff), Math.max(0, seconds(handedOff, look)), seconds(look, finished),
                        Long.parseLong(m.group(1).replace(",", "")) / 1e3, finished);
                }
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("no 'Deploying' and 'has finished' lines for " + WAR_NAME + " in the container's"
                    + " log since " + start);
            }
            Thread.sleep(100);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /**
     * Sleeps until {@code phase} seconds after a look of Tomcat's at webapps/: {@code lastFinish} (the end of its last
     * deployment, after which the next look comes one period later) plus whole periods plus the phase.
     */
    private static void pace(Instant lastFinish, double phase) throws InterruptedException {
        Instant target = lastFinish.plusNanos((long) (phase * 1e9));
        while (target.isBefore(Instant.now().plusMillis(50))) {
            target = target.plusNanos((long) (SCAN_SECONDS * 1e9));
        }
        long millis = Duration.between(Instant.now(), target).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /** A tar of one regular file, streamed: its header, the file, the padding and the end-of-archive blocks. */
    private static InputStream tar(String name, Path file) throws IOException {
        long size = Files.size(file);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setMode(0100644);
        entry.setModTime(Date.from(Instant.now()));
        byte[] header = new byte[512];
        entry.writeEntryHeader(header);
        int padding = (int) ((512 - size % 512) % 512);
        return new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(header), Files.newInputStream(file),
            new ByteArrayInputStream(new byte[padding + 1024]))));
    }

    /** Runs a command in the container and checks its exit code. */
    private void exec(String... command) throws InterruptedException {
        String id = docker.execCreateCmd(container).withCmd(command).withAttachStdout(true).withAttachStderr(true).exec().getId();
        if (!docker.execStartCmd(id).exec(new ResultCallback.Adapter<Frame>()).awaitCompletion(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException(String.join(" ", command) + " did not end within a minute");
        }
        Long exit = docker.inspectExecCmd(id).exec().getExitCodeLong();
        if (exit == null || exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
        }
    }

    private static List<Double> ratios(List<Timing> cm, List<Timing> floor) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < cm.size(); i++) {
            out.add(cm.get(i).total / floor.get(i).total);
        }
        return out;
    }

    private static void requireImage(DockerClient docker) {
        try {
            docker.inspectImageCmd(IMAGE).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException("the image " + IMAGE + " is missing from the Docker engine: run"
                + " scripts/test-images.sh --all (it builds an offline stand-in; nothing is pulled)", e);
        }
    }

    private static String containerOf(DockerClient docker, String stack) {
        List<Container> cs = docker.listContainersCmd().withLabelFilter(Map.of(StackLabels.STACK_ID, stack, StackLabels.SERVICE,
            "app")).exec();
        if (cs.size() != 1) {
            throw new IllegalStateException("expected one running container of service app, found " + cs.size());
        }
        return cs.get(0).getId();
    }

    /** The container's address on its stack network, which this host reaches directly. */
    private static String ipOf(DockerClient docker, String container) {
        Map<String, ContainerNetwork> networks = docker.inspectContainerCmd(container).exec().getNetworkSettings().getNetworks();
        return networks.values().stream().map(ContainerNetwork::getIpAddress).filter(a -> a != null && !a.isBlank()).findFirst()
            .orElseThrow(() -> new IllegalStateException("no address for the container of app: " + networks));
    }

    /** Waits until Tomcat answers anything over HTTP (its empty webapps/ gives 404 on /). */
    private static void waitForTomcat(String ip) throws InterruptedException {
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + ip + ":" + PORT + "/")).timeout(Duration.ofSeconds(2)).build();
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                HTTP.send(get, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("Tomcat did not answer on " + ip + ":" + PORT + " within 2 minutes", e);
                }
            }
            Thread.sleep(200);
        }
    }

    /** Waits for the command to end; throws unless it ended DONE. */
    private static CommandStopwatch.Times awaitDone(CoreMonitor cm, CommandStopwatch stopwatch, Command command, String what)
        throws Exception {
        CommandStopwatch.Times times = stopwatch.watch(command.commandId()).get(TIMEOUT.toMinutes(), TimeUnit.MINUTES);
        Command ended = cm.commands().get(command.commandId());
        if (ended.status() != CommandStatus.DONE) {
            throw new IllegalStateException(what + " (command " + command.commandId() + ") ended " + ended.status() + ": "
                + ended.error().orElse(""));
        }
        return times;
    }

    /** Deletes the stack through the engine; removes what is left of it directly if that fails. */
    private static void cleanUp(CoreMonitor cm, CommandStopwatch stopwatch, String stack) {
        try {
            awaitDone(cm, stopwatch, cm.commands().delete(stack, true, "bench"), "delete of the stack");
        } catch (Exception e) {
            System.out.printf("deleting the stack through the engine failed (%s); removing its containers and networks%n", e);
            DockerClient docker = cm.docker();
            for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(StackLabels.STACK_ID + "=" + stack)).exec()) {
                docker.removeContainerCmd(c.getId()).withForce(true).exec();
            }
            docker.listNetworksCmd().withFilter("label", List.of(StackLabels.STACK_ID + "=" + stack)).exec()
                .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        }
    }

    /**
     * One deployment's times in seconds: end to end; until the hand-off; from the hand-off to Tomcat's look (waiting for
     * it); from the look to Tomcat's "has finished" line (undeploying the previous application, deploying this one), of
     * which the deploy time Tomcat reports; {@code finished} is that line's Docker timestamp.
     */
    private record Timing(double total, double handoff, double lookWait, double tomcat, double tomcatDeploy, Instant finished) {

        /** After Tomcat finished: noticing it (and for Core Monitor its check and recording the outcome). */
        double after() {
            return total - handoff - lookWait - tomcat;
        }

        /** End to end without the wait for Tomcat's look. */
        double busy() {
            return total - lookWait;
        }

        @Override
        public String toString() {
            return String.format("%.2f s (hand-off %.2f, wait for Tomcat's look %.2f, Tomcat %.2f [deploy %.2f], after %.2f)", total,
                handoff, lookWait, tomcat, tomcatDeploy, after());
        }
    }

    /** Medians (and p95) of a side's timings. */
    private static final class Summary {

        final double total;
        final double totalP95;
        final double handoff;
        final double handoffP95;
        final double busy;
        final double busyP95;
        final double lookWait;
        final double tomcat;
        final double tomcatDeploy;
        final double after;

        Summary(List<Timing> ts) {
            List<Double> totals = ts.stream().map(Timing::total).toList();
            List<Double> handoffs = ts.stream().map(Timing::handoff).toList();
            List<Double> busies = ts.stream().map(Timing::busy).toList();
            total = Stats.median(totals);
            totalP95 = Stats.percentile(totals, 95);
            handoff = Stats.median(handoffs);
            handoffP95 = Stats.percentile(handoffs, 95);
            busy = Stats.median(busies);
            busyP95 = Stats.percentile(busies, 95);
            lookWait = Stats.median(ts.stream().map(Timing::lookWait).toList());
            tomcat = Stats.median(ts.stream().map(Timing::tomcat).toList());
            tomcatDeploy = Stats.median(ts.stream().map(Timing::tomcatDeploy).toList());
            after = Stats.median(ts.stream().map(Timing::after).toList());
        }
    }

    /** A WAR of the benchmark: its file, the page it serves at /app/index.html and, once uploaded, its SHA-256. */
    private static final class War {

        final Path file;
        final String page;
        String sha256;

        private War(Path file, String page) {
            this.file = file;
            this.page = page;
        }

        /**
         * WEB-INF/web.xml, index.html naming it, and WEB-INF/pad.bin: {@code megabytes} MiB of random bytes from
         * {@code seed}, stored (not compressed) so that the WAR has the size.
         */
        static War make(Path dir, String name, String label, int megabytes, long seed) throws IOException {
            Path file = dir.resolve(name);
            String page = "<html><body>deploy benchmark " + label + "</body></html>\n";
            byte[] pad = new byte[megabytes * 1024 * 1024];
            new Random(seed).nextBytes(pad);
            CRC32 crc = new CRC32();
            crc.update(pad);
            try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
                zip.write(WEB_XML.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("index.html"));
                zip.write(page.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                ZipEntry stored = new ZipEntry("WEB-INF/pad.bin");
                stored.setMethod(ZipEntry.STORED);
                stored.setSize(pad.length);
                stored.setCompressedSize(pad.length);
                stored.setCrc(crc.getValue());
                zip.putNextEntry(stored);
                zip.write(pad);
                zip.closeEntry();
            }
            return new War(file, page);
        }
    }
}
