#!/bin/sh
# kling-tui: the local subcommands (validate, body, curl) run as a user would.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"

F=$FIXTURES
VALID="text-to-video image-to-video multi-shot-customize multi-shot-intelligence
elements create-example max max-prompt cjk"

# run CMD...: sets $rc, $out (stdout) and $err (stderr).
run() {
	"$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

## validate
for f in $VALID; do
	run "$KLING_TUI" validate "$F/$f.json"
	is "$rc:$err" "0:" "validate: the $f example is valid, nothing said"
done

run "$KLING_TUI" validate "$F/elements-as-printed.json"
is "$rc" 1 "validate: the page's element example has an error"
like "$err" "^$F/elements-as-printed.json: input.element_list\[0\]\.name: error: duplicate key \"name\" \(the last one is used\)$" \
	"validate: FILE: PATH: error: MESSAGE for the duplicate key"
like "$err" "input.prompt: warning: @element_dog names no element" \
	"validate: the dangling @mention is a warning"

run "$KLING_TUI" validate "$F/unknown-keys.json"
is "$rc" 0 "validate: warnings only: exit 0"
like "$err" "unknown-keys.json: input.negative_prompt: warning: unknown key" \
	"validate: unknown keys are reported as warnings"

run "$KLING_TUI" validate "$F/bad-types.json"
is "$rc" 1 "validate: wrong types: exit 1"
like "$err" "bad-types.json: input.duration: error: must be an integer, got 10.5" \
	"validate: 10.5 is not an integer"
like "$err" "input.multi_shots: error: must be true or false, got a string" \
	"validate: \"false\" is not a boolean"

run "$KLING_TUI" validate "$F/bad-not-json.json"
is "$rc:$err" "2:$F/bad-not-json.json: line 1, column 1: not valid JSON at 't'" \
	"validate: not JSON: exit 2, with line and column"
run "$KLING_TUI" validate "$F/bad-truncated.json"
like "$rc:$err" "^2:.*bad-truncated.json: line 13, column [0-9]+: unexpected end of the text" \
	"validate: a truncated file"
run "$KLING_TUI" validate "$F/bad-utf8.json"
is "$rc:$err" "2:$F/bad-utf8.json: line 4, column 19: invalid UTF-8 (byte 0xe9)" \
	"validate: invalid UTF-8, with its position"
run "$KLING_TUI" validate "$F/bad-empty.json"
is "$rc:$err" "2:$F/bad-empty.json: line 1, column 1: the file is empty" "validate: an empty file"

awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; for (i = 0; i < 10000; i++) printf "]" }' \
	>"$TMP/deep.json"
run "$KLING_TUI" validate "$TMP/deep.json"
like "$rc:$err" "^2:.*deep.json: line 1, column 65: nested deeper than 64 levels$" \
	"validate: nesting 10,000 deep is refused, not a crash"

dd if=/dev/zero of="$TMP/big.json" bs=1048576 count=50 2>/dev/null
run "$KLING_TUI" validate "$TMP/big.json"
like "$rc:$err" "^2:.*big.json: 52428800 bytes, over the 8 MB limit$" "validate: a 50 MB file"
run sh -c "cat '$TMP/big.json' | '$KLING_TUI' validate -"
like "$rc:$err" "^2:\(stdin\): more than 8 MB" "validate: 50 MB on stdin"
# Either side of the limit on a pipe (no size to look at): 8 MB of white
# space are read and found empty, one byte more is refused unread.
run sh -c "head -c 8388608 '$TMP/big.json' | tr '\\0' ' ' | '$KLING_TUI' validate -"
like "$rc:$err" "^2:\(stdin\): .*only white space" "validate: 8 MB on stdin are read"
run sh -c "head -c 8388609 '$TMP/big.json' | tr '\\0' ' ' | '$KLING_TUI' validate -"
like "$rc:$err" "^2:\(stdin\): more than 8 MB" "validate: 8 MB and a byte on stdin are refused"

