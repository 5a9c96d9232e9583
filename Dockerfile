# Core Monitor's server in a container.
#
# This Dockerfile does NOT run Maven: it copies the jar built beforehand on the host.
#   mvn -B -q package -DskipTests
#   docker build -t coremonitor/server:local .                      # base image eclipse-temurin:17-jre
#   docker build --build-arg BASE_IMAGE=coremonitor-test/jre:bookworm -t coremonitor/server:local .
# scripts/coremonitor-image.sh does the second form with a base image made locally (no registry needed).
#
# BASE_IMAGE: an image with `sh`, Java 17+ (`java` on PATH) and `curl` (the HEALTHCHECK uses it), e.g. Debian or Ubuntu;
# eclipse-temurin:17-jre has both. The build fails early, with a clear message, when either is missing.
#
# Runs as the unprivileged user coremonitor (uid/gid 10001). The Docker socket is root:docker with mode 660, so
# give the container the socket's group:
#   docker run -d -p 127.0.0.1:8080:8080 -e COREMONITOR_TOKEN=... \
#       -v /var/run/docker.sock:/var/run/docker.sock --group-add "$(stat -c %g /var/run/docker.sock)" \
#       -v coremonitor-data:/data coremonitor/server:local
# (compose.yaml does the same with DOCKER_GID). Whoever reaches the socket controls the host: the token matters.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

RUN set -e; \
    command -v java >/dev/null 2>&1 || { echo "BASE_IMAGE has no java on PATH" >&2; exit 1; }; \
    command -v curl >/dev/null 2>&1 || { echo "BASE_IMAGE has no curl (the HEALTHCHECK needs it)" >&2; exit 1; }; \
    if command -v useradd >/dev/null 2>&1; then \
        groupadd --gid 10001 coremonitor; \
        useradd --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin coremonitor; \
    else \
        echo 'coremonitor:x:10001:' >>/etc/group; \
        echo 'coremonitor:x:10001:10001:Core Monitor:/data:/sbin/nologin' >>/etc/passwd; \
    fi; \
    mkdir -p /data /opt/coremonitor; \
    chown 10001:10001 /data; \
    chmod 0750 /data

COPY coremonitor-server/target/coremonitor-server.jar /opt/coremonitor/coremonitor-server.jar

# Listen on every interface of the container: the server then refuses to start without a token
# (COREMONITOR_TOKEN) unless COREMONITOR_ALLOW_INSECURE=true. The SQLite database and the uploaded artifacts (/data/artifacts) live in the /data volume;
# set COREMONITOR_DB to a jdbc:postgresql:// URL to use PostgreSQL instead.
ENV COREMONITOR_HOST=0.0.0.0 \
    COREMONITOR_PORT=8080 \
    COREMONITOR_DB=/data/coremonitor.db \
    COREMONITOR_DATA_DIR=/data

VOLUME /data
WORKDIR /data
USER 10001:10001
EXPOSE 8080

# Healthy when the server answers GET /api/v1/health (no auth needed) with 2xx and its status is not DOWN
# (DEGRADED, Docker unreachable, still counts as healthy: reads work and restarting would not help).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS --max-time 4 "http://127.0.0.1:${COREMONITOR_PORT:-8080}/api/v1/health" \
        | grep -qv '^{"status":"DOWN"' || exit 1

LABEL org.opencontainers.image.title="Core Monitor" \
      org.opencontainers.image.description="Core Monitor server: orchestrates Docker stacks through the mounted Docker socket"

ENTRYPOINT ["java", "-jar", "/opt/coremonitor/coremonitor-server.jar"]
CMD ["serve"]
