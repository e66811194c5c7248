/* kling-tui: the whole storyboard as text: its JSON body in $VISUAL, read
 * back and checked on return. Text that no longer parses is kept, not
 * lost: the next E opens it again to be mended.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "editor.h"
#include "xmalloc.h"

void
editor_edit_text(struct editor *ed)
{
	struct storyboard *sb;
	char *text, *out, *cause = NULL;
	size_t errors;

	text = ed->broken != NULL ? ed->broken : codec_encode(ed->sb);
	ed->broken = NULL;
	out = extedit_run(text, &cause);
	if (out == NULL) {
		if (cause != NULL) {
			ui_message("%s", cause);
			free(cause);
		} else
			ui_message(_("storyboard unchanged"));
		free(text);
		return;
	}
	free(text);
	if ((sb = codec_decode(out, strlen(out), &cause)) == NULL) {
		/* Kept for the next E: what was typed there is not lost. */
		ed->broken = out;
		ui_message(_("not read back: %s; nothing changed, E opens your text"
		    " again"), cause);
		free(cause);
		return;
	}
	free(out);
	sb_free(&ed->sb);
	ed->sb = sb;
	editor_changed(ed, true);
	errors = diag_count(ed->diags, DIAG_ERROR);
	ui_message(_("storyboard read back from $VISUAL: %zu error%s, %zu warning%s (u undoes)"),
	    errors, errors == 1 ? "" : "s", diag_count(ed->diags, DIAG_WARNING),
	    diag_count(ed->diags, DIAG_WARNING) == 1 ? "" : "s");
}
