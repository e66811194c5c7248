#!/bin/sh
# kling-tui: what --help, the man page and the README say holds for the
# program: help fits 80 columns and lists the exit codes the man page lists,
# the man page's jq examples run as printed, every file the program leaves
# in the state directory is in FILES, a mistyped subcommand is caught, and
# kling-sim listens on loopback unless told otherwise.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/cli/net-lib.sh"
MAN="$top_srcdir/man/kling-tui.1"

HELP=$("$KLING_TUI" --help)
is "$(printf '%s\n' "$HELP" | awk 'length > 80' | wc -l)" 0 "--help fits 80 columns"
for c in validate body curl submit status list watch download balance doctor; do
	like "$HELP" "^  $c( |\$)|
  $c( |\$)" "--help lists $c"
	like "$(cat "$MAN")" "^\\.It Cm $c( |\$)" "the man page describes $c"
done
# The exit codes: the same list in --help and in the man page's EXIT STATUS.
help_codes=$(printf '%s\n' "$HELP" | sed -n '/^Exit status:/,/^$/p' | sed -n 's/^  \([0-9][0-9]*\)  .*/\1/p' | tr '\n' ' ')
man_codes=$(sed -n '/^\.Sh EXIT STATUS/,/^\.Sh /p' "$MAN" | sed -n 's/^\.It \([0-9][0-9]*\)$/\1/p' | tr '\n' ' ')
is "$help_codes" "0 1 2 3 4 5 130 " "--help lists the exit codes"
is "$man_codes" "$help_codes" "and the man page lists the same ones"

# README names the subcommands that take --json: each one's synopsis has it,
# and those README leaves out do not.
README="$top_srcdir/README.md"
json_cmds=$(tr '\n' ' ' <"$README" | sed -n 's/.*\(`validate`[^.]*\) take `--json`.*/\1/p' | grep -o '`[a-z]*`' | tr -d '`' | tr '\n' ' ')
ok $([ -n "$json_cmds" ]; echo $?) "README names the subcommands that take --json ($json_cmds)"
for c in validate body curl submit status list watch download balance; do
	syn=$(printf '%s\n' "$HELP" | grep -E "^  $c( |\$)" | head -1)
	case " $json_cmds " in
	*" $c "*) like "$syn" "--json" "README: $c takes --json, and it does" ;;
	*) unlike "$syn" "--json" "README: $c is not said to take --json, and it does not" ;;
	esac
done

# A mistyped subcommand is not a new storyboard's name.
OUT=$("$KLING_TUI" stauts 2>&1); RC=$?
is "$RC" 2 "a mistyped subcommand: exit 2"
like "$OUT" "unknown subcommand 'stauts'; did you mean 'status'\\?" "and the suggestion"
OUT=$("$KLING_TUI" watch --bogus 2>&1); RC=$?
is "$RC" 2 "an unknown option: exit 2"

# kling-sim: loopback unless --allow-remote.
OUT=$(timeout 5 "$KLING_SIM" --listen 0.0.0.0:0 2>&1); RC=$?
is "$RC" 2 "kling-sim refuses a non-loopback address"
like "$OUT" "--allow-remote" "and says how to mean it"

# The man page's jq examples, as a reader would paste them (rendered, one
# line each), against the simulator.
if command -v groff >/dev/null 2>&1 && command -v col >/dev/null 2>&1 &&
    command -v jq >/dev/null 2>&1; then
	groff -mdoc -Tutf8 -rLL=300n "$MAN" 2>/dev/null | col -bx | sed -n 's/^[[:space:]]*\(kling-tui .*| jq .*\)$/\1/p' >"$TMP/examples"
	is "$(wc -l <"$TMP/examples")" 2 "the man page has its two jq examples"
	start_sim --task-seconds 1 || exit 1
	export CRUN_API_KEY="$SIM_KEY" CRUN_BASE_URL="$SIM_URL"
	mkdir -p "$TMP/work/shots"
	cp "$NET/t2v.json" "$TMP/work/shots/a.json"
	cp "$NET/invalid.json" "$TMP/work/shots/b.json"
	"$KLING_TUI" submit "$NET/t2v.json" >/dev/null 2>&1
	PATH="$top_builddir/src:$PATH"
	export PATH
	ex=$(sed -n 1p "$TMP/examples")
	out=$(cd "$TMP/work" && timeout 60 sh -c "$ex" 2>/dev/null)
	like "$out" "." "example 1 runs as printed: $ex"
	ex=$(sed -n 2p "$TMP/examples")
	out=$(cd "$TMP/work" && timeout 60 sh -c "$ex" 2>/dev/null)
	id=$("$KLING_TUI" list --json | jq -r .task_id | head -1)
	is "$out" "$id" "example 2 runs as printed and prints the finished task's id"
	stop_sim
	unset CRUN_BASE_URL
else
	for i in 1 2 3; do skip "jq example $i" "groff, col or jq is not installed"; done
fi

# FILES: everything the program leaves in the state directory is named.
mkdir -p "$TMP/files"
XDG_STATE_HOME="$TMP/files" "$KLING_TUI" -v --demo submit --wait "$NET/t2v.json" >/dev/null 2>&1
XDG_STATE_HOME="$TMP/files" "$KLING_TUI" -v list >/dev/null 2>&1
files=$(cd "$TMP/files/kling-tui" && find . -type f | sed 's|^\./||; s/-wal$//; s/-shm$//' | sort -u)
missing=
for f in $files; do
	base=${f##*/}
	grep -q "Pa $base\\b\\|Pa demo/$base\\b\\|Pa ${f}\\b" "$MAN" || missing="$missing $f"
done
is "$missing" "" "every file in the state directory is in FILES ($(echo $files))"
done_testing