run "$KLING_TUI" validate "$TMP"
like "$rc:$err" "^2:.*: is a directory" "validate: a directory"
run "$KLING_TUI" validate "$TMP/nonexistent.json"
like "$rc:$err" "^2:.*nonexistent.json: cannot open: No such file" "validate: a missing file"
cp "$F/text-to-video.json" "$TMP/locked.json"
chmod 000 "$TMP/locked.json"
if [ "$(id -u)" -eq 0 ]; then
	echo "ok $((tap_n += 1)) - validate: an unreadable file # SKIP root reads any file"
else
	run "$KLING_TUI" validate "$TMP/locked.json"
	like "$rc:$err" "^2:.*locked.json: cannot open: Permission denied" "validate: an unreadable file"
fi

run "$KLING_TUI" validate "$F/text-to-video.json" "$F/bad-types.json"
is "$rc" 1 "validate: one valid and one bad file: exit 1"
run "$KLING_TUI" validate "$F/bad-types.json" "$F/bad-empty.json" "$F/elements.json"
is "$rc" 2 "validate: an unparsable file among others: exit 2"
like "$err" "bad-types.json: input.duration" "validate: ... and the other files are still checked"

run sh -c "'$KLING_TUI' validate - <'$F/elements-as-printed.json'"
like "$rc:$err" "^1:\(stdin\): input.element_list\[0\].name: error: duplicate key" "validate: - reads stdin"

run "$KLING_TUI" validate --json "$F/elements-as-printed.json" "$F/bad-empty.json"
is "$rc" 2 "validate --json: exit codes as without it"
is "$(printf '%s' "$out" | jq -c '.[0]')" \
	"{\"file\":\"$F/elements-as-printed.json\",\"path\":\"input.element_list[0].name\",\"severity\":\"error\",\"message\":\"duplicate key \\\"name\\\" (the last one is used)\"}" \
	"validate --json: {file, path, severity, message}"
is "$(printf '%s' "$out" | jq -r 'map(.severity) | join(",")')" "error,error,warning,error" \
	"validate --json: every diagnostic, and the unparsable file as an error"
is "$(printf '%s' "$out" | jq -r '.[3].message')" "line 1, column 1: the file is empty" \
	"validate --json: the parse failure's reason"
run "$KLING_TUI" validate --json "$F/max.json"
is "$rc:$out" "0:[]" "validate --json: a valid file gives an empty array"

run "$KLING_TUI" validate
like "$rc:$err" "^2:kling-tui: validate: no FILE given" "validate: no FILE is a usage error"
run "$KLING_TUI" validate --bogus "$F/max.json"
like "$rc:$err" "^2:kling-tui: validate: unknown option '--bogus'" "validate: an unknown option"
run "$KLING_TUI" validate --help
like "$rc:$out" "^0:Usage: kling-tui validate \[--json\] FILE" "validate --help on stdout, exit 0"
run "$KLING_TUI" --help
like "$rc:$out" "^0:Usage: kling-tui" "--help on stdout, exit 0"
run "$KLING_TUI" --version
like "$rc:$out" "^0:kling-tui [0-9]" "--version on stdout, exit 0"

## body
for f in text-to-video create-example cjk max; do
	"$KLING_TUI" body "$F/$f.json" >"$TMP/body.json" 2>"$TMP/err"
	cmp -s "$TMP/body.json" "$F/$f.json"
	ok $? "body: the $f example is sent as written"
done
run "$KLING_TUI" body "$F/multi-shot-intelligence.json"
is "$(printf '%s' "$out" | jq -c .)" "$(jq -c '{model, input: (.input | {mode, multi_shots, shot_type, prompt, img_urls, duration, audio})}' "$F/multi-shot-intelligence.json")" \
	"body: keys in the API's order, values unchanged"
