#!/usr/bin/env bash
# Builds the local test images with `docker import` (no registry is reachable, nothing is pulled).
#
#   scripts/test-images.sh          builds coremonitor-test/busybox:latest (a few seconds)
#   scripts/test-images.sh --all    also builds coremonitor-test/debian:bookworm (debootstrap) and, on it, offline
#                                   stand-ins of the official nginx, tomcat and wildfly images (first run: minutes)
#   scripts/test-images.sh --force  rebuilds even when the images are up to date
#
# Idempotent: every image carries the label coremonitor.test.inputs=<sha256 of its inputs> and is skipped when the
# existing image has the same one (a run with nothing changed takes seconds). The inputs: for busybox, the exact
# root filesystem tar, this script and lib-docker.sh; for the others, the recipe (the text of the functions that
# make the root filesystem, the packages, the `docker import` changes, the mirrors) and the base image's own
# label, so a new debian image rebuilds the three on it. Package versions are whatever the mirror serves the day
# an image is built; --force rebuilds. Every build ends with a smoke check of a container of the new image.
#
# coremonitor-test/busybox:latest: Debian's busybox-static binary in /bin/busybox with one symlink per applet
#   (sh, httpd, nc, wget, sleep, echo, cat, ...), /etc/passwd and /etc/group with root and nobody, /tmp, /root,
#   /var/www; CMD ["sh"].
# coremonitor-test/debian:bookworm: `debootstrap --variant=minbase bookworm` from the mirror apt already uses;
#   tests install real servers into it (chroot apt-get) in their own images.
# The stand-ins of the official images, under the official names (see scripts/README.md for the full layouts):
# they start from coremonitor-test/debian:bookworm's files plus Debian packages (`chroot apt-get install
# --no-install-recommends`), keep the official paths, ports, users, commands and log behaviour Core Monitor relies
# on, have bash and coreutils, and no curl or wget (like the official images).
#   nginx:latest, nginx:1.22             Debian's nginx 1.22; /usr/share/nginx/html, /etc/nginx/conf.d/default.conf,
#                                        logs to the container's stdout/stderr; port 80.
#   tomcat:latest, tomcat:10             Debian's Tomcat 10.1 on OpenJDK 17 in CATALINA_HOME=/usr/local/tomcat with an
#                                        empty webapps/ (autoDeploy); catalina logs on the console; port 8080.
#   quay.io/wildfly/wildfly:latest,      WildFly $WILDFLY_VERSION (org.wildfly:wildfly-dist from Maven Central, cached
#   quay.io/wildfly/wildfly:<v>-jdk17    in ~/.m2) on OpenJDK 17 in JBOSS_HOME=/opt/jboss/wildfly, user jboss (1000);
#                                        deployment scanner on standalone/deployments; port 8080.
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
        -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
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

if ! cm_docker_answers; then
    cm_log "no Docker engine answers on $COREMONITOR_DOCKER_SOCK: run scripts/start-dockerd.sh first"
    exit 1
fi

work=$(mktemp -d /tmp/coremonitor-test-images.XXXXXX)
proc_mount=""
smoke_container=""
cleanup() {
    if [ -n "$smoke_container" ]; then
        cm_docker rm -f "$smoke_container" >/dev/null 2>&1 || true
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

smoke_start() {
    smoke_container=$(cm_docker run -d "$1")
    cm_log "smoke check of $1 (container ${smoke_container:0:12})"
}

smoke_end() {
    cm_docker rm -f "$smoke_container" >/dev/null 2>&1 || true
    smoke_container=""
}

smoke_fail() {
    cm_log "$1 was imported but $2"
    exit 1
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

build_busybox
if $build_all; then
    build_debian
    build_nginx
    build_tomcat
    build_wildfly
fi
