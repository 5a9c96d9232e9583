#!/usr/bin/env bash
# Builds Core Monitor's own image, coremonitor/server:local, from the repository's Dockerfile, with no registry.
#
#   scripts/coremonitor-image.sh                     base image made locally, then the server image
#   scripts/coremonitor-image.sh --force             rebuilds the base image even when it is up to date
#   scripts/coremonitor-image.sh --base-image IMAGE  uses IMAGE (e.g. eclipse-temurin:17-jre) instead
#
# 1. The base image coremonitor-test/jre:bookworm: `debootstrap --variant=minbase bookworm`, then
#    `chroot ... apt-get install --no-install-recommends openjdk-17-jre-headless curl ca-certificates` from the
#    mirror apt already uses, apt lists and caches removed, `docker import`ed. It carries the label
#    coremonitor.test.inputs=<sha256 of its recipe> and is skipped when that label matches (like test-images.sh);
#    the packages' versions are whatever the mirror serves the day it is built. 80 to 120 s.
# 2. `docker build --build-arg BASE_IMAGE=coremonitor-test/jre:bookworm -t coremonitor/server:local .`, which
#    copies coremonitor-server/target/coremonitor-server.jar: build it first (`mvn -B -q package -DskipTests`).
#    Docker's build cache makes a second run with the same jar a no-op. The image a rebuild replaces is removed.
#
# Needs a running engine (scripts/start-dockerd.sh) and root (debootstrap, chroot). Installs debootstrap when
# missing. Idempotent.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
# shellcheck source=lib-docker.sh
. "$here/lib-docker.sh"

force=false
base_image=""
while [ $# -gt 0 ]; do
    case "$1" in
        --force) force=true ;;
        --base-image)
            [ $# -ge 2 ] || { cm_log "--base-image needs an image name"; exit 2; }
            base_image=$2
            shift
            ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) cm_log "unknown argument: $1"; exit 2 ;;
    esac
    shift
done

JRE_IMAGE=coremonitor-test/jre:bookworm
SERVER_IMAGE=coremonitor/server:local
LABEL_KEY=coremonitor.test.inputs
JAR=coremonitor-server/target/coremonitor-server.jar
JRE_PACKAGES="openjdk-17-jre-headless curl ca-certificates"
JRE_IMPORT_CHANGES=(
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    --change 'ENV LANG=C.UTF-8'
    --change 'CMD ["bash"]'
)

if [ ! -f "$repo/$JAR" ]; then
    cm_log "$JAR is missing: the Dockerfile copies the built jar and does not run Maven."
    cm_log "Build it first: (cd $repo && mvn -B -q package -DskipTests)"
    exit 1
fi
if ! cm_docker_answers; then
    cm_log "no Docker engine answers on $COREMONITOR_DOCKER_SOCK: run scripts/start-dockerd.sh first"
    exit 1
fi

work=""
proc_mount=""
cleanup() {
    if [ -n "$proc_mount" ]; then
        umount "$proc_mount" 2>/dev/null || umount -l "$proc_mount" 2>/dev/null || true
    fi
    if [ -n "$work" ]; then
        # --one-file-system: never descend into a mount left behind in the root filesystem.
        rm -rf --one-file-system "$work"
    fi
}
trap cleanup EXIT