jq '.input.audio = false' "$F/multi-shot-customize.json" >"$TMP/ms.json"
run "$KLING_TUI" body "$TMP/ms.json"
is "$rc:$(printf '%s' "$out" | jq .input.audio)" "0:true" "body: multi-shot forces audio true"
like "$err" "input.audio: warning: is forced to true" "body: ... and says so on stderr"
jq '.input.shot_type = "customize"' "$F/text-to-video.json" >"$TMP/ss.json"
run "$KLING_TUI" body "$TMP/ss.json"
is "$rc:$(printf '%s' "$out" | jq -c '.input | has("shot_type")')" "0:false" "body: single shot drops shot_type"
jq '.input.duration = 20' "$F/text-to-video.json" >"$TMP/long.json"
run "$KLING_TUI" body "$TMP/long.json"
is "$rc:$out" "1:" "body: errors: exit 1, nothing on stdout"
like "$err" "long.json: input.duration: error: must be 3 to 15 s, got 20" "body: ... the diagnostics on stderr"
run sh -c "'$KLING_TUI' body - <'$F/elements.json'"
is "$rc:$out" "0:$(cat "$F/elements.json")" "body: - reads stdin"
run "$KLING_TUI" body "$F/bad-not-json.json"
is "$rc" 2 "body: not JSON: exit 2"
run "$KLING_TUI" body "$F/elements.json" "$F/max.json"
like "$rc:$err" "^2:kling-tui: body: one FILE only" "body: two files is a usage error"

## curl: run the printed command with a fake curl that records its arguments.
mkdir -p "$TMP/bin" "$TMP/args"
cat >"$TMP/bin/curl" <<'FAKE'
#!/bin/sh
i=0
for a in "$@"; do
	i=$((i + 1))
	printf '%s' "$a" >"$ARGS/$i"
done
echo "$#" >"$ARGS/n"
FAKE
chmod +x "$TMP/bin/curl"

# sendit FILE [kling-tui options]: print the command, run it with the fake
# curl and a key in the environment; $printed is what was printed.
sendit() {
	f=$1; shift
	rm -f "$TMP/args/"*
	CRUN_API_KEY=sk-test-SECRET-42 "$KLING_TUI" curl "$@" "$f" >"$TMP/cmd.sh" 2>"$TMP/err"
	rc=$?
	printed=$(cat "$TMP/cmd.sh")
	PATH="$TMP/bin:$PATH" ARGS="$TMP/args" CRUN_API_KEY=sk-test-SECRET-42 sh "$TMP/cmd.sh"
}
# arg_after FLAG: the argument the fake curl got after FLAG.
arg_after() {
	i=1
	n=$(cat "$TMP/args/n")
	while [ "$i" -lt "$n" ]; do
		if [ "$(cat "$TMP/args/$i")" = "$1" ]; then
			cat "$TMP/args/$((i + 1))"
			return
		fi
		i=$((i + 1))
	done
}

# sent_url: the one argument the fake curl got that is a URL.
sent_url() {
	for a in "$TMP/args/"[0-9]*; do
		cat "$a"
		echo
	done | grep '^http'
}

sendit "$F/create-example.json"
is "$rc" 0 "curl: exit 0"
unlike "$printed" "sk-test-SECRET" "curl: the key is never printed"
like "$printed" '-H "x-api-key: \$CRUN_API_KEY"' "curl: the key is read from \$CRUN_API_KEY"
is "$(arg_after -H)" "x-api-key: sk-test-SECRET-42" "curl: the shell expands the key from the environment"
is "$(arg_after -X)" "POST" "curl: a POST"
like "$(cat "$TMP/args/n")" "^[0-9]+$" "curl: the printed command ran"
"$KLING_TUI" body "$F/create-example.json" >"$TMP/want-body"
arg_after --data-binary >"$TMP/got-body"
cmp -s "$TMP/got-body" "$TMP/want-body"
ok $? "curl: the body arrives byte-identical to 'kling-tui body'"
is "$(sent_url)" "https://api.crun.ai/api/v1/client/job/CreateTask" "curl: the default base URL's CreateTask"
like "$printed" "-H 'Content-Type: application/json'" "curl: the JSON content type"

# A prompt that would hurt if quoting were wrong.
jq --arg p "it's \"\$(touch $TMP/pwned)\" \`touch $TMP/pwned\` \\ \$HOME 'quoted'
second line" '.input.prompt = $p' "$F/text-to-video.json" >"$TMP/nasty.json"
sendit "$TMP/nasty.json"
"$KLING_TUI" body "$TMP/nasty.json" >"$TMP/want-body"
arg_after --data-binary >"$TMP/got-body"
cmp -s "$TMP/got-body" "$TMP/want-body"
ok $? "curl: quotes, \$(), backquotes and newlines arrive byte-identical"
[ ! -e "$TMP/pwned" ]
ok $? "curl: nothing in the body is run by the shell"

