#!/usr/bin/env bash
# Builds the local test images with `docker import` (no registry is reachable, nothing is pulled).
#
#   scripts/test-images.sh          builds coremonitor-test/busybox:latest (a few seconds)
#   scripts/test-images.sh --all    also builds coremonitor-test/debian:bookworm (debootstrap) and, on it, offline
#                                   stand-ins of the official nginx, tomcat, wildfly, postgres, mariadb and redis
#                                   images (first run: minutes)
#   scripts/test-images.sh --force  rebuilds even when the images are up to date
#
# Idempotent: every image carries the label coremonitor.test.inputs=<sha256 of its inputs> and is skipped when the
# existing image has the same one (a run with nothing changed takes seconds). The inputs: for busybox, the exact
# root filesystem tar, this script and lib-docker.sh; for the others, the recipe (the text of the functions that
# make the root filesystem and print the entry points, the packages, the `docker import` changes, the mirrors) and
# the base image's own label, so a new debian image rebuilds the six on it. Package versions are whatever the
# mirror serves the day an image is built; --force rebuilds. Every build ends with a smoke check of a container of
# the new image; when it fails, the new image's names are removed, so the next run builds it again.
#
# coremonitor-test/busybox:latest: Debian's busybox-static binary in /bin/busybox with one symlink per applet
#   (sh, httpd, nc, wget, sleep, echo, cat, ...), /etc/passwd and /etc/group with root and nobody, /tmp, /root,
#   /var/www; CMD ["sh"].
# coremonitor-test/debian:bookworm: `debootstrap --variant=minbase bookworm` from the mirror apt already uses;
#   tests install real servers into it (chroot apt-get) in their own images.
# The stand-ins of the official images, under the official names (see scripts/README.md for the full layouts):
# they start from coremonitor-test/debian:bookworm's files plus Debian packages (`chroot apt-get install
# --no-install-recommends`), keep the official paths, ports, users, commands, environment variables and log
# behaviour Core Monitor and a catalog's compose files rely on, have bash and coreutils, and no curl or wget (like
# the official images). Tagged with the versions Debian bookworm has, not the official images' newest.
#   nginx:latest, nginx:1.22             Debian's nginx 1.22; /usr/share/nginx/html, /etc/nginx/conf.d/default.conf,
#                                        logs to the container's stdout/stderr; port 80.
#   tomcat:latest, tomcat:10             Debian's Tomcat 10.1 on OpenJDK 17 in CATALINA_HOME=/usr/local/tomcat with an
#                                        empty webapps/ (autoDeploy); catalina logs on the console; port 8080.
#   quay.io/wildfly/wildfly:latest,      WildFly $WILDFLY_VERSION (org.wildfly:wildfly-dist from Maven Central, cached
#   quay.io/wildfly/wildfly:<v>-jdk17    in ~/.m2) on OpenJDK 17 in JBOSS_HOME=/opt/jboss/wildfly, user jboss (1000);
#                                        deployment scanner on standalone/deployments; port 8080.
#   postgres:latest, postgres:15         Debian's PostgreSQL 15; docker-entrypoint.sh (bash) initialises
#                                        PGDATA=/var/lib/postgresql/data (VOLUME) on the first start from
#                                        POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust),
#                                        POSTGRES_USER, POSTGRES_DB and /docker-entrypoint-initdb.d; scram-sha-256
#                                        for TCP clients; runs as postgres (999), logs to stderr, STOPSIGNAL SIGINT;
#                                        psql and pg_isready on PATH; port 5432.
#   mariadb:latest, mariadb:10.11        Debian's MariaDB 10.11; docker-entrypoint.sh initialises /var/lib/mysql
#                                        (VOLUME) on the first start from MARIADB_ROOT_PASSWORD (or ..._ALLOW_EMPTY_...,
#                                        ..._RANDOM_...), MARIADB_DATABASE, MARIADB_USER, MARIADB_PASSWORD (MYSQL_*
#                                        aliases too) and /docker-entrypoint-initdb.d; runs as mysql (999), logs to
#                                        stderr; /usr/local/bin/healthcheck.sh (--connect, --innodb_initialized, ...);
#                                        port 3306.
#   redis:latest, redis:7                Debian's Redis 7.0; redis-server without a config file, protected mode off,
#                                        as redis (999) in /data (VOLUME); redis-cli on PATH; port 6379.
#
# Needs a running engine (scripts/start-dockerd.sh); --all needs root (debootstrap, chroot) and Maven (the WildFly
# dist). Installs busybox-static / debootstrap when missing.
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
        -h|--help) awk 'NR == 1 { next } /^set -euo pipefail$/ { exit } { print }' "$0"; exit 0 ;;
        *) cm_log "unknown argument: $arg"; exit 2 ;;
    esac
done

BUSYBOX_IMAGE=coremonitor-test/busybox:latest
DEBIAN_IMAGE=coremonitor-test/debian:bookworm
NGINX_IMAGE=nginx:latest
NGINX_TAGS=(nginx:1.22)
TOMCAT_IMAGE=tomcat:latest
TOMCAT_TAGS=(tomcat:10)
WILDFLY_VERSION=39.0.1.Final
WILDFLY_IMAGE=quay.io/wildfly/wildfly:latest
WILDFLY_TAGS=("quay.io/wildfly/wildfly:$WILDFLY_VERSION-jdk17")
LABEL_KEY=coremonitor.test.inputs

DEBIAN_CHANGES=(
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    --change 'CMD ["bash"]'
)
NGINX_PACKAGES="nginx"
NGINX_DOCKERFILE="STOPSIGNAL SIGQUIT"
NGINX_CHANGES=(
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    --change 'ENV NGINX_VERSION=1.22.1'
    --change 'ENTRYPOINT ["/docker-entrypoint.sh"]'
    --change 'EXPOSE 80'
    --change 'CMD ["nginx", "-g", "daemon off;"]'
)
JRE_PACKAGES="openjdk-17-jre-headless"
# Debian's Tomcat without the systemd service package (tomcat10): the jars, bin/ and the instance skeleton (conf/).
TOMCAT_PACKAGES="libtomcat10-java tomcat10-common tomcat10-user"
TOMCAT_CHANGES=(
    --change 'ENV JAVA_HOME=/opt/java/openjdk'
    --change 'ENV CATALINA_HOME=/usr/local/tomcat'
    --change 'ENV PATH=/usr/local/tomcat/bin:/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    --change 'ENV LANG=C.UTF-8'
    --change 'ENV TOMCAT_MAJOR=10'
    --change 'WORKDIR /usr/local/tomcat'
    --change 'EXPOSE 8080'
    --change 'CMD ["catalina.sh", "run"]'
)
WILDFLY_CHANGES=(
    --change 'ENV JAVA_HOME=/opt/java/openjdk'
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    --change 'ENV LANG=C.UTF-8'
    --change "ENV WILDFLY_VERSION=$WILDFLY_VERSION"
    --change 'ENV JBOSS_HOME=/opt/jboss/wildfly'
    --change 'ENV LAUNCH_JBOSS_IN_BACKGROUND=true'
    --change 'USER jboss'
    --change 'WORKDIR /opt/jboss'
    --change 'EXPOSE 8080'
    --change 'CMD ["/opt/jboss/wildfly/bin/standalone.sh", "-b", "0.0.0.0"]'
)
# The databases: Debian bookworm's versions, tagged as what they are (PostgreSQL 15, MariaDB 10.11, Redis 7.0).
POSTGRES_IMAGE=postgres:latest
POSTGRES_TAGS=(postgres:15)
POSTGRES_MAJOR=15
# gosu: the official images' step down from root; locales: en_US.UTF-8 (LANG); xz-utils, zstd: *.sql.xz, *.sql.zst.
POSTGRES_PACKAGES="postgresql-$POSTGRES_MAJOR postgresql-client-$POSTGRES_MAJOR tzdata gosu locales xz-utils zstd"
POSTGRES_DOCKERFILE="STOPSIGNAL SIGINT"
POSTGRES_CHANGES=(
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/$POSTGRES_MAJOR/bin"
    --change 'ENV LANG=en_US.utf8'
    --change "ENV PG_MAJOR=$POSTGRES_MAJOR"
    --change 'ENV PGDATA=/var/lib/postgresql/data'
    --change 'VOLUME /var/lib/postgresql/data'
    --change 'ENTRYPOINT ["docker-entrypoint.sh"]'
    --change 'EXPOSE 5432'
    --change 'CMD ["postgres"]'
)
MARIADB_IMAGE=mariadb:latest
MARIADB_TAGS=(mariadb:10.11)
# tzdata: the time zone tables loaded at initialisation and TZ; xz-utils, zstd: *.sql.xz, *.sql.zst.
MARIADB_PACKAGES="mariadb-server mariadb-client tzdata gosu xz-utils zstd"
MARIADB_CHANGES=(
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    --change 'ENV LANG=C.UTF-8'
    --change 'VOLUME /var/lib/mysql'
    --change 'ENTRYPOINT ["docker-entrypoint.sh"]'
    --change 'EXPOSE 3306'
    --change 'CMD ["mariadbd"]'
)
REDIS_IMAGE=redis:latest
REDIS_TAGS=(redis:7)
REDIS_PACKAGES="redis-server redis-tools gosu"
REDIS_CHANGES=(
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    --change 'VOLUME /data'
    --change 'WORKDIR /data'
    --change 'ENTRYPOINT ["docker-entrypoint.sh"]'
    --change 'EXPOSE 6379'
    --change 'CMD ["redis-server"]'
)

if ! cm_docker_answers; then
    cm_log "no Docker engine answers on $COREMONITOR_DOCKER_SOCK: run scripts/start-dockerd.sh first"
    exit 1
fi

work=$(mktemp -d /tmp/coremonitor-test-images.XXXXXX)
proc_mount=""
smoke_container=""
cleanup() {
    if [ -n "$smoke_container" ]; then
        cm_docker rm -f -v "$smoke_container" >/dev/null 2>&1 || true
    fi
    if [ -n "$proc_mount" ]; then
        umount "$proc_mount" 2>/dev/null || umount -l "$proc_mount" 2>/dev/null || true
    fi
    # --one-file-system: never descend into a mount left behind in a root filesystem.
    rm -rf --one-file-system "$work"
}
trap cleanup EXIT

# Imports a tar as image $2, tags it also as every name in $3 (space separated, may be empty), and removes the
# image the names pointed to before, unless a container still uses it. $4: Dockerfile instructions that
# `docker import --change` does not take (STOPSIGNAL), applied by a `docker build` on the imported image (no
# layer is added); may be empty. The rest are `docker import` options.
import_image() {
    local tar=$1 name=$2 also=$3 dockerfile=$4 old tag id
    shift 4
    old=$(cm_image_id "$name")
    if [ -n "$dockerfile" ]; then
        id=$(cm_docker import "$@" "$tar")
        # The classic builder: Debian's docker.io has no buildx, and it resolves FROM against local images only.
        printf 'FROM %s\n%s\n' "$id" "$dockerfile" \
            | DOCKER_BUILDKIT=0 cm_docker build --force-rm -q -t "$name" - >/dev/null
    else
        cm_docker import "$@" "$tar" "$name" >/dev/null
    fi
    for tag in $also; do
        cm_docker tag "$name" "$tag"
    done
    cm_remove_superseded "$old" "$(cm_image_id "$name")"
}

# True when image $1 carries inputs label $2; then also (re)points the tags in $3 at it, in case one was removed.
up_to_date() {
    local name=$1 sum=$2 also=$3 tag id
    $force && return 1
    [ "$(cm_image_label "$name" "$LABEL_KEY")" = "$sum" ] || return 1
    id=$(cm_image_id "$name")
    for tag in $also; do
        [ "$(cm_image_id "$tag")" = "$id" ] || cm_docker tag "$name" "$tag"
    done
    cm_log "$name is up to date (inputs ${sum:0:12})"
}

