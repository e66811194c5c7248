#!/bin/sh
# kling-tui fault campaign: the user's own disk misbehaves. A full disk while
# downloading or saving, a read-only state directory, a corrupt store: each
# time a clear message, no crash, nothing half-written passed off as whole,
# and no request sent that the store could not record first.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/cli/net-lib.sh"
export CRUN_API_KEY="$SIM_KEY"
STATE="$XDG_STATE_HOME/kling-tui"
mounts=
umount_all() { for m in $mounts; do umount "$m" 2>/dev/null; done; mounts=; }
trap 'umount_all; sim_cleanup' EXIT
tmpfs() { # tmpfs DIR SIZE: a small file system of our own, if allowed
	mkdir -p "$1"
	[ "$(id -u)" -eq 0 ] && mount -t tmpfs -o "size=$2" kt-fault "$1" 2>/dev/null &&
		mounts="$1 $mounts"
}
size() { stat -c %s "$1" 2>/dev/null || echo 0; }

start_sim --task-seconds 1 --media-size 262144 || exit 1
run kt submit --wait "$NET/t2v.json"
is "$RC" 0 "a finished task to download"
id=$(echo "$OUT" | sed -n 's/.*: task //p' | head -1)

# A full disk while downloading, the real way (ENOSPC on a small tmpfs) and
# the unprivileged way (a file size limit: EFBIG).
full_download() { # full_download HOW DIR [ulimit blocks]
	local how=$1 dir=$2
	if [ -n "${3:-}" ]; then
		(ulimit -f "$3"; trap '' XFSZ; exec "$KLING_TUI" --base-url "$SIM_URL" download -o "$dir/v.mp4" "$id") \
			>"$TMP/out" 2>"$TMP/err"
	else
		kt download -o "$dir/v.mp4" "$id" >"$TMP/out" 2>"$TMP/err"
	fi
	RC=$?; ERR=$(cat "$TMP/err")
	ok $([ "$RC" -ne 0 ] && [ "$RC" -lt 128 ]; echo $?) "$how: the download fails cleanly (exit $RC, no crash)"
	like "$ERR" '[Ss]pace|[Ll]arge|[Ww]rit|[Ll]imit' "$how: and says the file could not be written"
	[ ! -e "$dir/v.mp4" ]; ok $? "$how: no partial file under the final name"
	unlike "$("$KLING_TUI" list --json --all | jq -r "select(.task_id == \"$id\") | .download_path")" "^$dir/" \
		"$how: the store records no download there"
}
if tmpfs "$TMP/small" 64k; then
	full_download "full disk (tmpfs)" "$TMP/small"
	mount -o remount,size=1m "$TMP/small"
	run kt download -o "$TMP/small/v.mp4" "$id"
	is "$RC" 0 "full disk (tmpfs): once there is room, the download completes"
	is "$(size "$TMP/small/v.mp4")" 262144 "full disk (tmpfs): the whole file"
	is "$("$KLING_TUI" list --json --all | jq -r "select(.task_id == \"$id\") | .download_path")" "$TMP/small/v.mp4" \
		"full disk (tmpfs): the store records where it went"
else
	for t in 1 2 3 4 5 6 7; do skip "full disk (tmpfs) $t" "cannot mount a tmpfs here (needs root)"; done
fi
mkdir -p "$TMP/lim"
full_download "file size limit (ulimit -f)" "$TMP/lim" 64
run kt download -o "$TMP/lim/v.mp4" "$id"
is "$RC" 0 "file size limit: without the limit, the download completes"
is "$(size "$TMP/lim/v.mp4")" 262144 "file size limit: the whole file"

# Saving a storyboard onto a full disk: the file keeps its old contents.
if tmpfs "$TMP/fulldoc" 16k; then
	cp "$FIXTURES/max.json" "$TMP/fulldoc/story.json"
	head -c 16384 /dev/zero >"$TMP/fulldoc/filler" 2>/dev/null
	. "$top_srcdir/tests/ui/ui-lib.sh"
	trap 'ui_stop; umount_all; sim_cleanup' EXIT
	ui_start "$KLING_TUI $TMP/fulldoc/story.json"
	ui_wait "Diagnostics" 10
	ui_keys j j j j j j l Enter C-e
	ui_type " More."
	ui_keys Enter C-s
	i=0; while ! ui_screen | grep -Eq "[Ss]pace|annot|rror" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	like "$(ui_screen)" "[Ss]pace|annot|rror" "full disk: saving says it failed"
	ui_keys C-l
	ok $(ui_pid >/dev/null; echo $?) "full disk: the editor keeps running"
	cmp -s "$TMP/fulldoc/story.json" "$FIXTURES/max.json"
	ok $? "full disk: the file on disk is the old one, whole"
	ui_stop
else
	for t in 1 2 3; do skip "full disk while saving $t" "cannot mount a tmpfs here (needs root)"; done
fi
stop_sim

# A read-only state directory: nothing is sent that cannot be recorded.
start_sim || exit 1
ro=no
if [ "$(id -u)" -eq 0 ]; then
	mount --bind "$STATE" "$STATE" 2>/dev/null && mounts="$STATE $mounts" &&
		mount -o remount,bind,ro "$STATE" 2>/dev/null && ro=yes
else
	chmod 500 "$STATE" && chmod 400 "$STATE"/* && ro=yes
fi
if [ "$ro" = yes ]; then
	run kt submit "$NET/t2v.json"
	ok $([ "$RC" -ne 0 ] && [ "$RC" -lt 128 ]; echo $?) "read-only state dir: submit refuses (exit $RC)"
	like "$ERR" "$STATE|[Rr]ead-only|ermission" "read-only state dir: the message names the problem"
	is "$(creates)" 0 "read-only state dir: nothing was sent"
	run kt list
	ok $([ "$RC" -lt 128 ]; echo $?) "read-only state dir: list does not crash (exit $RC)"
else
	for t in 1 2 3 4; do skip "read-only state dir $t" "cannot make the state directory read-only"; done
fi
umount_all
chmod -R u+w "$STATE" 2>/dev/null

# A corrupt store: a clear error, no crash, nothing sent.
cp "$STATE/tasks.db" "$TMP/good.db"
for how in garbage truncated; do
	rm -f "$STATE"/tasks.db*
	case $how in
	garbage) head -c 65536 /dev/urandom >"$STATE/tasks.db" ;;
	truncated) head -c 3000 "$TMP/good.db" >"$STATE/tasks.db" ;;
	esac
	: >"$SIM_LOG"
	run kt list
	ok $([ "$RC" -ne 0 ] && [ "$RC" -lt 128 ]; echo $?) "$how store: list fails cleanly (exit $RC)"
	like "$ERR" "tasks.db" "$how store: the message names the file"
	run kt submit "$NET/t2v.json"
	ok $([ "$RC" -ne 0 ] && [ "$RC" -lt 128 ]; echo $?) "$how store: submit refuses (exit $RC)"
	is "$(creates)" 0 "$how store: nothing was sent"
done
stop_sim
done_testing
