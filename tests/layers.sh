#!/bin/sh
# kling-tui: the layers keep their places (HACKING): every include between
# the folders of src/ points down (cli -> ui -> app -> net -> core; sim ->
# core), and the system headers of curses, curl, readline and threads stay
# where they belong. A broken rule is reported with its file and line.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"
SRC="${LAYERS_SRC:-$top_srcdir/src}"

# The project folders a layer may include, itself included.
may_include() {
	case $1 in
	core) echo "core" ;;
	net) echo "core net" ;;
	img) echo "core net img" ;;
	sim) echo "core sim" ;;
	app) echo "core net app" ;;
	ui) echo "core net img app ui" ;;
	cli) echo "core net img app ui cli" ;;
	*) echo "" ;;
	esac
}
# System headers a layer must not include (extended regular expression).
forbidden_system() {
	case $1 in
	core) echo '^(n?curses|ncursesw/|term\.h|curl/|readline/|pthread\.h|microhttpd\.h)' ;;
	net|sim) echo '^(n?curses|ncursesw/|term\.h|readline/)' ;;
	img) echo '^(n?curses|ncursesw/|term\.h|readline/|curl/|microhttpd\.h|chafa)' ;;
	app) echo '^(n?curses|ncursesw/|term\.h|readline/|microhttpd\.h)' ;;
	ui) echo '^(curl/|microhttpd\.h)' ;;
	cli) echo '^(n?curses|ncursesw/|term\.h|readline/|curl/|microhttpd\.h)' ;;
	esac
}

# One awk pass reads every file (a shell loop forking per include line took
# a minute of CPU). A quoted include is found as the compiler would find it:
# beside the including file, then -I src, then -I src/core.
problems=$TMP/problems
files=$TMP/files
(cd "$SRC" && find . -maxdepth 2 -type f \( -name '*.c' -o -name '*.h' \) | sed 's|^\./||' | sort) >"$files"
allowed_map=$TMP/allowed
for layer in core net img sim app ui cli; do
	printf '%s\t%s\t%s\n' "$layer" "$(may_include "$layer")" "$(forbidden_system "$layer")"
done >"$allowed_map"
nfiles=$(awk -v problems="$problems" -v src="$SRC" '
FILENAME == ARGV[1] { split($0, a, "\t"); allowed[a[1]] = " " a[2] " "; forbid[a[1]] = a[3]; next }
FILENAME == ARGV[2] { exists[$0] = 1; list[++nlist] = $0; next }
END {
	printf "" >problems
	for (i = 1; i <= nlist; i++) {
		rel = list[i]
		if (rel !~ /\//) {
			print rel ":1: a source file directly in src/, outside every layer" >>problems
			continue
		}
		layer = rel; sub(/\/.*/, "", layer)
		dir = rel; sub(/\/[^\/]*$/, "", dir)
		n++
		num = 0
		while ((getline line < (src "/" rel)) > 0) {
			num++
			if (line !~ /^[ \t]*#[ \t]*include/)
				continue
			if (!match(line, /include[ \t]*["<][^">]*[">]/))
				continue
			inc = substr(line, RSTART, RLENGTH); sub(/^include[ \t]*/, "", inc)
			kind = substr(inc, 1, 1); name = substr(inc, 2, length(inc) - 2)
			if (kind == "<") {
				if (forbid[layer] != "" && name ~ forbid[layer])
					print rel ":" num ": " layer " includes <" name ">" >>problems
				continue
			}
			if (name == "config.h")
				continue
			to = "?"
			if ((dir "/" name) in exists) to = dir "/" name
			else if (name in exists) to = name
			else if (("core/" name) in exists) to = "core/" name
			if (to != "?") sub(/\/.*/, "", to)
			if (index(allowed[layer], " " to " ") == 0)
				print rel ":" num ": " layer " includes \"" name "\" from " to "/" >>problems
		}
		close(src "/" rel)
	}
	print n + 0
}' "$allowed_map" "$files")

ok $([ "$nfiles" -gt 50 ]; echo $?) "the layers' files were read ($nfiles)"
for layer in core net img sim app ui cli; do
	if grep -q "^$layer/" "$problems"; then
		ok 1 "$layer/ keeps its includes"
		grep "^$layer/" "$problems" | sed 's/^/# /'
	else
		ok 0 "$layer/ keeps its includes"
	fi
done
if grep -vq '^[a-z]*/' "$problems"; then
	ok 1 "no source file outside the layers"
	grep -v '^[a-z]*/' "$problems" | sed 's/^/# /'
else
	ok 0 "no source file outside the layers"
fi
done_testing