need_root() {
    if [ "$(id -u)" -ne 0 ]; then
        cm_log "must run as root to build $1 (debootstrap, chroot)"
        exit 1
    fi
}

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
    up_to_date "$BUSYBOX_IMAGE" "$sum" "" && return 0
    cm_log "importing $BUSYBOX_IMAGE (inputs ${sum:0:12})"
    import_image "$work/busybox.tar" "$BUSYBOX_IMAGE" "" "" \
        --change "LABEL $LABEL_KEY=$sum" \
        --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'WORKDIR /' \
        --change 'CMD ["sh"]' \
        --message "coremonitor test image from Debian busybox-static"
    # Smoke check: the image runs and has the applets the tests use.
    # shellcheck disable=SC2016
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

# --- coremonitor-test/debian:bookworm ---------------------------------------------------------------------------

# Makes the debootstrap root filesystem in $1 from mirror $2. Its text (declare -f) is part of the inputs hash.
make_debian_rootfs() {
    local root=$1 mirror=$2
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
        cm_log "debootstrap failed:"; tail -n 30 "$work/debootstrap.log" >&2; return 1;
    }
    # The same mirror for later `apt-get install` inside images built from this one.
    echo "deb $mirror bookworm main" >"$root/etc/apt/sources.list"
    chroot "$root" apt-get clean
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/tmp/* "$root"/var/log/*.log
}

build_debian() {
    local mirror sum t0=$SECONDS
    mirror=$(cm_debian_mirror)
    sum=$( { declare -f make_debian_rootfs cm_repro_rootfs_tar; printf '%s\n' "${DEBIAN_CHANGES[@]}";
             echo "bookworm minbase $mirror"; } | sha256sum | cut -c1-64)
    up_to_date "$DEBIAN_IMAGE" "$sum" "" && return 0
    need_root "$DEBIAN_IMAGE"
    if ! command -v debootstrap >/dev/null 2>&1; then
        cm_log "installing debootstrap"
        cm_apt_install debootstrap
    fi
    cm_log "debootstrap --variant=minbase bookworm from $mirror (about a minute)"
    make_debian_rootfs "$work/debian-root" "$mirror"
    cm_log "importing $DEBIAN_IMAGE (inputs ${sum:0:12})"
    cm_repro_rootfs_tar "$work/debian-root" "$work/debian.tar"
    rm -rf --one-file-system "$work/debian-root"
    import_image "$work/debian.tar" "$DEBIAN_IMAGE" "" "" \
        --change "LABEL $LABEL_KEY=$sum" "${DEBIAN_CHANGES[@]}" \
        --message "coremonitor test image: debootstrap minbase bookworm"
    rm -f "$work/debian.tar"
    cm_docker run --rm "$DEBIAN_IMAGE" sh -c 'test -x /usr/bin/apt-get' \
        || { cm_log "$DEBIAN_IMAGE was imported but does not run"; exit 1; }
    cm_log "built $DEBIAN_IMAGE in $((SECONDS - t0))s"
}

# --- shared stages of the middleware images (made at most once a run, only when an image needs them) -----------

stage_base=""
stage_jre=""
# The names of the image import_rootfs imported last (its smoke check removes them when it fails).
imported_names=""

# Runs apt-get install --no-install-recommends of the packages $2... in root filesystem $1, with /proc mounted
# (the JRE's maintainer scripts run java) and services kept from starting (policy-rc.d).
chroot_install() {
    local root=$1 rc=0
    shift
    mount -t proc proc "$root/proc"
    proc_mount="$root/proc"
    chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" \
        >"$work/apt.log" 2>&1 || rc=$?
    umount "$root/proc"
    proc_mount=""
    if [ "$rc" -ne 0 ]; then
        cm_log "apt-get install $* in the chroot failed:"
        tail -n 30 "$work/apt.log" >&2
        exit 1
    fi
}

# The base stage: coremonitor-test/debian:bookworm's files, bookworm, bookworm-updates and (when apt here has one)
# the security mirror, updated apt lists, the host's resolv.conf and a policy-rc.d that forbids starting services.
prepare_base_stage() {
    [ -n "$stage_base" ] && return 0
    local root="$work/stage-base" cid mirror security
    mirror=$(cm_debian_mirror)
    security=$(cm_debian_security_mirror)
    mkdir -p "$root"
    cid=$(cm_docker create "$DEBIAN_IMAGE" true)
    cm_docker export "$cid" | tar -x --numeric-owner -C "$root"
    cm_docker rm "$cid" >/dev/null
    # What `docker create` adds: the marker file and empty hosts/hostname/resolv.conf (the engine mounts its own).
    rm -f "$root/.dockerenv"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    {
        echo "deb $mirror bookworm main"
        echo "deb $mirror bookworm-updates main"
        [ -z "$security" ] || echo "deb $security bookworm-security main"
    } >"$root/etc/apt/sources.list"
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 0755 "$root/usr/sbin/policy-rc.d"
    chroot "$root" apt-get update -q >"$work/apt-update.log" 2>&1 || {
        cm_log "apt-get update in the chroot failed:"; tail -n 30 "$work/apt-update.log" >&2; exit 1;
    }
    stage_base=$root
}

# The JRE stage: the base stage plus OpenJDK 17 (headless JRE), linked at /opt/java/openjdk like the
# eclipse-temurin bases of the official images.
prepare_jre_stage() {
    [ -n "$stage_jre" ] && return 0
    prepare_base_stage
    local root="$work/stage-jre" arch
    cp -a "$stage_base" "$root"
    # shellcheck disable=SC2086
    chroot_install "$root" $JRE_PACKAGES
    arch=$(chroot "$root" dpkg --print-architecture)
    mkdir -p "$root/opt/java"
    ln -s "/usr/lib/jvm/java-17-openjdk-$arch" "$root/opt/java/openjdk"
    stage_jre=$root
}

# Empties what apt and the build leave behind in root filesystem $1.
finish_rootfs() {
    local root=$1
    chroot "$root" apt-get clean
    rm -f "$root/usr/sbin/policy-rc.d"
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/debconf/*-old \
        "$root"/tmp/* "$root"/var/log/*.log "$root"/var/log/apt/*
    # The engine mounts its own resolv.conf; an image carries none of the build machine's.
    : >"$root/etc/resolv.conf"
}

# Imports root filesystem $2 (then removed) as image $1 with tags $3, inputs $4, the Dockerfile instructions $5
# (see import_image) and the import options after.
import_rootfs() {
    local name=$1 root=$2 also=$3 sum=$4 dockerfile=$5 tar
    shift 5
    tar="$work/$(basename "$root").tar"
    cm_log "importing $name (inputs ${sum:0:12})"
    cm_repro_rootfs_tar "$root" "$tar"
    rm -rf --one-file-system "$root"
    import_image "$tar" "$name" "$also" "$dockerfile" --change "LABEL $LABEL_KEY=$sum" "$@"
    rm -f "$tar"
    imported_names="$name $also"
}

# The inputs hash of a middleware image: the base image's label, the base stage's functions, the functions and
# variables named in $@ (declare -f / declare -p; the JRE images name the JRE stage's) and the mirrors.
stage_sum() {
    local n
    {
        echo "base $(cm_image_label "$DEBIAN_IMAGE" "$LABEL_KEY")"
        declare -f chroot_install prepare_base_stage finish_rootfs cm_repro_rootfs_tar
        for n in "$@"; do
            declare -f "$n" 2>/dev/null || declare -p "$n"
        done
        echo "$(cm_debian_mirror) $(cm_debian_security_mirror)"
    } | sha256sum | cut -c1-64
}

# --- smoke checks: the containers answer HTTP, probed from inside like Core Monitor does (bash /dev/tcp) --------

# The probe run in the container: GET $2 on 127.0.0.1:$1, prints the response's status line.
read -r -d '' HTTP_PROBE <<'SH' || true
exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3
IFS= read -r line <&3 && printf '%s\n' "${line%$'\r'}"
SH

# Prints the status line of GET $3 on 127.0.0.1:$2 in container $1, or nothing when nothing answers.
http_status() {
    cm_docker exec "$1" bash -c "$HTTP_PROBE" probe "$2" "$3" 2>/dev/null || true
}

# Waits up to $4 seconds until GET $3 on port $2 of container $1 answers a status line matching $5.
wait_http() {
    local cid=$1 port=$2 path=$3 timeout=$4 want=$5 t0=$SECONDS line=""
    while [ $((SECONDS - t0)) -lt "$timeout" ]; do
        line=$(http_status "$cid" "$port" "$path")
        if [[ "$line" =~ $want ]]; then
            cm_log "  GET :$port$path answered '$line' after $((SECONDS - t0))s"
            return 0
        fi
        if [ "$(cm_docker inspect --format '{{.State.Running}}' "$cid" 2>/dev/null)" != true ]; then
            break
        fi
        sleep 0.5
    done
    cm_log "  GET :$port$path did not answer $want within ${timeout}s (last: '${line}'); container log:"
    cm_docker logs --tail 40 "$cid" >&2 2>&1 || true
    return 1
}

# Creates the smoke container of image $1 (one at a time; the EXIT trap removes it): the arguments up to a `--`
# are `docker create` options, the ones after it the command. smoke_start also starts it; after smoke_create,
# files can be copied in (`docker cp`, like a deployment by Core Monitor) before `cm_docker start`.
smoke_create() {
    local image=$1 opts=()
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        opts+=("$1")
        shift
    done
    [ $# -eq 0 ] || shift
    smoke_container=$(cm_docker create "${opts[@]}" "$image" "$@")
    cm_log "smoke check of $image${*:+ $*} (container ${smoke_container:0:12})"
}

smoke_start() {
    smoke_create "$@"
    cm_docker start "$smoke_container" >/dev/null
}

smoke_end() {
    cm_docker rm -f -v "$smoke_container" >/dev/null 2>&1 || true
    smoke_container=""
}

# Fails the build of image $1 for reason $2: shows the smoke container's log and removes the names the image was
# just imported under (imported_names, set by import_rootfs), so that the next run builds it again instead of
# finding it up to date.
smoke_fail() {
    cm_log "$1 was imported but $2"
    if [ -n "$smoke_container" ]; then
        cm_log "  log of the smoke container:"
        cm_docker logs --tail 40 "$smoke_container" >&2 2>&1 || true
        smoke_end
    fi
    if [[ " $imported_names " == *" $1 "* ]]; then
        # shellcheck disable=SC2086
        cm_docker image rm $imported_names >/dev/null 2>&1 || true
        cm_log "  removed $imported_names: the next run builds it again"
    fi
    exit 1
}

# Waits up to $2 seconds until the command $3... succeeds in container $1 (docker exec).
wait_exec() {
    local cid=$1 timeout=$2 t0=$SECONDS
    shift 2
    while [ $((SECONDS - t0)) -lt "$timeout" ]; do
        if cm_docker exec "$cid" "$@" >/dev/null 2>&1; then
            cm_log "  '$*' succeeded after $((SECONDS - t0))s"
            return 0
        fi
        [ "$(cm_docker inspect --format '{{.State.Running}}' "$cid" 2>/dev/null)" = true ] || break
        sleep 0.5
    done
    cm_log "  '$*' did not succeed within ${timeout}s"
    return 1
}

# Waits up to $2 seconds for container $1 to stop; prints its exit code, or nothing when it still runs.
wait_exit() {
    local t0=$SECONDS
    while [ $((SECONDS - t0)) -lt "$2" ]; do
        if [ "$(cm_docker inspect --format '{{.State.Running}}' "$1")" != true ]; then
            cm_docker inspect --format '{{.State.ExitCode}}' "$1"
            return 0
        fi
        sleep 0.5
    done
}

# True when the log (stdout and stderr) of container $1 contains the text $2.
log_has() {
    local log
    log=$(cm_docker logs "$1" 2>&1)
    [[ "$log" == *"$2"* ]]
}

# The address of container $1 on the default bridge, where a second container reaches it (like a service name
# on a stack's network).
container_ip() {
    cm_docker inspect --format '{{.NetworkSettings.IPAddress}}' "$1"
}

# The uid the main process of container $1 runs as.
pid1_uid() {
    # shellcheck disable=SC2016
    cm_docker exec "$1" awk '/^Uid:/ { print $2 }' /proc/1/status
}

# Runs the command $2... in a second, throwaway container of image $1 (a client); prints its output, both streams.
peer() {
    local image=$1
    shift
    cm_docker run --rm "$image" "$@" 2>&1
}

# A tiny WAR (an index.html) in $work/smoke.war, made with the JDK's jar tool; false when there is none.
make_smoke_war() {
    [ -f "$work/smoke.war" ] && return 0
    command -v jar >/dev/null 2>&1 || { cm_log "  no jar tool here: WAR deployment not checked"; return 1; }
    mkdir -p "$work/smoke-war"
    echo '<html><body>coremonitor smoke</body></html>' >"$work/smoke-war/index.html"
    jar --create --file "$work/smoke.war" -C "$work/smoke-war" .
}

# Waits up to $2 seconds for file $3 in container $1.
wait_file() {
    local t0=$SECONDS
    while [ $((SECONDS - t0)) -lt "$2" ]; do
        cm_docker exec "$1" test -e "$3" 2>/dev/null && return 0
        sleep 0.5
    done
    return 1
}

# --- nginx:latest ---------------------------------------------------------------------------------------------

# Debian's nginx in the official image's layout (nginx.conf, conf.d/default.conf, html/ and the log symlinks of
# the official Dockerfile; user nginx, uid 101), in root filesystem $1.
make_nginx_rootfs() {
    local root=$1
    # The official image's user, created before the package so that nothing else takes uid 101.
    chroot "$root" groupadd --system --gid 101 nginx
    chroot "$root" useradd --system --gid nginx --no-create-home --home-dir /nonexistent \
        --comment "nginx user" --shell /bin/false --uid 101 nginx
    # shellcheck disable=SC2086
    chroot_install "$root" $NGINX_PACKAGES
    rm -f "$root/etc/nginx/sites-enabled/default"
    rm -rf "$root/var/www/html"
    mkdir -p "$root/etc/nginx/conf.d" "$root/usr/share/nginx/html" "$root/var/cache/nginx" "$root/docker-entrypoint.d"
    cat >"$root/etc/nginx/nginx.conf" <<'CONF'

user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
CONF
    cat >"$root/etc/nginx/conf.d/default.conf" <<'CONF'
server {
    listen       80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
CONF
    cat >"$root/usr/share/nginx/html/index.html" <<'HTML'
<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
HTML
    cat >"$root/usr/share/nginx/html/50x.html" <<'HTML'
<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
HTML
    # Like the official image: the logs go to the container's stdout and stderr.
    ln -sf /dev/stdout "$root/var/log/nginx/access.log"
    ln -sf /dev/stderr "$root/var/log/nginx/error.log"
    # The official entry point, reduced to what it does without scripts in /docker-entrypoint.d: runs them when
    # there are some, then execs the command.
    cat >"$root/docker-entrypoint.sh" <<'SH'
#!/bin/sh
# vim:sw=4:ts=4:et

set -e

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    if /usr/bin/find "/docker-entrypoint.d/" -mindepth 1 -maxdepth 1 -type f -print -quit 2>/dev/null | read v; then
        entrypoint_log "$0: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"

        entrypoint_log "$0: Looking for shell scripts in /docker-entrypoint.d/"
        find "/docker-entrypoint.d/" -follow -type f -print | sort -V | while read -r f; do
            case "$f" in
                *.envsh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Sourcing $f";
                        . "$f"
                    else
                        entrypoint_log "$0: Ignoring $f, not executable";
                    fi
                    ;;
                *.sh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Launching $f";
                        "$f"
                    else
                        entrypoint_log "$0: Ignoring $f, not executable";
                    fi
                    ;;
                *) entrypoint_log "$0: Ignoring $f";;
            esac
        done

        entrypoint_log "$0: Configuration complete; ready for start up"
    else
        entrypoint_log "$0: No files found in /docker-entrypoint.d/, skipping configuration"
    fi
fi

exec "$@"
SH
    chmod 0755 "$root/docker-entrypoint.sh"
    finish_rootfs "$root"
}

build_nginx() {
    local sum root t0=$SECONDS
    sum=$(stage_sum make_nginx_rootfs NGINX_PACKAGES NGINX_DOCKERFILE NGINX_CHANGES NGINX_TAGS)
    up_to_date "$NGINX_IMAGE" "$sum" "${NGINX_TAGS[*]}" && return 0
    need_root "$NGINX_IMAGE"
    cm_log "building $NGINX_IMAGE: Debian's $NGINX_PACKAGES in the official layout"
    prepare_base_stage
    root="$work/nginx-root"
    cp -a "$stage_base" "$root"
    make_nginx_rootfs "$root"
    import_rootfs "$NGINX_IMAGE" "$root" "${NGINX_TAGS[*]}" "$sum" "$NGINX_DOCKERFILE" "${NGINX_CHANGES[@]}" \
        --message "coremonitor stand-in of the official nginx image: Debian bookworm nginx"
    smoke_start "$NGINX_IMAGE"
    wait_http "$smoke_container" 80 / 60 ' 200 ' || smoke_fail "$NGINX_IMAGE" "does not answer on port 80"
    cm_docker exec "$smoke_container" bash -c \
        'exec 3<>/dev/tcp/127.0.0.1/80; printf "GET / HTTP/1.0\r\n\r\n" >&3; cat <&3' | grep -q 'Welcome to nginx!' \
        || smoke_fail "$NGINX_IMAGE" "does not serve its welcome page"
    sleep 0.5
    cm_docker logs "$smoke_container" 2>&1 | grep -q '"GET / HTTP/1.0" 200' \
        || smoke_fail "$NGINX_IMAGE" "does not log requests to the container's stdout"
    smoke_end
    cm_log "built $NGINX_IMAGE (also ${NGINX_TAGS[*]}) in $((SECONDS - t0))s"
}

# --- tomcat:latest --------------------------------------------------------------------------------------------

# Debian's Tomcat 10.1 in the official image's layout in root filesystem $1 (with the JRE stage's OpenJDK 17):
# CATALINA_HOME=/usr/local/tomcat with bin/ (copies of Debian's), lib/ (links to Debian's jars, whose manifests
# name their dependencies in /usr/share/java), conf/ (Debian's instance skeleton; server.xml and logging.properties
# as upstream ships them), an empty webapps/, logs/, work/ and temp/.
make_tomcat_rootfs() {
    local root=$1 home=$1/usr/local/tomcat
    # shellcheck disable=SC2086
    chroot_install "$root" $TOMCAT_PACKAGES
    mkdir -p "$home"/{lib,webapps,logs,work,temp}
    cp -rL "$root/usr/share/tomcat10/bin" "$home/bin"
    rm -f "$home/bin"/*.bat
    # shellcheck disable=SC2016
    chroot "$root" sh -c 'for j in /usr/share/tomcat10/lib/*.jar; do ln -s "$(readlink -f "$j")" "/usr/local/tomcat/lib/${j##*/}"; done'
    cp -r "$root/usr/share/tomcat10/skel/conf" "$home/conf"
    cat >"$home/conf/server.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!-- Apache Tomcat's default server.xml, as the official image ships it (comments removed). -->
