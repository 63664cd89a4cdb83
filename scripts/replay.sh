#!/usr/bin/env bash
# The replay of issue 10 (run by make bench, not make test): the real desk
# under Xvfb, driven by xdotool, annotates the seed article of ../shared
# completely, by hand and from the suggestions, and counts every key chord,
# click and drag; it fails when the project then differs from the gold.
# REPLAY_MODES (default "hand suggest"), REPLAY_OUT (default a temp folder).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/factmark}
SEED=${FACTMARK_SHARED:-../shared}/corpus/seed
[ -x "$BIN" ] || { echo "replay: $BIN is not built (make build)"; exit 1; }
[ -f "$SEED/article.ann" ] || { echo "replay: no seed gold in $SEED; skipped"; exit 0; }
if [ -z "${DISPLAY_RUNNING:-}" ]; then
	export DISPLAY_RUNNING=1
	exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
case "${LANG:-C}" in C | C.* | POSIX) export LANG=en_US.UTF-8 ;; esac
out=${REPLAY_OUT:-$(mktemp -d -t factmark-replay-XXXX)}
go build -o "$out/replay" ./scripts/replay
for mode in ${REPLAY_MODES:-hand suggest}; do
	"$out/replay" -bin "$BIN" -seed "$SEED" -mode "$mode" -out "$out/$mode"
done
