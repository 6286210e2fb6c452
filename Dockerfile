# Multi-stage build: Maven builds the shaded jar, a JRE image runs it.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so source edits do not re-download them.
COPY pom.xml ./
COPY server/pom.xml server/
COPY bench/pom.xml bench/
RUN mvn -B -q -pl server -am dependency:go-offline
COPY server/src server/src
RUN mvn -B -q -pl server -am -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system console && useradd --system --gid console --uid 10001 --home /app console \
    && mkdir -p /data && chown console:console /data
WORKDIR /app
COPY --from=build /src/server/target/integration-console.jar /app/integration-console.jar
COPY scenarios /app/scenarios
COPY web /app/web
COPY prompts /app/prompts
USER console
# The container must listen beyond loopback. For a team, run it with -e CONSOLE_AUTH=oidc and the
# CONSOLE_OIDC_* variables (README, "Identity"). mock-auth-header refuses to start here unless the
# operator opts in with -e CONSOLE_ALLOW_REMOTE_MOCK_AUTH=true (every client may act as any actor).
# Bound to every interface, the console answers only the names it is given (DNS rebinding):
# localhost for a local `docker run -p`; behind a proxy, set CONSOLE_PUBLIC_URL or CONSOLE_ALLOWED_HOSTS.
ENV CONSOLE_HOST=0.0.0.0 \
    CONSOLE_ALLOWED_HOSTS=localhost,127.0.0.1 \
    CONSOLE_PORT=8080 \
    CONSOLE_DATA_DIR=/data \
    CONSOLE_SCENARIO=/app/scenarios/bfg-flowcontrol \
    CONSOLE_WEB_DIR=/app/web
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/integration-console.jar"]
CMD ["serve"]
