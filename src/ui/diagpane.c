/* kling-tui: the diagnostics pane, always on screen under the form.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>

#include "editor.h"

int
diagpane_height(const struct editor *ed, int rows)
{
	int max = rows >= 30 ? 6 : rows >= 20 ? 4 : 2;
	int n = (int)ed->diags->n;

	if (n < 1)
		n = 1;
	return 1 + (n < max ? n : max);
}

void
diagpane_draw(struct editor *ed, WINDOW *w, int y, int h, int width)
{
	const struct diag_list *d = ed->diags;
	size_t errors = diag_count(d, DIAG_ERROR), warnings = diag_count(d, DIAG_WARNING);
	size_t i, first = 0, lines = (size_t)(h - 1);
	char title[128], more[32];
	const struct diag *g;
	attr_t a;
	int x;

	if (ed->diag_sel >= d->n)
		ed->diag_sel = d->n > 0 ? d->n - 1 : 0;
	if (ed->diag_sel >= lines)
		first = ed->diag_sel - lines + 1;
	/* What does not fit is counted in the title, not drawn over the
	 * last message. */
	more[0] = '\0';
	if (d->n > first + lines)
		snprintf(more, sizeof more, _(", %zu more below"), d->n - first - lines);
	if (errors + warnings == 0)
		snprintf(title, sizeof title, _("Diagnostics: none, ready to submit "));
	else
		snprintf(title, sizeof title, _("Diagnostics: %zu error%s, %zu warning%s%s%s "),
		    errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", more,
		    ed->mode == EM_DIAGS ? _("  (Enter: go to field, Tab: back)") :
		    _("  (Tab: go to them)"));
	x = ui_put(w, y, 0, width, errors > 0 ? ui_attr(UI_ERROR) : warnings > 0 ?
	    ui_attr(UI_WARNING) : ui_attr(UI_OK), title);
	if (x < width) {
		wmove(w, y, x);
		whline(w, ACS_HLINE, width - x);
	}
	for (i = first; i < d->n && i < first + lines; i++) {
		g = &d->v[i];
		a = g->sev == DIAG_ERROR ? ui_attr(UI_ERROR) : ui_attr(UI_WARNING);
		if (ed->mode == EM_DIAGS && i == ed->diag_sel) {
			a |= A_REVERSE;
			ui_fill(w, y + 1 + (int)(i - first), 0, width, A_REVERSE);
		}
		x = ui_put(w, y + 1 + (int)(i - first), 0, width, a,
		    g->sev == DIAG_ERROR ? _("error   ") : _("warning "));
		x += ui_put(w, y + 1 + (int)(i - first), x, width - x,
		    ed->mode == EM_DIAGS && i == ed->diag_sel ? A_REVERSE | A_BOLD : A_BOLD,
		    g->path);
		x += ui_put(w, y + 1 + (int)(i - first), x, width - x,
		    ed->mode == EM_DIAGS && i == ed->diag_sel ? A_REVERSE : A_NORMAL, ": ");
		ui_put(w, y + 1 + (int)(i - first), x, width - x,
		    ed->mode == EM_DIAGS && i == ed->diag_sel ? A_REVERSE : A_NORMAL, g->msg);
	}
}
