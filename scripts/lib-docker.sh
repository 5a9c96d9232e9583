#!/usr/bin/env bash
# Shared helpers for the test-machine scripts (sourced, not run).
# The scripts always talk to the local engine at /var/run/docker.sock, whatever DOCKER_HOST says.

COREMONITOR_DOCKER_SOCK=${COREMONITOR_DOCKER_SOCK:-/var/run/docker.sock}

# Pick the Docker client. Debian's docker.io client (/usr/bin/docker, API 1.41) matches Debian's dockerd;
# some machines also carry a newer client in /usr/local/bin that shadows it on PATH, so prefer Debian's.
cm_docker_bin() {
    if [ -x /usr/bin/docker ]; then
        echo /usr/bin/docker
    elif command -v docker >/dev/null 2>&1; then
        command -v docker
    else
        return 1
    fi
}

cm_log() {
    echo "[$(basename "$0")] $*" >&2
}

cm_docker() {
    local bin
    bin=$(cm_docker_bin) || { cm_log "no docker client found"; return 127; }
    "$bin" -H "unix://${COREMONITOR_DOCKER_SOCK}" "$@"
}

cm_docker_answers() {
    [ -S "$COREMONITOR_DOCKER_SOCK" ] && cm_docker info >/dev/null 2>&1
}

# Prints the value of label $2 on image $1, or nothing when the image (or the label) is absent.
cm_image_label() {
    cm_docker image inspect --format "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true
}

# Prints the id of image $1, or nothing when it is absent.
cm_image_id() {
    cm_docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true
}

# Removes image id $1 (one a tag pointed to before a rebuild) unless it is empty, equal to $2 (the id the tag
# points to now) or still tagged under another name. Quiet and harmless when a container or a child image still
# uses it.
cm_remove_superseded() {
    if [ -n "$1" ] && [ "$1" != "${2:-}" ] \
        && [ "$(cm_docker image inspect --format '{{len .RepoTags}}' "$1" 2>/dev/null)" = 0 ]; then
        cm_docker image rm "$1" >/dev/null 2>&1 || true
    fi
}

# A reproducible tar of a directory: sorted names, fixed times and owners, so equal content gives an equal hash.
cm_repro_tar() {
    tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$1" -cf "$2" .
}

# Like cm_repro_tar, but keeps the files' numeric owners: for root filesystems whose packages or recipes created
# users (www-data, jboss, ...) that own some of the files.
cm_repro_rootfs_tar() {
    tar --sort=name --mtime=@0 --numeric-owner -C "$1" -cf "$2" .
}

# The Debian mirror apt uses here (deb822 .sources or classic .list), default deb.debian.org.
cm_debian_mirror() {
    local m=""
    m=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk '{print $2}' | grep -E '/debian/?$' | sed -n 1p || true)
    if [ -z "$m" ]; then
        m=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
            | awk '{for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit }}' \
            | grep -E '/debian/?$' | sed -n 1p || true)
    fi
    echo "${m:-http://deb.debian.org/debian}"
}

# The Debian security mirror apt uses here (a URI ending in /debian-security), or nothing when none is configured.
cm_debian_security_mirror() {
    {
        grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'
        grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
            | awk '{for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; break }}'
    } | grep -E '/debian-security/?$' | sed -n 1p || true
}

# apt-get install on the host, with one `apt-get update` first unless COREMONITOR_APT_UPDATED is set (.ci/run
# sets it after its own update).
cm_apt_install() {
    if [ -z "${COREMONITOR_APT_UPDATED:-}" ]; then
        apt-get -o DPkg::Lock::Timeout=300 update -q
        COREMONITOR_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q "$@"
}
