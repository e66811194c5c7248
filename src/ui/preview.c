/* kling-tui: the focused prompt, whole and wrapped, under the form, as the
 * detail panes of tig and lazygit: a long prompt can be read without
 * opening $EDITOR.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include "editor.h"
#include "text.h"

#define PREVIEW_LINES	5	/* of text, at most */
/* A prompt's row leaves it the width less this (margin, label, counter):
 * a text as wide is cut, and previewed. */
#define PREVIEW_MARGIN	32

static const char *
preview_text(const struct editor *ed, int cols)
{
	const struct form_cell *c;
	const char *v;
	char buf[32];

	if (ed->mode != EM_NORMAL || ed->row >= ed->form.n ||
	    ed->col >= ed->form.rows[ed->row].ncells)
		return NULL;
	c = &ed->form.rows[ed->row].cells[ed->col];
	if (edit_kind(c->ref.f) != EK_TEXT)
		return NULL;
	v = edit_get(editor_view(ed), &c->ref, buf, sizeof buf);
	if (v == NULL || (int)text_width(v) <= cols - PREVIEW_MARGIN)
		return NULL;
	return v;
}

int
preview_height(const struct editor *ed, int rows, int cols)
{
	const char *v = preview_text(ed, cols);
	int max = rows >= 24 ? PREVIEW_LINES : rows >= 18 ? 2 : 0;

	if (v == NULL || max == 0)
		return 0;
	return 1 + wrap_text(NULL, 0, 0, cols, 0, v, max);
}

void
preview_draw(struct editor *ed, WINDOW *w, int y, int h, int cols)
{
	const char *v = preview_text(ed, cols);

	if (v == NULL || h < 2)
		return;
	/* A title, no rule across the screen: moving from prompt to prompt
	 * redraws this pane, and a slow link pays for every byte. */
	ui_put(w, y, 0, cols, ui_attr(UI_TITLE), _("Prompt, whole:"));
	wrap_text(w, y + 1, 0, cols, A_NORMAL, v, h - 1);
}
