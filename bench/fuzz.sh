#!/usr/bin/env bash
# fuzz.sh runs every fuzz target of every module of the repository in turn,
# each for a given time, and keeps the corpus it grows (Go keeps it in
# $GOCACHE/fuzz; a failing input is written to the package's
# testdata/fuzz/<Target>/ and the run stops there, so it can be committed
# with its fix). It is not part of the README's test command.
#
#	bench/fuzz.sh [-t 10m] [-p 1] [-m 100x] [-o results.tsv] [regexp]
#
# -t is the time per target (go test -fuzztime), -p the fuzzing workers per
# target (-parallel; 1 measures inputs per second per core, on a machine
# nothing else uses), -m the time a
# worker may spend minimizing a new interesting input (-fuzzminimizetime;
# Go's default of 60s stalls targets whose inputs are large: the worker
# minimizes each new input and reports a few inputs a minute; 100x caps it
# at 100 runs; a failing input is kept all the same and can be minimized
# later with a larger value), -o where to
# append one line per target: target, package, time, inputs, inputs per
# second, result, CPU seconds and inputs per CPU second. The CPU time is
# that of go test and its children (the build, if not cached, the
# coordinator and the workers), so inputs per CPU second is a floor of the
# rate of one core, whatever else runs on the machine. The optional regexp
# keeps the targets whose "package.Target" name matches it.
set -uo pipefail
cd "$(dirname "$0")/.."

fuzztime=10m
workers=1
minimize=100x
out=bench/results/fuzz.tsv
while getopts "t:p:m:o:" opt; do
  case $opt in
  t) fuzztime=$OPTARG ;;
  p) workers=$OPTARG ;;
  m) minimize=$OPTARG ;;
  o) out=$OPTARG ;;
  *) echo "usage: bench/fuzz.sh [-t 10m] [-p 1] [-m 100x] [-o results.tsv] [regexp]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
filter=${1:-.}
mkdir -p "$(dirname "$out")"

# Every package with a Fuzz function, in every module of the repository
# (go test runs in the package's directory, so each finds its own go.mod).
targets=()
for dir in "$PWD"; do
  while IFS= read -r line; do
    targets+=("$line")
  done < <(cd "$dir" && grep -l --include='*_test.go' -r '^func Fuzz' . |
    xargs grep -ho '^func Fuzz[A-Za-z0-9_]*' |
    sed 's/^func //' | sort -u |
    while read -r name; do
      for file in $(grep -l -r --include='*_test.go' "^func $name(" .); do
        echo "$dir/$(dirname "$file") $name"
      done
    done | sort -u)
done

failed=0
for t in "${targets[@]}"; do
  pkgdir=${t% *}
  name=${t#* }
  pkg=$(cd "$pkgdir" && go list .)
  if ! [[ "$pkg.$name" =~ $filter ]]; then
    continue
  fi
  log=$(mktemp)
  start=$(date +%s)
  # -timeout 0: go test's default 10m would end a 10m run as a failure.
  before=$(ls "$pkgdir/testdata/fuzz/$name" 2>/dev/null | wc -l)
  # The subshell ends with bash's `times`, whose second line is the CPU time
  # of its children: go test, the test binary and its fuzzing workers.
  (cd "$pkgdir" && go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" -timeout 0 -parallel "$workers" . >"$log" 2>&1
    status=$?; times >"$log.cpu"; exit $status)
  status=$?
  cpu=$(tail -1 "$log.cpu" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); s += p[1] * 60 + p[2] } printf "%d", s }')
  secs=$(($(date +%s) - start))
  # The last progress line says how many inputs ran and how fast:
  # "fuzz: elapsed: 10m0s, execs: 123456 (205/sec), new interesting: ..."
  last=$(grep 'execs: ' "$log" | tail -1)
  execs=$(echo "$last" | grep -o 'execs: [0-9]*' | grep -o '[0-9]*')
  elapsed=$(echo "$last" | grep -o 'elapsed: [0-9hms]*' | sed 's/elapsed: //' |
    awk '{ s = 0; n = ""; for (i = 1; i <= length($0); i++) { c = substr($0, i, 1);
      if (c ~ /[0-9]/) n = n c; else { if (c == "h") s += n * 3600; if (c == "m") s += n * 60; if (c == "s") s += n; n = "" } }
      print s }')
  execs=${execs:-0}
  rate=$(( ${elapsed:-0} > 0 ? execs / elapsed : 0 ))
  cpurate=$(( ${cpu:-0} > 0 ? execs / cpu : 0 ))
  result=ok
  after=$(ls "$pkgdir/testdata/fuzz/$name" 2>/dev/null | wc -l)
  if [ $status -ne 0 ] && [ "$after" -eq "$before" ] && tail -5 "$log" | grep -q '^    context deadline exceeded$'; then
    # Go's fuzzing coordinator can fail at the -fuzztime boundary with no
    # failing input (golang/go#75804, fixed in Go 1.27): not a finding.
    result=deadline-race
    echo "---- $pkg $name: context deadline exceeded at the end, no input written (golang/go#75804)" >&2
  elif [ $status -ne 0 ]; then
    result=FAIL
    failed=1
    echo "---- $pkg $name failed:" >&2
    tail -40 "$log" >&2
  fi
  printf '%s\t%s\t%ss\t%s\t%s/s\t%s\t%ss cpu\t%s/cpu-s\n' "$name" "$pkg" "$secs" "$execs" "$rate" "$result" "$cpu" "$cpurate" | tee -a "$out"
  rm -f "$log" "$log.cpu"
done
exit $failed
