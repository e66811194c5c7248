#!/bin/sh
# kling-tui: the README's screen captures are what the program shows now
# (doc/captures.sh --update makes them again after a change to a screen).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
top_srcdir=$top_srcdir top_builddir=$top_builddir sh "$top_srcdir/doc/captures.sh" >"$TMP/now"
for name in editor dashboard keys; do
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

# The man page describes every key the program's tables name.
man=$(groff -mdoc -Tutf8 -rLL=300n "$top_srcdir/man/kling-tui.1" 2>/dev/null | col -bx)
if [ -n "$man" ]; then
	missing=
	for key in $("$KLING_TUI" keys | sed -n 's/^| `\([^`]*\)` |.*/\1/p' | tr ',/' '  '); do
		case $key in
		then|in|pane\)|\(in) continue ;;
		esac
		printf '%s\n' "$man" | grep -qF -- "$key" || missing="$missing $key"
	done
	is "$missing" "" "every key of kling-tui keys is in the man page"
else
	skip "every key of kling-tui keys is in the man page" "groff is not installed"
fi

# ? at 120x40 shows whole descriptions (two columns used to cut them).
ui_start 120x40 "$KLING_TUI" "$FIXTURES/text-to-video.json"
ui_wait "Diagnostics" 5
ui_keys '?'
ui_ok_wait "kling-tui keys" "? shows the editor's keys"
like "$(ui_screen)" "page up, page down; first, last field" "at 120x40, no description is cut"
ui_stop
done_testing