<Server port="8005" shutdown="SHUTDOWN">
  <Listener className="org.apache.catalina.startup.VersionLoggerListener" />
  <Listener className="org.apache.catalina.core.AprLifecycleListener" />
  <Listener className="org.apache.catalina.core.JreMemoryLeakPreventionListener" />
  <Listener className="org.apache.catalina.mbeans.GlobalResourcesLifecycleListener" />
  <Listener className="org.apache.catalina.core.ThreadLocalLeakPreventionListener" />

  <GlobalNamingResources>
    <Resource name="UserDatabase" auth="Container"
              type="org.apache.catalina.UserDatabase"
              description="User database that can be updated and saved"
              factory="org.apache.catalina.users.MemoryUserDatabaseFactory"
              pathname="conf/tomcat-users.xml" />
  </GlobalNamingResources>

  <Service name="Catalina">
    <Connector port="8080" protocol="HTTP/1.1"
               connectionTimeout="20000"
               redirectPort="8443"
               maxParameterCount="1000"
               />

    <Engine name="Catalina" defaultHost="localhost">
      <Realm className="org.apache.catalina.realm.LockOutRealm">
        <Realm className="org.apache.catalina.realm.UserDatabaseRealm"
               resourceName="UserDatabase"/>
      </Realm>

      <Host name="localhost"  appBase="webapps"
            unpackWARs="true" autoDeploy="true">
        <Valve className="org.apache.catalina.valves.AccessLogValve" directory="logs"
               prefix="localhost_access_log" suffix=".txt"
               pattern="%h %l %u %t &quot;%r&quot; %s %b" />
      </Host>
    </Engine>
  </Service>
</Server>
XML
    cat >"$home/conf/logging.properties" <<'PROPS'
# Apache Tomcat's default logging.properties, as the official image ships it: the catalina log goes to
# logs/catalina.<date>.log and to the console (the container's output), one line per record.
handlers = 1catalina.org.apache.juli.AsyncFileHandler, 2localhost.org.apache.juli.AsyncFileHandler, 3manager.org.apache.juli.AsyncFileHandler, 4host-manager.org.apache.juli.AsyncFileHandler, java.util.logging.ConsoleHandler

.handlers = 1catalina.org.apache.juli.AsyncFileHandler, java.util.logging.ConsoleHandler

1catalina.org.apache.juli.AsyncFileHandler.level = FINE
1catalina.org.apache.juli.AsyncFileHandler.directory = ${catalina.base}/logs
1catalina.org.apache.juli.AsyncFileHandler.prefix = catalina.
1catalina.org.apache.juli.AsyncFileHandler.maxDays = 90
1catalina.org.apache.juli.AsyncFileHandler.encoding = UTF-8

2localhost.org.apache.juli.AsyncFileHandler.level = FINE
2localhost.org.apache.juli.AsyncFileHandler.directory = ${catalina.base}/logs
2localhost.org.apache.juli.AsyncFileHandler.prefix = localhost.
2localhost.org.apache.juli.AsyncFileHandler.maxDays = 90
2localhost.org.apache.juli.AsyncFileHandler.encoding = UTF-8

3manager.org.apache.juli.AsyncFileHandler.level = FINE
3manager.org.apache.juli.AsyncFileHandler.directory = ${catalina.base}/logs
3manager.org.apache.juli.AsyncFileHandler.prefix = manager.
3manager.org.apache.juli.AsyncFileHandler.maxDays = 90
3manager.org.apache.juli.AsyncFileHandler.encoding = UTF-8

4host-manager.org.apache.juli.AsyncFileHandler.level = FINE
4host-manager.org.apache.juli.AsyncFileHandler.directory = ${catalina.base}/logs
4host-manager.org.apache.juli.AsyncFileHandler.prefix = host-manager.
4host-manager.org.apache.juli.AsyncFileHandler.maxDays = 90
4host-manager.org.apache.juli.AsyncFileHandler.encoding = UTF-8

