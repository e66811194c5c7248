/* kling-tui: the help screen: every key, grouped.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "editor.h"
#include "keys.h"
#include "text.h"

static size_t help_top;

/* Two columns only when every description fits whole in its half. */
static int
help_column_width(const struct ui_keydoc *k, int cols)
{
	int widest = 0, w;

	for (; k->what != NULL; k++)
		if (k->key != NULL && (w = (int)text_width(_(k->what))) > widest)
			widest = w;
	return cols >= 2 * (24 + widest) ? cols / 2 : cols;
}

static void
help_draw(void *data, WINDOW *w, int rows, int cols, int *cy, int *cx)
{
	const struct ui_keydoc *k = keys_table("editor");
	size_t n, i;
	int y = 2, col = 0, colw = help_column_width(k, cols), x;

	(void)data;
	(void)cy;
	(void)cx;
	for (n = 0; k[n].what != NULL; n++)
		;
	ui_put(w, 0, 0, cols, ui_attr(UI_TITLE), "kling-tui keys");
	ui_fill(w, rows - 1, 0, cols, ui_attr(UI_STATUS));
	ui_put(w, rows - 1, 0, cols, ui_attr(UI_STATUS),
	    _("Up/Down scroll  any other key: back to the editor"));
	if (help_top >= n)
		help_top = n - 1;
	for (i = help_top; i < n; i++) {
		if (y >= rows - 2) {
			if (colw == cols || col == 1)
				break;
			col = 1;
			y = 2;
		}
		x = col * colw;
		if (k[i].key == NULL)
			ui_put(w, y, x, colw - 1, ui_attr(UI_TITLE), _(k[i].what));
		else {
			ui_put(w, y, x + 2, 20, A_BOLD, k[i].key);
			ui_put(w, y, x + 23, colw - 24, A_NORMAL, _(k[i].what));
		}
		y++;
	}
}

static void
help_key(void *data, const struct ui_key *k)
{
	(void)data;
	if (k->fkey && k->code == KEY_DOWN)
		help_top++;
	else if (k->fkey && k->code == KEY_UP) {
		if (help_top > 0)
			help_top--;
	} else
		ui_screen_pop();
}

void
help_show(void)
{
	static const struct ui_screen help = { "help", help_draw, help_key, NULL };

	help_top = 0;
	ui_screen_push(&help);
}
