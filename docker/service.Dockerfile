# Builds one pipeline service from the repository: docker build -f docker/service.Dockerfile --build-arg MODULE=ingest-service .
# Stage 1 builds with the Maven wrapper on a JDK 25; stage 2 runs the Spring Boot jar on a JRE 25.
FROM eclipse-temurin:25-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -pl ${MODULE} -am package \
 && cp ${MODULE}/target/${MODULE}-*.jar /app.jar

FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 app
USER app
COPY --from=build /app.jar /app/app.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
