# Shared by the bench scripts (sourced, not run): building what a benchmark runs, from this checkout alone.

# goodhart_bench_build ROOT LOG MODULE...: packages the modules and every module they need, with the tests compiled
# but not run; the build's messages go to LOG, and its last lines to standard error when it fails.
# Why -DskipTests and never -Dmaven.test.skip=true: some modules' tests use other modules' test jars (goodhart-store's
# conformance kit, goodhart-report's and goodhart-ingest's fixtures). -Dmaven.test.skip=true does not make those jars,
# so Maven looks for them in the local repository, which on a fresh clone has none (and must have none: nothing
# installs goodhart there), and the build fails. -DskipTests makes them in the same build and only skips running.
goodhart_bench_build() {
  local root=$1 log=$2 modules
  shift 2
  modules=$(IFS=,; echo "$*")
  if ! "$root/mvnw" -f "$root/pom.xml" -B -q -DskipTests -Dspotless.check.skip=true -pl "$modules" -am package \
      >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "the build of $modules failed; the full log is $log" >&2
    return 1
  fi
}
