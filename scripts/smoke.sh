#!/usr/bin/env bash
# GUI smoke test: starts the real binary in a real window under Xvfb on a
# temporary database, waits for the window, screenshots it, checks the
# screenshot is not blank, and quits with Ctrl+Q, expecting a clean exit.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=${BIN:-bin/factmark}
OUT=${SMOKE_OUT:-$(mktemp -d)}
[ -x "$BIN" ] || { echo "smoke: $BIN is not built (make build)"; exit 1; }

if [ -z "${DISPLAY_RUNNING:-}" ]; then
	export DISPLAY_RUNNING=1
	exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

case "${LANG:-C}" in C | C.* | POSIX) export LANG=en_US.UTF-8 ;; esac
db="$OUT/smoke.db"
"$BIN" --db "$db" >"$OUT/factmark.log" 2>&1 &
pid=$!

wid=""
for _ in $(seq 1 60); do
	wid=$(xdotool search --name '^Factmark' 2>/dev/null | head -1 || true)
	[ -n "$wid" ] && break
	kill -0 "$pid" 2>/dev/null || { echo "smoke: factmark exited early:"; cat "$OUT/factmark.log"; exit 1; }
	sleep 0.5
done
[ -n "$wid" ] || { echo "smoke: no Factmark window after 30 s"; kill "$pid"; exit 1; }
title=$(xdotool getwindowname "$wid")
sleep 2 # let the first frames paint

shot="$OUT/smoke.png"
/usr/bin/import -window root "$shot"
colours=$(/usr/bin/convert "$shot" -format '%k' info:)
deviation=$(/usr/bin/convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)
echo "smoke: window \"$title\"; screenshot $shot has $colours colours, grey deviation $deviation"
if [ "$colours" -lt 16 ] || awk "BEGIN { exit !($deviation < 0.02) }"; then
	echo "smoke: the screenshot is blank"
	kill "$pid"
	exit 1
fi

xdotool windowfocus --sync "$wid" 2>/dev/null || true
xdotool key --clearmodifiers ctrl+q
for _ in $(seq 1 20); do
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.5
done
if kill -0 "$pid" 2>/dev/null; then
	echo "smoke: Ctrl+Q did not quit factmark"
	kill "$pid"
	exit 1
fi
if ! wait "$pid"; then
	echo "smoke: factmark exited with an error:"
	cat "$OUT/factmark.log"
	exit 1
fi
echo "smoke: ok — factmark quit cleanly on Ctrl+Q"
