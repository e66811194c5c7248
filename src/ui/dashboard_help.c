/* kling-tui: the dashboard's and the detail view's keys, on '?'.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "app/tracker.h"
#include "dash.h"
#include "editor.h"
#include "keys.h"
#include "text.h"

/* Two keys a line when they fit, one otherwise. */
void
dash_draw_help(WINDOW *w, int rows, int cols, bool detail)
{
	const struct ui_keydoc *k = keys_table(detail ? "detail" : "dashboard");
	int y = 2, half = cols >= 120 ? cols / 2 : cols, x = 0;
	size_t i;

	ui_fill(w, y, 0, cols, A_NORMAL);
	ui_put(w, y++, 1, cols - 1, ui_attr(UI_TITLE), detail ?
	    _("Keys of the detail view (any key closes this)") :
	    _("Keys of the dashboard (any key closes this)"));
	ui_fill(w, y++, 0, cols, A_NORMAL);
	for (i = 0; k[i].what != NULL && y < rows - 1; i++) {
		if (x == 0)
			ui_fill(w, y, 0, cols, A_NORMAL);
		ui_put(w, y, x + 2, 16, A_BOLD, k[i].key);
		ui_put(w, y, x + 19, half - 20, A_NORMAL, _(k[i].what));
		if (half < cols && x == 0 && text_width(_(k[i].what)) < (size_t)half - 20 &&
		    k[i + 1].what != NULL && text_width(_(k[i + 1].what)) < (size_t)half - 20)
			x = half;
		else {
			x = 0;
			y++;
		}
	}
	if (y < rows - 1)
		ui_fill(w, x == 0 ? y : y + 1, 0, cols, A_NORMAL);
}

void
dash_draw_errors(WINDOW *w, int rows, int cols)
{
	const struct store_task *t = dash_selected();
	const char *net = NULL;
	time_t until;
	int y = 2, i;

	if (dash->s.tracker != NULL)
		tracker_net_state(dash->s.tracker, &until, &net);
	for (i = 2; i < rows - 1; i++)
		ui_fill(w, i, 0, cols, A_NORMAL);
	ui_put(w, y++, 1, cols - 1, ui_attr(UI_TITLE), _("Last errors (any key closes this)"));
	y++;
	ui_put(w, y++, 1, cols - 1, A_BOLD, _("The connection:"));
	y += wrap_text(w, y, 3, cols - 1, A_NORMAL, net != NULL ? net : _("none"), 6);
	y++;
	if (t != NULL && y < rows - 2) {
		ui_put(w, y++, 1, cols - 1, A_BOLD, _("The selected task:"));
		wrap_text(w, y, 3, cols - 1, A_NORMAL, t->last_error != NULL &&
		    *t->last_error != '\0' ? t->last_error : _("none"), rows - 2 - y);
	}
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
