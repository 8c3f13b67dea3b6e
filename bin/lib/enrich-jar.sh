# Sourced by bin/reenrich and bin/evaluate-enrichment: runs a command-line main class of enrich-service's jar,
# rebuilding the jar first when it is missing or older than its sources (word lists included).
run_enrich_main() {
  local main="$1"; shift
  local jar
  jar="$(ls enrich-service/target/enrich-service-*.jar 2>/dev/null | head -1 || true)"
  # ENRICH_SKIP_BUILD=1: use the jar as it is (e.g. while editing word lists given with --categories file:...)
  if [ -z "$jar" ] || { [ "${ENRICH_SKIP_BUILD:-0}" != "1" ] \
      && [ -n "$(find enrich-service/src/main schemas/src/main service-support/src/main enrich-service/pom.xml \
                    -newer "$jar" -print -quit)" ]; }; then
    echo "Building enrich-service (./mvnw -DskipTests package) ..." >&2
    ./mvnw -q -B -DskipTests package -pl enrich-service -am >&2
    jar="$(ls enrich-service/target/enrich-service-*.jar | head -1)"
  fi
  # JAVA_OPTS: e.g. -Xmx4g for bin/reenrich over an archive of millions (it holds ~150 bytes per article id)
  exec "$JAVA25" ${JAVA_OPTS:--Xmx1g} --sun-misc-unsafe-memory-access=allow -Dloader.main="$main" -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher "$@"
}
