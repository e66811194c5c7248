#!/bin/sh
# CI: build the Debian package from a clean export of HEAD, check what it
# installs, and have lintian find no error. TAP on stdout.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/ci-out/deb}
rm -rf "$out" && mkdir -p "$out/src"
(cd "$top" && git archive HEAD) | tar -x -C "$out/src"
n=0 failed=0
ok() { n=$((n + 1)); if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi; }
(cd "$out/src" && DEB_BUILD_OPTIONS="nocheck parallel=2" dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1
ok $? "dpkg-buildpackage -us -uc -b builds the package"
deb=$(ls "$out"/kling-tui_*_*.deb 2>/dev/null | head -1)
[ -n "$deb" ]; ok $? "a .deb was made"
if [ -n "$deb" ]; then
	dpkg -c "$deb" | awk '{print $6}' >"$out/contents"
	ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
	for f in ./usr/bin/kling-tui ./usr/bin/kling-sim ./usr/lib/$ma/kling-tui/kling-tui-app.so \
	    ./usr/lib/$ma/kling-tui/kling-tui-cmd.so \
	    ./usr/share/man/man1/kling-tui.1.gz ./usr/share/man/man1/kling-sim.1.gz \
	    ./usr/share/bash-completion/completions/kling-tui \
	    ./usr/share/zsh/vendor-completions/_kling-tui ./usr/share/doc/kling-tui/copyright \
	    ./usr/share/locale/zh_CN/LC_MESSAGES/kling-tui.mo; do
		grep -qx "$f" "$out/contents"; ok $? "the package installs $f"
	done
	lintian --fail-on error "$deb" >"$out/lintian.log" 2>&1
	ok $? "lintian finds no error"
fi
echo "1..$n"
[ "$failed" -eq 0 ] || { tail -30 "$out/build.log"; cat "$out/lintian.log" 2>/dev/null; exit 1; }
