#!/bin/sh
# kling-tui: under LANG=zh_CN.UTF-8 the CLI speaks Chinese; what programs
# read (paths, exit codes, --json) does not change, and C stays English.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/i18n-lib.sh"

BAD=$top_srcdir/tests/cli/invalid.json
cat >"$TMP/bad.json" <<'J'
{"model": "kling/v3", "input": {"mode": "ultra", "multi_shots": true,
 "shot_type": "customize", "duration": 10, "img_urls": [],
 "multi_prompt": [{"prompt": "a", "duration": 4}, {"prompt": "", "duration": 3}]}}
J

## validate: the same paths, severities and exit code; Chinese messages
for f in "$BAD" "$TMP/bad.json"; do
	"$KLING_TUI" validate "$f" 2>"$TMP/c.err"; crc=$?
	zh "$KLING_TUI" validate "$f" 2>"$TMP/zh.err"; zrc=$?
	is "$zrc" "$crc" "validate ${f##*/}: the same exit code ($crc) in Chinese"
	is "$(cut -d: -f1-3 "$TMP/zh.err")" "$(cut -d: -f1-3 "$TMP/c.err")" \
		"validate ${f##*/}: the same files, paths and severities"
	unlike "$(cat "$TMP/zh.err")" 'error: [a-z]' "validate ${f##*/}: no message left in English"
done
is "$(cat "$TMP/zh.err")" "$TMP/bad.json: input.mode: error: 必须是 \"std\" 或 \"pro\"，实际为 \"ultra\"
$TMP/bad.json: input.img_urls: error: 多镜头需要恰好 1 张图片，实际为 0 张
$TMP/bad.json: input.multi_prompt[1].prompt: error: 为空：请写出这个镜头里发生什么
$TMP/bad.json: input.multi_prompt: error: 镜头时长之和为 7 秒，但 duration 为 10 秒" \
	"validate: the messages in the service's own words (镜头, 时长)"
en "$KLING_TUI" validate "$TMP/bad.json" 2>"$TMP/en.err"
is "$(cat "$TMP/en.err")" "$(cat "$TMP/c.err")" "validate: LC_MESSAGES=C wins over LANG"
zh "$KLING_TUI" validate "$TMP/nonexistent.json" 2>"$TMP/zh.err"; zrc=$?
is "$zrc" 2 "validate: an unreadable file still exits 2"
like "$(cat "$TMP/zh.err")" '无法打开：' "validate: and says why in Chinese"

## --json is for programs: byte for byte the same
"$KLING_TUI" validate --json "$TMP/bad.json" >"$TMP/c.json" 2>/dev/null; crc=$?
zh "$KLING_TUI" validate --json "$TMP/bad.json" >"$TMP/zh.json" 2>/dev/null; zrc=$?
cmp -s "$TMP/c.json" "$TMP/zh.json"; ok $? "validate --json: the same output under zh_CN"
is "$zrc" "$crc" "validate --json: the same exit code"

## --help and usage errors
zh "$KLING_TUI" --help >"$TMP/zh.help"; zrc=$?
is "$zrc" 0 "--help: exit 0 in Chinese"
like "$(head -1 "$TMP/zh.help")" '^用法：kling-tui' "--help: the usage line in Chinese"
like "$(cat "$TMP/zh.help")" '  validate \[--json\] FILE\.\.\. +按规则检查分镜脚本' \
	"--help: the synopses stay, the summaries are translated"
"$KLING_TUI" --help >"$TMP/c.help"
env -u LC_ALL -u LANG -u LC_MESSAGES "$KLING_TUI" --help >"$TMP/none.help"
cmp -s "$TMP/c.help" "$TMP/none.help"; ok $? "--help: C.UTF-8 and no locale at all print the same English"
like "$(head -1 "$TMP/c.help")" '^Usage: kling-tui' "--help: English under C"
zh "$KLING_TUI" validate --help >"$TMP/zh.vhelp"
like "$(cat "$TMP/zh.vhelp")" '^用法：kling-tui validate \[--json\] FILE\.\.\.' "validate --help: in Chinese"
zh "$KLING_TUI" stauts 2>"$TMP/zh.err"; zrc=$?
is "$zrc" 2 "a usage error still exits 2"
like "$(cat "$TMP/zh.err")" "未知子命令 'stauts'；您是指 'status' 吗" "a usage error in Chinese"
like "$(cat "$TMP/zh.err")" "请尝试 'kling-tui --help'" "with the hint in Chinese"

## doctor: its labels in Chinese, its values in one column
zh "$KLING_TUI" doctor >"$TMP/zh.doctor" 2>&1
line=$(grep '语言环境' "$TMP/zh.doctor")
like "$line" 'zh_CN\.UTF-8' "doctor: its labels in Chinese"
is "$(col_of "$line" zh_CN)" 17 "doctor: the values start at column 17 after a CJK label"
is "$(col_of "$(grep '^  TERM ' "$TMP/zh.doctor")" "${TERM:-(none)}")" 17 "doctor: as after an ASCII one"

done_testing
