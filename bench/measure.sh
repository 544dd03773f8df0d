# Shared by the bench scripts (sourced, not run): timing one command, and the arithmetic of the report.
# The caller sets $out, the folder the measurements go to.

# measure NAME LABEL STDOUT COMMAND...: runs a command with its output to STDOUT, appends "label wall_seconds
# peak_rss_kib" to $out/NAME; a command that fails stops the benchmark with its last messages.
measure() {
  local name=$1 label=$2 stdout=$3 start end
  shift 3
  start=$(date +%s%N)
  if ! /usr/bin/time -f '%M' -o "$out/rss" "$@" >"$stdout" 2>"$out/$label.err"; then
    echo "$label failed: $* (its messages: $out/$label.err)" >&2
    tail -n 20 "$out/$label.err" >&2
    exit 1
  fi
  end=$(date +%s%N)
  printf '%s %s %s\n' "$label" "$(awk "BEGIN { printf \"%.3f\", ($end - $start) / 1e9 }")" "$(tail -n 1 "$out/rss")" \
    | tee -a "$out/$name" >&2
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# col NAME FIELD: the median of one field of $out/NAME (2: wall seconds, 3: peak RSS in KiB).
col() { cut -d' ' -f"$2" "$out/$1" | median; }
ratio() { awk "BEGIN { printf \"%.3f\", $1 / $2 }"; }
# A median of an even number of runs has a fraction, which shell arithmetic refuses.
kib_to_mib() { awk "BEGIN { printf \"%.0f\", $1 / 1024 }"; }
verdict() { awk "BEGIN { print ($1 <= $2) ? \"met\" : \"missed\" }"; }
