/* kling-tui: the status line: file name, modified flag, and the keys that
 * matter now (or the question being asked, or the file name being typed).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "editor.h"
#include "field.h"
#include "history.h"
#include "text.h"

/* The keys always at the line's end, as htop keeps its F-keys. */
#define STATUS_TAIL	N_("? help  q quit")

/* Append a hint to the line being built. */
static void
status_hint(char *buf, size_t len, const char *hint)
{
	size_t n = strlen(buf);

	snprintf(buf + n, len - n, "%s%s", n > 0 ? "  " : "", hint);
}

/* The keys that work on the focused row, and only those: what a key would
 * refuse ("nothing to add here") is not offered. */
static void
status_keys(const struct editor *ed, char *buf, size_t len)
{
	const struct form_cell *c;
	enum edit_kind k;
	unsigned ops;

	*buf = '\0';
	switch (ed->mode) {
	case EM_EDIT:
		status_hint(buf, len, _("Enter keep  Esc cancel"));
		if (edit_kind(ed->editing.f) == EK_TEXT)
			status_hint(buf, len, _("Tab complete @name"));
		status_hint(buf, len, "C-a/C-e C-w C-y M-b/M-f");
		return;
	case EM_MENU:
		status_hint(buf, len, _("Up/Down choose  Enter open  Esc cancel"));
		return;
	default:
		break;
	}
	if (ed->row >= ed->form.n || ed->col >= ed->form.rows[ed->row].ncells)
		return;
	c = &ed->form.rows[ed->row].cells[ed->col];
	k = edit_kind(c->ref.f);
	ops = edit_ops(c->ref.f);
	if (k == EK_CHOICE)
		status_hint(buf, len, _("Space change"));
	else if (k == EK_NUMBER)
		status_hint(buf, len, _("Enter edit  +/- change"));
	else if (k != EK_HEADING)
		status_hint(buf, len, _("Enter edit"));
	else if (c->ref.f == EF_IMAGES)
		status_hint(buf, len, _("Enter start frame"));
	if (k == EK_TEXT || k == EK_URL || k == EK_NAME)
		status_hint(buf, len, "e $EDITOR");
	if (ops & EDIT_OP_ADD)
		status_hint(buf, len, _("a add"));
	if (ops & EDIT_OP_DELETE)
		status_hint(buf, len, _("d del"));
	if (ops & EDIT_OP_DUP)
		status_hint(buf, len, _("D dup"));
	if (ops & EDIT_OP_MOVE)
		status_hint(buf, len, _("J/K move"));
	if (ed->diags->n > 0)
		status_hint(buf, len, _("Tab problems"));
	status_hint(buf, len, _("C-s save"));
	if (history_can_undo(ed->hist))
		status_hint(buf, len, _("u undo"));
}

/* The hints from x, cut between two of them rather than inside one, with
 * the tail kept whole at the end (when the mode takes those keys). */
static void
status_draw_keys(struct editor *ed, WINDOW *w, int y, int x, int width, attr_t a)
{
	char keys[256];
	const char *tail = ed->mode == EM_NORMAL ? _(STATUS_TAIL) : "";
	int room = width - x - (*tail != '\0' ? (int)text_width(tail) + 2 : 0);
	size_t n;

	status_keys(ed, keys, sizeof keys);
	n = strlen(keys);
	while (n > 0 && (int)text_width(keys) > room) {
		while (n > 0 && strncmp(keys + n, "  ", 2) != 0)
			n--;
		keys[n] = '\0';
	}
	if (room > 0)
		ui_put(w, y, x, room, a, keys);
	if (*tail != '\0')
		ui_put(w, y, width - (int)text_width(tail), (int)text_width(tail), a | A_BOLD, tail);
}

/* Lines a long question or message may take: enough for a path and a
 * cause, not so many that the form disappears. */
#define STATUS_MAX_LINES 4

