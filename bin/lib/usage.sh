# Sourced by the scripts in bin/ whose usage lives in a Java class (the one copy): prints the text block
# `String USAGE = """ ... """;` of that source file with its incidental indentation removed, so --help answers at
# once, before anything is built.
usage_from_source() {
  awk '/String USAGE = """/ { on = 1; next }
       on && /^ *""";/ { match($0, /^ */); if (min == "" || RLENGTH < min) min = RLENGTH; exit }
       on { lines[n++] = $0; if ($0 ~ /[^ ]/) { match($0, /^ */); if (min == "" || RLENGTH < min) min = RLENGTH } }
       END { for (i = 0; i < n; i++) print substr(lines[i], min + 1) }' "$1"
}
