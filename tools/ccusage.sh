# Sourced by ./run-tests, .ci/run and bench scripts: makes ccusage 20.0.24 (the reference usage ledger the tests and
# benchmarks compare goodhart with) available as $CCUSAGE_BIN, installing it from npm into .cache/ when needed.
GOODHART_CCUSAGE_VERSION=20.0.24

goodhart_ccusage() {
  local root=$1 required=${2:-optional} dir bin
  if [ -n "${CCUSAGE_BIN:-}" ] && [ -x "$CCUSAGE_BIN" ]; then
    return 0
  fi
  dir=$root/.cache/ccusage-$GOODHART_CCUSAGE_VERSION
  bin=$dir/node_modules/@ccusage/ccusage-linux-x64/bin/ccusage
  if [ ! -x "$bin" ] && command -v npm >/dev/null 2>&1; then
    mkdir -p "$dir"
    (cd "$dir" && npm install --no-audit --no-fund --silent "ccusage@$GOODHART_CCUSAGE_VERSION" >/dev/null 2>&1) || true
    [ -f "$bin" ] && chmod +x "$bin"
  fi
  if [ -x "$bin" ]; then
    export CCUSAGE_BIN=$bin
    return 0
  fi
  if [ "$required" = required ]; then
    echo "ccusage $GOODHART_CCUSAGE_VERSION could not be installed (needs npm and the npm registry); it is the oracle of the usage tests." >&2
    return 1
  fi
  echo "note: ccusage $GOODHART_CCUSAGE_VERSION is not installed (no npm?); the tests that compare with it are skipped." >&2
  return 0
}
