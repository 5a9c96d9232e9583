#!/usr/bin/env bash
# Starts a Docker engine for the tests, idempotently.
#
#   scripts/start-dockerd.sh
#
# - If an engine already answers on /var/run/docker.sock, does nothing.
# - If dockerd is missing, installs Debian's docker.io (apt-get update once, then install).
# - If a dockerd process is already running (started by someone else, still booting), waits for it.
# - Otherwise starts dockerd in the background (setsid, output to $COREMONITOR_DOCKERD_LOG) and waits up to
#   $COREMONITOR_DOCKERD_WAIT seconds (default 60) for the socket to answer; fails with the log tail if not.
#
# Daemon flags. On the test machines (Debian bookworm, kernel with overlayfs, iptables-nft) a plain `dockerd`
# works: overlay2 storage, iptables NAT and the userland proxy, so `-p 127.0.0.1:PORT:PORT` is reachable from
# the host. Plain dockerd is tried first. Only if it dies or never answers, the script retries with
# `--storage-driver=vfs` (for kernels or filesystems without overlayfs: slower and bigger, but works
# everywhere), then with `--storage-driver=vfs --iptables=false` (for sandboxes where iptables/nf_tables is
# refused; published ports still work through docker-proxy, the userland proxy, which is on by default).
# Set COREMONITOR_DOCKERD_FLAGS to force one set of flags (no fallback then).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib-docker.sh
. "$here/lib-docker.sh"

log_file=${COREMONITOR_DOCKERD_LOG:-/var/log/coremonitor-dockerd.log}
wait_secs=${COREMONITOR_DOCKERD_WAIT:-60}

if cm_docker_answers; then
    cm_log "Docker already answers on $COREMONITOR_DOCKER_SOCK: $(cm_docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
    exit 0
fi

if ! command -v dockerd >/dev/null 2>&1 || [ ! -x /usr/bin/docker ]; then
    cm_log "dockerd or Debian's docker client missing: installing docker.io"
    if [ "$(id -u)" -ne 0 ]; then
        cm_log "must run as root to install and start dockerd"
        exit 1
    fi
    if [ -z "${COREMONITOR_APT_UPDATED:-}" ]; then
        apt-get update -q
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io
fi

# Waits until the engine answers or the pid (if given) dies. Returns 0 when it answers.
wait_for_engine() {
    local pid=${1:-} deadline=$((SECONDS + wait_secs))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if cm_docker_answers; then
            return 0
        fi
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            return 1
        fi
        sleep 0.5
    done
    return 1
}

# A dockerd someone else started may still be booting: give it the same wait before starting another.
if command -v pgrep >/dev/null 2>&1 && pgrep -x dockerd >/dev/null 2>&1; then
    cm_log "a dockerd process is running but not answering yet; waiting up to ${wait_secs}s"
    if wait_for_engine ""; then
        cm_log "Docker answers on $COREMONITOR_DOCKER_SOCK"
        exit 0
    fi
    cm_log "the running dockerd (pid $(pgrep -x dockerd | tr '\n' ' ')) does not answer; not starting a second one"
    tail -n 40 "$log_file" 2>/dev/null || true
    exit 1
fi

if [ -n "${COREMONITOR_DOCKERD_FLAGS+x}" ]; then
    attempts=("$COREMONITOR_DOCKERD_FLAGS")
else
    attempts=("" "--storage-driver=vfs" "--storage-driver=vfs --iptables=false")
fi

mkdir -p "$(dirname "$log_file")"
for flags in "${attempts[@]}"; do
    cm_log "starting: dockerd ${flags} (log: $log_file)"
    echo "=== $(date -u +%FT%TZ) dockerd ${flags}" >>"$log_file"
    # setsid: own session, so the daemon is not tied to this script's terminal or process group.
    # shellcheck disable=SC2086
    setsid dockerd $flags </dev/null >>"$log_file" 2>&1 &
    pid=$!
    if wait_for_engine "$pid"; then
        cm_log "Docker answers (pid $pid): $(cm_docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})'),"\
            "storage driver $(cm_docker info --format '{{.Driver}}')"
        exit 0
    fi
    if kill -0 "$pid" 2>/dev/null; then
        cm_log "dockerd ${flags} did not answer within ${wait_secs}s; stopping it (pid $pid)"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 20); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -9 "$pid" 2>/dev/null || true
    else
        cm_log "dockerd ${flags} exited"
    fi
    tail -n 15 "$log_file" >&2 || true
done

cm_log "FAILED: no Docker engine answers on $COREMONITOR_DOCKER_SOCK. Last lines of $log_file:"
tail -n 60 "$log_file" >&2 || true
exit 1
