#!/usr/bin/env bash
# deps.sh — make sure the Debian 12 packages Factmark's cgo build and GUI tests
# need are installed, installing only the missing ones, and that Go is on PATH.
# Fast (well under a second) when nothing is missing: it only asks dpkg.
set -euo pipefail

PACKAGES=(
	gcc pkg-config
	libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
	libxinerama-dev libxi-dev libxxf86vm-dev
	xvfb xauth xdotool imagemagick
	# The brief's tests (interchange/brief): headless Chromium renders the
	# HTML brief, pdftotext reads the PDF one. Both skip when missing.
	chromium poppler-utils
)

if [ -d /usr/local/go/bin ]; then
	case ":$PATH:" in
	*:/usr/local/go/bin:*) ;;
	*) PATH="/usr/local/go/bin:$PATH" ;;
	esac
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
	# One dpkg-query call for all packages; unknown packages print nothing
	# on stdout, so anything not reported as "install ok installed" is missing.
	status=$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null || true)
	for p in "${PACKAGES[@]}"; do
		if ! grep -qx "$p install ok installed" <<<"$status"; then
			missing+=("$p")
		fi
	done
else
	echo "deps: dpkg-query not found: not a Debian system; install these yourself if the build fails:" >&2
	echo "deps:   ${PACKAGES[*]}" >&2
fi

if [ "${#missing[@]}" -gt 0 ]; then
	echo "deps: installing missing Debian packages: ${missing[*]}"
	SUDO=()
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1; then
			SUDO=(sudo)
		else
			echo "deps: need root or sudo to install: ${missing[*]}" >&2
			exit 1
		fi
	fi
	# apt may be busy (unattended upgrades, another install): wait for its
	# locks, and retry a few times, rather than failing at once.
	apt() {
		local try
		for try in 1 2 3 4 5; do
			if "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
				apt-get -o DPkg::Lock::Timeout=300 "$@"; then
				return 0
			fi
			echo "deps: apt-get $1 failed (attempt $try); retrying in 10 s" >&2
			sleep 10
		done
		echo "deps: apt-get $1 kept failing; giving up" >&2
		return 1
	}
	apt update
	apt install -y --no-install-recommends "${missing[@]}"
fi

if ! command -v go >/dev/null 2>&1; then
	cat >&2 <<'MSG'
deps: Go is not installed (no `go` on PATH and no /usr/local/go/bin).
deps: Factmark needs Go 1.26 or newer: see https://go.dev/doc/install
deps: (unpack the tarball into /usr/local so that /usr/local/go/bin/go exists).
MSG
	exit 1
fi
