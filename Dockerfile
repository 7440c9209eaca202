# Movmo booking engine image.
#   docker build -t movmo/booking-engine:local .
#   docker run -p 8080:8080 -e MOVMO_DATABASE_URL=postgresql://user:pass@host:5432/db movmo/booking-engine:local
# Works with the classic builder too (no BuildKit-only syntax), so Debian's docker-compose 1.29 can build it.

# ---- build: JDK 17 + Maven wrapper ----------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace

# Wrapper and POM first, so the dependency download is cached until pom.xml changes.
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
RUN chmod +x mvnw && ./mvnw -B -q dependency:go-offline

# The whole context (see .dockerignore), not just src/: the jar also carries openapi.yaml,
# sagas/migrations and projections/migrations from the repository root (see <resources> in pom.xml).
COPY . .
RUN ./mvnw -B -DskipTests package \
 && cp target/movmo-booking-engine-0.1.0-SNAPSHOT.jar /workspace/app.jar

# ---- runtime: JRE 17, non-root -------------------------------------------------------------
FROM eclipse-temurin:17-jre

# Fixed numeric uid/gid so Kubernetes runAsNonRoot can verify it; /app is writable by the user
# because the sandbox profile keeps its embedded PostgreSQL under ./.data when no
# MOVMO_DATABASE_URL is given.
RUN groupadd --system --gid 10001 movmo \
 && useradd --system --uid 10001 --gid movmo --home-dir /app --shell /usr/sbin/nologin movmo \
 && mkdir -p /app \
 && chown movmo:movmo /app

WORKDIR /app
COPY --from=build --chown=movmo:movmo /workspace/app.jar /app/app.jar

USER 10001:10001
ENV SERVER_PORT=8080
EXPOSE 8080

# eclipse-temurin's Ubuntu-based images ship wget (and curl).
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=5 \
  CMD wget -q -O /dev/null "http://localhost:${SERVER_PORT}/actuator/health/liveness" || exit 1

ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-jar", "/app/app.jar"]
