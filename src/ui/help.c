/* kling-tui: the help screen: every key, grouped.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stddef.h>

#include "editor.h"

/* Kept in step with the KEYS section of kling-tui(1). A NULL key starts a
 * group. */
static const struct {
	const char	*key;
	const char	*what;
} help_keys[] = {
	{ NULL, "Moving" },
	{ "Up/Down, k/j", "previous, next field" },
	{ "Left/Right, h/l", "previous, next field on the same row" },
	{ "PgUp/PgDn, g/G", "page up, page down; first, last field" },
	{ "Tab", "to the diagnostics pane and back" },
	{ "Enter (in pane)", "go to the field a diagnostic names" },
	{ NULL, "Changing" },
	{ "Enter", "edit the field; change a choice; add to a list" },
	{ "Space", "next value of a choice (mode, multi-shot, ...)" },
	{ "+ / -", "one more, one less (durations); cycle choices" },
	{ "0-9", "start typing a duration" },
	{ "a", "add a shot, element or element image here" },
	{ "d", "delete the shot, element or image here" },
	{ "D", "duplicate the shot" },
	{ "J / K, M-Down/M-Up", "move the shot or element down / up" },
	{ "e", "edit the text in $VISUAL or $EDITOR" },
	{ "E", "edit the whole storyboard as JSON in $VISUAL" },
	{ "u / C-r", "undo / redo" },
	{ NULL, "Typing in a field (GNU readline)" },
	{ "Enter", "keep the text" },
	{ "Esc, C-g, C-c", "cancel, keep the old text" },
	{ "C-a C-e C-b C-f", "start, end, back, forward" },
	{ "M-b M-f", "word back, word forward" },
	{ "C-k C-u C-w M-d", "kill to end, to start, word back, word" },
	{ "C-y M-y", "yank, yank the one before" },
	{ "Up/Down, C-r", "this kind of field's history, search it" },
	{ "@ then Tab", "complete an element's name" },
	{ NULL, "Files" },
	{ "C-s", "save (the CreateTask body)" },
	{ "w", "save as" },
	{ "o", "open a file" },
	{ "n", "new storyboard from a template" },
	{ "s", "submit (with the dashboard)" },
	{ "F2", "switch screen (editor, dashboard)" },
	{ "C-l", "repaint the screen" },
	{ "C-z", "suspend" },
	{ "?", "this help" },
	{ "q, C-c", "quit (asks when there are unsaved changes)" },
};

static size_t help_top;

static void
help_draw(void *data, WINDOW *w, int rows, int cols, int *cy, int *cx)
{
	size_t n = sizeof help_keys / sizeof help_keys[0], i;
	int y = 2, col = 0, colw = cols >= 110 ? cols / 2 : cols, x;

	(void)data;
	(void)cy;
	(void)cx;
	ui_put(w, 0, 0, cols, ui_attr(UI_TITLE), "kling-tui keys");
	ui_fill(w, rows - 1, 0, cols, ui_attr(UI_STATUS));
	ui_put(w, rows - 1, 0, cols, ui_attr(UI_STATUS),
	    "Up/Down scroll  any other key: back to the editor");
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
		if (help_keys[i].key == NULL)
			ui_put(w, y, x, colw - 1, ui_attr(UI_TITLE), help_keys[i].what);
		else {
			ui_put(w, y, x + 2, 20, A_BOLD, help_keys[i].key);
			ui_put(w, y, x + 23, colw - 24, A_NORMAL, help_keys[i].what);
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
