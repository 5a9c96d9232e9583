package io.coremonitor.engine.internal.deploy;

import io.coremonitor.docker.DockerOps;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.Artifact;
import io.coremonitor.model.DeployKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WAR, EAR or JAR for WildFly's deployment scanner. A WAR is named after its context path ({@code /} →
 * {@code ROOT.war}, {@code /a} → {@code a.war}: WildFly takes the context root from the name, so one segment only);
 * an EAR or JAR keeps its own name (its descriptors say where it answers). It is uploaded as a dot-file the scanner
 * ignores, owned like the deployments directory (WildFly runs as {@code jboss} and must rename and delete its markers),
 * renamed onto its name, and marked {@code .dodeploy}. Deployed when the scanner has removed {@code .dodeploy},
 * {@code .isdeploying} and {@code .pending} and written a {@code .deployed} other than the one before; failed when it
 * wrote {@code .failed}, whose content is the reason. A redeployment never deletes {@code .deployed} (that would
 * undeploy the running application).
 */
final class WildFlyTarget implements DeployTarget {

    private static final Logger LOG = LoggerFactory.getLogger(WildFlyTarget.class);

    /** $1 the directory, $2 the deployment's name: one "marker mtime" line per marker present. */
    private static final String MARKERS = """
        cd -- "$1" || exit 2
        for s in dodeploy isdeploying pending deployed failed isundeploying undeployed; do
          if [ -e "$2.$s" ]; then
            printf '%s %s\\n' "$s" "$(stat -c %.9Y -- "$2.$s" 2>/dev/null || stat -c %Y -- "$2.$s" 2>/dev/null)"
          fi
        done
        """;

    /** $1 the directory, $2 the upload's name, $3 the deployment's name. */
    private static final String SWITCH = """
        set -e
        cd -- "$1"
        mv -f -- "$2" "$3"
        rm -f -- "$3.failed" "$3.undeployed"
        touch -- "$3.dodeploy"
        """;

    private final DockerOps ops;
    private final Clock clock;
    private final DeployTimeouts timeouts;

    WildFlyTarget(DockerOps ops, Clock clock, DeployTimeouts timeouts) {
        this.ops = ops;
        this.clock = clock;
        this.timeouts = timeouts;
    }

    @Override
    public DeployKind kind() {
        return DeployKind.WILDFLY;
    }

    @Override
    public void deploy(DeployJob job, ExecutionContext ctx) {
        DeployRules.require(kind(), job.artifact(), job.path());
        String dir = directory(job);
        String name = deploymentName(job);
        String partName = ".coremonitor-" + name + ".part";
        ContainerShell shell = new ContainerShell(ops, job.containerId(), timeouts.step());
        Owner owner = shell.ownerOf(dir);
        Path tar = tempTar();
        try {
            try (TarBuilder out = new TarBuilder(tar, owner, clock.instant())) {
                out.file(partName, job.artifactFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot pack " + job.artifactFile(), e);
            }
            shell.script("removing a leftover upload", "rm -f -- \"$1\"", ContainerShell.join(dir, partName));
            ctx.info("uploading " + job.artifact().name() + " to " + ContainerShell.join(dir, partName));
            shell.upload(dir, tar);
        } finally {
            NginxTarget.delete(tar);
        }
        ctx.checkCancelled();

        Map<String, String> before = markers(shell, dir, name);
        shell.script("switching " + name + " in", SWITCH, dir, partName, name);
        ctx.info("renamed onto " + ContainerShell.join(dir, name) + " and marked " + name + ".dodeploy; waiting for WildFly's scanner");
        Deadline deadline = new Deadline(timeouts.verdict(), timeouts.poll());
        while (true) {
            Map<String, String> now = markers(shell, dir, name);
            if (now.containsKey("failed")) {
                String reason = shell.exec(List.of("cat", "--", ContainerShell.join(dir, name + ".failed"))).stdout().strip();
                throw new DeployFailedException("WildFly failed to deploy " + name + ": "
                    + (reason.isEmpty() ? "(empty .failed marker)" : reason));
            }
            boolean busy = now.containsKey("dodeploy") || now.containsKey("isdeploying") || now.containsKey("pending");
            if (!busy && now.containsKey("deployed") && !now.get("deployed").equals(before.get("deployed"))) {
                ctx.info("WildFly deployed " + name + " " + Deadline.seconds(deadline.elapsed()) + " after the .dodeploy marker");
                LOG.info("WildFly in {} deployed {} after {}", job.containerId(), name, deadline.elapsed());
                return;
            }
            if (deadline.passed()) {
                throw new DeployFailedException("WildFly's scanner did not deploy " + name + " within "
                    + Deadline.seconds(timeouts.verdict())
                    + "; markers now: " + (now.isEmpty() ? "none" : String.join(", ", now.keySet())));
            }
            deadline.pause();
        }
    }

    @Override
    public void undeploy(DeployJob job, ExecutionContext ctx) {
        String dir = directory(job);
        String name = deploymentName(job);
        ContainerShell shell = new ContainerShell(ops, job.containerId(), timeouts.step());
        Map<String, String> now = markers(shell, dir, name);
        if (now.containsKey("deployed")) {
            shell.script("removing " + name + ".deployed", "rm -f -- \"$1.deployed\" \"$1.dodeploy\"", ContainerShell.join(dir, name));
            ctx.info("removed " + name + ".deployed; waiting for WildFly to undeploy it");
            Deadline deadline = new Deadline(timeouts.verdict(), timeouts.poll());
            while (!now.containsKey("undeployed") || now.containsKey("isundeploying")) {
                if (deadline.passed()) {
                    throw new DeployFailedException("WildFly did not undeploy " + name + " within " + Deadline.seconds(timeouts.verdict())
                        + " of removing its .deployed marker; markers now: " + (now.isEmpty() ? "none" : String.join(", ", now.keySet())));
                }
                deadline.pause();
                now = markers(shell, dir, name);
            }
            ctx.info("WildFly undeployed " + name + " " + Deadline.seconds(deadline.elapsed()) + " after the removal");
        }
        shell.script("removing " + name + " and its markers",
            "cd -- \"$1\" && rm -f -- \"$2\" \"$2.undeployed\" \"$2.failed\" \"$2.dodeploy\" \".coremonitor-$2.part\"", dir, name);
        ctx.info("removed " + ContainerShell.join(dir, name));
    }

    /** The markers present now, with their modification times. */
    private static Map<String, String> markers(ContainerShell shell, String dir, String name) {
        Map<String, String> markers = new LinkedHashMap<>();
        shell.script("reading the markers of " + name, MARKERS, dir, name).lines().forEach(line -> {
            int space = line.indexOf(' ');
            if (space > 0) {
                markers.put(line.substring(0, space), line.substring(space + 1));
            } else if (!line.isBlank()) {
                markers.put(line.strip(), "");
            }
        });
        return markers;
    }

    private static boolean isWar(Artifact artifact) {
        return ContextPaths.endsWithAny(artifact.name(), ".war");
    }

    /** {@code ROOT.war} or {@code a.war} for a WAR, the artifact's own name for an EAR or JAR. */
    static String deploymentName(DeployJob job) {
        if (!isWar(job.artifact())) {
            return job.artifact().name();
        }
        return ContextPaths.baseName(job.path()) + ".war";
    }

    private static String directory(DeployJob job) {
        String dir = job.settings().directory();
        return dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }

    private static Path tempTar() {
        try {
            return Files.createTempFile("coremonitor-deployment-", ".tar");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file", e);
        }
    }
}
