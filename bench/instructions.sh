#!/usr/bin/env bash
# instructions.sh BINARY BENCHREGEXP N prints the instructions one op of a
# benchmark executes, counted by callgrind (they do not drift with the
# machine's load as time does): (ir(N+100) - ir(100)) / N, so that the
# setup cancels. GOGC=off keeps the count deterministic (GC work is left
# out: report allocations beside it); valgrind 3.19 cannot decode rdtscp and
# crashes on Go's async preemption signals, hence the GODEBUG. Build the
# binary with `go test -c -o BINARY ./pkg`; run it from the package's
# directory when the benchmark reads testdata.
#
#	bench/instructions.sh /tmp/inc.test 'Replay50$' 2000
set -euo pipefail
bin=$1 re=$2 n=$3
ir() {
  GOGC=off GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off valgrind --tool=callgrind \
    --callgrind-out-file=/dev/null "$bin" -test.run '^$' -test.bench "$re" \
    -test.benchtime "${1}x" -test.cpu 1 2>&1 | awk '/Collected/ {gsub(",", "", $4); print $4}'
}
a=$(ir 100)
b=$(ir $((n + 100)))
echo "$re: $(((b - a) / n)) instructions/op"
