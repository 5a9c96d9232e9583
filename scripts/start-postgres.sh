#!/usr/bin/env bash
# Starts PostgreSQL for the tests, idempotently.
#
#   scripts/start-postgres.sh
#
# - Installs Debian's postgresql when missing (apt-get update once, then install).
# - Creates the cluster if there is none (pg_createcluster, newest installed version), starts the cluster
#   that listens on port 5432 (pg_ctlcluster) and waits until it accepts connections.
# - Creates role `coremonitor` (LOGIN PASSWORD 'coremonitor') and database `coremonitor_test` owned by it,
#   when absent; (re)sets the password so a changed one is repaired.
# - Checks that TCP on 127.0.0.1:5432 accepts password authentication for that role (Debian's default
#   pg_hba.conf has `host all all 127.0.0.1/32 scram-sha-256`; the line is added if it is missing).
#
# The tests default to jdbc:postgresql://127.0.0.1:5432/coremonitor_test?user=coremonitor&password=coremonitor
set -euo pipefail

PG_PORT=5432
PG_ROLE=coremonitor
PG_PASSWORD=coremonitor
PG_DB=coremonitor_test
wait_secs=${COREMONITOR_PG_WAIT:-60}

log() {
    echo "[$(basename "$0")] $*" >&2
}

if [ "$(id -u)" -ne 0 ]; then
    log "must run as root"
    exit 1
fi

if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "installing postgresql"
    if [ -z "${COREMONITOR_APT_UPDATED:-}" ]; then
        apt-get update -q
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
fi

# The cluster on port 5432; create one with the newest installed server when there is no cluster at all.
cluster_line() {
    # awk reads all its input (no early exit): under pipefail, a writer killed by SIGPIPE would fail the script.
    pg_lsclusters --no-header 2>/dev/null | awk -v port="$PG_PORT" '!found && $3 == port { print; found = 1 }'
}
if [ -z "$(cluster_line)" ]; then
    if [ -n "$(pg_lsclusters --no-header 2>/dev/null)" ]; then
        log "clusters exist but none on port $PG_PORT:"
        pg_lsclusters >&2
        exit 1
    fi
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    log "no cluster: creating $version/main on port $PG_PORT"
    pg_createcluster --port="$PG_PORT" "$version" main >/dev/null
fi
read -r version name _port status _rest <<<"$(cluster_line)"

if [ "$status" != "online" ]; then
    log "starting cluster $version/$name"
    # A stale postmaster.pid from a killed server (CI machines are reused) would block the start: pg_ctlcluster
    # removes it itself when its pid is not running.
    pg_ctlcluster "$version" "$name" start || {
        log "pg_ctlcluster start failed; log tail:"
        tail -n 30 "/var/log/postgresql/postgresql-$version-$name.log" >&2 || true
        exit 1
    }
fi

deadline=$((SECONDS + wait_secs))
until pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
        log "PostgreSQL $version/$name does not accept connections on 127.0.0.1:$PG_PORT after ${wait_secs}s"
        tail -n 30 "/var/log/postgresql/postgresql-$version-$name.log" >&2 || true
        exit 1
    fi
    sleep 0.5
done

as_postgres() {
    (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@")
}

if [ "$(as_postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'")" != "1" ]; then
    log "creating role $PG_ROLE"
    as_postgres -c "CREATE ROLE $PG_ROLE LOGIN PASSWORD '$PG_PASSWORD'"
else
    as_postgres -c "ALTER ROLE $PG_ROLE LOGIN PASSWORD '$PG_PASSWORD'"
fi
if [ "$(as_postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
    log "creating database $PG_DB"
    as_postgres -c "CREATE DATABASE $PG_DB OWNER $PG_ROLE"
fi

check_tcp_login() {
    PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=5 psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_ROLE" -d "$PG_DB" \
        -tAc 'SELECT current_user' 2>/dev/null | grep -qx "$PG_ROLE"
}

if ! check_tcp_login; then
    hba=$(as_postgres -tAc 'SHOW hba_file')
    log "password login over TCP refused; adding a scram-sha-256 line for 127.0.0.1 to $hba"
    echo "host    all             all             127.0.0.1/32            scram-sha-256" >>"$hba"
    as_postgres -c 'SELECT pg_reload_conf()' >/dev/null
    sleep 1
    if ! check_tcp_login; then
        log "FAILED: $PG_ROLE cannot log in with its password at 127.0.0.1:$PG_PORT/$PG_DB"
        PGPASSWORD=$PG_PASSWORD psql -X -h 127.0.0.1 -p "$PG_PORT" -U "$PG_ROLE" -d "$PG_DB" -c 'SELECT 1' || true
        exit 1
    fi
fi

log "PostgreSQL $version/$name ready: postgresql://$PG_ROLE@127.0.0.1:$PG_PORT/$PG_DB (password auth OK)"
