/* kling-tui: the dashboard's and the detail view's keys, on '?'.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>

#include "dash.h"

static const char *const dash_help_table[] = {
	"Keys of the dashboard (any key closes this)",
	"",
	"  Up Down j k      previous, next task      PgUp PgDn g G  page, first, last",
	"  Enter            the detail               Space          mark (x d p take them all)",
	"  /                filter as you type: words, status:S, !WORD excludes, ! inverts",
	"  Escape           clear the filter         H              show hidden tasks",
	"  o  O             next sort column; the other way round",
	"  N S I E C        sort by name, status, id, elapsed, newest (again: reversed)",
	"  d                download                 r              re-roll in the editor",
	"  y  Y             copy the id, the URL     p              ask about it now",
	"  x                hide / show              b              ask for the balance",
	"  t  f             unknown: give its id; forget it",
	"  F2               the editor               q              quit",
	NULL
};

static const char *const dash_help_detail[] = {
	"Keys of the detail view (any key closes this)",
	"",
	"  Escape           back to the list         j k PgUp PgDn  scroll",
	"  d                download                 r              re-roll in the editor",
	"  y  Y             copy the id, the URL     p              ask about it now",
	"  t  f             unknown: give its id; forget it",
	"  ?                these keys",
	NULL
};

void
dash_draw_help(WINDOW *w, int rows, int cols, bool detail)
{
	const char *const *l = detail ? dash_help_detail : dash_help_table;
	int y;

	for (y = 0; l[y] != NULL && 2 + y < rows - 1; y++) {
		ui_fill(w, 2 + y, 0, cols, A_NORMAL);
		ui_put(w, 2 + y, 1, cols - 1, y == 0 ? ui_attr(UI_TITLE) : A_NORMAL, l[y]);
	}
	ui_fill(w, 2 + y, 0, cols, A_NORMAL);
}

bool
dash_is_marked(int64_t id)
{
	size_t i;

	for (i = 0; i < dash->nmarked; i++)
		if (dash->marked[i] == id)
			return true;
	return false;
}
