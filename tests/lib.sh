# kling-tui: shell helpers for TAP tests. Copyright (C) 2026 the kling-tui authors.
# GPL-3.0-or-later; see COPYING. Source it; then ok/is/done_testing.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
KLING_TUI="$top_builddir/src/kling-tui"
KLING_SIM="$top_builddir/src/kling-sim"
FIXTURES="$top_srcdir/tests/fixtures"
tap_n=0
tap_failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kt-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# Isolate every test from the user's config, state and key.
export XDG_CONFIG_HOME="$TMP/config" XDG_STATE_HOME="$TMP/state" XDG_DATA_HOME="$TMP/data" \
	XDG_CACHE_HOME="$TMP/cache"
export HOME="$TMP/home"
mkdir -p "$HOME"
unset CRUN_API_KEY CRUN_BASE_URL
# Pictures as block art in 256 colours unless a test says otherwise: the
# user's true colour or chosen way must not change what the tests read.
unset COLORTERM KLING_TUI_PICTURES

ok() { # ok STATUS NAME...
	local st=$1; shift
	tap_n=$((tap_n + 1))
	if [ "$st" -eq 0 ]; then echo "ok $tap_n - $*"
	else echo "not ok $tap_n - $*"; tap_failed=$((tap_failed + 1)); fi
}
is() { # is GOT WANT NAME...
	local got=$1 want=$2; shift 2
	if [ "$got" = "$want" ]; then ok 0 "$@"
	else ok 1 "$@"; printf '#   got: %s\n#  want: %s\n' "$got" "$want"; fi
}
like() { # like GOT REGEX NAME...
	local got=$1 re=$2; shift 2
	if printf '%s' "$got" | grep -Eq -- "$re"; then ok 0 "$@"
	else ok 1 "$@"; printf '#   got: %s\n#  want match: %s\n' "$got" "$re"; fi
}
unlike() { # unlike GOT REGEX NAME...
	local got=$1 re=$2; shift 2
	if printf '%s' "$got" | grep -Eq -- "$re"; then ok 1 "$@"; printf '#   got: %s\n#  must not match: %s\n' "$got" "$re"
	else ok 0 "$@"; fi
}
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1 # SKIP $2"; } # skip NAME WHY
done_testing() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; }