sendit "$F/max.json" --base-url http://127.0.0.1:9/
is "$(sent_url)" \
	"http://127.0.0.1:9/api/v1/client/job/CreateTask" "curl: --base-url is used (trailing / handled)"
CRUN_BASE_URL=http://127.0.0.1:7 sendit "$F/max.json"
is "$(sent_url)" \
	"http://127.0.0.1:7/api/v1/client/job/CreateTask" "curl: CRUN_BASE_URL is used"
mkdir -p "$XDG_CONFIG_HOME/kling-tui"
printf 'base_url = http://127.0.0.1:5\ncolour = red\n' >"$XDG_CONFIG_HOME/kling-tui/config"
sendit "$F/max.json"
is "$(sent_url)" \
	"http://127.0.0.1:5/api/v1/client/job/CreateTask" "curl: the config's base_url is used"
like "$(cat "$TMP/err")" "config:2: unknown key \"colour\"" "curl: a config warning names its line"
rm -f "$XDG_CONFIG_HOME/kling-tui/config"

run "$KLING_TUI" curl "$TMP/long.json"
is "$rc:$out" "1:" "curl: errors: exit 1, no command"
run "$KLING_TUI" curl --help
like "$rc:$out" "^0:Usage: kling-tui curl FILE" "curl --help"

## Issue 12, item 15: curl applies the client's URL rules to the base URL.
run "$KLING_TUI" --base-url http://example.com curl "$F/text-to-video.json"
is "$rc:$out" "2:" "curl: plain http to a remote host: refused, no command"
like "$err" "plain http:// to example.com refused" "curl: and says why"
run "$KLING_TUI" --base-url ftp://127.0.0.1/ curl "$F/text-to-video.json"
is "$rc:$out" "2:" "curl: ftp:// refused"
run "$KLING_TUI" --base-url http://127.0.0.1:9 curl "$F/text-to-video.json"
like "$rc:$out" "^0:curl -sS -X POST 'http://127.0.0.1:9/api" "curl: http to a local simulator is fine"
run "$KLING_TUI" --allow-http --base-url http://example.com curl "$F/text-to-video.json"
like "$rc:$out" "^0:curl -sS -X POST 'http://example.com/api" "curl: --allow-http allows it"

## Issue 12, item 16: what reaches the terminal is sanitised.
esc=$(printf '\033')
rlo=$(printf '\342\200\256')
run "$KLING_TUI" validate "/nonexistent/${esc}[31mred"
like "$rc:$err" "^2:/nonexistent/red: cannot open" "validate: a file name's escape sequence is removed"
unlike "$err" "$esc" "validate: no ESC reaches stderr"
printf '{"model":"kling/v3","input":{"multi_shots":false,"prompt":"a %s @x","duration":5,"mode":"pro%s"}}' \
	"$rlo" "$rlo" >"$TMP/bidi${rlo}.json"
run "$KLING_TUI" validate "$TMP/bidi${rlo}.json"
like "$err" "bidi.json: input.mode: error" "validate: U+202E left out of the file name"
unlike "$err" "$rlo" "validate: no U+202E in any message"

## Issue 12, item 9: the key file's stack copy is wiped with explicit_bzero,
# which the compiler may not drop as it drops a memset before a return.
if command -v nm >/dev/null 2>&1; then
	nm -A "$top_builddir/src/core/libcore.a" | grep -q 'conf\.o:.* U explicit_bzero'
	ok $? "conf: the key's stack copy is wiped by explicit_bzero"
else
	echo "ok $((tap_n += 1)) - conf: explicit_bzero # SKIP no nm"
fi

## The manual documents every subcommand that --help lists.
for c in $("$KLING_TUI" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } /^$/ { on = 0 }'); do
	grep -q "^\.It Cm $c\>" "$top_srcdir/man/kling-tui.1"
	ok $? "man: kling-tui(1) documents the $c subcommand"
done

done_testing
