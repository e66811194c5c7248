#!/bin/sh
# kling-tui: nothing the first frame does not need is loaded before it:
# kling-tui-app.so is not linked with libcurl, loads it only after the full
# screen's first frame, and without it the screens still open and say why.
# Nor with readline, which the first field typed into loads.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
APP="$top_builddir/src/kling-tui-app.so"
# An instrumented build (CI's ASan, TSan) adds its sanitizers' runtimes.
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' |
	grep -Ev '^lib(a|ub|t|l)san\.so' | sort | tr '\n' ' '; }

unlike "$(needed "$APP")" 'libcurl' "kling-tui-app.so does not need libcurl at start: $(needed "$APP")"
unlike "$(needed "$APP")" 'libreadline' "nor readline"
# The other subcommands' object: no curses either, so that a watch or a
# status loads nothing of the screen before its first query.
CMD="$top_builddir/src/kling-tui-cmd.so"
unlike "$(needed "$CMD")" 'libcurl|libreadline|libncurses|libtinfo' \
	"kling-tui-cmd.so needs no libcurl, readline or curses at start: $(needed "$CMD")"
# The front runs validate, body and curl: the C library and the JSON parser.
is "$(needed "$KLING_TUI")" "libc.so.6 libcjson.so.1 " "the front needs only libc and cJSON"
# Bound at start, not on each first call: fewer page faults (Makefile.inc).
like "$(readelf -d "$KLING_TUI" | grep -E '\((FLAGS|FLAGS_1)\)')" 'NOW' "the front is bound at start (-z now)"

# Of the locale, the full screen loads the character set (curses and
# readline need it) and nothing else: a dozen files for LC_ALL under
# C.UTF-8 where the locale archive lacks it. A subcommand prints through
# text.c, which needs none: it loads nothing of the locale.
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 XDG_STATE_HOME="$TMP/state" strace -f \
		-e trace=%file -o "$TMP/opens" "$KLING_TUI" list >/dev/null 2>&1
	is "$(grep -Ec 'locale-archive|/LC_[A-Z_]*"' "$TMP/opens")" 0 \
		"kling-tui list opens nothing of the locale"
	grep -q 'tasks.db' "$TMP/opens"; ok $? "(and it did run: it looked for the store)"
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 TERM=dumb XDG_STATE_HOME="$TMP/state" \
		strace -f -e trace=open,openat -o "$TMP/opens" "$KLING_TUI" </dev/null >/dev/null 2>&1
	others=$(grep -o '/LC_[A-Z_]*"' "$TMP/opens" | grep -v LC_CTYPE | tr -d '"' | sort -u | tr '\n' ' ')
	is "$others" "" "the full screen loads no locale category but LC_CTYPE"
else
	echo "# strace is missing or cannot trace here: the locale files are not checked"
fi

# The order of the terminal's bytes is the order of the writes: ld.so's
# trace of libcurl's loading must come after the first frame's last line.
export CRUN_API_KEY=k CRUN_BASE_URL=http://127.0.0.1:9
out="$TMP/pane.out"
ui_start "sleep 0.5; LD_DEBUG=files exec $KLING_TUI"
tmux -L "$ui_sock" pipe-pane -o "cat >>'$out'"
ui_wait "q quit" 5  # the last line, drawn last
sleep 0.5
frame=$(grep -abFo '[new storyboard]' "$out" | head -1 | cut -d: -f1)
curl=$(grep -abo 'file=libcurl' "$out" | head -1 | cut -d: -f1)
ok $([ -n "$curl" ]; echo $?) "libcurl is loaded (at byte ${curl:-none})"
ok $([ -n "$frame" ] && [ -n "$curl" ] && [ "$frame" -lt "$curl" ]; echo $?) \
	"after the first frame was drawn (its footer at byte ${frame:-none})"
rl=$(grep -abo 'file=libreadline' "$out" | head -1 | cut -d: -f1)
is "${rl:-none}" none "readline is not loaded while no field is typed into"
ui_keys F2 /
ui_wait "Filter (" 5
rl=$(grep -abo 'file=libreadline' "$out" | head -1 | cut -d: -f1)
ok $([ -n "$rl" ]; echo $?) "the first field loads it (at byte ${rl:-none})"
ui_stop

# A machine without libcurl: the editor and the dashboard still open.
ui_start "KLING_TUI_FAULT=no-libcurl $KLING_TUI"
ui_ok_wait "network unavailable: cannot load libcurl" "the editor opens and says the network is unavailable"
ui_keys F2
ui_ok_wait "No tasks yet" "the dashboard opens"
ui_keys q
ui_stop
# A machine without readline: the screens open; a field says why it cannot
# be typed into, and the screen goes on.
ui_start "KLING_TUI_FAULT=no-readline $KLING_TUI"
ui_ok_wait "Settings" "without readline, the editor opens"
ui_keys F2
ui_ok_wait "No tasks yet" "and the dashboard"
ui_keys /
ui_ok_wait "cannot load readline" "a field says it cannot be typed into"
ui_keys F2
ui_ok_wait "Settings" "and the screens still answer"
ui_stop
err=$(KLING_TUI_FAULT=no-libcurl "$KLING_TUI" balance 2>&1); rc=$?
is "$rc" 4 "a subcommand needing the network exits 4 (network)"
like "$err" '^kling-tui: network unavailable: cannot load libcurl' "and says why: $err"
# watch with nothing to watch asks nothing, so needs no libcurl: it works
# without it.
out=$(XDG_STATE_HOME=$TMP/empty-state CRUN_API_KEY=k KLING_TUI_FAULT=no-libcurl \
	"$KLING_TUI" watch --once 2>&1); rc=$?
is "$rc" 0 "watch --once with nothing to watch needs no libcurl"
like "$out" "^nothing to watch" "and says there is nothing: $out"
done_testing
