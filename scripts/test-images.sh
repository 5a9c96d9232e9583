#!/usr/bin/env bash
# Builds the local test images with `docker import` (no registry is reachable, nothing is pulled).
#
#   scripts/test-images.sh          builds coremonitor-test/busybox:latest (a few seconds)
#   scripts/test-images.sh --all    also builds coremonitor-test/debian:bookworm (debootstrap, about a minute)
#   scripts/test-images.sh --force  rebuilds even when the image is up to date
#
# Idempotent: every image carries the label coremonitor.test.inputs=<sha256 of its inputs> (the exact root
# filesystem tar for busybox; the recipe for debian; both with this script and lib-docker.sh, whose helpers it uses)
# and is skipped when the existing image has the same one.
#
# coremonitor-test/busybox:latest: Debian's busybox-static binary in /bin/busybox with one symlink per applet
#   (sh, httpd, nc, wget, sleep, echo, cat, ...), /etc/passwd and /etc/group with root and nobody, /tmp, /root,
#   /var/www; CMD ["sh"].
# coremonitor-test/debian:bookworm: `debootstrap --variant=minbase bookworm` from the mirror apt already uses;
#   tests install real servers into it (chroot apt-get) in their own images.
#
# Needs a running engine (scripts/start-dockerd.sh). Installs busybox-static / debootstrap when missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib-docker.sh
. "$here/lib-docker.sh"

build_all=false
force=false
for arg in "$@"; do
    case "$arg" in
        --all) build_all=true ;;
        --force) force=true ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) cm_log "unknown argument: $arg"; exit 2 ;;
    esac
done

BUSYBOX_IMAGE=coremonitor-test/busybox:latest
DEBIAN_IMAGE=coremonitor-test/debian:bookworm
LABEL_KEY=coremonitor.test.inputs

if ! cm_docker_answers; then
    cm_log "no Docker engine answers on $COREMONITOR_DOCKER_SOCK: run scripts/start-dockerd.sh first"
    exit 1
fi

# Imports a tar as an image and removes the image the name pointed to before, unless a container still uses it.
import_image() {
    local tar=$1 name=$2 old
    shift 2
    old=$(cm_image_id "$name")
    cm_docker import "$@" "$tar" "$name" >/dev/null
    cm_remove_superseded "$old" "$(cm_image_id "$name")"
}

work=$(mktemp -d /tmp/coremonitor-test-images.XXXXXX)
trap 'rm -rf "$work"' EXIT

build_busybox() {
    local bb=/bin/busybox
    if ! dpkg -s busybox-static >/dev/null 2>&1; then
        cm_log "installing busybox-static"
        cm_apt_install busybox-static
    fi
    if ! file_is_static "$bb"; then
        cm_log "$bb is not statically linked (is the dynamic 'busybox' package installed instead of busybox-static?)"
        exit 1
    fi
    local root="$work/busybox-root"
    mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,var/www,home,proc,sys,dev}
    chmod 1777 "$root/tmp"
    cp "$bb" "$root/bin/busybox"
    chmod 0755 "$root/bin/busybox"
    # One symlink per applet at its usual place (bin/sh, usr/sbin/httpd, usr/bin/wget, ...).
    local applet dir
    while read -r applet; do
        case "$applet" in
            */*) ;;
            *) continue ;;
        esac
        [ "$applet" = "bin/busybox" ] && continue
        dir=$(dirname "$applet")
        mkdir -p "$root/$dir"
        ln -sf /bin/busybox "$root/$applet"
    done < <("$bb" --list-full)
    cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
    cat >"$root/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
nobody:x:65534:
GROUP
    echo "coremonitor test image: busybox-static $(dpkg-query -W -f '${Version}' busybox-static)" >"$root/etc/coremonitor-test-image"
    cm_repro_tar "$root" "$work/busybox.tar"
    local sum
    sum=$(cat "$work/busybox.tar" "$0" "$here/lib-docker.sh" | sha256sum | cut -c1-64)
    if ! $force && [ "$(cm_image_label "$BUSYBOX_IMAGE" "$LABEL_KEY")" = "$sum" ]; then
        cm_log "$BUSYBOX_IMAGE is up to date (inputs ${sum:0:12})"
        return 0
    fi
    cm_log "importing $BUSYBOX_IMAGE (inputs ${sum:0:12})"
    import_image "$work/busybox.tar" "$BUSYBOX_IMAGE" \
        --change "LABEL $LABEL_KEY=$sum" \
        --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'WORKDIR /' \
        --change 'CMD ["sh"]' \
        --message "coremonitor test image from Debian busybox-static"
    # Smoke check: the image runs and has the applets the tests use.
    cm_docker run --rm "$BUSYBOX_IMAGE" sh -c 'for a in sh httpd nc wget sleep echo cat; do command -v $a >/dev/null || exit 1; done' \
        || { cm_log "$BUSYBOX_IMAGE was imported but does not run its applets"; exit 1; }
    cm_log "built $BUSYBOX_IMAGE"
}

file_is_static() {
    # busybox-static's binary has no program interpreter; `ldd` says so on glibc systems.
    local out
    out=$(ldd "$1" 2>&1) && [[ "$out" != *"not a dynamic executable"* ]] && return 1
    return 0
}

build_debian() {
    local mirror sum
    mirror=$(cm_debian_mirror)
    # The recipe (this script, the mirror and the suite) defines the image; the packages' own versions are
    # whatever the mirror serves the day it is built. --force rebuilds.
    sum=$( { cat "$0" "$here/lib-docker.sh"; echo "bookworm minbase $mirror"; } | sha256sum | cut -c1-64)
    if ! $force && [ "$(cm_image_label "$DEBIAN_IMAGE" "$LABEL_KEY")" = "$sum" ]; then
        cm_log "$DEBIAN_IMAGE is up to date (inputs ${sum:0:12})"
        return 0
    fi
    if ! command -v debootstrap >/dev/null 2>&1; then
        cm_log "installing debootstrap"
        cm_apt_install debootstrap
    fi
    local root="$work/debian-root"
    cm_log "debootstrap --variant=minbase bookworm from $mirror (about a minute)"
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
        cm_log "debootstrap failed:"; tail -n 30 "$work/debootstrap.log" >&2; exit 1;
    }
    # The same mirror for later `apt-get install` inside images built from this one.
    echo "deb $mirror bookworm main" >"$root/etc/apt/sources.list"
    chroot "$root" apt-get clean
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/tmp/* "$root"/var/log/*.log
    cm_log "importing $DEBIAN_IMAGE (inputs ${sum:0:12})"
    cm_repro_tar "$root" "$work/debian.tar"
    import_image "$work/debian.tar" "$DEBIAN_IMAGE" \
        --change "LABEL $LABEL_KEY=$sum" \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' \
        --message "coremonitor test image: debootstrap minbase bookworm"
    cm_docker run --rm "$DEBIAN_IMAGE" sh -c 'test -x /usr/bin/apt-get' \
        || { cm_log "$DEBIAN_IMAGE was imported but does not run"; exit 1; }
    cm_log "built $DEBIAN_IMAGE"
}

build_busybox
if $build_all; then
    build_debian
fi
