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

/* Lines a long question or message may take: enough for a path and a
 * cause, not so many that the form disappears. */
#define STATUS_MAX_LINES 4

/* Lay s out from column x of line y, then on whole lines below, breaking
 * at spaces; draws only when w is not NULL. Returns the lines used. */
static int
status_wrap(WINDOW *w, int y, int x, int width, attr_t a, const char *s, int max)
{
	size_t n, cut;
	int lines = 0;

	while (lines < max && x < width) {
		n = text_fit(s, (size_t)(width - x));
		cut = n;
		if (s[n] != '\0' && lines + 1 < max) {
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = n;
		}
		if (w != NULL)
			ui_putn(w, y + lines, x, width - x, a, s, cut);
		lines++;
		s += cut;
		while (*s == ' ')
			s++;
		if (*s == '\0' || cut == 0)
			break;
		x = 0;
	}
	return lines > 0 ? lines : 1;
}

/* The file's name as the status line shows it: a long path keeps its end,
 * the file's own name mattering most. *x: the columns it takes. */
static const char *
status_name(const struct editor *ed, int width, bool *trimmed, int *x)
{
	const char *name = ed->path != NULL ? ed->path : "[new storyboard]";

	*trimmed = false;
	while (text_width(name) > (size_t)(width / 2 - 1) && strchr(name + 1, '/') != NULL) {
		name = strchr(name + 1, '/');
		*trimmed = true;
	}
	*x = (*trimmed ? 3 : 0) + (int)text_width(name) + (ed->modified ? 4 : 0) + 2;
	return name;
}

int
status_height(const struct editor *ed, int width)
{
	const char *msg = ui_message_text();
	bool trimmed;
	int x;

	if (ed->mode == EM_ASK)
		return status_wrap(NULL, 0, 0, width, 0, ed->question, STATUS_MAX_LINES);
	if (ed->mode == EM_EDIT || *msg == '\0')
		return 1;
	status_name(ed, width, &trimmed, &x);
	return status_wrap(NULL, 0, x, width, 0, msg, STATUS_MAX_LINES);
}

void
status_draw(struct editor *ed, WINDOW *w, int y, int h, int width, int *cy, int *cx)
{
	const char *name, *msg = ui_message_text();
	attr_t a = ui_attr(UI_STATUS);
	int x, i, end;
	bool trimmed;

	for (i = 0; i < h; i++)
		ui_fill(w, y + i, 0, width, a);
	if (ed->mode == EM_ASK) {
		status_wrap(w, y, 0, width, a | A_BOLD, ed->question, h);
		return;
	}
	if (ed->mode == EM_EDIT && ed->editing.f == EF_NFIELDS) {
		/* A file name or answer typed on the status line itself. */
		x = ui_put(w, y, 0, width / 2, a | A_BOLD, field_label());
		field_draw(w, y, x + 1, width - x - 1, cy, cx);
		return;
	}
	name = status_name(ed, width, &trimmed, &end);
	x = 0;
	if (trimmed)
		x = ui_put(w, y, 0, width, a | A_BOLD, "...");
	x += ui_put(w, y, x, width / 2, a | A_BOLD, name);
	if (ed->modified)
		x += ui_put(w, y, x, width - x, a | A_BOLD, " [+]");
	x += 2;
	if (*msg != '\0')
		status_wrap(w, y, x, width, a, msg, h);
	else
		ui_put(w, y, x, width - x, a, status_keys(ed));
}
