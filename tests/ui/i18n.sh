#!/bin/sh
# kling-tui: under LANG=zh_CN.UTF-8 the editor and the dashboard speak
# Chinese, laid out in screen columns: labels, column titles and cells start
# where they do in English, and nothing is cut inside a character.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"
. "$top_srcdir/tests/i18n-lib.sh"

SB=$top_srcdir/tests/cli/customize.json
zhenv="env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8"
# whole_chars NAME: the screen is valid UTF-8 with no replacement mark, and no
# line is wider than the terminal.
whole_chars() {
	ui_screen >"$TMP/screen"
	iconv -f UTF-8 -t UTF-8 "$TMP/screen" >/dev/null 2>&1 && ! grep -q '�' "$TMP/screen"
	ok $? "$1: only whole characters on the screen"
	w=$(LC_ALL=C.UTF-8 wc -L <"$TMP/screen")
	[ "$w" -le 100 ]; ok $? "$1: no line wider than 100 columns ($w)"
}

## The editor, in English first: where its columns are.
ui_start "$KLING_TUI" "$SB"
ui_ok_wait "Diagnostics: none" "C: the editor starts in English"
en_mode=$(ui_line '^  Mode ')
en_aspect=$(ui_line '^  Aspect ratio ')
en_shot=$(ui_line '^  Shot 1 ')
ui_keys q
ui_start $zhenv "$KLING_TUI" "$SB"
ui_ok_wait "诊断：无，可以提交" "zh_CN: the diagnostics pane in Chinese"
ui_ok_wait "设置 ─" "zh_CN: the section titles in Chinese"
zh_mode=$(ui_line '^  模式 ')
zh_aspect=$(ui_line '^  宽高比 ')
zh_shot=$(ui_line '^  镜头 1 ')
like "$zh_mode" '多镜头' "zh_CN: the settings' labels in Chinese"
is "$(col_of "$zh_mode" pro)" "$(col_of "$en_mode" pro)" "zh_CN: the mode's value where it is in English"
is "$(col_of "$zh_mode" 多镜头)" "$(col_of "$en_mode" Multi-shot)" "zh_CN: the second label of a row where it is in English"
is "$(col_of "$zh_mode" " 开")" "$(col_of "$en_mode" " on")" "zh_CN: the second value too, in Chinese"
is "$(col_of "$zh_aspect" "（未设置）")" "$(col_of "$en_aspect" "(not set)")" "zh_CN: an unset value where it is in English"
is "$(col_of "$zh_shot" "3s")" "$(col_of "$en_shot" "3s")" "zh_CN: a shot's duration where it is in English"
is "$(col_of "$zh_shot" "53/512")" "$(col_of "$en_shot" "53/512")" "zh_CN: a shot's counter, right-aligned as in English"
like "$(ui_screen | tail -1)" '没有 API Key' "zh_CN: the status line in Chinese"
ui_keys j
ui_ok_wait "q 退出" "zh_CN: the status line's keys in Chinese"
is "$(col_of "$(ui_screen | tail -1)" "? 帮助  q 退出")" 86 \
	"zh_CN: the keys' tail ends at the right edge, counted in columns"
whole_chars "zh_CN editor"
ui_keys p
ui_ok_wait_joined "p 显示图片行的图片（首帧、尾帧或元素的图片）" "zh_CN: p off an image row says why in Chinese"
ui_keys '?'
ui_ok_wait "上一个、下一个字段" "zh_CN: the help screen's descriptions in Chinese"
like "$(ui_line '上一个、下一个字段')" '^  Up/Down, k/j +上一个' "zh_CN: the key names stay"
is "$(col_of "$(ui_line '上一个、下一个字段')" 上一个)" 23 "zh_CN: the descriptions in their column"
whole_chars "zh_CN help"
ui_keys q

## The dashboard with a task, in both languages: its titles over its cells.
dash() { # dash ENV...: submit the storyboard to a demo simulator, show the dashboard
	rm -rf "$XDG_STATE_HOME"
	ui_start "$@" PATH="$top_builddir/src:$PATH" "$KLING_TUI" --demo "$SB"
	ui_wait "DEMO" 10
	ui_keys s
	ui_wait "y / Enter" 5
	ui_keys y
	ui_keys F2
	ui_wait "customize.json  " 10
	sleep 0.3
}
dash env
en_title=$(ui_line '^  ID  ')
en_row=$(ui_line '^  [0-9a-f]{8}  customize\.json')
like "$en_row" 'customize\.json' "C: the dashboard shows the task"
dash $zhenv
ui_ok_wait "1 个任务 | 排序：最新" "zh_CN: the dashboard's counter in Chinese"
zh_title=$(ui_line '^  ID  ')
zh_row=$(ui_line '^  [0-9a-f]{8}  customize\.json')
like "$zh_title" '名称 +模式 +时长 +状态 +用时 +积分 +下次' "zh_CN: the column titles in Chinese"
like "$zh_row" '(排队中|生成中|成功)' "zh_CN: the task's state in Chinese"
is "$(cols "$zh_title")" "$(cols "$en_title")" "zh_CN: the column titles start where they do in English"
row_cols=$(cols "$zh_row")
title_cols=$(cols "$zh_title")
is "$(echo "$row_cols" | cut -d' ' -f1-8)" "$(echo "$title_cols" | cut -d' ' -f1-8)" \
	"zh_CN: each title starts where its cells start"
whole_chars "zh_CN dashboard"
ui_keys q
ui_wait "[exit" 5

## The editor's draft prompt: a draft whose process still runs, and one more.
D=$XDG_STATE_HOME/kling-tui/drafts
mkdir -p "$D"
cp "$SB" "$TMP/story.json"
sleep 300 & alive=$!
sh -c 'exit 0' & gone=$!; wait $gone
sed 's/"prompt": "/"prompt": "DRAFT-A /' "$SB" >"$D/a.json"
printf '%s\n%s' "$alive" "$TMP/story.json" >"$D/a.info"
sed 's/"prompt": "/"prompt": "DRAFT-B /' "$SB" >"$D/b.json"
printf '%s\n%s' "$gone" "$TMP/story.json" >"$D/b.info"
touch -d '2026-01-02 03:04' "$D/a.json" "$D/a.info"
touch -d '2026-01-01 03:04' "$D/b.json" "$D/b.info"
ui_start "$KLING_TUI" "$TMP/story.json"
ui_ok_wait_joined "Draft of $TMP/story.json, 2026-01-02 03:04, process $alive STILL RUNNING (1 more): [r]ecover" \
	"C: the draft prompt as it was: STILL RUNNING, (1 more)"
ui_keys Escape q
ui_start $zhenv "$KLING_TUI" "$TMP/story.json"
ui_ok_wait_joined "$TMP/story.json 的草稿，2026-01-02 03:04，进程 $alive 仍在运行（还有 1 份草稿）：[r]恢复" \
	"zh_CN: the draft prompt in Chinese: 仍在运行, how many more"
unlike "$(ui_screen)" 'STILL RUNNING|more\)' "zh_CN: no English left in it"
whole_chars "zh_CN draft prompt"
ui_keys Escape q
kill "$alive"

done_testing
