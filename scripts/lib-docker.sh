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
