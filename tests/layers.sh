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

# Which folder of src/ a quoted include names, found as the compiler would:
# beside the including file, then -I src, then -I src/core.
resolve() { # resolve DIR NAME
	for cand in "$1/$2" "$SRC/$2" "$SRC/core/$2"; do
		if [ -f "$cand" ]; then
			cand=$(cd "$(dirname "$cand")" && pwd)
			echo "${cand#"$(cd "$SRC" && pwd)"/}" | cut -d/ -f1
			return
		fi
	done
	echo "?"
}

problems=$TMP/problems
: >"$problems"
nfiles=0
for f in "$SRC"/*/*.c "$SRC"/*/*.h "$SRC"/*.c "$SRC"/*.h; do
	[ -f "$f" ] || continue
	rel=${f#"$SRC"/}
	case $rel in
	*/*) layer=${rel%%/*} ;;
	*) echo "$rel:1: a source file directly in src/, outside every layer" >>"$problems"; continue ;;
	esac
	nfiles=$((nfiles + 1))
	allowed=$(may_include "$layer")
	forbid=$(forbidden_system "$layer")
	grep -n '^[[:space:]]*#[[:space:]]*include' "$f" | while IFS= read -r line; do
		num=${line%%:*}
		inc=$(echo "$line" | sed -n 's/.*include[[:space:]]*\(["<]\)\([^">]*\)[">].*/\1\2/p')
		name=${inc#?}
		case $inc in
		\<*)
			if [ -n "$forbid" ] && echo "$name" | grep -Eq "$forbid"; then
				echo "$rel:$num: $layer includes <$name>" >>"$problems"
			fi ;;
		\"*)
			[ "$name" = config.h ] && continue
			to=$(resolve "$(dirname "$f")" "$name")
			case " $allowed " in
			*" $to "*) ;;
			*) echo "$rel:$num: $layer includes \"$name\" from $to/" >>"$problems" ;;
			esac ;;
		esac
	done
done

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
