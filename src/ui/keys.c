/* kling-tui: the keys of every screen, in one place: the help screens draw
 * them, `kling-tui keys` prints them (README's tables are made from that),
 * and a test holds the man page to them.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "keys.h"
#include "i18n.h"

/* A NULL key starts a group. */
static const struct ui_keydoc keys_editor[] = {
	{ NULL, N_("Moving") },
	{ "Up/Down, k/j", N_("previous, next field") },
	{ "Left/Right, h/l", N_("previous, next field on the same row") },
	{ "PgUp/PgDn, g/G", N_("page up, page down; first, last field") },
	{ "Tab", N_("to the diagnostics pane and back") },
	{ "Enter (in pane)", N_("go to the field a diagnostic names") },
	{ NULL, N_("Changing") },
	{ "Enter", N_("edit the field; change a choice; add to a list") },
	{ "Space", N_("next value of a choice (mode, multi-shot, ...)") },
	{ "+ / -", N_("one more, one less (durations); cycle choices") },
	{ "0-9", N_("start typing a duration") },
	{ "a", N_("add a shot, element or element image here") },
	{ "d", N_("delete the shot, element or image here") },
	{ "D", N_("duplicate the shot") },
	{ "J / K, M-Down/M-Up", N_("move the shot or element down / up") },
	{ "e", N_("edit the text in $VISUAL or $EDITOR") },
	{ "E", N_("edit the whole storyboard as JSON in $VISUAL") },
	{ "p", N_("the image row's picture, over the form (narrow terminals)") },
	{ "u / C-r", N_("undo / redo") },
	{ NULL, N_("Typing in a field (GNU readline)") },
	{ "Enter", N_("keep the text") },
	{ "Esc, C-g, C-c", N_("cancel, keep the old text") },
	{ "C-a C-e C-b C-f", N_("start, end, back, forward") },
	{ "M-b M-f", N_("word back, word forward") },
	{ "C-k C-u C-w M-d", N_("kill to end, to start, word back, word") },
	{ "C-y M-y", N_("yank, yank the one before") },
	{ "Up/Down, C-r", N_("this kind of field's history, search it") },
	{ "@ then Tab", N_("complete an element's name") },
	{ NULL, N_("Files") },
	{ "C-s", N_("save (the CreateTask body)") },
	{ "w", N_("save as") },
	{ "o", N_("open a file") },
	{ "n", N_("new storyboard from a template") },
	{ "s", N_("submit (after a confirmation; the task then shows on the dashboard)") },
	{ "F2", N_("switch screen (editor, dashboard)") },
	{ "C-l", N_("repaint the screen") },
	{ "C-z", N_("suspend") },
	{ "?", N_("this help") },
	{ "q, C-c", N_("quit (asks when there are unsaved changes)") },
	{ NULL, NULL }
};

static const struct ui_keydoc keys_dashboard[] = {
	{ "Up Down j k", N_("previous, next task") },
	{ "PgUp PgDn g G", N_("page up, down; first, last") },
	{ "Enter", N_("the detail") },
	{ "Space", N_("mark (x d p take them all)") },
	{ "/", N_("filter as you type: words, status:S, !WORD excludes, ! inverts") },
	{ "Escape", N_("clear the filter") },
	{ "H", N_("show hidden tasks") },
	{ "o O", N_("next sort column; the other way round") },
	{ "N S I E C", N_("sort by name, status, id, elapsed, newest (again: reversed)") },
	{ "d", N_("download") },
	{ "v", N_("play the downloaded video ($KLING_TUI_PLAYER, xdg-open)") },
	{ "r", N_("re-roll in the editor") },
	{ "y Y", N_("copy the id, the URL") },
	{ "p", N_("ask about it now") },
	{ "x", N_("hide / show") },
	{ "b", N_("ask for the balance") },
	{ "e", N_("the last errors whole: the connection's, this task's") },
	{ "t f", N_("unknown: give its id; forget it") },
	{ "F2", N_("the editor") },
	{ "?", N_("these keys") },
	{ "q", N_("quit") },
	{ NULL, NULL }
};

static const struct ui_keydoc keys_detail[] = {
	{ "Escape q h Left", N_("back to the list") },
	{ "j k PgUp PgDn", N_("scroll") },
	{ "d", N_("download") },
	{ "o v", N_("play the downloaded video ($KLING_TUI_PLAYER, xdg-open)") },
	{ "r", N_("re-roll in the editor") },
	{ "y Y", N_("copy the id, the URL") },
	{ "p", N_("ask about it now") },
	{ "t f", N_("unknown: give its id; forget it") },
	{ "?", N_("these keys") },
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
