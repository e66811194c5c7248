#!/bin/sh
# kling-tui: E edits the whole storyboard as JSON in $VISUAL, read back and
# checked on return; text that no longer parses is kept for the next E, and
# the storyboard is left as it was (issue 10, item 17).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

# The "editor": what it does to the file is chosen by $TMP/do.
cat > "$TMP/vis" <<'SH'
#!/bin/sh
case $(cat "$(dirname "$0")/do") in
pro)	sed -i 's/"std"/"pro"/' "$1" ;;
break)	sed -i 's/"mode": "pro"/"mode": "pro/; s/"input"/"input" BROKEN/' "$1" ;;
mend)	grep -q BROKEN "$1" && echo kept > "$(dirname "$0")/seen"
	sed -i 's/ BROKEN//; s/"mode": "pro,/"mode": "pro",/; s/"duration": 10/"duration": 99/' "$1" ;;
esac
SH
chmod +x "$TMP/vis"
cp "$FIXTURES/text-to-video.json" "$TMP/story.json"
ui_start "VISUAL=$TMP/vis $KLING_TUI $TMP/story.json"
ui_ok_wait "Diagnostics: none" "the file opens"
echo pro > "$TMP/do"
ui_keys E
ui_ok_wait "Mode           pro" "E: the edit made in \$VISUAL is read back"
ui_ok_wait "read back from \$VISUAL: 0 errors" "and checked"
like "$(ui_line 'story.json')" 'story.json \[\+\]' "as an unsaved change"
echo break > "$TMP/do"
ui_keys E
ui_ok_wait_joined "not read back:" "text that no longer parses is refused"
ui_ok_wait_joined "E opens your text again" "saying it is kept"
like "$(ui_line 'Mode')" "pro" "the storyboard is as it was"
echo mend > "$TMP/do"
ui_keys E
ui_ok_wait "input.duration" "mended: read back, with the rules checked"
[ -s "$TMP/seen" ]; ok $? "the next E opened the broken text, not lost"
ui_keys u
ui_ok_wait_gone() { if ui_wait_gone "$1"; then ok 0 "$2"; else ok 1 "$2"; fi; }
ui_ok_wait_gone "input.duration" "u undoes it"
ui_stop
done_testing
