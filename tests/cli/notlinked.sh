#!/bin/sh
# kling-tui: the picture libraries (libjpeg, libpng, libchafa) are loaded on
# first use, never linked: a start without a picture pays nothing for them.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
command -v readelf >/dev/null 2>&1 || { echo "1..0 # SKIP readelf is not installed"; exit 0; }
for so in kling-tui-app.so kling-tui-cmd.so; do
	needed=$(readelf -d "$top_builddir/src/$so" | grep NEEDED)
	ok $([ -n "$needed" ]; echo $?) "$so's NEEDED entries are read"
	for lib in libjpeg libpng libchafa libglib; do
		unlike "$needed" "$lib" "$lib is not linked into $so"
	done
done
done_testing
