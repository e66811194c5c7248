/* kling-tui: the keys of every screen, in one place: the help screens draw
 * them, `kling-tui keys` prints them (README's tables are made from that),
 * and a test holds the man page to them.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "keys.h"

/* A NULL key starts a group. */
static const struct ui_keydoc keys_editor[] = {
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
	{ "p", "the image row's picture, over the form (narrow terminals)" },
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
	{ "s", "submit (after a confirmation; the task then shows on the dashboard)" },
	{ "F2", "switch screen (editor, dashboard)" },
	{ "C-l", "repaint the screen" },
	{ "C-z", "suspend" },
	{ "?", "this help" },
	{ "q, C-c", "quit (asks when there are unsaved changes)" },
	{ NULL, NULL }
};

static const struct ui_keydoc keys_dashboard[] = {
	{ "Up Down j k", "previous, next task" },
	{ "PgUp PgDn g G", "page up, down; first, last" },
	{ "Enter", "the detail" },
	{ "Space", "mark (x d p take them all)" },
	{ "/", "filter as you type: words, status:S, !WORD excludes, ! inverts" },
	{ "Escape", "clear the filter" },
	{ "H", "show hidden tasks" },
	{ "o O", "next sort column; the other way round" },
	{ "N S I E C", "sort by name, status, id, elapsed, newest (again: reversed)" },
	{ "d", "download" },
	{ "v", "play the downloaded video ($KLING_TUI_PLAYER, xdg-open)" },
	{ "r", "re-roll in the editor" },
	{ "y Y", "copy the id, the URL" },
	{ "p", "ask about it now" },
	{ "x", "hide / show" },
	{ "b", "ask for the balance" },
	{ "e", "the last errors whole: the connection's, this task's" },
	{ "t f", "unknown: give its id; forget it" },
	{ "F2", "the editor" },
	{ "?", "these keys" },
	{ "q", "quit" },
	{ NULL, NULL }
};

static const struct ui_keydoc keys_detail[] = {
	{ "Escape q h Left", "back to the list" },
	{ "j k PgUp PgDn", "scroll" },
	{ "d", "download" },
	{ "o v", "play the downloaded video ($KLING_TUI_PLAYER, xdg-open)" },
	{ "r", "re-roll in the editor" },
	{ "y Y", "copy the id, the URL" },
	{ "p", "ask about it now" },
	{ "t f", "unknown: give its id; forget it" },
	{ "?", "these keys" },
	{ NULL, NULL }
};

static const struct {
	const char		*name;
	const struct ui_keydoc	*keys;
} keys_tables[] = {
	{ "editor", keys_editor },
	{ "dashboard", keys_dashboard },
	{ "detail", keys_detail },
	{ NULL, NULL }
};

const struct ui_keydoc *
keys_table(const char *name)
{
	size_t i;

	for (i = 0; keys_tables[i].name != NULL; i++)
		if (strcmp(keys_tables[i].name, name) == 0)
			return keys_tables[i].keys;
	return NULL;
}

const char *
keys_table_name(size_t i)
{
	return i < sizeof keys_tables / sizeof keys_tables[0] ? keys_tables[i].name : NULL;
}
