#!/bin/sh
# kling-tui: shell completion: after sourcing the bash script, kling-tui is
# completed: subcommands, options, storyboard files, task ids from the store.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
command -v bash >/dev/null 2>&1 || { echo "1..0 # SKIP bash is not installed"; exit 0; }
BC=/usr/share/bash-completion/bash_completion
[ -f "$BC" ] || BC=/dev/null
mkdir -p "$TMP/work"
cp "$FIXTURES/text-to-video.json" "$TMP/work/trailer.json"
: >"$TMP/work/notes.txt"
FILL="$top_builddir/bench/fill-store"
mkdir -p "$XDG_STATE_HOME/kling-tui"
"$FILL" "$XDG_STATE_HOME/kling-tui/tasks.db" 2 1 >/dev/null
export PATH="$top_builddir/src:$PATH"

# complete LINE: what Tab offers at the end of LINE, sorted, on one line.
complete_line() {
	(cd "$TMP/work" && bash -c '
		. "$1" >/dev/null 2>&1
		. "$2"
		line=$3
		read -ra COMP_WORDS <<<"$line"
		[ "${line% }" != "$line" ] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$line
		COMP_POINT=${#line}
		_kling_tui
		[ ${#COMPREPLY[@]} -gt 0 ] && printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "
	' sh "$BC" "$top_srcdir/completions/kling-tui" "$1")
}

is "$(bash -c ". '$top_srcdir/completions/kling-tui'; complete -p kling-tui")" \
	"complete -F _kling_tui kling-tui" "complete -p kling-tui after sourcing the script"
is "$(complete_line 'kling-tui st')" "status " "kling-tui st<Tab>: status"
is "$(complete_line 'kling-tui wa')" "watch " "kling-tui wa<Tab>: watch"
is "$(complete_line 'kling-tui submit --')" "--allow-http --base-url --cacert --demo --help --json --parallel --verbose --version --wait " \
	"submit --<Tab>: its options and the global ones"
is "$(complete_line 'kling-tui validate ')" "trailer.json " "validate <Tab>: storyboard files, not other files"
ids=$("$KLING_TUI" list --ids | sort | tr '\n' ' ')
first=$("$KLING_TUI" list --ids | sort | head -1)
is "$(complete_line 'kling-tui status ')" "$ids" "status <Tab>: the task ids of the store ($ids)"
is "$(complete_line "kling-tui download $(printf '%.4s' "$first")")" "$first " \
	"download <Tab> after an id's first characters: that id"
is "$(complete_line 'kling-tui --demo watch ')" "" "--demo: the demo store's ids (none yet)"
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$top_srcdir/completions/_kling-tui"; ok $? "the zsh function parses"
else
	skip "the zsh function parses" "zsh is not installed"
fi
done_testing
