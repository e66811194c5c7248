#!/bin/sh
# kling-tui: the man pages' examples survive groff: a shell example copied
# from the rendered page runs as written (issue 15, item 10: the jq example
# lost its double quotes), and the dashboard's keys are described.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
command -v groff >/dev/null 2>&1 || { echo "1..0 # SKIP groff is not installed"; exit 0; }
page=$(groff -mandoc -Tutf8 -P -c "$top_srcdir/man/kling-tui.1" 2>/dev/null | col -b 2>/dev/null ||
	groff -mandoc -Tascii "$top_srcdir/man/kling-tui.1")
like "$page" "jq -r 'select\\(.state == \"success\"\\)" "the jq example keeps its double quotes"
for key in '\?' 'Space' 'Escape' 'N, S, I, E, C' 'requests_per_second'; do
	like "$page" "$key" "the page describes $key"
done
done_testing
