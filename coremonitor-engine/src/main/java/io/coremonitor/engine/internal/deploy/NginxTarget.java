package io.coremonitor.engine.internal.deploy;

import io.coremonitor.docker.DockerOps;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.DeployKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A static site for nginx. The site is unpacked into a new directory {@code <parent>/.coremonitor-sites/<sha-12>-<command>}
 * beside the document root; then the document root becomes a symlink to it, switched with one rename(2) (a temporary
 * symlink moved over the old one with {@code mv -T}): nginx resolves the path per request, so a request is answered
 * by either site, never by neither. The first time, the image's own directory is moved aside as
 * {@code .coremonitor-sites/original} (that move leaves the root missing for an instant). The current and the previous
 * site (and the original) are kept; older ones are removed. No nginx reload: its configuration does not change.
 */
final class NginxTarget implements DeployTarget {

    private static final Logger LOG = LoggerFactory.getLogger(NginxTarget.class);
    static final String SITES = ".coremonitor-sites";
    static final String ORIGINAL = "original";

    /** $1 root, $2 site, $3 where the image's directory goes, $4 the temporary link, $5 the command id. */
    private static final String SWITCH = """
        set -e
        if [ -d "$1" ] && [ ! -L "$1" ]; then
          keep="$3"; if [ -e "$keep" ]; then keep="$3-$5"; fi
          mv -T -- "$1" "$keep"
        fi
        rm -f -- "$4"
        ln -s -- "$2" "$4"
        mv -T -- "$4" "$1"
        """;

    private final DockerOps ops;
    private final Clock clock;
    private final DeployTimeouts timeouts;

    NginxTarget(DockerOps ops, Clock clock, DeployTimeouts timeouts) {
        this.ops = ops;
        this.clock = clock;
        this.timeouts = timeouts;
    }

    @Override
    public DeployKind kind() {
        return DeployKind.NGINX;
    }

    @Override
    public void deploy(DeployJob job, ExecutionContext ctx) {
        DeployRules.require(kind(), job.artifact(), job.path());
        SiteArchive.Format format = SiteArchive.formatOf(job.artifact()).orElseThrow();
        ContainerShell shell = new ContainerShell(ops, job.containerId(), timeouts.step());
        Layout layout = new Layout(job.settings().directory());
        String name = job.artifact().sha256().substring(0, 12) + "-" + job.commandId();
        String site = ContainerShell.join(layout.sites, name);

        shell.script("creating " + layout.sites, "mkdir -p -- \"$1\"", layout.sites);
        Optional<String> current = layout.current(shell);
        if (current.filter(site::equals).isPresent()) {
            ctx.info(layout.root + " already serves " + site + " (" + job.artifact().name() + "): nothing to switch");
            removeOldSites(shell, layout, Set.of(name));
            return;
        }
        Owner owner = shell.ownerOf(layout.parent);
        Path tar = tempTar();
        try {
            int files = SiteArchive.repack(format, job.artifactFile(), tar, name + ".part", owner, clock.instant());
            shell.script("clearing leftovers of an earlier attempt", "rm -rf -- \"$1.part\" \"$1\"", site);
            ctx.info("uploading " + job.artifact().name() + " (" + files + " files) to " + site);
            shell.upload(layout.sites, tar);
            shell.script("sealing " + site, "mv -T -- \"$1.part\" \"$1\"", site);
        } finally {
            delete(tar);
        }
        ctx.checkCancelled();

        shell.script("switching " + layout.root + " to " + site, SWITCH, layout.root, site,
            ContainerShell.join(layout.sites, ORIGINAL), layout.link, Long.toString(job.commandId()));
        ctx.info(layout.root + " now serves " + site + (current.isPresent() ? " (was " + current.get() + ")" : ""));
        LOG.info("nginx site of {} switched to {}", job.containerId(), site);
        Set<String> keep = new HashSet<>();
        keep.add(name);
        current.filter(c -> ContainerShell.parent(c).equals(layout.sites)).map(ContainerShell::baseName).ifPresent(keep::add);
        removeOldSites(shell, layout, keep);
    }

    @Override
    public void undeploy(DeployJob job, ExecutionContext ctx) {
        ContainerShell shell = new ContainerShell(ops, job.containerId(), timeouts.step());
        Layout layout = new Layout(job.settings().directory());
        Optional<String> current = layout.current(shell);
        if (current.isEmpty()) {
            ctx.info(layout.root + " is not a deployed site: nothing to undeploy");
            return;
        }
        String original = ContainerShell.join(layout.sites, ORIGINAL);
        if (shell.exists(original)) {
            shell.script("switching " + layout.root + " back to " + original, SWITCH, layout.root, original, original, layout.link,
                Long.toString(job.commandId()));
            ctx.info(layout.root + " serves the image's own content again (" + original + ")");
        } else {
            shell.script("removing " + layout.root, "rm -f -- \"$1\"", layout.root);
            ctx.info(layout.root + " removed (the image had none)");
        }
        removeOldSites(shell, layout, Set.of());
    }

    /** Removes every site directory but {@code keep} and the image's original content. */
    private void removeOldSites(ContainerShell shell, Layout layout, Set<String> keep) {
        String listing = shell.script("listing " + layout.sites, "ls -1A -- \"$1\"", layout.sites);
        List<String> old = listing.lines().filter(n -> !n.isBlank() && !keep.contains(n) && !n.startsWith(ORIGINAL)).toList();
        for (String dir : old) {
            shell.script("removing the old site " + dir, "rm -rf -- \"$1\"", ContainerShell.join(layout.sites, dir));
        }
        if (!old.isEmpty()) {
            LOG.debug("removed old nginx sites {}", old);
        }
    }

    private static Path tempTar() {
        try {
            return Files.createTempFile("coremonitor-site-", ".tar");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file", e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }

    /** Where the document root, its parent, the site directories and the temporary link are. */
    private static final class Layout {

        final String root;
        final String parent;
        final String sites;
        final String link;

        Layout(String directory) {
            this.root = directory.length() > 1 && directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
            if ("/".equals(root)) {
                throw new DeployFailedException("nginx's document root cannot be \"/\"");
            }
            this.parent = ContainerShell.parent(root);
            this.sites = ContainerShell.join(parent, SITES);
            this.link = ContainerShell.join(parent, "." + ContainerShell.baseName(root) + ".coremonitor-next");
        }

        /** What the root links to, when it is a symlink. */
        Optional<String> current(ContainerShell shell) {
            String target = shell.script("reading " + root, "if [ -L \"$1\" ]; then readlink -- \"$1\"; fi", root).strip();
            return target.isEmpty() ? Optional.empty() : Optional.of(target);
        }
    }
}
