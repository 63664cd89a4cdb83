#!/usr/bin/env bash
# make soak: the real desk under Xvfb, driven by xdotool with random edits and
# killed with SIGKILL at random moments; after each kill every change the desk
# logged as saved must be in the project and integrity_check must be ok.
# SOAK_EDITS (default 1000), SOAK_KILLS (default 25), SOAK_OUT, SOAK_SEED.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/factmark}
[ -x "$BIN" ] || { echo "soak: $BIN is not built (make build)"; exit 1; }
if [ -z "${DISPLAY_RUNNING:-}" ]; then
	export DISPLAY_RUNNING=1
	exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
case "${LANG:-C}" in C | C.* | POSIX) export LANG=en_US.UTF-8 ;; esac
args=(-bin "$BIN" -edits "${SOAK_EDITS:-1000}" -kills "${SOAK_KILLS:-25}")
[ -n "${SOAK_OUT:-}" ] && args+=(-out "$SOAK_OUT")
[ -n "${SOAK_SEED:-}" ] && args+=(-seed "$SOAK_SEED")
go run ./scripts/soak "${args[@]}"
