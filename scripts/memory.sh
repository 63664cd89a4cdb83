#!/usr/bin/env bash
# Memory check: the real binary in a real window under Xvfb with a 1 MB text
# and 10k annotations open, scrolled through; prints resident memory (VmRSS)
# and its peak (VmHWM). Target: at most 200 MB resident.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=${BIN:-bin/factmark}
if [ -z "${DISPLAY_RUNNING:-}" ]; then
	export DISPLAY_RUNNING=1
	exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
case "${LANG:-C}" in C | C.* | POSIX) export LANG=en_US.UTF-8 ;; esac

dir=$(mktemp -d)
go run scripts/bigdoc.go -size 1048576 -annotations 10000 -o "$dir/big.json"
"$BIN" --db "$dir/big.db" import "$dir/big.json" >/dev/null
id=$("$BIN" --db "$dir/big.db" list | awk '/Generated transcript/ { print $1 }')
"$BIN" --db "$dir/big.db" >"$dir/log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
	wid=$(xdotool search --name 'Generated transcript$' 2>/dev/null | head -1 || true)
	[ -n "$wid" ] && break
	sleep 0.5
done
[ -n "${wid:-}" ] || { echo "memory: no window"; xdotool search --name . getwindowname %@ 2>/dev/null; cat "$dir/log"; kill "$pid"; exit 1; }
sleep 2
xdotool mousemove --window "$wid" 600 400
for _ in $(seq 1 200); do xdotool click 5; done # scroll down through the text
sleep 1
rss=$(awk '/VmRSS/ { print $2 }' /proc/$pid/status)
hwm=$(awk '/VmHWM/ { print $2 }' /proc/$pid/status)
echo "memory: 1 MB text, 10k annotations open (article $id): VmRSS $((rss / 1024)) MB, peak VmHWM $((hwm / 1024)) MB (target ≤ 200 MB)"
xdotool key --clearmodifiers ctrl+q
wait "$pid"
rm -rf "$dir"
[ "$rss" -le $((200 * 1024)) ]