java.util.logging.ConsoleHandler.level = FINE
java.util.logging.ConsoleHandler.formatter = org.apache.juli.OneLineFormatter
java.util.logging.ConsoleHandler.encoding = UTF-8

org.apache.catalina.core.ContainerBase.[Catalina].[localhost].level = INFO
org.apache.catalina.core.ContainerBase.[Catalina].[localhost].handlers = 2localhost.org.apache.juli.AsyncFileHandler

org.apache.catalina.core.ContainerBase.[Catalina].[localhost].[/manager].level = INFO
org.apache.catalina.core.ContainerBase.[Catalina].[localhost].[/manager].handlers = 3manager.org.apache.juli.AsyncFileHandler

org.apache.catalina.core.ContainerBase.[Catalina].[localhost].[/host-manager].level = INFO
org.apache.catalina.core.ContainerBase.[Catalina].[localhost].[/host-manager].handlers = 4host-manager.org.apache.juli.AsyncFileHandler
PROPS
    # As the official image: logs, temp and work writable by any user, everything readable.
    chmod 0777 "$home/logs" "$home/temp" "$home/work"
    chmod -R a+rX "$home"
    finish_rootfs "$root"
}

build_tomcat() {
    local sum root version t0=$SECONDS
    sum=$(stage_sum prepare_jre_stage JRE_PACKAGES make_tomcat_rootfs TOMCAT_PACKAGES TOMCAT_CHANGES TOMCAT_TAGS)
    up_to_date "$TOMCAT_IMAGE" "$sum" "${TOMCAT_TAGS[*]}" && return 0
    need_root "$TOMCAT_IMAGE"
    cm_log "building $TOMCAT_IMAGE: Debian's Tomcat 10.1 and OpenJDK 17 in the official layout"
    prepare_jre_stage
    root="$work/tomcat-root"
    cp -a "$stage_jre" "$root"
    make_tomcat_rootfs "$root"
    # shellcheck disable=SC2016
    version=$(chroot "$root" dpkg-query -W -f '${Version}' libtomcat10-java)
    version=${version%%-*}
    import_rootfs "$TOMCAT_IMAGE" "$root" "${TOMCAT_TAGS[*]}" "$sum" "" "${TOMCAT_CHANGES[@]}" \
        --change "ENV TOMCAT_VERSION=$version" \
        --message "coremonitor stand-in of the official tomcat image: Debian bookworm Tomcat $version, OpenJDK 17"
    smoke_start "$TOMCAT_IMAGE"
    # 404: webapps/ is empty, like the official image's.
    wait_http "$smoke_container" 8080 / 120 ' 404 ' || smoke_fail "$TOMCAT_IMAGE" "does not answer on port 8080"
    if make_smoke_war; then
        cm_docker cp "$work/smoke.war" "$smoke_container:/usr/local/tomcat/webapps/smoke.war"
        wait_http "$smoke_container" 8080 /smoke/ 60 ' 200 ' || smoke_fail "$TOMCAT_IMAGE" "does not deploy a WAR"
        cm_docker logs "$smoke_container" 2>&1 \
            | grep -q 'Deployment of web application archive \[/usr/local/tomcat/webapps/smoke.war\] has finished' \
            || smoke_fail "$TOMCAT_IMAGE" "does not log the deployment to the container's output"
    fi
    smoke_end
    cm_log "built $TOMCAT_IMAGE (also ${TOMCAT_TAGS[*]}, Tomcat $version) in $((SECONDS - t0))s"
}

# --- quay.io/wildfly/wildfly:latest ---------------------------------------------------------------------------

# WildFly from dist tar $2 in the official image's layout in root filesystem $1 (with the JRE stage's OpenJDK
# 17): user jboss (uid 1000, group jboss 1000, home /opt/jboss), JBOSS_HOME=/opt/jboss/wildfly owned by
# jboss:root and group-writable, the default standalone configuration (deployment scanner on
# standalone/deployments).
make_wildfly_rootfs() {
    local root=$1 dist=$2
    chroot "$root" groupadd -r jboss -g 1000
    # As the official Dockerfile (a system user with uid 1000, which useradd warns about: kept quiet).
    chroot "$root" useradd -K SYS_UID_MAX=1000 -u 1000 -r -g jboss -m -d /opt/jboss -s /sbin/nologin \
        -c "JBoss user" jboss
    chmod 0755 "$root/opt/jboss"
    tar -xzf "$dist" -C "$root/opt/jboss" --no-same-owner
    mv "$root/opt/jboss/wildfly-$WILDFLY_VERSION" "$root/opt/jboss/wildfly"
    chown -R 1000:0 "$root/opt/jboss/wildfly"
    chmod -R g+rw "$root/opt/jboss/wildfly"
    finish_rootfs "$root"
}

# Downloads org.wildfly:wildfly-dist:$WILDFLY_VERSION:tar.gz into $1 with Maven (which keeps it in ~/.m2).
fetch_wildfly_dist() {
    local dir=$1
    if ! command -v mvn >/dev/null 2>&1; then
        cm_log "Maven (mvn) is needed to fetch the WildFly dist from Maven Central"
        exit 1
    fi
    mkdir -p "$dir"
    (cd "$dir" && mvn -B -q dependency:copy "-Dartifact=org.wildfly:wildfly-dist:$WILDFLY_VERSION:tar.gz" \
        "-DoutputDirectory=$dir") >"$work/mvn.log" 2>&1 || {
        cm_log "fetching org.wildfly:wildfly-dist:$WILDFLY_VERSION:tar.gz failed:"; tail -n 30 "$work/mvn.log" >&2; exit 1;
    }
}

build_wildfly() {
    local sum root dist t0=$SECONDS deploy=/opt/jboss/wildfly/standalone/deployments
    sum=$(stage_sum prepare_jre_stage JRE_PACKAGES make_wildfly_rootfs fetch_wildfly_dist WILDFLY_VERSION WILDFLY_CHANGES WILDFLY_TAGS)
    up_to_date "$WILDFLY_IMAGE" "$sum" "${WILDFLY_TAGS[*]}" && return 0
    need_root "$WILDFLY_IMAGE"
    cm_log "building $WILDFLY_IMAGE: WildFly $WILDFLY_VERSION and Debian's OpenJDK 17 in the official layout"
    fetch_wildfly_dist "$work/wildfly-dist"
    dist="$work/wildfly-dist/wildfly-dist-$WILDFLY_VERSION.tar.gz"
    prepare_jre_stage
    root="$work/wildfly-root"
    cp -a "$stage_jre" "$root"
    make_wildfly_rootfs "$root" "$dist"
    rm -rf "$work/wildfly-dist"
    import_rootfs "$WILDFLY_IMAGE" "$root" "${WILDFLY_TAGS[*]}" "$sum" "" "${WILDFLY_CHANGES[@]}" \
        --message "coremonitor stand-in of the official WildFly image: WildFly $WILDFLY_VERSION, Debian bookworm OpenJDK 17"
    smoke_start "$WILDFLY_IMAGE"
    wait_http "$smoke_container" 8080 / 180 ' 200 ' || smoke_fail "$WILDFLY_IMAGE" "does not answer on port 8080"
    if make_smoke_war; then
        # Like a deployment by Core Monitor: upload, move into the scanner's directory, mark for deployment.
        cm_docker cp "$work/smoke.war" "$smoke_container:/opt/jboss/smoke.war"
        cm_docker exec "$smoke_container" bash -c "mv /opt/jboss/smoke.war $deploy/ && touch $deploy/smoke.war.dodeploy"
        wait_file "$smoke_container" 120 "$deploy/smoke.war.deployed" \
            || smoke_fail "$WILDFLY_IMAGE" "does not deploy a WAR marked .dodeploy"
        wait_http "$smoke_container" 8080 /smoke/ 30 ' 200 ' || smoke_fail "$WILDFLY_IMAGE" "does not serve a deployed WAR"
    fi
    smoke_end
    cm_log "built $WILDFLY_IMAGE (also ${WILDFLY_TAGS[*]}) in $((SECONDS - t0))s"
}

# --- postgres:latest ------------------------------------------------------------------------------------------

# Debian's PostgreSQL $POSTGRES_MAJOR in the official image's layout in root filesystem $1: user postgres (uid and
# gid 999, home /var/lib/postgresql), no cluster of Debian's own (the entry point makes one in $PGDATA on the first
# start), listen_addresses = '*' in the sample configuration initdb copies, /var/run/postgresql (3777) and $PGDATA
# (1777, made 0700 by the entry point), the en_US.UTF-8 locale, /docker-entrypoint-initdb.d and the entry point in
# /usr/local/bin.
make_postgres_rootfs() {
    local root=$1 sample=/usr/share/postgresql/$POSTGRES_MAJOR/postgresql.conf.sample
    # The official image's user, made before the packages so that postgresql-common keeps it.
    chroot "$root" groupadd --system --gid 999 postgres
    chroot "$root" useradd --system --gid postgres --uid 999 --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chroot "$root" install -d -o postgres -g postgres -m 1777 /var/lib/postgresql
    # postgresql-common first, told not to make Debian's "main" cluster when the server package comes.
    chroot_install "$root" postgresql-common
    sed -ri 's/#(create_main_cluster) .*$/\1 = false/' "$root/etc/postgresql-common/createcluster.conf"
    # shellcheck disable=SC2086
    chroot_install "$root" $POSTGRES_PACKAGES
    echo 'en_US.UTF-8 UTF-8' >>"$root/etc/locale.gen"
    chroot "$root" locale-gen >"$work/locale-gen.log" 2>&1 || {
        cm_log "locale-gen in the chroot failed:"; tail -n 30 "$work/locale-gen.log" >&2; exit 1;
    }
    sed -ri "s!^#?(listen_addresses)\s*=\s*\S+.*!\1 = '*'!" "$root$sample"
    grep -qF "listen_addresses = '*'" "$root$sample"
    chroot "$root" install -d -o postgres -g postgres -m 3777 /var/run/postgresql
    chroot "$root" install -d -o postgres -g postgres -m 1777 /var/lib/postgresql/data
    mkdir -p "$root/docker-entrypoint-initdb.d"
    ln -s /usr/sbin/gosu "$root/usr/local/bin/gosu"
    postgres_entrypoint >"$root/usr/local/bin/docker-entrypoint.sh"
    chmod 0755 "$root/usr/local/bin/docker-entrypoint.sh"
    finish_rootfs "$root"
}

