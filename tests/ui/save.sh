#!/bin/sh
# kling-tui: saving keeps what others did: a file changed on disk since it
# was opened is not overwritten without asking, a symlink stays a symlink,
# and a long error can be read whole (issue 10, items 6-8).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ui/ui-lib.sh"

prompt() { # prompt TEXT: the single-shot prompt starts with TEXT
	ui_keys j j j j j Enter C-a
	ui_type "$1"
	ui_keys Enter
}
cp "$FIXTURES/text-to-video.json" "$TMP/story.json"

# 6. Another program writes the file while it is open.
ui_start 80x24 "$KLING_TUI $TMP/story.json"
ui_ok_wait "Diagnostics" "the file opens"
prompt "MINE "
ui_ok_wait "MINE" "an edit"
cp "$FIXTURES/image-to-video.json" "$TMP/story.json"
ui_keys C-s
ui_ok_wait "changed on disk since it was opened" "C-s over an outside change asks first"
ui_ok_wait_joined "save over it? [y/n]" "whether to save over it"
ui_keys n
cmp -s "$TMP/story.json" "$FIXTURES/image-to-video.json"; ok $? "n keeps the outside change"
ui_keys C-s
ui_ok_wait_joined "save over it? [y/n]" "asked again"
ui_keys y
ui_ok_wait "saved $TMP/story.json" "y saves"
grep -q "MINE" "$TMP/story.json"; ok $? "with the edit"
ui_keys j Space C-s
ui_ok_wait "saved $TMP/story.json" "a second save of its own asks nothing"

# 8. A long error is whole on the screen, at 80 columns.
ui_keys w C-u
ui_type "$TMP/a/folder/that/does/not/exist/at/all/story.json"
ui_keys Enter
ui_ok_wait "not saved:" "saving where no folder is fails"
ui_ok_wait_joined "No such file or directory" "and the reason can be read whole"
ui_stop

# 7. Saving through a symlink writes its target and keeps the link.
mkdir "$TMP/real"
cp "$FIXTURES/text-to-video.json" "$TMP/real/target.json"
ln -s real/target.json "$TMP/link.json"
ui_start "$KLING_TUI $TMP/link.json"
ui_ok_wait "Diagnostics" "a file opens through a symlink"
prompt "LINKED "
ui_keys C-s
ui_ok_wait "saved $TMP/link.json" "saved"
[ -L "$TMP/link.json" ]; ok $? "the link is still a link"
grep -q LINKED "$TMP/real/target.json"; ok $? "and its target has the edit"
ui_stop
done_testing
