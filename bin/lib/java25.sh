# Sourced by the scripts in bin/: finds a JDK 25 and exports JAVA25 (its java) and, when the
# current JAVA_HOME is not a JDK 25, leaves JAVA_HOME alone: Maven finds the JDK 25 itself
# through maven-toolchains-plugin.
find_java25() {
  local candidates=("${STACK_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25* "$HOME"/.sdkman/candidates/java/25*)
  for home in "${candidates[@]}"; do
    if [ -n "$home" ] && [ -x "$home/bin/java" ] && grep -qE 'JAVA_VERSION="(2[5-9]|[3-9][0-9])' "$home/release" 2>/dev/null; then
      echo "$home"
      return 0
    fi
  done
  return 1
}
JAVA25_HOME="$(find_java25)" || { echo "No JDK 25 found: install one (e.g. Temurin 25) or set JAVA_HOME to it." >&2; exit 1; }
JAVA25="$JAVA25_HOME/bin/java"
export JAVA25 JAVA25_HOME