# Prints the postgres image's entry point.
postgres_entrypoint() {
    cat <<'SH'
#!/usr/bin/env bash
# docker-entrypoint.sh of Core Monitor's offline stand-in of the official postgres image (scripts/test-images.sh
# builds it). The official image's contract, in short:
#   postgres [ARG...], or only ARGs when the first starts with '-':
#     Started as root, it gives $PGDATA (and $POSTGRES_INITDB_WALDIR) to the postgres user and reruns itself as
#     postgres (gosu). When $PGDATA holds no cluster yet (no PG_VERSION): initdb with superuser $POSTGRES_USER
#     (default postgres), password $POSTGRES_PASSWORD and the words of $POSTGRES_INITDB_ARGS; pg_hba.conf gets
#     'host all all all METHOD', METHOD being $POSTGRES_HOST_AUTH_METHOD or else password_encryption
#     (scram-sha-256); then, on a temporary server that listens on the Unix socket only: CREATE DATABASE
#     $POSTGRES_DB (default: the user's name) and the files of /docker-entrypoint-initdb.d in name order (*.sh run
#     when executable, else sourced; *.sql, *.sql.gz, *.sql.xz, *.sql.zst fed to psql as the superuser, in
#     $POSTGRES_DB). Without a password (and without POSTGRES_HOST_AUTH_METHOD=trust) it stops with the official
#     image's error. Then it execs postgres, which logs to stderr.
#   anything else is exec'd as is (psql, pg_isready, bash, ...).
# POSTGRES_PASSWORD, POSTGRES_USER, POSTGRES_DB and POSTGRES_INITDB_ARGS may also come as *_FILE, the path of a
# file that holds the value (Docker secrets).
set -Eeo pipefail
shopt -s nullglob

# Exports variable $1 with its value, or else the content of the file named by ${1}_FILE, or else default $2.
file_env() {
    local var=$1 file_var=${1}_FILE value=${2:-}
    if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
        echo >&2 "error: both $var and $file_var are set (but are exclusive)"
        exit 1
    fi
    if [ -n "${!var:-}" ]; then
        value=${!var}
    elif [ -n "${!file_var:-}" ]; then
        value=$(<"${!file_var}")
    fi
    export "$var=$value"
    unset "$file_var"
}

# psql as the superuser on the Unix socket, in $POSTGRES_DB, stopping at the first error. Scripts sourced from
# /docker-entrypoint-initdb.d may call it (or "${psql[@]}"), as with the official image.
docker_process_sql() {
    local cmd=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
    if [ -n "$POSTGRES_DB" ]; then
        cmd+=(--dbname "$POSTGRES_DB")
    fi
    PGHOST='' PGHOSTADDR='' "${cmd[@]}" "$@"
}
# shellcheck disable=SC2034
psql=(docker_process_sql)

# True when the arguments ask postgres only for help or its version.
wants_help() {
    local arg
    for arg; do
        case "$arg" in
            -'?'|--help|--describe-config|-V|--version) return 0 ;;
        esac
    done
    return 1
}