# Makes the JRE root filesystem in $1 from mirror $2. Its text (declare -f) is part of the image's inputs hash.
make_jre_rootfs() {
    local root=$1 mirror=$2
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
        cm_log "debootstrap failed:"; tail -n 30 "$work/debootstrap.log" >&2; return 1;
    }
    echo "deb $mirror bookworm main" >"$root/etc/apt/sources.list"
    # The JRE's maintainer scripts (ca-certificates-java runs java) need /proc.
    mount -t proc proc "$root/proc"
    proc_mount="$root/proc"
    {
        chroot "$root" apt-get update -q &&
            # shellcheck disable=SC2086
            chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
                $JRE_PACKAGES
    } >"$work/apt.log" 2>&1 || {
        cm_log "apt-get install in the chroot failed:"; tail -n 30 "$work/apt.log" >&2; return 1;
    }
    umount "$root/proc"
    proc_mount=""
    chroot "$root" apt-get clean
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/debconf/*-old \
        "$root"/tmp/* "$root"/var/log/*.log "$root"/var/log/apt/*
}

build_jre_base() {
    local mirror sum
    mirror=$(cm_debian_mirror)
    # The recipe: the rootfs function, the package list, the import changes, the mirror. Not this whole file,
    # so that editing the server-image part below does not rebuild the base.
    sum=$( { declare -f make_jre_rootfs; echo "$JRE_PACKAGES"; printf '%s\n' "${JRE_IMPORT_CHANGES[@]}";
             echo "bookworm minbase $mirror"; } | sha256sum | cut -c1-64)
    if ! $force && [ "$(cm_image_label "$JRE_IMAGE" "$LABEL_KEY")" = "$sum" ]; then
        cm_log "$JRE_IMAGE is up to date (inputs ${sum:0:12})"
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        cm_log "must run as root to build $JRE_IMAGE (debootstrap, chroot)"
        exit 1
    fi
    if ! command -v debootstrap >/dev/null 2>&1; then
        cm_log "installing debootstrap"
        cm_apt_install debootstrap
    fi
    local t0=$SECONDS old
    work=$(mktemp -d /tmp/coremonitor-image.XXXXXX)
    cm_log "debootstrap --variant=minbase bookworm from $mirror, then apt-get install $JRE_PACKAGES (80-120 s)"
    make_jre_rootfs "$work/root" "$mirror"
    cm_log "importing $JRE_IMAGE (inputs ${sum:0:12})"
    cm_repro_tar "$work/root" "$work/jre.tar"
    rm -rf --one-file-system "$work/root"
    old=$(cm_image_id "$JRE_IMAGE")
    cm_docker import --change "LABEL $LABEL_KEY=$sum" "${JRE_IMPORT_CHANGES[@]}" \
        --message "coremonitor base image: debootstrap minbase bookworm + $JRE_PACKAGES" \
        "$work/jre.tar" "$JRE_IMAGE" >/dev/null
    rm -f "$work/jre.tar"
    # Removed now if nothing uses it, else after the server image below is rebuilt on the new base.
    superseded_base=$old
    cm_remove_superseded "$old" "$(cm_image_id "$JRE_IMAGE")"
    cm_docker run --rm "$JRE_IMAGE" sh -c 'java -version && curl --version' >/dev/null 2>&1 \
        || { cm_log "$JRE_IMAGE was imported but java or curl does not run in it"; exit 1; }
    cm_log "built $JRE_IMAGE in $((SECONDS - t0))s"
}

build_server() {
    local base=$1 old new log
    old=$(cm_image_id "$SERVER_IMAGE")
    log=$(mktemp /tmp/coremonitor-image-build.XXXXXX)
    cm_log "docker build --build-arg BASE_IMAGE=$base -t $SERVER_IMAGE $repo"
    # The classic builder: Debian's docker.io has no buildx, and it resolves FROM against local images only.
    # --force-rm: no intermediate container is left behind when a step fails.
    if ! DOCKER_BUILDKIT=0 cm_docker build --force-rm --build-arg "BASE_IMAGE=$base" -t "$SERVER_IMAGE" "$repo" >"$log" 2>&1; then
        cm_log "docker build failed:"
        tail -n 40 "$log" >&2
        rm -f "$log"
        exit 1
    fi
    rm -f "$log"
    new=$(cm_image_id "$SERVER_IMAGE")
    cm_remove_superseded "$old" "$new"
    if [ "$old" = "$new" ]; then
        cm_log "$SERVER_IMAGE is up to date (${new#sha256:})"
    else
        cm_log "built $SERVER_IMAGE (${new#sha256:})"
    fi
}

superseded_base=""
if [ -n "$base_image" ]; then
    build_server "$base_image"
else
    build_jre_base
    build_server "$JRE_IMAGE"
    cm_remove_superseded "$superseded_base" "$(cm_image_id "$JRE_IMAGE")"
fi
