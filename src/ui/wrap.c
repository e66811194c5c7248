/* kling-tui: text laid out over lines, broken at spaces: a long message on
 * the status line, a prompt's preview.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include "editor.h"
#include "text.h"

int
wrap_text(WINDOW *w, int y, int x, int width, attr_t a, const char *s, int max)
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
