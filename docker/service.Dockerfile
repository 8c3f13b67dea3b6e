# syntax=docker/dockerfile:1
# The pipeline's three service images from one build: the `build` stage compiles the three jars once (without
# tests, so neither test-support nor the local stack is built), with the Maven repository in a cache mount;
# each service is a target of its own: docker build -f docker/service.Dockerfile --target ingest-service .
# docker-compose.yml builds the three targets; BuildKit runs the shared build stage once for all of them.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -Dmaven.test.skip=true -pl ingest-service,enrich-service,publish-service -am package \
 && mkdir /jars \
 && for m in ingest-service enrich-service publish-service; do cp "$m/target/$m-"*.jar "/jars/$m.jar"; done

# The runtime every service shares: a JRE, curl for the health check, a non-root user. The JVM sizes its heap
# from the container's memory limit (compose sets one per service): 75 % of it, the rest for metaspace, threads,
# direct buffers and the code cache.
FROM eclipse-temurin:25-jre AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 app
USER app
WORKDIR /app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM runtime AS ingest-service
COPY --from=build /jars/ingest-service.jar /app/app.jar
EXPOSE 8080

FROM runtime AS enrich-service
COPY --from=build /jars/enrich-service.jar /app/app.jar
EXPOSE 8082

FROM runtime AS publish-service
COPY --from=build /jars/publish-service.jar /app/app.jar
EXPOSE 8083
