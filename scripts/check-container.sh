#!/usr/bin/env bash
# Checks that Core Monitor's image (scripts/coremonitor-image.sh) runs and drives the host's Docker.
#
#   scripts/check-container.sh [IMAGE]      default coremonitor/server:local
#
# Starts the container coremonitor-ci-check the way the README says (Docker socket mounted, its group added, a
# random token, port 8080 published on a free 127.0.0.1 port chosen by Docker), then, from the host with curl:
# - GET /api/v1/health (no auth) reports status UP, database UP and docker UP (Docker reached through the
#   mounted socket, as the unprivileged user 10001);
# - Docker reports the container healthy (the image's HEALTHCHECK, run every 2 s here);
# - GET /api/v1/stacks answers 200 with the Bearer token and 401 without it.
# Prints the container's log on failure and always removes the container (and its anonymous /data volume).
# Installs curl when missing. Needs a running engine.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib-docker.sh
. "$here/lib-docker.sh"

case "${1:-}" in
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
esac
IMAGE=${1:-coremonitor/server:local}
NAME=coremonitor-ci-check
WAIT_SECS=${COREMONITOR_CHECK_WAIT:-90}

if ! cm_docker_answers; then
    cm_log "no Docker engine answers on $COREMONITOR_DOCKER_SOCK: run scripts/start-dockerd.sh first"
    exit 1
fi
if [ -z "$(cm_image_id "$IMAGE")" ]; then
    cm_log "image $IMAGE is missing: run scripts/coremonitor-image.sh first"
    exit 1
fi
if ! command -v curl >/dev/null 2>&1; then
    cm_log "installing curl"
    cm_apt_install curl
fi

started=false
passed=false
finish() {
    if $started; then
        if ! $passed; then
            cm_log "FAILED; log of $NAME:"
            cm_docker logs --tail 200 "$NAME" >&2 2>&1 || true
        fi
        cm_docker rm -f -v "$NAME" >/dev/null 2>&1 || true
    fi
}
trap finish EXIT

fail() {
    cm_log "FAILED: $*"
    exit 1
}

# A container of that name can only be a leftover of a run that was killed before its trap ran.
cm_docker rm -f -v "$NAME" >/dev/null 2>&1 || true

token=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
sock_gid=$(stat -c %g "$COREMONITOR_DOCKER_SOCK")
cm_log "starting $NAME from $IMAGE (socket group $sock_gid)"
started=true
cm_docker run -d --name "$NAME" \
    -p 127.0.0.1::8080 \
    -v "$COREMONITOR_DOCKER_SOCK:/var/run/docker.sock" \
    --group-add "$sock_gid" \
    -e COREMONITOR_TOKEN="$token" \
    --health-interval 2s \
    "$IMAGE" >/dev/null

state() {
    cm_docker inspect --format '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$NAME"
}

# "127.0.0.1:49153" -> 49153
hostport=$(cm_docker port "$NAME" 8080/tcp 2>/dev/null | sed -n 1p || true)
port=${hostport##*:}
[ -n "$port" ] || fail "no host port published for 8080/tcp (container $(state))"
base="http://127.0.0.1:$port/api/v1"
cm_log "published on 127.0.0.1:$port"


# 1. Health from the host: database and Docker both UP.
deadline=$((SECONDS + WAIT_SECS))
health=""
while :; do
    health=$(curl -fsS --max-time 5 "$base/health" 2>/dev/null || true)
    if [[ "$health" == *'"database":{"status":"UP"'* && "$health" == *'"docker":{"status":"UP"'* ]]; then
        break
    fi
    st=$(state)
    [ "${st%% *}" = running ] || fail "container is not running ($st)"
    [ "$SECONDS" -lt "$deadline" ] || fail "health not UP/UP within ${WAIT_SECS}s; last answer: ${health:-none}"
    sleep 1
done
[[ "$health" == '{"status":"UP"'* ]] || fail "top-level status is not UP: $health"
cm_log "health: $health"

# 2. The image's HEALTHCHECK (curl inside the container) reports healthy.
while :; do
    st=$(state)
    case "$st" in
        "running healthy") break ;;
        "running unhealthy") fail "Docker reports the container unhealthy" ;;
        running*) ;;
        *) fail "container is not running ($st)" ;;
    esac
    [ "$SECONDS" -lt "$deadline" ] || fail "not healthy within ${WAIT_SECS}s ($st)"
    sleep 1
done
cm_log "Docker reports the container healthy"

uid=$(cm_docker exec "$NAME" id -u)
[ "$uid" = 10001 ] || fail "the server runs as uid $uid, not 10001"
cm_docker exec "$NAME" test -f /data/coremonitor.db || fail "no /data/coremonitor.db in the container"

# 3. One authenticated API call from the host, and the same call without the token.
status_of() {
    curl -sS --max-time 10 -o "$1" -w '%{http_code}' "${@:2}"
}
body=$(mktemp)
with=$(status_of "$body" -H "Authorization: Bearer $token" "$base/stacks")
with_body=$(cat "$body")
without=$(status_of "$body" "$base/stacks")
rm -f "$body"
[ "$with" = 200 ] || fail "GET /api/v1/stacks with the token answered $with, expected 200: $with_body"
[[ "$with_body" == *'"items"'* ]] || fail "GET /api/v1/stacks answered 200 without an items list: $with_body"
[ "$without" = 401 ] || fail "GET /api/v1/stacks without the token answered $without, expected 401"
cm_log "GET /api/v1/stacks: 200 with the token, 401 without"

passed=true
cm_log "OK: $IMAGE runs as uid 10001, reaches Docker through the mounted socket, is healthy"
