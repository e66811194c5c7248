/* kling-tui: the shots' timeline: each shot's share of the duration and
 * the seconds still to assign or over budget.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "editor.h"
#include "text.h"

void
timeline_draw(WINDOW *w, int y, int x, int width, const struct storyboard *sb)
{
	long target = sb->has_duration ? sb->duration : 0;
	long total = sb_shots_total(sb), scale, acc = 0, d;
	char label[48], seg[48];
	int lw, bw, pos = 0, end, k;
	size_t i;
	attr_t a;

	if (total > target)
		snprintf(label, sizeof label, _(" %lds over"), total - target);
	else if (total < target)
		snprintf(label, sizeof label, _(" %lds left"), target - total);
	else
		snprintf(label, sizeof label, _(" %lds assigned"), total);
	lw = (int)text_width(label);
	bw = width - lw - 1;
	if (bw < 8)
		return;
	scale = target > total ? target : total;
	if (scale <= 0)
		scale = 1;
	for (i = 0; i < sb->nshots; i++) {
		d = sb->shots[i].has_duration ? sb->shots[i].duration : 0;
		acc += d;
		/* Segment ends are rounded from the running sum, so the bar
		 * never drifts from the total. */
		end = (int)((acc * bw + scale / 2) / scale);
		if (d > 0 && end <= pos)
			end = pos + 1;
		if (end > bw)
			end = bw;
		if (end <= pos)
			continue;
		a = ui_attr(i % 2 == 0 ? UI_SEG_A : UI_SEG_B);
		ui_fill(w, y, x + pos, end - pos, a);
		/* A column to spare after each label, so that two never run
		 * together when segments are narrow (shots over budget). */
		snprintf(seg, sizeof seg, "%zu:%lds", i + 1, d);
		if ((int)strlen(seg) >= end - pos)
			snprintf(seg, sizeof seg, "%zu", i + 1);
		if ((int)strlen(seg) < end - pos)
			ui_put(w, y, x + pos, end - pos, a, seg);
		pos = end;
	}
	/* The seconds not yet given to a shot. */
	wattrset(w, ui_attr(UI_DIM));
	for (k = pos; k < bw; k++)
		mvwaddch(w, y, x + k, ACS_BULLET);
	wattrset(w, A_NORMAL);
	ui_put(w, y, x + bw, lw + 1, total == target ? ui_attr(UI_OK) :
	    total > target ? ui_attr(UI_ERROR) : ui_attr(UI_WARNING), label);
}
