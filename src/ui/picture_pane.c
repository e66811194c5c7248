/* kling-tui: the editor's picture pane: the image of the focused row (start
 * frame, end frame, an element's image) beside the form when the terminal
 * is wide enough, or over it on 'p' when it is not.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include "editor.h"
#include "picture.h"

/* The form keeps the columns its two-column rows and their reasons need
 * ("ignored: images set", "locked on: ..."); the pane takes what is left,
 * when that is enough for a picture and its facts. */
#define FORM_MIN_COLS	92
#define PANE_MIN_W	36
#define PANE_MAX_W	70

const char *
picture_pane_url(const struct editor *ed)
{
	const struct form_cell *c;
	const char *v;
	char buf[32];

	if (ed->row >= ed->form.n || ed->col >= ed->form.rows[ed->row].ncells)
		return NULL;
	c = &ed->form.rows[ed->row].cells[ed->col];
	if (c->ref.f != EF_IMAGE && c->ref.f != EF_ELEM_IMAGE)
		return NULL;
	v = edit_get(ed->sb, &c->ref, buf, sizeof buf);
	return v != NULL && *v != '\0' ? v : NULL;
}

int
picture_pane_width(const struct editor *ed, int cols)
{
	int w = cols - FORM_MIN_COLS;

	if (w < PANE_MIN_W || ed->mode == EM_EDIT || picture_pane_url(ed) == NULL)
		return 0;
	return w > PANE_MAX_W ? PANE_MAX_W : w;
}

void
picture_pane_draw(struct editor *ed, WINDOW *w, int y, int x, int h, int wd)
{
	const char *url = picture_pane_url(ed);
	int i;

	if (url == NULL || h < 2 || wd < 4)
		return;
	for (i = 0; i < h; i++)
		mvwaddch(w, y + i, x, ACS_VLINE);
	for (i = 0; i < h; i++)
		ui_fill(w, y + i, x + 1, wd - 1, A_NORMAL);
	ui_put(w, y, x + 2, wd - 2, ui_attr(UI_TITLE), "Image:");
	picture_draw_url(w, y + 1, x + 2, h - 1, wd - 2, url);
}
