# Sourced by ./goodhart, ./run-tests and bench scripts: sets GOODHART_JAVA_HOME to a JDK >= 21 or explains what to do.
# Order: JAVA_HOME, then the usual install folders, then the `java` on PATH. Among the folders the newest JDK wins.

goodhart_jdk_major() {
  # Prints the major version of the JDK at $1, or nothing when $1 is not a JDK (a JRE has no javac: it cannot build).
  local home=$1 version=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1)
  fi
  if [ -z "$version" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version=${version#1.}
  printf '%s\n' "${version%%[.+-]*}"
}

goodhart_use_jdk() {
  GOODHART_JAVA_HOME=$1
  GOODHART_JAVA_MAJOR=$2
  export JAVA_HOME=$1
  # Maven's own libraries use sun.misc.Unsafe, which JDK 24+ warns about on every build; say it is allowed.
  if [ "$2" -ge 24 ]; then
    case " ${MAVEN_OPTS:-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}

goodhart_find_jdk() {
  local required=21 candidate major best="" best_major=0 seen=""
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(goodhart_jdk_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge "$required" ]; then
      goodhart_use_jdk "$JAVA_HOME" "$major"
      return 0
    fi
    seen="JAVA_HOME=$JAVA_HOME (${major:-not a JDK})"
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    major=$(goodhart_jdk_major "$candidate")
    [ -n "$major" ] || continue
    seen="$seen${seen:+, }$candidate ($major)"
    if [ "$major" -ge "$required" ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate
      best_major=$major
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(goodhart_jdk_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$required" ]; then
      best=$candidate
      best_major=$major
    else
      seen="$seen${seen:+, }$candidate (${major:-?})"
    fi
  fi
  if [ -n "$best" ]; then
    goodhart_use_jdk "$best" "$best_major"
    return 0
  fi
  {
    echo "goodhart needs a JDK $required or newer, and none was found."
    echo "  looked at: ${seen:-JAVA_HOME (unset), /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks, /Library/Java}"
    echo "  install one, then run this again (or set JAVA_HOME to it):"
    echo "    Debian/Ubuntu: sudo apt-get install openjdk-21-jdk   (or temurin-21-jdk from packages.adoptium.net)"
    echo "    macOS:         brew install openjdk@21"
    echo "    any system:    https://adoptium.net/temurin/releases/?version=21"
  } >&2
  return 1
}