# Makes the cluster in the empty $PGDATA, as the postgres user. $@: the arguments of postgres.
init_cluster() {
    if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
        cat >&2 <<'EOE'
Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
EOE
        exit 1
    fi
    if [ "$POSTGRES_HOST_AUTH_METHOD" = trust ]; then
        echo >&2 'WARNING: POSTGRES_HOST_AUTH_METHOD has been set to "trust": anyone who reaches the port connects without a password.'
    fi
    # Fails now, not half-way, when postgres may not read the scripts.
    ls /docker-entrypoint-initdb.d/ >/dev/null

    local initdb_args=() method
    if [ -n "${POSTGRES_INITDB_WALDIR:-}" ]; then
        initdb_args+=(--waldir "$POSTGRES_INITDB_WALDIR")
    fi
    # Shell words, quotes allowed (--locale="..."), like the official image's.
    eval "initdb_args+=($POSTGRES_INITDB_ARGS)"
    # The password file ends with a newline: initdb refuses an empty file (POSTGRES_HOST_AUTH_METHOD=trust).
    initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") "${initdb_args[@]}"

    method=${POSTGRES_HOST_AUTH_METHOD:-$(postgres -C password_encryption "$@")}
    {
        echo
        if [ "$method" = trust ]; then
            echo '# warning trust is enabled for all connections'
        fi
        echo "host all all all $method"
    } >>"$PGDATA/pg_hba.conf"

    # PGPASSWORD: for local connections that ask for one (--auth-local=... in POSTGRES_INITDB_ARGS).
    export PGPASSWORD=${PGPASSWORD:-$POSTGRES_PASSWORD}
    local server_args=("$@" -c listen_addresses= -p "${PGPORT:-5432}")
    PGUSER=${PGUSER:-$POSTGRES_USER} pg_ctl -D "$PGDATA" -w start -o "$(printf '%q ' "${server_args[@]}")"
    # (A later --dbname wins: these run in database postgres.)
    if [ -z "$(docker_process_sql --dbname postgres --tuples-only --set db="$POSTGRES_DB" \
        <<<"SELECT 1 FROM pg_database WHERE datname = :'db'")" ]; then
        docker_process_sql --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db"'
    fi
    local f
    for f in /docker-entrypoint-initdb.d/*; do
        case "$f" in
            *.sh)
                if [ -x "$f" ]; then
                    echo "$0: running $f"
                    "$f"
                else
                    echo "$0: sourcing $f"
                    # shellcheck disable=SC1090
                    . "$f"
                fi
                ;;
            *.sql)     echo "$0: running $f"; docker_process_sql -f "$f" ;;
            *.sql.gz)  echo "$0: running $f"; gunzip -c "$f" | docker_process_sql ;;
            *.sql.xz)  echo "$0: running $f"; xzcat "$f" | docker_process_sql ;;
            *.sql.zst) echo "$0: running $f"; zstd -dc "$f" | docker_process_sql ;;
            *)         echo "$0: ignoring $f" ;;
        esac
    done
    pg_ctl -D "$PGDATA" -m fast -w stop
    unset PGPASSWORD
    printf '\nPostgreSQL init process complete; ready for start up.\n\n'
}

if [ "${1:0:1}" = - ]; then
    set -- postgres "$@"
fi
if [ "$1" = postgres ] && ! wants_help "$@"; then
    file_env POSTGRES_PASSWORD
    file_env POSTGRES_USER postgres
    file_env POSTGRES_DB "$POSTGRES_USER"
    file_env POSTGRES_INITDB_ARGS
    : "${POSTGRES_HOST_AUTH_METHOD:=}"
    # postgres wants its data directories private; on a volume of another owner chmod may fail (postgres says why).
    mkdir -p "$PGDATA"
    chmod 700 "$PGDATA" || :
    mkdir -p /var/run/postgresql || :
    chmod 3775 /var/run/postgresql || :
    if [ -n "${POSTGRES_INITDB_WALDIR:-}" ]; then
        mkdir -p "$POSTGRES_INITDB_WALDIR"
        chmod 700 "$POSTGRES_INITDB_WALDIR" || :
    fi
    if [ "$(id -u)" = 0 ]; then
        find "$PGDATA" /var/run/postgresql ${POSTGRES_INITDB_WALDIR:+"$POSTGRES_INITDB_WALDIR"} \
            \! -user postgres -exec chown postgres '{}' +
        exec gosu postgres "${BASH_SOURCE[0]}" "$@"
    fi
    if [ -s "$PGDATA/PG_VERSION" ]; then
        printf '\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n'
    else
        init_cluster "${@:2}"
    fi
fi
exec "$@"
SH
}

build_postgres() {
    local sum root version ip out code t0=$SECONDS url
    sum=$(stage_sum make_postgres_rootfs postgres_entrypoint POSTGRES_MAJOR POSTGRES_PACKAGES POSTGRES_DOCKERFILE \
        POSTGRES_CHANGES POSTGRES_TAGS)
    up_to_date "$POSTGRES_IMAGE" "$sum" "${POSTGRES_TAGS[*]}" && return 0
    need_root "$POSTGRES_IMAGE"
    cm_log "building $POSTGRES_IMAGE: Debian's PostgreSQL $POSTGRES_MAJOR in the official layout"
    prepare_base_stage
    root="$work/postgres-root"
    cp -a "$stage_base" "$root"
    make_postgres_rootfs "$root"
    # shellcheck disable=SC2016
    version=$(chroot "$root" dpkg-query -W -f '${Version}' "postgresql-$POSTGRES_MAJOR")
    import_rootfs "$POSTGRES_IMAGE" "$root" "${POSTGRES_TAGS[*]}" "$sum" "$POSTGRES_DOCKERFILE" "${POSTGRES_CHANGES[@]}" \
        --change "ENV PG_VERSION=$version" \
        --message "coremonitor stand-in of the official postgres image: Debian bookworm PostgreSQL $version"

    # Without a password the container stops with the official message.
    smoke_start "$POSTGRES_IMAGE"
    code=$(wait_exit "$smoke_container" 60)
    if [ -z "$code" ] || [ "$code" = 0 ]; then
        smoke_fail "$POSTGRES_IMAGE" "does not stop with an error without POSTGRES_PASSWORD (exit code: '$code')"
    fi
    log_has "$smoke_container" 'Error: Database is uninitialized and superuser password is not specified.' \
        || smoke_fail "$POSTGRES_IMAGE" "does not say that POSTGRES_PASSWORD is missing"
    smoke_end

    # With one: user, database and the scripts of /docker-entrypoint-initdb.d (copied in before the start).
    mkdir -p "$work/postgres-initdb"
    echo "CREATE TABLE smoke (word text); INSERT INTO smoke VALUES ('sql');" >"$work/postgres-initdb/10-table.sql"
    printf '%s\n' '#!/bin/bash' 'set -e' \
        "psql -v ON_ERROR_STOP=1 --username \"\$POSTGRES_USER\" --dbname \"\$POSTGRES_DB\" -c \"INSERT INTO smoke VALUES ('sh')\"" \
        >"$work/postgres-initdb/20-row.sh"
    chmod 0755 "$work/postgres-initdb/20-row.sh"
    smoke_create "$POSTGRES_IMAGE" -e POSTGRES_USER=smoke -e POSTGRES_PASSWORD=smoke-pw -e POSTGRES_DB=smokedb
    cm_docker cp "$work/postgres-initdb/." "$smoke_container:/docker-entrypoint-initdb.d/"
    cm_docker start "$smoke_container" >/dev/null
    wait_exec "$smoke_container" 120 pg_isready -h 127.0.0.1 -p 5432 -U smoke -d smokedb \
        || smoke_fail "$POSTGRES_IMAGE" "does not accept connections on 127.0.0.1:5432"
    [ "$(pid1_uid "$smoke_container")" = 999 ] || smoke_fail "$POSTGRES_IMAGE" "does not run postgres as uid 999"
    ip=$(container_ip "$smoke_container")
    url="postgresql://smoke:smoke-pw@$ip:5432/smokedb"
    # A password login over TCP from a second container (scram-sha-256: pg_hba's 'host all all all').
    out=$(peer "$POSTGRES_IMAGE" psql "$url" -tA -c "SELECT string_agg(word, ',' ORDER BY word) FROM smoke")
    [ "$out" = "sh,sql" ] || smoke_fail "$POSTGRES_IMAGE" "does not serve the database its init scripts filled over TCP (psql said: $out)"
    out=$(peer "$POSTGRES_IMAGE" psql "$url" -tA -c "SELECT auth_method FROM pg_hba_file_rules WHERE address = 'all'" || true)
    # (pg_hba_file_rules needs a superuser: smoke is one, as POSTGRES_USER.)
    [ "$out" = scram-sha-256 ] || smoke_fail "$POSTGRES_IMAGE" "does not ask for scram-sha-256 passwords from other hosts ($out)"
    if out=$(peer "$POSTGRES_IMAGE" psql "postgresql://smoke:wrong@$ip:5432/smokedb" -c 'SELECT 1'); then
        smoke_fail "$POSTGRES_IMAGE" "accepts a wrong password over TCP"
    fi
    [[ "$out" == *'password authentication failed for user "smoke"'* ]] \
        || smoke_fail "$POSTGRES_IMAGE" "does not refuse a wrong password the usual way ($out)"
    log_has "$smoke_container" 'database system is ready to accept connections' \
        || smoke_fail "$POSTGRES_IMAGE" "does not log to the container's output"
    # Stopped with SIGINT (fast shutdown), started again on the same data: no second initialisation.
    cm_docker stop -t 60 "$smoke_container" >/dev/null
    code=$(cm_docker inspect --format '{{.State.ExitCode}}' "$smoke_container")
    if [ "$code" != 0 ] || ! log_has "$smoke_container" 'received fast shutdown request'; then
        smoke_fail "$POSTGRES_IMAGE" "does not stop cleanly on SIGINT (exit code $code)"
    fi
    cm_docker start "$smoke_container" >/dev/null
    if ! wait_exec "$smoke_container" 60 pg_isready -h 127.0.0.1 -p 5432 -U smoke -d smokedb \
        || ! log_has "$smoke_container" 'Skipping initialization'; then
        smoke_fail "$POSTGRES_IMAGE" "does not start again on its data"
    fi
    smoke_end
    cm_log "built $POSTGRES_IMAGE (also ${POSTGRES_TAGS[*]}, PostgreSQL $version) in $((SECONDS - t0))s"
}

# --- mariadb:latest -------------------------------------------------------------------------------------------

# Debian's MariaDB 10.11 in the official image's layout in root filesystem $1: user mysql (uid and gid 999, home
# /var/lib/mysql), an empty /var/lib/mysql (the entry point initialises it on the first start), /run/mysqld (777)
# for the socket, Debian's configuration without its bind-address, log and user lines (so the server listens on all
# interfaces, logs to stderr and runs as whoever starts it), host-cache-size=0 and skip-name-resolve
# (mariadb.conf.d/05-skipcache.cnf), conf.d read last (the documented place for one's own .cnf),
# /docker-entrypoint-initdb.d, and the entry point and healthcheck.sh in /usr/local/bin.
make_mariadb_rootfs() {
    local root=$1 cnf
    # The official image's user, made before the packages so that they keep it.
    chroot "$root" groupadd --system --gid 999 mysql
    chroot "$root" useradd --system --gid mysql --uid 999 --home-dir /var/lib/mysql --no-create-home \
        --shell /bin/false mysql
    # shellcheck disable=SC2086
    chroot_install "$root" $MARIADB_PACKAGES
    # The package's postinst may have made a database: the first start of a container makes its own.
    rm -rf "$root/var/lib/mysql"
    chroot "$root" install -d -o mysql -g mysql -m 0755 /var/lib/mysql
    chroot "$root" install -d -o mysql -g mysql -m 0777 /run/mysqld
    while IFS= read -r cnf; do
        sed -Ei 's/^(bind-address|log|user\s)/#&/' "$cnf"
    done < <(grep -rlE '^(bind-address|log|user\s)' "$root/etc/mysql" --include='*.cnf')
    printf '[mariadb]\nhost-cache-size=0\nskip-name-resolve\n' >"$root/etc/mysql/mariadb.conf.d/05-skipcache.cnf"
    sed -i '\#^!includedir /etc/mysql/conf.d/#d' "$root/etc/mysql/mariadb.cnf"
    echo '!includedir /etc/mysql/conf.d/' >>"$root/etc/mysql/mariadb.cnf"
    mkdir -p "$root/etc/mysql/conf.d" "$root/docker-entrypoint-initdb.d"
    ln -s /usr/sbin/gosu "$root/usr/local/bin/gosu"
    mariadb_entrypoint >"$root/usr/local/bin/docker-entrypoint.sh"
    mariadb_healthcheck >"$root/usr/local/bin/healthcheck.sh"
    chmod 0755 "$root/usr/local/bin/docker-entrypoint.sh" "$root/usr/local/bin/healthcheck.sh"
    finish_rootfs "$root"
}

# Prints the mariadb image's entry point.
mariadb_entrypoint() {
    cat <<'SH'
#!/usr/bin/env bash
# docker-entrypoint.sh of Core Monitor's offline stand-in of the official mariadb image (scripts/test-images.sh
# builds it). The official image's contract, in short:
#   mariadbd [ARG...] (or mysqld, or only ARGs when the first starts with '-'):
#     Started as root, it gives the data directory (datadir, /var/lib/mysql) to the mysql user and reruns itself
#     as mysql (gosu). When the data directory holds no database yet (no mysql/): mariadb-install-db, then, on a
#     temporary server on the Unix socket only: the time zone tables (unless MARIADB_INITDB_SKIP_TZINFO);
#     root@localhost with MARIADB_ROOT_PASSWORD (or its hash MARIADB_ROOT_PASSWORD_HASH; an empty password with
#     MARIADB_ALLOW_EMPTY_ROOT_PASSWORD; a random one, printed, with MARIADB_RANDOM_ROOT_PASSWORD; none of them:
#     the official error) and root@MARIADB_ROOT_HOST (default '%') with the same; the healthcheck users and
#     $datadir/.my-healthcheck.cnf for healthcheck.sh; database MARIADB_DATABASE; MARIADB_USER@'%' with
#     MARIADB_PASSWORD (or MARIADB_PASSWORD_HASH) and all rights on that database; then the files of
#     /docker-entrypoint-initdb.d in name order (*.sh run when executable, else sourced; *.sql, *.sql.gz,
#     *.sql.xz, *.sql.zst fed to the client as root, in MARIADB_DATABASE). Then it execs the server, which logs to
#     stderr and listens on port 3306 of every interface.
#   anything else is exec'd as is (mariadb, healthcheck.sh, bash, ...).
# Each MARIADB_* variable has its MYSQL_* alias (MYSQL_ALLOW_EMPTY_PASSWORD for MARIADB_ALLOW_EMPTY_ROOT_PASSWORD)
# and may come as *_FILE, the path of a file that holds the value (Docker secrets).
set -eo pipefail
shopt -s nullglob

log() {
    printf '%s [%s] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$1" "$2"
}
note() { log Note "$*"; }
fail() { log ERROR "$*" >&2; exit 1; }

# Exports variable $1 with its value, or else the content of the file named by ${1}_FILE, or else default $2.
file_env() {
    local var=$1 file_var=${1}_FILE value=${2:-}
    if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
        fail "Both $var and $file_var are set (but are exclusive)"
    fi
    if [ -n "${!var:-}" ]; then
        value=${!var}
    elif [ -n "${!file_var:-}" ]; then
        value=$(<"${!file_var}")
    fi
    export "$var=$value"
    unset "$file_var"
}

# MARIADB_$1 from itself (or its _FILE), else from MYSQL_$1 (or its _FILE), else default $2; both get the value.
alias_env() {
    local maria=MARIADB_$1 mysql=MYSQL_$1
    file_env "$mysql" "${2:-}"
    file_env "$maria" "${!mysql}"
    export "$mysql=${!maria}"
}

# The value of server option $1 in $config, the server's `--verbose --help` (defaults, configuration files and
# arguments all considered).
server_option() {
    awk -v name="$1" '!found && $1 == name && /^[^ \t]/ { sub(/^[^ \t]+[ \t]+/, ""); print; found = 1 }' <<<"$config"
}

# The client as root on the Unix socket, in MARIADB_DATABASE when there is one (a later --database wins), with
# the root password, or with none after --dont-use-mysql-root-password (before it is set). Scripts sourced from
# /docker-entrypoint-initdb.d may call it (or "${mysql[@]}"), as with the official image.
docker_process_sql() {
    local password=$MARIADB_ROOT_PASSWORD
    if [ "$1" = --dont-use-mysql-root-password ]; then
        password=''
        shift
    fi
    if [ -n "$MARIADB_DATABASE" ]; then
        set -- --database="$MARIADB_DATABASE" "$@"
    fi
    MYSQL_PWD=$password mariadb --protocol=socket -uroot -hlocalhost --socket="$SOCKET" "$@"
}
# shellcheck disable=SC2034
mysql=(docker_process_sql)

# $1 escaped for a quoted SQL string.
sql_string() {
    local s=${1//\\/\\\\}
    s=${s//$'\n'/\\n}
    printf '%s' "${s//\'/\\\'}"
}

# 32 random letters and digits.
random_password() {
    local chars
    chars=$(head -c 4096 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9')
    printf '%s' "${chars:0:32}"
}

# True when the arguments ask the server only for help or its version.
wants_help() {
    local arg
    for arg; do
        case "$arg" in
            -'?'|--help|--print-defaults|-V|--version) return 0 ;;
        esac
    done
    return 1
}

# The statements that set up the accounts and the database, on the temporary server.
setup_sql() {
    local root_password root_auth host health_password
    root_password=$(sql_string "$MARIADB_ROOT_PASSWORD")
    root_auth="IDENTIFIED BY '$root_password'"
    if [ -n "$MARIADB_ROOT_PASSWORD_HASH" ]; then
        root_auth="IDENTIFIED BY PASSWORD '$MARIADB_ROOT_PASSWORD_HASH'"
    fi
    echo "SET @orig_sql_log_bin = @@SESSION.SQL_LOG_BIN;"
    echo "SET @@SESSION.SQL_LOG_BIN = 0;"
    echo "SET @@SESSION.SQL_MODE = REPLACE(@@SESSION.SQL_MODE, 'NO_BACKSLASH_ESCAPES', '');"
    echo "DROP USER IF EXISTS root@'127.0.0.1', root@'::1';"
    printf '%s\n' "EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\\'', @@hostname, '\\'');"
    # With a hash, root@localhost gets it after the init scripts, which still run with no password.
    if [ -z "$MARIADB_ROOT_PASSWORD_HASH" ]; then
        echo "SET PASSWORD FOR 'root'@'localhost' = PASSWORD('$root_password');"
    fi
    if [ -n "$MARIADB_ROOT_HOST" ] && [ "$MARIADB_ROOT_HOST" != localhost ]; then
        echo "CREATE USER 'root'@'$MARIADB_ROOT_HOST' $root_auth;"
        echo "GRANT ALL ON *.* TO 'root'@'$MARIADB_ROOT_HOST' WITH GRANT OPTION;"
        echo "GRANT PROXY ON ''@'%' TO 'root'@'$MARIADB_ROOT_HOST' WITH GRANT OPTION;"
    fi
    health_password=$(random_password)
    for host in 127.0.0.1 ::1 localhost; do
        echo "CREATE USER IF NOT EXISTS healthcheck@'$host' IDENTIFIED BY '$health_password';"
        echo "GRANT ${MARIADB_HEALTHCHECK_GRANTS:-USAGE} ON *.* TO healthcheck@'$host';"
    done
    (umask 0077 && printf '[mariadb-client]\nport=%s\nsocket=%s\nuser=healthcheck\npassword=%s\nprotocol=tcp\n' \
        "$PORT" "$SOCKET" "$health_password" >"$DATADIR/.my-healthcheck.cnf")
    echo "SET @@SESSION.SQL_LOG_BIN = @orig_sql_log_bin;"
    if [ -n "$MARIADB_DATABASE" ]; then
        note "Creating database $MARIADB_DATABASE" >&2
        echo "CREATE DATABASE IF NOT EXISTS \`$MARIADB_DATABASE\`;"
    fi
    if [ -n "$MARIADB_USER" ] && { [ -n "$MARIADB_PASSWORD" ] || [ -n "$MARIADB_PASSWORD_HASH" ]; }; then
        note "Creating user $MARIADB_USER" >&2
        if [ -n "$MARIADB_PASSWORD_HASH" ]; then
            echo "CREATE USER '$MARIADB_USER'@'%' IDENTIFIED BY PASSWORD '$MARIADB_PASSWORD_HASH';"
        else
            echo "CREATE USER '$MARIADB_USER'@'%' IDENTIFIED BY '$(sql_string "$MARIADB_PASSWORD")';"
        fi
        if [ -n "$MARIADB_DATABASE" ]; then
            note "Giving user $MARIADB_USER access to schema $MARIADB_DATABASE" >&2
            # (_ is a wildcard in a grant's database name.)
            echo "GRANT ALL ON \`${MARIADB_DATABASE//_/\\_}\`.* TO '$MARIADB_USER'@'%';"
        fi
    fi
}

# Initialises the empty data directory, as the mysql user. $@: the server command.
init_database() {
    if [ -z "$MARIADB_ROOT_PASSWORD" ] && [ -z "$MARIADB_ROOT_PASSWORD_HASH" ] \
        && [ -z "$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" ] && [ -z "$MARIADB_RANDOM_ROOT_PASSWORD" ]; then
        fail $'Database is uninitialized and password option is not specified\n\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD'
    fi
    # Fails now, not half-way, when mysql may not read the scripts.
    ls /docker-entrypoint-initdb.d/ >/dev/null

    note "Initializing database files"
    mariadb-install-db --datadir="$DATADIR" --rpm --auth-root-authentication-method=normal "${@:2}" \
        --skip-test-db --default-time-zone=SYSTEM --enforce-storage-engine= --skip-log-bin --expire-logs-days=0 \
        --loose-innodb_buffer_pool_load_at_startup=0 --loose-innodb_buffer_pool_dump_at_shutdown=0
    note "Database files initialized"

    note "Starting temporary server"
    "$@" --skip-networking --default-time-zone=SYSTEM --socket="$SOCKET" --loose-wsrep_on=OFF \
        --expire-logs-days=0 --loose-innodb_buffer_pool_load_at_startup=0 &
    local pid=$! i f
    for i in {30..0}; do
        if docker_process_sql --dont-use-mysql-root-password --database=mysql <<<'SELECT 1' &>/dev/null; then
            break
        fi
        sleep 1
    done
    [ "$i" != 0 ] || fail "Unable to start server."
    note "Temporary server started."

    if [ -z "$MARIADB_INITDB_SKIP_TZINFO" ]; then
        mariadb-tzinfo-to-sql --skip-write-binlog /usr/share/zoneinfo \
            | docker_process_sql --dont-use-mysql-root-password --database=mysql
    fi
    if [ -n "$MARIADB_RANDOM_ROOT_PASSWORD" ]; then
        MARIADB_ROOT_PASSWORD=$(random_password)
        export MARIADB_ROOT_PASSWORD MYSQL_ROOT_PASSWORD=$MARIADB_ROOT_PASSWORD
        note "GENERATED ROOT PASSWORD: $MARIADB_ROOT_PASSWORD"
    fi
    note "Securing system users (equivalent to running mysql_secure_installation)"
    setup_sql | docker_process_sql --dont-use-mysql-root-password --database=mysql --binary-mode

    echo
    for f in /docker-entrypoint-initdb.d/*; do
        case "$f" in
            *.sh)
                if [ -x "$f" ]; then
                    note "$0: running $f"
                    "$f"
                else
                    note "$0: sourcing $f"
                    # shellcheck disable=SC1090
                    . "$f"
                fi
                ;;
            *.sql)     note "$0: running $f"; docker_process_sql <"$f" ;;
            *.sql.gz)  note "$0: running $f"; gunzip -c "$f" | docker_process_sql ;;
            *.sql.xz)  note "$0: running $f"; xzcat "$f" | docker_process_sql ;;
            *.sql.zst) note "$0: running $f"; zstd -dc "$f" | docker_process_sql ;;
            *)         note "$0: ignoring $f" ;;
        esac
    done
    if [ -n "$MARIADB_ROOT_PASSWORD_HASH" ]; then
        note "Setting root@localhost password hash"
        docker_process_sql --dont-use-mysql-root-password --binary-mode \
            <<<"SET @@SESSION.SQL_LOG_BIN = 0; SET PASSWORD FOR 'root'@'localhost' = '$MARIADB_ROOT_PASSWORD_HASH';"
    fi

    note "Stopping temporary server"
    kill "$pid"
    wait "$pid"
    note "Temporary server stopped"
    echo
    note "MariaDB init process done. Ready for start up."
    echo
}

if [ "${1:0:1}" = - ]; then
    set -- mariadbd "$@"
fi
if { [ "$1" = mariadbd ] || [ "$1" = mysqld ]; } && ! wants_help "$@"; then
    note "Entrypoint script for MariaDB Server ${MARIADB_VERSION} started."
    # One look at the configuration: it is valid, and where the data, the socket and the port are.
    errors=$(mktemp)
    if ! config=$("$@" --verbose --help 2>"$errors"); then
        fail $'mariadbd failed while attempting to check config\n\tcommand was: '"$* --verbose --help"$'\n\t'"$(<"$errors")"
    fi
    rm -f "$errors"
    DATADIR=$(server_option datadir)
    SOCKET=$(server_option socket)
    PORT=$(server_option port)
    alias_env ROOT_HOST '%'
    alias_env DATABASE
    alias_env USER
    alias_env PASSWORD
    alias_env ROOT_PASSWORD
    file_env MARIADB_PASSWORD_HASH
    file_env MARIADB_ROOT_PASSWORD_HASH
    : "${MARIADB_ALLOW_EMPTY_ROOT_PASSWORD:=${MYSQL_ALLOW_EMPTY_PASSWORD:-}}"
    : "${MARIADB_RANDOM_ROOT_PASSWORD:=${MYSQL_RANDOM_ROOT_PASSWORD:-}}"
    : "${MARIADB_INITDB_SKIP_TZINFO:=${MYSQL_INITDB_SKIP_TZINFO:-}}"
    export MARIADB_ALLOW_EMPTY_ROOT_PASSWORD MARIADB_RANDOM_ROOT_PASSWORD MARIADB_INITDB_SKIP_TZINFO \
        MYSQL_ALLOW_EMPTY_PASSWORD="$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" \
        MYSQL_RANDOM_ROOT_PASSWORD="$MARIADB_RANDOM_ROOT_PASSWORD" \
        MYSQL_INITDB_SKIP_TZINFO="$MARIADB_INITDB_SKIP_TZINFO"
    mkdir -p "$DATADIR"
    if [ "$(id -u)" = 0 ]; then
        find "$DATADIR" \! -user mysql -exec chown mysql: '{}' +
        find "${SOCKET%/*}" -maxdepth 0 \! -user mysql -exec chown mysql: '{}' \;
        note "Switching to dedicated user 'mysql'"
        exec gosu mysql "${BASH_SOURCE[0]}" "$@"
    fi
    if [ ! -d "$DATADIR/mysql" ]; then
        init_database "$@"
    fi
fi
exec "$@"
SH
}

# Prints the mariadb image's healthcheck.sh.
mariadb_healthcheck() {
    cat <<'SH'
#!/usr/bin/env bash
# healthcheck.sh of Core Monitor's offline stand-in of the official mariadb image (scripts/test-images.sh builds
# it), as compose files call it: `healthcheck.sh --connect --innodb_initialized`. The official script's tests, run
# in the order given; the first one that fails fails the check (exit 1). When no --connect (nor --no-connect) was
# among them, a connect test runs last.
#   --connect                     the server answers and listens on TCP (not the socket-only server of the init)
#   --innodb_initialized          InnoDB is up (crash recovery done)
#   --innodb_buffer_pool_loaded   the buffer pool load at startup has completed
#   --galera_online, --galera_ready  Galera node states (they fail here: no Galera)
#   --mariadbupgrade              no mariadb-upgrade holds $datadir/mysql_upgrade_info
# Options, for the tests after them: --su=USER, --su USER, --su-mysql (reruns the whole check as that user),
# --datadir=DIR, --no-defaults, --defaults-file=F, --defaults-extra-file=F, --defaults-group-suffix=S,
# --no-connect. The client reads the credentials of /var/lib/mysql/.my-healthcheck.cnf (user healthcheck, grant
# USAGE), written at the initialisation, when it is there.
set -eo pipefail

datadir=/var/lib/mysql
no_defaults=''
defaults_file=''
extra_file=''
group_suffix=''
if [ -f "$datadir/.my-healthcheck.cnf" ]; then
    extra_file=$datadir/.my-healthcheck.cnf
fi
connected=''

client() {
    local opts=()
    if [ -n "$no_defaults" ]; then opts+=(--no-defaults); fi
    if [ -n "$defaults_file" ]; then opts+=(--defaults-file="$defaults_file"); fi
    if [ -n "$extra_file" ]; then opts+=(--defaults-extra-file="$extra_file"); fi
    if [ -n "$group_suffix" ]; then opts+=(--defaults-group-suffix="$group_suffix"); fi
    mariadb "${opts[@]}" "$@"
}

query() {
    client --protocol=socket --batch --skip-column-names -e "$1"
}

status() {
    query "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = '$1'"
}

connect() {
    local s
    s=$(query 'SELECT @@skip_networking') || s=''
    case "$s" in
        0) connected=0; return 0 ;;
        1) connected=1; return 1 ;;
    esac
    # No answer on the socket: over TCP, a refusal of the credentials still shows a listening server.
    s=$(client -h localhost --protocol=tcp --batch --skip-column-names -e 'SELECT @@skip_networking' 2>&1) || true
    case "$s" in
        0|'ERROR 1820 '*|'ERROR 4151 '*|'ERROR 1226 '*|ERROR\ 1[0-9][0-9][0-9]\ \(28000\)*) connected=0; return 0 ;;
        *) connected=1; return 1 ;;
    esac
}

innodb_initialized() {
    [ "$(query "SELECT 1 FROM information_schema.ENGINES WHERE engine = 'innodb' AND support IN ('YES', 'DEFAULT', 'ENABLED')")" = 1 ]
}

innodb_buffer_pool_loaded() {
    [[ "$(status Innodb_buffer_pool_load_status)" == *'load completed'* ]]
}

galera_online() {
    [ "$(status WSREP_LOCAL_STATE)" = 4 ]
}

galera_ready() {
    [ "$(status WSREP_READY)" = ON ]
}

mariadbupgrade() {
    local f=$datadir/mysql_upgrade_info
    [ ! -r "$f" ] || flock --exclusive --nonblock 9 9<"$f"
}

if [ $# -eq 0 ]; then
    echo "At least one argument required" >&2
    exit 1
fi
while [ $# -gt 0 ]; do
    test=''
    case "$1" in
        --su=*) user=${1#*=}; shift; exec gosu "$user" "${BASH_SOURCE[0]}" "$@" ;;
        --su) user=$2; shift 2; exec gosu "$user" "${BASH_SOURCE[0]}" "$@" ;;
        --su-mysql) shift; exec gosu mysql "${BASH_SOURCE[0]}" "$@" ;;
        --datadir=*) datadir=${1#*=} ;;
        --datadir) shift; datadir=$1 ;;
        --no-defaults) no_defaults=1; defaults_file=''; extra_file=''; group_suffix='' ;;
        --defaults-file=*) defaults_file=${1#*=}; no_defaults='' ;;
        --defaults-extra-file=*) extra_file=${1#*=}; no_defaults='' ;;
        --defaults-group-suffix=*) group_suffix=${1#*=}; no_defaults='' ;;
        --no-connect) connected=0 ;;
        --connect|--innodb_initialized|--innodb_buffer_pool_loaded|--galera_online|--galera_ready|--mariadbupgrade)
            test=${1#--} ;;
        *) echo "healthcheck unknown option or test '${1#--}'" >&2; exit 1 ;;
    esac
    if [ -n "$test" ] && ! "$test"; then
        echo "healthcheck $test failed" >&2
        exit 1
    fi
    shift
done
if [ "$connected" != 0 ]; then
    connect
fi
SH
}

build_mariadb() {
    local sum root version ip out code t0=$SECONDS
    sum=$(stage_sum make_mariadb_rootfs mariadb_entrypoint mariadb_healthcheck MARIADB_PACKAGES MARIADB_CHANGES \
        MARIADB_TAGS)
    up_to_date "$MARIADB_IMAGE" "$sum" "${MARIADB_TAGS[*]}" && return 0
    need_root "$MARIADB_IMAGE"
    cm_log "building $MARIADB_IMAGE: Debian's MariaDB 10.11 in the official layout"
    prepare_base_stage
    root="$work/mariadb-root"
    cp -a "$stage_base" "$root"
    make_mariadb_rootfs "$root"
    # shellcheck disable=SC2016
    version=$(chroot "$root" dpkg-query -W -f '${Version}' mariadb-server)
    import_rootfs "$MARIADB_IMAGE" "$root" "${MARIADB_TAGS[*]}" "$sum" "" "${MARIADB_CHANGES[@]}" \
        --change "ENV MARIADB_VERSION=$version" \
        --message "coremonitor stand-in of the official mariadb image: Debian bookworm MariaDB $version"

    # Without a root password option the container stops with the official message.
    smoke_start "$MARIADB_IMAGE"
    code=$(wait_exit "$smoke_container" 60)
    if [ -z "$code" ] || [ "$code" = 0 ]; then
        smoke_fail "$MARIADB_IMAGE" "does not stop with an error without MARIADB_ROOT_PASSWORD (exit code: '$code')"
    fi
    log_has "$smoke_container" 'Database is uninitialized and password option is not specified' \
        || smoke_fail "$MARIADB_IMAGE" "does not say that MARIADB_ROOT_PASSWORD is missing"
    smoke_end

    # With one: database, user (by the MYSQL_* aliases) and an init script (copied in before the start).
    mkdir -p "$work/mariadb-initdb"
    echo "CREATE TABLE smoke (word VARCHAR(10)); INSERT INTO smoke VALUES ('sql');" >"$work/mariadb-initdb/10-table.sql"
    smoke_create "$MARIADB_IMAGE" -e MARIADB_ROOT_PASSWORD=smoke-root -e MARIADB_DATABASE=smokedb \
        -e MYSQL_USER=smoke -e MYSQL_PASSWORD=smoke-pw
    cm_docker cp "$work/mariadb-initdb/." "$smoke_container:/docker-entrypoint-initdb.d/"
    cm_docker start "$smoke_container" >/dev/null
    wait_exec "$smoke_container" 180 healthcheck.sh --connect --innodb_initialized \
        || smoke_fail "$MARIADB_IMAGE" "does not become healthy (healthcheck.sh --connect --innodb_initialized)"
    cm_docker exec "$smoke_container" healthcheck.sh --su-mysql --connect --innodb_buffer_pool_loaded >/dev/null \
        || smoke_fail "$MARIADB_IMAGE" "fails healthcheck.sh --su-mysql --connect --innodb_buffer_pool_loaded"
    [ "$(pid1_uid "$smoke_container")" = 999 ] || smoke_fail "$MARIADB_IMAGE" "does not run mariadbd as uid 999"
    ip=$(container_ip "$smoke_container")
    # Logins over TCP from a second container: root with the password, the user in its database.
    out=$(peer "$MARIADB_IMAGE" mariadb -h "$ip" -uroot -psmoke-root -N -e "SELECT CONVERT_TZ('2024-01-01 12:00:00', 'UTC', 'Europe/Paris')")
    [ "$out" = "2024-01-01 13:00:00" ] \
        || smoke_fail "$MARIADB_IMAGE" "does not let root in over TCP with its password, or lacks the time zones ($out)"
    out=$(peer "$MARIADB_IMAGE" mariadb -h "$ip" -usmoke -psmoke-pw smokedb -N \
        -e "INSERT INTO smoke VALUES ('user'); SELECT GROUP_CONCAT(word ORDER BY word) FROM smoke")
    [ "$out" = "sql,user" ] || smoke_fail "$MARIADB_IMAGE" "does not let the user work in its database over TCP ($out)"
    if out=$(peer "$MARIADB_IMAGE" mariadb -h "$ip" -usmoke -pwrong -e 'SELECT 1'); then
        smoke_fail "$MARIADB_IMAGE" "accepts a wrong password over TCP"
    fi
    [[ "$out" == *'Access denied for user'* ]] || smoke_fail "$MARIADB_IMAGE" "does not refuse a wrong password the usual way ($out)"
    log_has "$smoke_container" 'ready for connections' || smoke_fail "$MARIADB_IMAGE" "does not log to the container's output"
    # Stopped (SIGTERM) and started again on the same data: no second initialisation.
    cm_docker stop -t 60 "$smoke_container" >/dev/null
    code=$(cm_docker inspect --format '{{.State.ExitCode}}' "$smoke_container")
    [ "$code" = 0 ] || smoke_fail "$MARIADB_IMAGE" "does not stop cleanly (exit code $code)"
    cm_docker start "$smoke_container" >/dev/null
    wait_exec "$smoke_container" 120 healthcheck.sh --connect --innodb_initialized \
        || smoke_fail "$MARIADB_IMAGE" "does not start again on its data"
    out=$(cm_docker logs "$smoke_container" 2>&1 | grep -c 'MariaDB init process done' || true)
    [ "$out" = 1 ] || smoke_fail "$MARIADB_IMAGE" "initialised its data a second time"
    smoke_end
    cm_log "built $MARIADB_IMAGE (also ${MARIADB_TAGS[*]}, MariaDB $version) in $((SECONDS - t0))s"
}

# --- redis:latest ---------------------------------------------------------------------------------------------

# Debian's Redis 7.0 in the official image's layout in root filesystem $1: user redis (uid and gid 999), /data
# (the working directory and volume) the redis user's, and the entry point in /usr/local/bin. Debian's
# /etc/redis/redis.conf stays, unused: like the official image, redis-server runs without a config file unless
# given one.
make_redis_rootfs() {
    local root=$1
    # The official image's user, made before the packages so that they keep it.
    chroot "$root" groupadd --system --gid 999 redis
    chroot "$root" useradd --system --gid redis --uid 999 --home-dir /var/lib/redis --no-create-home \
        --shell /usr/sbin/nologin redis
    # shellcheck disable=SC2086
    chroot_install "$root" $REDIS_PACKAGES
    chroot "$root" install -d -o redis -g redis -m 0755 /data
    ln -s /usr/sbin/gosu "$root/usr/local/bin/gosu"
    redis_entrypoint >"$root/usr/local/bin/docker-entrypoint.sh"
    chmod 0755 "$root/usr/local/bin/docker-entrypoint.sh"
    finish_rootfs "$root"
}

# Prints the redis image's entry point.
redis_entrypoint() {
    cat <<'SH'
#!/usr/bin/env bash
# docker-entrypoint.sh of Core Monitor's offline stand-in of the official redis image (scripts/test-images.sh
# builds it). The official image's contract, in short: arguments that start with '-', or a first one ending in
# .conf, are redis-server's; redis-server started as root gives the working directory (/data) to the redis user
# and reruns itself as redis (gosu); it creates files with umask 0077 unless a umask other than 0022 was set;
# anything else is exec'd as is (redis-cli, bash, ...).
# Protected mode: the official image compiles it off, so that a redis-server run without a config file answers
# other containers. Debian's redis-server has it on: this script passes `--protected-mode no` first (before the
# other arguments, which may turn it on again), and after a config file only when that file does not set it.
set -e

if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
    set -- redis-server "$@"
fi
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
    find . \! -user redis -exec chown redis '{}' +
    exec gosu redis "${BASH_SOURCE[0]}" "$@"
fi
if [ "$1" = redis-server ]; then
    if [ $# -eq 1 ] || { [ "${2#-}" != "$2" ] && [ "$2" != - ]; }; then
        set -- redis-server --protected-mode no "${@:2}"
    elif [ -f "$2" ] && ! grep -qiE '^[[:space:]]*protected-mode[[:space:]]' "$2"; then
        set -- redis-server "$2" --protected-mode no "${@:3}"
    fi
fi
if [ "$(umask)" = 0022 ]; then
    umask 0077
fi
exec "$@"
SH
}

build_redis() {
    local sum root version ip out t0=$SECONDS
    sum=$(stage_sum make_redis_rootfs redis_entrypoint REDIS_PACKAGES REDIS_CHANGES REDIS_TAGS)
    up_to_date "$REDIS_IMAGE" "$sum" "${REDIS_TAGS[*]}" && return 0
    need_root "$REDIS_IMAGE"
    cm_log "building $REDIS_IMAGE: Debian's Redis 7.0 in the official layout"
    prepare_base_stage
    root="$work/redis-root"
    cp -a "$stage_base" "$root"
    make_redis_rootfs "$root"
    # shellcheck disable=SC2016
    version=$(chroot "$root" dpkg-query -W -f '${Version}' redis-server)
    version=${version#*:}
    version=${version%%-*}
    import_rootfs "$REDIS_IMAGE" "$root" "${REDIS_TAGS[*]}" "$sum" "" "${REDIS_CHANGES[@]}" \
        --change "ENV REDIS_VERSION=$version" \
        --message "coremonitor stand-in of the official redis image: Debian bookworm Redis $version"

    # As the official image runs it: no config file, no password; other containers get in (protected mode off).
    smoke_start "$REDIS_IMAGE"
    # shellcheck disable=SC2016
    wait_exec "$smoke_container" 30 bash -c '[ "$(redis-cli ping)" = PONG ]' \
        || smoke_fail "$REDIS_IMAGE" "does not answer redis-cli ping"
    [ "$(pid1_uid "$smoke_container")" = 999 ] || smoke_fail "$REDIS_IMAGE" "does not run redis-server as uid 999"
    [ "$(cm_docker exec "$smoke_container" redis-cli config get dir)" = $'dir\n/data' ] \
        || smoke_fail "$REDIS_IMAGE" "does not run redis-server in /data"
    ip=$(container_ip "$smoke_container")
    out=$(peer "$REDIS_IMAGE" redis-cli -h "$ip" set smoke ok)
    [ "$out" = OK ] || smoke_fail "$REDIS_IMAGE" "does not take a command from another container ($out)"
    log_has "$smoke_container" 'Ready to accept connections' \
        || smoke_fail "$REDIS_IMAGE" "does not log to the container's output"
    smoke_end

    # Arguments after redis-server: a password and the append-only file in /data.
    smoke_start "$REDIS_IMAGE" -- redis-server --requirepass smoke-pw --appendonly yes
    # shellcheck disable=SC2016
    wait_exec "$smoke_container" 30 bash -c '[ "$(redis-cli -a smoke-pw --no-auth-warning ping)" = PONG ]' \
        || smoke_fail "$REDIS_IMAGE" "does not answer redis-cli ping with --requirepass"
    ip=$(container_ip "$smoke_container")
    out=$(peer "$REDIS_IMAGE" redis-cli -h "$ip" set smoke ok)
    [[ "$out" == *NOAUTH* ]] || smoke_fail "$REDIS_IMAGE" "does not refuse a command without the password ($out)"
    out=$(peer "$REDIS_IMAGE" redis-cli -h "$ip" -a smoke-pw --no-auth-warning set smoke ok)
    [ "$out" = OK ] || smoke_fail "$REDIS_IMAGE" "does not take a command with the password ($out)"
    cm_docker exec "$smoke_container" test -d /data/appendonlydir \
        || smoke_fail "$REDIS_IMAGE" "does not write its append-only file to /data"
    smoke_end
    cm_log "built $REDIS_IMAGE (also ${REDIS_TAGS[*]}, Redis $version) in $((SECONDS - t0))s"
}

build_busybox
if $build_all; then
    build_debian
    build_nginx
    build_tomcat
    build_wildfly
    build_postgres
    build_mariadb
    build_redis
fi
