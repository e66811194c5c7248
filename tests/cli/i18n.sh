#!/bin/sh
# kling-tui: under LANG=zh_CN.UTF-8 the CLI speaks Chinese; what programs
# read (paths, exit codes, --json) does not change, and C stays English.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/cli/net-lib.sh"
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

## Over 100 diagnostics: the last one sums up the rest, in Chinese too
keys() { # keys N KEY: a storyboard with N unknown keys named KEY1.. (or KEY N times)
	printf '{"model": "kling/v3", "input": {"prompt": "a", "multi_shots": false, "duration": 5'
	seq "$1" | sed "s/.*/, \"$2&\": 1/" | tr -d '\n'
	printf '}}\n'
}
keys 150 x >"$TMP/many.json"
"$KLING_TUI" validate "$TMP/many.json" 2>"$TMP/c.err"
is "$(tail -1 "$TMP/c.err")" "$TMP/many.json: ...: warning: and 50 more: unknown key (kept, and sent as it is)" \
	"C: over 100 findings, the last says how many more, in English as before"
zh "$KLING_TUI" validate "$TMP/many.json" 2>"$TMP/zh.err"
is "$(tail -1 "$TMP/zh.err")" "$TMP/many.json: ...: warning: 另有 50 条：未知的键（保留，并原样发送）" \
	"zh_CN: and in Chinese, its path and severity as they are"
{ keys 120 x | sed 's/"duration": 5/"duration": 5, "mode": "ultra"/'; } >"$TMP/mixed.json"
sed 's/"x120": 1/"x120": 1, "x1": 2/' "$TMP/mixed.json" >"$TMP/mixed2.json"
"$KLING_TUI" validate "$TMP/mixed2.json" 2>"$TMP/c.err"
like "$(tail -1 "$TMP/c.err")" '\.\.\.: (error|warning): and 2[0-9] more \([0-9]+ errors?, [0-9]+ warnings?\)$' \
	"C: findings that differ are counted by severity"
zh "$KLING_TUI" validate "$TMP/mixed2.json" 2>"$TMP/zh.err"
like "$(tail -1 "$TMP/zh.err")" '\.\.\.: (error|warning): 另有 2[0-9] 条（[0-9]+ 个错误，[0-9]+ 个警告）$' \
	"zh_CN: and counted in Chinese"

## list: (local #N) in Chinese, its columns where they are in English; the
## state words stay, as kling-tui(1) promises scripts
start_sim --task-seconds 1000 --fault reset@create || exit 1
export CRUN_API_KEY="$SIM_KEY"
run kt submit "$NET/t2v.json"
stop_sim
start_sim --task-seconds 1000 || exit 1
run kt submit "$NET/t2v.json" "$NET/i2v.json"
stop_sim
"$KLING_TUI" list >"$TMP/c.list"
"$KLING_TUI" list --json | sed 's/.*"task_id":\([^,]*\),"state":"\([^"]*\)","name":"\([^"]*\)".*"created":\([0-9]*\).*/\1 \2 \3 \4/' |
	while read -r id state name created; do
		[ "$id" = null ] && id="(local #1)" || id=$(echo "$id" | tr -d '"')
		printf '%-36s  %-10s  %s  %s\n' "$id" "$state" "$(date -d "@$created" '+%Y-%m-%d %H:%M')" "$name"
	done >"$TMP/c.want"
is "$(cat "$TMP/c.list")" "$(cat "$TMP/c.want")" "C: list's rows are what they were, byte for byte"
is "$(wc -l <"$TMP/c.list")" 3 "C: three tasks listed"
zh "$KLING_TUI" list >"$TMP/zh.list"
like "$(cat "$TMP/zh.list")" '^（本地 #1） +unknown ' "zh_CN: a task with no id is （本地 #1）"
like "$(cat "$TMP/zh.list")" '[0-9a-f-]{36}  pending ' "zh_CN: the state words stay as they are"
unlike "$(cat "$TMP/zh.list")" '\(local #' "zh_CN: no (local #N) left"
# The columns of state, date, time and name: the last four words' starts.
last4() { cols "$1" | awk '{ print $(NF-3), $(NF-2), $(NF-1), $NF }'; }
c_cols=$(last4 "$(head -1 "$TMP/c.list")")
bad=
while IFS= read -r l; do
	[ "$(last4 "$l")" = "$c_cols" ] || bad="$bad|$l"
done <"$TMP/zh.list"
is "$bad" "" "zh_CN: every row's columns start where English's do ($c_cols)"
"$KLING_TUI" list --json >"$TMP/c.json"
zh "$KLING_TUI" list --json >"$TMP/zh.json"
cmp -s "$TMP/c.json" "$TMP/zh.json"; ok $? "list --json: the same bytes under zh_CN"

## submit: "FILE: task ID" is read by scripts (kling-tui(1)): it stays
start_sim --task-seconds 1000 || exit 1
zh "$KLING_TUI" --base-url "$SIM_URL" submit "$NET/t2v.json" >"$TMP/zh.sub" 2>"$TMP/zh.err"
like "$(cat "$TMP/zh.sub")" "^$NET/t2v.json: task [0-9a-f-]{36}\$" "zh_CN: submit prints FILE: task ID as in English"
id=$(sed -n 's/.*: task //p' "$TMP/zh.sub")

