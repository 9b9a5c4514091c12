#!/bin/sh
# Measures examples/snowreport against the pandas script (kpis.py) on the
# generated 140k- and 1.4M-row exports with /usr/bin/time -v: wall time, user
# CPU and maximum resident set size, as recorded in bench/README.md. The
# tools run in turn, three rounds, on the same file: snowreport on the
# generator's export (500 incidents' rows at a time shuffled: every incident
# sorted after the read), pandas on it, and snowreport on the same rows in
# time order per incident (order=time: walked as read). The exports go to a
# temporary directory, removed at the end (the 1.4M-row file is 405 MB).
#
#   cd bench && sh snowreport/run.sh            # ROWS="1400000" to pick sizes
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$here/.."
go build -o "$dir/snowgen" ./snowreport/cmd/snowgen
go build -o "$dir/snowreport" github.com/go-itsm/itsm/examples/snowreport
py=/usr/bin/python3
for rows in ${ROWS:-140000 1400000}; do
	"$dir/snowgen" -rows $rows -o "$dir/export.csv"
	"$dir/snowgen" -rows $rows -inorder -o "$dir/inorder.csv"
	size=$(stat -c %s "$dir/export.csv")
	for run in 1 2 3; do
		for tool in snowreport pandas snowreport-inorder; do
			case $tool in
			snowreport) set -- "$dir/snowreport" -format json "$dir/export.csv" ;;
			pandas) set -- "$py" "$here/kpis.py" "$dir/export.csv" ;;
			snowreport-inorder) set -- "$dir/snowreport" -format json "$dir/inorder.csv" ;;
			esac
			/usr/bin/time -v "$@" >"$dir/out.json" 2>"$dir/time.txt" || { cat "$dir/time.txt"; exit 1; }
			wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt")
			user=$(sed -n 's/.*User time (seconds): //p' "$dir/time.txt")
			sys=$(sed -n 's/.*System time (seconds): //p' "$dir/time.txt")
			rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time.txt")
			echo "rows=$rows file=$((size / 1048576))MB tool=$tool run=$run wall=$wall user=${user}s sys=${sys}s maxrss=$((rss / 1024))MB rss/file=$((rss * 1024 * 100 / size))%"
		done
	done
done
