/* kling-tui: text laid out over lines, broken at spaces: a long message on
 * the status line, a prompt's preview.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include "editor.h"
#include "text.h"

int
wrap_text(WINDOW *w, int y, int x, int width, attr_t a, const char *s, int max)
{
	const char *next;
	size_t cut;
	int lines = 0;

	while (lines < max && x < width) {
		/* The last line allowed is filled to its edge. */
		if (lines + 1 < max)
			cut = text_wrap_line(s, (size_t)(width - x), &next);
		else
			for (cut = text_fit(s, (size_t)(width - x)), next = s + cut;
			    *next == ' '; next++)
				;
		if (w != NULL)
			ui_putn(w, y + lines, x, width - x, a, s, cut);
		lines++;
		s = next;
		if (*s == '\0' || cut == 0)
			break;
		x = 0;
	}
	return lines > 0 ? lines : 1;
}
