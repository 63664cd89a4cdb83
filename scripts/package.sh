#!/usr/bin/env bash
# Builds the Linux desktop package dist/Factmark.tar.xz with `fyne package`
# from FyneApp.toml and Icon.png. The fyne tool (fyne.io/tools) is installed
# as a separate binary in bin/tools, never as a dependency of our module: it
# wants a newer Fyne than the one we build with.
set -euo pipefail

cd "$(dirname "$0")/.."
FYNE_TOOLS_VERSION=v1.7.4
tool=bin/tools/fyne
if [ ! -x "$tool" ]; then
	echo "package: installing fyne.io/tools/cmd/fyne@$FYNE_TOOLS_VERSION into bin/tools"
	GOBIN="$PWD/bin/tools" GOFLAGS=-mod=mod go install "fyne.io/tools/cmd/fyne@$FYNE_TOOLS_VERSION"
fi

# fyne package rewrites FyneApp.toml (it bumps Build): keep ours as it is.
saved=$(mktemp)
cp FyneApp.toml "$saved"
trap 'cp "$saved" FyneApp.toml; rm -f "$saved"' EXIT

build=$(git rev-list --count HEAD 2>/dev/null || echo 1)
"$tool" package --os linux --executable bin/factmark --src . --release --app-build "$build"
mkdir -p dist
mv Factmark.tar.xz dist/
contents=$(tar tJf dist/Factmark.tar.xz)
for want in usr/local/bin/factmark usr/local/share/applications/org.factmark.desk.desktop usr/local/share/pixmaps/org.factmark.desk.png; do
	grep -q "$want" <<<"$contents" || { echo "package: $want missing from dist/Factmark.tar.xz"; exit 1; }
done
echo "package: dist/Factmark.tar.xz ($(du -h dist/Factmark.tar.xz | cut -f1)), build $build"
