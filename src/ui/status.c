/* kling-tui: the status line: file name, modified flag, and the keys that
 * matter now (or the question being asked, or the file name being typed).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "editor.h"
#include "field.h"
#include "text.h"

static const char *
status_keys(const struct editor *ed)
{
	const struct form_cell *c;
	enum edit_kind k;

	switch (ed->mode) {
	case EM_EDIT:
		return "Enter keep  Esc cancel  Tab complete @name  C-a/C-e C-w C-y M-b/M-f";
	case EM_DIAGS:
		return "Up/Down choose  Enter go to field  Tab back  ? help";
	case EM_MENU:
		return "Up/Down choose  Enter open  Esc cancel";
	default:
		break;
	}
	if (ed->row >= ed->form.n || ed->col >= ed->form.rows[ed->row].ncells)
		return "? help  q quit";
	c = &ed->form.rows[ed->row].cells[ed->col];
	k = edit_kind(c->ref.f);
	if (k == EK_HEADING)
		return "a add  Tab problems  C-s save  u undo  ? help  q quit";
	if (k == EK_CHOICE)
		return "Space change  Tab problems  C-s save  u undo  ? help  q quit";
	if (k == EK_NUMBER)
		return "Enter edit  +/- change  a add  d del  C-s save  ? help  q quit";
	if (c->ref.f == EF_SHOT_PROMPT || c->ref.f == EF_PROMPT || c->ref.f == EF_ELEM_DESC)
		return "Enter edit  e $EDITOR  a add  d del  J/K move  C-s save  ? help";
	return "Enter edit  a add  d delete  Tab problems  C-s save  ? help  q quit";
}

void
status_draw(struct editor *ed, WINDOW *w, int y, int width, int *cy, int *cx)
{
	const char *name = ed->path != NULL ? ed->path : "[new storyboard]";
	const char *msg = ui_message_text();
	attr_t a = ui_attr(UI_STATUS);
	int x, lw;
	bool trimmed = false;

	ui_fill(w, y, 0, width, a);
	if (ed->mode == EM_ASK) {
		ui_put(w, y, 0, width, a | A_BOLD, ed->question);
		return;
	}
	if (ed->mode == EM_EDIT && ed->editing.f == EF_NFIELDS) {
		/* A file name or answer typed on the status line itself. */
		lw = ui_put(w, y, 0, width / 2, a | A_BOLD, field_label());
		field_draw(w, y, lw + 1, width - lw - 1, cy, cx);
		return;
	}
	/* A long path keeps its end: the file's own name matters most. */
	while (text_width(name) > (size_t)(width / 2 - 1) && strchr(name + 1, '/') != NULL) {
		name = strchr(name + 1, '/');
		trimmed = true;
	}
	x = 0;
	if (trimmed)
		x = ui_put(w, y, 0, width, a | A_BOLD, "...");
	x += ui_put(w, y, x, width / 2, a | A_BOLD, name);
	if (ed->modified)
		x += ui_put(w, y, x, width - x, a | A_BOLD, " [+]");
	x += 2;
	if (*msg != '\0')
		ui_put(w, y, x, width - x, a, msg);
	else
		ui_put(w, y, x, width - x, a, status_keys(ed));
}
