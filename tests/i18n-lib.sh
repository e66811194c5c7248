# kling-tui: helpers for the tests of the translations. Copyright (C) 2026 the
# kling-tui authors. GPL-3.0-or-later; see COPYING. Source it after tests/lib.sh.
#
# The zh_CN catalog is compiled into the build tree (tests/Makefile.inc) and
# found through KLING_TUI_LOCALEDIR; the locale itself must exist on the
# machine (bootstrap and CI generate it).
locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\{0,1\}8' ||
	{ echo "1..0 # SKIP the zh_CN.UTF-8 locale is not generated (see bootstrap)"; exit 0; }
: "${KLING_TUI_LOCALEDIR:=$top_builddir/tests/locale}"
export KLING_TUI_LOCALEDIR
[ -f "$KLING_TUI_LOCALEDIR/zh_CN/LC_MESSAGES/kling-tui.mo" ] ||
	{ echo "1..0 # SKIP no compiled catalog in $KLING_TUI_LOCALEDIR (make check builds it)"; exit 0; }
# zh ARGS...: run under LANG=zh_CN.UTF-8 as a user has it (no LC_ALL).
zh() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8 "$@"; }
# en ARGS...: the same with the messages' locale C.
en() { env -u LC_ALL -u LANGUAGE LANG=zh_CN.UTF-8 LC_MESSAGES=C "$@"; }
# col_of LINE TEXT: the screen column (from 0) where TEXT starts in LINE,
# counting a CJK character as two.
col_of() {
	case $1 in *"$2"*) ;; *) echo -1; return ;; esac
	printf '%s' "${1%%"$2"*}" | LC_ALL=C.UTF-8 wc -L
}
# cols LINE: the columns where each word (a run of non-blanks) starts.
cols() {
	printf '%s\n' "$1" | LC_ALL=C.UTF-8 grep -ob '[^ ]\{1,\}' | while IFS=: read -r off _; do
		printf '%s' "$1" | head -c "$off" | LC_ALL=C.UTF-8 wc -L
	done | tr '\n' ' '
}
