#!/bin/sh
# kling-tui: every message marked in the sources is translated in
# po/zh_CN.po (none untranslated, none fuzzy, the formats agree), and the
# translation keeps to the glossary's terms (po/GLOSSARY).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
for t in xgettext msgmerge msgfmt msggrep; do
	command -v $t >/dev/null 2>&1 || { echo "1..0 # SKIP $t is not installed (Debian: gettext)"; exit 0; }
done
PO=$top_srcdir/po/zh_CN.po
export LC_ALL=C.UTF-8

# The messages of today's sources, with po/Makevars' options.
opts=$(sed -n '/^XGETTEXT_OPTIONS/,/[^\\]$/p' "$top_srcdir/po/Makevars" |
	sed 's/^XGETTEXT_OPTIONS *= *//; s/\\$//' | tr '\n' ' ')
(cd "$top_srcdir" && grep -v '^#' po/POTFILES.in | xargs xgettext $opts --package-name=kling-tui \
	-o "$TMP/kling-tui.pot") 2>"$TMP/xgettext.err"
ok $? "xgettext reads the files of po/POTFILES.in"
n=$(grep -c '^msgid ' "$TMP/kling-tui.pot")
[ "$n" -gt 400 ]; ok $? "the sources mark their messages ($n)"
msgmerge -q -o "$TMP/merged.po" "$PO" "$TMP/kling-tui.pot"
stats=$(msgfmt --check --statistics -o /dev/null "$TMP/merged.po" 2>&1); st=$?
is "$st" 0 "msgfmt --check accepts zh_CN.po against today's sources"
like "$stats" '^[0-9]+ translated messages\.$' "zh_CN.po is complete: $stats"

# Every source file that marks a message is read by xgettext.
missing=
for f in $(cd "$top_srcdir" && grep -l '[^a-z_]N\{0,1\}_("' src/core/*.c src/net/*.c src/app/*.c src/ui/*.c src/cli/*.c); do
	grep -qx "$f" "$top_srcdir/po/POTFILES.in" || missing="$missing $f"
done
is "$missing" "" "po/POTFILES.in lists every file with a marked message"

# The glossary: a message that says the term says it in these words.
while IFS=: read -r en zh; do
	got=$(msggrep -K -E -e "(^|[^_a-z])${en}([^_a-z]|\$)" "$PO" | msggrep -v -T -e "$zh" |
		msgfmt --statistics -o /dev/null - 2>&1)
	like "$got" '^0 translated messages' "glossary: '$en' is '$zh'"
done <<'G'
credits?:积分
storyboards?:分镜脚本
elements?:元素
start frame:首帧
end frame:尾帧
multi-shot:多镜头
single.shot:单镜头
prompts?:提示词
drafts?:草稿
shot type:分镜方式
tasks?:任务
G
done_testing
