# syntax=docker/dockerfile:1
# che168-sync image: the same jar as the README's build (bootstrap/target/che168-sync.jar + bootstrap/target/libs/),
# built with the Maven wrapper on a JDK 21 and run on a JRE 21 as an unprivileged user.
#
#   docker build -t che168-sync .
#   docker run --rm che168-sync --help
#
# Default command: `serve` (the REST API on API_PORT, 8080). The compose file also runs the daily jobs from it.
# Tests are not run here (run ./mvnw verify before building); BUILD_ARGS adds Maven options to the build.

ARG JDK_IMAGE=eclipse-temurin:21-jdk
ARG JRE_IMAGE=eclipse-temurin:21-jre

# ---- build -----------------------------------------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS build
WORKDIR /src
ARG BUILD_ARGS=""
# the whole source tree (.dockerignore keeps out target/, data/, logs/, .env and .git)
COPY . .
# the Maven repository is a build cache: dependencies are downloaded once per builder, not once per change
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw \
    && ./mvnw -B -ntp package -DskipTests -pl bootstrap -am ${BUILD_ARGS} \
    && test -f bootstrap/target/che168-sync.jar && test -d bootstrap/target/libs

# ---- run -------------------------------------------------------------------------------------------------------------
FROM ${JRE_IMAGE}
# the user che168 has the fixed uid/gid 10001: the host's ./logs (bind-mounted on /app/logs) must belong to it
# (docs/DEPLOYMENT.md); curl: the HEALTHCHECK below; tzdata (in the base image) honours TZ for the daily schedule
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 che168 \
    && useradd --system --uid 10001 --gid che168 --home-dir /app --no-create-home --shell /usr/sbin/nologin che168
WORKDIR /app
COPY --from=build /src/bootstrap/target/libs/ /app/libs/
COPY --from=build /src/bootstrap/target/che168-sync.jar /app/che168-sync.jar
COPY config.yaml /app/config.yaml
COPY deploy/crontab deploy/jobs-loop.sh /app/deploy/
COPY deploy/che168-container /usr/local/bin/che168
RUN chmod 0755 /usr/local/bin/che168 /app/deploy/jobs-loop.sh \
    && mkdir -p /app/data /app/logs \
    && chown -R che168:che168 /app/data /app/logs

USER che168
ENV DATA_DIR=/app/data \
    LOG_DIR=/app/logs \
    API_PORT=8080 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/app/data", "/app/logs"]
EXPOSE 8080

# /health needs no token; it answers 503 when the database is unreachable
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${API_PORT:-8080}/health" >/dev/null || exit 1

ENTRYPOINT ["/usr/local/bin/che168"]
CMD ["serve"]