/* The file's name as the status line shows it, in a third of the line to
 * leave the rest to the keys: a long path keeps its end,
 * the file's own name mattering most. *x: the columns it takes. */
static const char *
status_name(const struct editor *ed, int width, bool *trimmed, int *x)
{
	const char *name = ed->path != NULL ? ed->path : _("[new storyboard]");

	*trimmed = false;
	while (text_width(name) > (size_t)(width / 3 - 1) && strchr(name + 1, '/') != NULL) {
		name = strchr(name + 1, '/');
		*trimmed = true;
	}
	*x = (*trimmed ? 3 : 0) + (int)text_width(name) + (ed->modified ? 4 : 0) + 2;
	return name;
}

/* In the diagnostics pane, the one selected, whole: a line of the pane
 * may cut it. */
static bool
status_diag(const struct editor *ed, char *buf, size_t len)
{
	const struct diag *g;

	if (ed->mode != EM_DIAGS || ed->diag_sel >= ed->diags->n)
		return false;
	g = &ed->diags->v[ed->diag_sel];
	snprintf(buf, len, "%s %s: %s", g->sev == DIAG_ERROR ? _("error") : _("warning"),
	    g->path, g->msg);
	return true;
}

int
status_height(const struct editor *ed, int width)
{
	const char *msg = ui_message_text();
	char buf[DIAG_PATH_MAX + DIAG_MSG_MAX + 16];
	bool trimmed;
	int x;

	if (ed->mode == EM_ASK)
		return wrap_text(NULL, 0, 0, width, 0, ed->question, STATUS_MAX_LINES);
	if (status_diag(ed, buf, sizeof buf))
		return wrap_text(NULL, 0, 0, width, 0, buf, STATUS_MAX_LINES);
	if (ed->mode == EM_EDIT || *msg == '\0')
		return 1;
	status_name(ed, width, &trimmed, &x);
	if ((int)text_width(msg) <= width - x)
		return 1;
	/* Too long for the rest of the line: whole, on lines of its own
	 * above it, as vim shows a long message; the status line stays. */
	return 1 + wrap_text(NULL, 0, 0, width, 0, msg, STATUS_MAX_LINES - 1);
}

void
status_draw(struct editor *ed, WINDOW *w, int y, int h, int width, int *cy, int *cx)
{
	const char *name, *msg = ui_message_text();
	char buf[DIAG_PATH_MAX + DIAG_MSG_MAX + 16];
	attr_t a = ui_attr(UI_STATUS);
	int x, i, end;
	bool trimmed;

	for (i = 0; i < h; i++)
		ui_fill(w, y + i, 0, width, a);
	if (ed->mode == EM_ASK) {
		wrap_text(w, y, 0, width, a | A_BOLD, ed->question, h);
		return;
	}
	if (status_diag(ed, buf, sizeof buf)) {
		wrap_text(w, y, 0, width, a, buf, h);
		return;
	}
	if (ed->mode == EM_EDIT && ed->editing.f == EF_NFIELDS) {
		/* A file name or answer typed on the status line itself. */
		x = ui_put(w, y, 0, width / 2, a | A_BOLD, field_label());
		field_draw(w, y, x + 1, width - x - 1, cy, cx);
		return;
	}
	name = status_name(ed, width, &trimmed, &end);
	if (h > 1 && *msg != '\0') {
		wrap_text(w, y, 0, width, a, msg, h - 1);
		y += h - 1;
		msg = "";
	}
	x = 0;
	if (trimmed)
		x = ui_put(w, y, 0, width, a | A_BOLD, "...");
	x += ui_put(w, y, x, width / 3, a | A_BOLD, name);
	if (ed->modified)
		x += ui_put(w, y, x, width - x, a | A_BOLD, " [+]");
	x += 2;
	if (*msg != '\0')
		ui_put(w, y, x, width - x, a, msg);
	else
		status_draw_keys(ed, w, y, x, width, a);
}