## status: "ID (NAME): STATE, ..." as scripts read it, in every language
"$KLING_TUI" --base-url "$SIM_URL" status "$id" >"$TMP/c.st"
like "$(cat "$TMP/c.st")" "^$id \(t2v\.json\): pending, [0-9]+s\$" "C: status says pending, as before"
zh "$KLING_TUI" --base-url "$SIM_URL" status "$id" >"$TMP/zh.st"
like "$(cat "$TMP/zh.st")" "^$id \(t2v\.json\): pending, [0-9]+s\$" "zh_CN: the same words (the state stays, kling-tui(1))"

## fatal(): its words in Chinese, the program's reason as it is
timeout 20 env KLING_TUI_FAULT=worker-fatal "$KLING_TUI" --base-url "$SIM_URL" status task_1 \
	>/dev/null 2>"$TMP/c.err"
is "$(head -1 "$TMP/c.err")" "kling-tui: fatal: forced by KLING_TUI_FAULT=worker-fatal" "C: a fatal error in English"
zh timeout 20 env KLING_TUI_FAULT=worker-fatal "$KLING_TUI" --base-url "$SIM_URL" status task_1 \
	>/dev/null 2>"$TMP/zh.err"
is "$(head -1 "$TMP/zh.err")" "kling-tui：致命错误：forced by KLING_TUI_FAULT=worker-fatal" "zh_CN: in Chinese"
stop_sim
# Out of memory, where a memory limit makes it so (not under ASan): reading
# a 2.6 MB file needs a buffer that a limit of a few MB refuses.
keys 200000 k >"$TMP/big.json"
oom() { # oom LIMIT ENV...: validate's last line of stderr under ulimit -v LIMIT
	(l=$1; shift; ulimit -v "$l"; exec "$@" "$KLING_TUI" validate "$TMP/big.json") 2>&1 >/dev/null | tail -1
}
c_oom= zh_oom=
for limit in 8000 10000 12000 15000 20000; do
	case $(oom $limit env) in "kling-tui: fatal: out of memory ("*) c_oom=$limit ;; esac
	case $(oom $limit env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8) in
	"kling-tui：致命错误：内存不足（"*"字节）") zh_oom=$limit ;;
	esac
done
if [ -n "$c_oom" ]; then
	[ -n "$zh_oom" ]; ok $? "zh_CN: out of memory, said in Chinese (English at ${c_oom} KB)"
else
	skip "zh_CN: out of memory, said in Chinese" "no memory limit makes validate run out here"
fi

## drafts: its titles and process column in Chinese, in columns
D=$XDG_STATE_HOME/kling-tui/drafts
mkdir -p "$D"
sleep 300 & alive=$!
sh -c 'exit 0' & gone=$!; wait $gone
cp "$NET/t2v.json" "$D/a.json"; printf '%s\n%s' "$alive" "$TMP/story.json" >"$D/a.info"
cp "$NET/t2v.json" "$D/b.json"; printf '%s\n' "$gone" >"$D/b.info"
touch -d '2026-01-02 03:04' "$D/a.json" "$D/a.info"
touch -d '2026-01-01 03:04' "$D/b.json" "$D/b.info"
"$KLING_TUI" drafts >"$TMP/c.drafts"
is "$(cat "$TMP/c.drafts")" "$(printf '%-16s  %-16s  %s\n' SAVED PROCESS FILE \
	'2026-01-02 03:04' "$alive running" "$TMP/story.json" '2026-01-01 03:04' "$gone gone" '(a new storyboard)'
	echo 'kling-tui FILE (or kling-tui alone, for every draft of a process gone) offers to recover them.')" \
	"C: drafts prints what it did, byte for byte"
zh "$KLING_TUI" drafts >"$TMP/zh.drafts"
head=$(sed -n 1p "$TMP/zh.drafts")
like "$head" '^保存时间 +进程 +文件$' "zh_CN: drafts' column titles in Chinese"
like "$(sed -n 2p "$TMP/zh.drafts")" "^2026-01-02 03:04  $alive 仍在运行 +$TMP/story.json\$" "zh_CN: a process that runs: 仍在运行"
like "$(sed -n 3p "$TMP/zh.drafts")" "^2026-01-01 03:04  $gone 已结束 +（新的分镜脚本）\$" "zh_CN: one gone: 已结束"
for r in 2 3; do
	row=$(sed -n ${r}p "$TMP/zh.drafts")
	is "$(col_of "$row" "$([ $r = 2 ] && echo $alive || echo $gone) ")" "$(col_of "$head" 进程)" \
		"zh_CN: row $r's process under its title, counted in columns"
	is "$(col_of "$row" "$([ $r = 2 ] && echo "$TMP" || echo （)")" "$(col_of "$head" 文件)" \
		"zh_CN: row $r's file under its title"
done
is "$(col_of "$head" 文件)" 36 "zh_CN: the file column where it is in English"
kill "$alive"

## keys: the help screens' words, in Markdown; under C what README is made of
"$KLING_TUI" keys >"$TMP/c.keys"
grep -qx '| Key | What it does |' "$TMP/c.keys" && grep -qx 'Dashboard keys:' "$TMP/c.keys"
ok $? "C: keys in English, as README's tables"
zh "$KLING_TUI" keys >"$TMP/zh.keys"
like "$(sed -n 1,3p "$TMP/zh.keys")" '^编辑器的按键：' "zh_CN: keys' titles in Chinese"
like "$(cat "$TMP/zh.keys")" '\| `Up/Down, k/j` \| 上一个、下一个字段 \|' "zh_CN: the keys stay, what they do is translated"
is "$(grep -c '^| `' "$TMP/zh.keys")" "$(grep -c '^| `' "$TMP/c.keys")" "zh_CN: as many keys as in English"

done_testing
