#!/bin/sh
# kling-tui: the README's screen captures are what the program shows now
# (doc/captures.sh --update makes them again after a change to a screen).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
top_srcdir=$top_srcdir top_builddir=$top_builddir sh "$top_srcdir/doc/captures.sh" >"$TMP/now"
for name in editor dashboard; do
	sed -n "/^<!-- capture: $name -->\$/,/^<!-- \\/capture -->\$/p" "$top_srcdir/README.md" >"$TMP/readme-$name"
	sed -n "/^<!-- capture: $name -->\$/,/^<!-- \\/capture -->\$/p" "$TMP/now" >"$TMP/now-$name"
	ok $([ "$(wc -l <"$TMP/now-$name")" -gt 5 ]; echo $?) "the $name was captured"
	if cmp -s "$TMP/readme-$name" "$TMP/now-$name"; then
		ok 0 "README's $name capture is the program's screen"
	else
		ok 1 "README's $name capture is the program's screen (run doc/captures.sh --update)"
		diff "$TMP/readme-$name" "$TMP/now-$name" | sed 's/^/# /' | head -20
	fi
done
done_testing
