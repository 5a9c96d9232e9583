package io.coremonitor.engine.internal.deploy;

import io.coremonitor.docker.DockerOps;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.DeployKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WAR for Tomcat's {@code webapps} (autoDeploy). Context path "/" is {@code ROOT.war}, "/a" {@code a.war}, "/a/b"
 * {@code a#b.war}. The WAR is uploaded as {@code .coremonitor-a.war.part}, which Tomcat's HostConfig ignores (it
 * deploys names ending in .war), then renamed onto its name: Tomcat never sees half a WAR. Tomcat's verdict is read
 * from the container's log since the rename ({@link TomcatLog}); its background check runs about every 10 s, and a
 * WAR that changed is undeployed then deployed again.
 */
final class TomcatTarget implements DeployTarget {

    private static final Logger LOG = LoggerFactory.getLogger(TomcatTarget.class);
    private static final int SEEN_LINES = 15;

    private final DockerOps ops;
    private final Clock clock;
    private final DeployTimeouts timeouts;

    TomcatTarget(DockerOps ops, Clock clock, DeployTimeouts timeouts) {
        this.ops = ops;
        this.clock = clock;
        this.timeouts = timeouts;
    }

    @Override
    public DeployKind kind() {
        return DeployKind.TOMCAT;
    }

    @Override
    public void deploy(DeployJob job, ExecutionContext ctx) {
        DeployRules.require(kind(), job.artifact(), job.path());
        Names names = new Names(job);
        ContainerShell shell = new ContainerShell(ops, job.containerId(), timeouts.step());
        Owner owner = shell.ownerOf(names.webapps);
        Path tar = tempTar();
        try {
            try (TarBuilder out = new TarBuilder(tar, owner, clock.instant())) {
                out.file(names.partName, job.artifactFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot pack " + job.artifactFile(), e);
            }
            shell.script("removing a leftover upload", "rm -f -- \"$1\"", names.part);
            ctx.info("uploading " + job.artifact().name() + " to " + names.part);
            shell.upload(names.webapps, tar);
        } finally {
            NginxTarget.delete(tar);
        }
        ctx.checkCancelled();

        String now = shell.script("renaming " + names.part + " to " + names.war, "date +%s.%N && mv -f -- \"$1\" \"$2\"",
            names.part, names.war);
        Instant since = ContainerShell.parseEpoch(now.lines().findFirst().orElse(""));
        ctx.info("renamed onto " + names.war + "; waiting for Tomcat to deploy context [" + names.displayContext() + "]");
        Deadline deadline = new Deadline(timeouts.verdict(), timeouts.poll());
        List<String> lines = List.of();
        while (true) {
            lines = ops.logsSince(job.containerId(), since, timeouts.step());
            Optional<TomcatLog.Verdict> verdict = TomcatLog.judge(lines, names.warName, names.context);
            if (verdict.isPresent() && verdict.get().deployed()) {
                ctx.info("Tomcat deployed " + names.warName + " at [" + names.displayContext() + "] " + Deadline.seconds(deadline.elapsed())
                    + " after the rename");
                LOG.info("Tomcat in {} deployed {} after {}", job.containerId(), names.warName, deadline.elapsed());
                return;
            }
            if (verdict.isPresent()) {
                throw new DeployFailedException("Tomcat could not start context [" + names.displayContext() + "] ("
                    + names.warName + "):\n" + String.join("\n", verdict.get().reasons()));
            }
            if (deadline.passed()) {
                throw new DeployFailedException("Tomcat did not finish deploying " + names.warName + " within "
                    + Deadline.seconds(timeouts.verdict()) + " (is autoDeploy on for " + names.webapps + "?); its log since the rename: "
                    + tail(lines));
            }
            deadline.pause();
        }
    }

    @Override
    public void undeploy(DeployJob job, ExecutionContext ctx) {
        Names names = new Names(job);
        ContainerShell shell = new ContainerShell(ops, job.containerId(), timeouts.step());
        boolean exploded = shell.exists(names.exploded);
        if (!exploded && !shell.exists(names.war)) {
            shell.script("removing a leftover upload", "rm -f -- \"$1\"", names.part);
            ctx.info("nothing deployed at [" + names.displayContext() + "] (" + names.warName + "): nothing to undeploy");
            return;
        }
        String now = shell.script("removing " + names.war, "date +%s.%N && rm -f -- \"$1\" \"$2\"", names.war, names.part);
        Instant since = ContainerShell.parseEpoch(now.lines().findFirst().orElse(""));
        ctx.info("removed " + names.war + "; waiting for Tomcat to undeploy context [" + names.displayContext() + "]");
        Deadline deadline = new Deadline(timeouts.verdict(), timeouts.poll());
        while (true) {
            List<String> lines = ops.logsSince(job.containerId(), since, timeouts.step());
            boolean said = TomcatLog.undeployed(lines, names.context);
            if ((said || exploded) && !shell.exists(names.exploded)) {
                ctx.info("Tomcat undeployed [" + names.displayContext() + "] " + Deadline.seconds(deadline.elapsed())
                    + " after the removal");
                return;
            }
            if (deadline.passed()) {
                throw new DeployFailedException("Tomcat did not undeploy [" + names.displayContext() + "] within "
                    + Deadline.seconds(timeouts.verdict()) + " of removing " + names.war + "; its log since: " + tail(lines));
            }
            deadline.pause();
        }
    }

    private static String tail(List<String> lines) {
        if (lines.isEmpty()) {
            return "(nothing)";
        }
        return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - SEEN_LINES), lines.size()));
    }

    private static Path tempTar() {
        try {
            return Files.createTempFile("coremonitor-war-", ".tar");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file", e);
        }
    }

    /** The file names of one context in webapps. */
    private static final class Names {

        final String webapps;
        final String context;
        final String warName;
        final String partName;
        final String war;
        final String part;
        final String exploded;

        Names(DeployJob job) {
            String dir = job.settings().directory();
            this.webapps = dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
            this.context = "/".equals(job.path()) ? "" : job.path();
            String base = ContextPaths.baseName(job.path());
            this.warName = base + ".war";
            this.partName = ".coremonitor-" + warName + ".part";
            this.war = ContainerShell.join(webapps, warName);
            this.part = ContainerShell.join(webapps, partName);
            this.exploded = ContainerShell.join(webapps, base);
        }

        String displayContext() {
            return context.isEmpty() ? "/" : context;
        }
    }
}
