#!/usr/bin/env bash
# The whole process at scale (issue 16), each step a real factmark process
# timed with /usr/bin/time (wall clock, user and system CPU, peak resident
# memory): the large project (10,000 articles, 1M annotations) exported as
# native JSON, that file imported into a new project (read as a stream,
# article by article), and the new project exported again. The round trip
# must hold: the second export is the first byte for byte, followed only
# by the import's own log entries. Targets: import ≤ 30 s and ≤ 500 MB,
# native export ≤ 10 s, every step ≤ 500 MB; a step over its target is
# marked, and the script fails only if the round trip does not hold.
#
#   bash scripts/scale.sh            (make bench runs it)
#   SCALE_PROJECT=P.db bash scripts/scale.sh
#
# The project is the one internal/bigproject.Cached makes: the PolNeAR
# training texts repeated (FACTMARK_BIG_ANNOTATIONS=100 go run
# ./scripts/bigproject, a few minutes); it is
# only read. Without it the script says so and stops (SCALE_GENERATE=1
# makes it first). It needs about 5 GB of free space for its files, which
# it deletes.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=${BIN:-bin/factmark}
case "${LANG:-C}" in C | C.* | POSIX) export LANG=en_US.UTF-8 ;; esac
project=${SCALE_PROJECT:-$(FACTMARK_BIG_ANNOTATIONS=100 go run ./scripts/bigproject -path)}
if [ ! -f "$project" ]; then
	if [ "${SCALE_GENERATE:-}" != 1 ]; then
		echo "scale: no large project at $project (FACTMARK_BIG_ANNOTATIONS=100 go run ./scripts/bigproject makes it, or run with SCALE_GENERATE=1); skipped"
		exit 0
	fi
	FACTMARK_BIG_ANNOTATIONS=100 go run ./scripts/bigproject
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/factmark-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT

# timed NAME WALL_TARGET_S COMMAND…: runs the command, prints its figures
# and whether they are within the targets (WALL_TARGET_S; 500 MB).
timed() {
	local name=$1 target=$2
	shift 2
	if ! /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err"; then
		echo "scale: $name failed:"
		cat "$work/err"
		exit 1
	fi
	read -r wall user sys kb <"$work/time"
	awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" -v k="$kb" -v t="$target" 'BEGIN {
		mb = k / 1024; mark = (w <= t && mb <= 500) ? "within" : "OVER"
		printf "scale: %-28s %7.1f s wall, %6.1f s CPU (%.1f user + %.1f sys), %6.0f MB peak   [%s %d s, 500 MB]\n", n, w, u + s, u, s, mb, mark, t
	}'
}

first=$work/export.json again=$work/again.json
timed "export (native JSON)" 10 "$BIN" --db "$project" export --format json -o "$first"
timed "import into a new project" 30 "$BIN" --db "$work/new.db" import "$first"
timed "export of the import" 10 "$BIN" --db "$work/new.db" export --format json -o "$again"

# The first export ends its log with "\n  ]\n}\n" (7 bytes); the second
# goes on from there with the import's entries (",\n    {").
n=$(($(stat -c %s "$first") - 7))
if cmp -s -n "$n" "$first" "$again" && [ "$(tail -c +$((n + 1)) "$again" | head -c 2 | od -An -c | tr -d ' ')" = ",\n" ]; then
	echo "scale: round trip holds: the second export is the first ($n bytes before its log's end) byte for byte, then the import's own log entries"
else
	echo "scale: round trip BROKEN: $again does not start with $first"
	cmp -n "$n" "$first" "$again" || true
	exit 1
fi
