/* kling-tui: the storyboard editor screen: keys, actions and files.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "field.h"
#include "history.h"
#include "picture.h"
#include "app/loop.h"
#include "rules.h"
#include "text.h"
#include "xmalloc.h"

#define EDITOR_AUTOSAVE_MS	1000
#define EDITOR_MAX_NAMES	8

void (*editor_submit_hook)(struct editor *);

static void editor_draw(void *, WINDOW *, int, int, int *, int *);
static void editor_key(void *, const struct ui_key *);


static const struct form_cell *
editor_cell(const struct editor *ed)
{
	if (ed->row >= ed->form.n || ed->col >= ed->form.rows[ed->row].ncells)
		return NULL;
	return &ed->form.rows[ed->row].cells[ed->col];
}

static void
editor_set_focus(struct editor *ed, size_t row, size_t col)
{
	ed->row = row;
	ed->col = col;
	if (editor_cell(ed) != NULL)
		ed->focus = editor_cell(ed)->ref;
}

/* Focus the field ref names, or the nearest one still there. */
void
editor_focus(struct editor *ed, const struct edit_ref *ref)
{
	size_t row, col, i;

	if (ref != NULL && form_find(&ed->form, ref, &row, &col)) {
		editor_set_focus(ed, row, col);
		return;
	}
	row = ed->row < ed->form.n ? ed->row : ed->form.n - 1;
	for (i = row; i < ed->form.n; i++) {
		if (form_focusable(&ed->form.rows[i]))
			break;
	}
	if (i == ed->form.n) {
		for (i = row; i > 0 && !form_focusable(&ed->form.rows[i]); i--)
			;
	}
	col = ed->col < ed->form.rows[i].ncells ? ed->col : ed->form.rows[i].ncells - 1;
	editor_set_focus(ed, i, col);
}

/* Check the rules on what is shown and lay the form out again. */
static void
editor_rebuild(struct editor *ed)
{
	struct edit_ref keep = ed->focus;

	rules_check(editor_view(ed), ed->diags);
	/* The images' bytes, once fetched: fetched when not typing one. */
	picture_check(editor_view(ed), ed->diags, ed->mode != EM_EDIT);
	diag_errors_first(ed->diags);
	form_build(&ed->form, editor_view(ed), ed->diags);
	editor_focus(ed, &keep);
}

/* While a field is typed, the rules, marks and timeline follow each key:
 * the text is applied to a copy of the model. */
static void
editor_preview(struct editor *ed)
{
	const char *text = field_text();
	char *cause = NULL;

	if (ed->mode != EM_EDIT || ed->editing.f == EF_NFIELDS)
		return;
	sb_free(&ed->preview);
	ed->preview = sb_clone(ed->sb);
	/* An emptied URL would drop its row from under the cursor. */
	if (*text != '\0' || edit_kind(ed->editing.f) != EK_URL) {
		if (edit_set(ed->preview, &ed->editing, text, &cause) == -1)
			free(cause);
	}
	editor_rebuild(ed);
	ed->draft_dirty = true;
	if (ed->autosave != NULL)
		loop_timer_set(ed->autosave, EDITOR_AUTOSAVE_MS);
}

void
editor_changed(struct editor *ed, bool record)
{
	sb_free(&ed->preview);
	editor_rebuild(ed);
	if (record)
		history_push(ed->hist, ed->sb);
	ed->modified = ed->saved == NULL || !sb_equal(ed->sb, ed->saved);
	ed->draft_dirty = true;
	if (ed->autosave != NULL)
		loop_timer_set(ed->autosave, EDITOR_AUTOSAVE_MS);
	ui_redraw();
}

/* Something new is known of an image: its diagnostics may change. */
static void
editor_pictures_known(void *arg)
{
	editor_rebuild(arg);
}

static void
editor_autosave(void *arg)
{
	editor_save_draft(arg);
}

struct editor *
editor_new(const char *state_dir)
{
	struct editor *ed = xcalloc(1, sizeof *ed);

	ed->sb = sb_new_default();
	ed->saved = sb_clone(ed->sb);
	ed->hist = history_new(ed->sb, 0, 0);
	ed->diags = diag_list_new();
	ed->state_dir = state_dir != NULL ? xstrdup(state_dir) : NULL;
	ed->autosave = loop_timer_new(editor_autosave, ed);
	ed->screen.name = "editor";
	ed->screen.draw = editor_draw;
	ed->screen.key = editor_key;
	ed->screen.data = ed;
	picture_set_listener(editor_pictures_known, ed);
	editor_changed(ed, false);
	ed->draft_dirty = false;
	loop_timer_stop(ed->autosave);
	editor_focus(ed, NULL);
	return ed;
}

void
editor_free(struct editor **edp)
{
	struct editor *ed = *edp;

	if (ed == NULL)
		return;
	picture_set_listener(NULL, NULL);
	sb_free(&ed->sb);
	sb_free(&ed->saved);
	sb_free(&ed->preview);
	sb_free(&ed->hidden);
	free(ed->broken);
	draft_list_free(ed->offers, ed->noffers);
	history_free(&ed->hist);
	diag_list_free(&ed->diags);
	form_free(&ed->form);
	loop_timer_free(&ed->autosave);
	free(ed->path);
	free(ed->state_dir);
	free(ed->image_base);
	free(ed->pending_arg);
	free(ed);
	*edp = NULL;
}

void
editor_field_done(void *arg, const char *text)
{
	struct editor *ed = arg;
	char *cause = NULL;
	bool added = ed->editing_new;

	ed->mode = EM_NORMAL;
	ed->editing_new = false;
	if (ed->preview != NULL) {
		sb_free(&ed->preview);
		editor_rebuild(ed);
	}
	if (ed->editing.f == EF_NFIELDS) {
		editor_path_done(ed, text);
		return;
	}
	if (text != NULL && edit_set(ed->sb, &ed->editing, text, &cause) == -1) {
		ui_message("%s", cause);
		free(cause);
		text = NULL;
	}
	if (text == NULL && added) {
		/* Cancelling the first text of a new item takes the item back. */
		sb_free(&ed->sb);
		ed->sb = sb_clone(history_current(ed->hist));
		editor_changed(ed, false);
		return;
	}
	if (text != NULL || added)
		editor_changed(ed, true);
	else {
		/* Cancelled: the draft autosaved while it was typed must not
		 * bring it back. */
		ed->draft_dirty = true;
		editor_save_draft(ed);
	}
}

static enum field_kind
editor_field_kind(enum edit_field f)
{
	switch (edit_kind(f)) {
	case EK_NUMBER:	return FIELD_NUMBER;
	case EK_URL:	return FIELD_URL;
	case EK_NAME:	return FIELD_NAME;
	default:	return FIELD_PROMPT;
	}
}

static void
editor_begin_edit(struct editor *ed, const struct form_cell *c, bool empty)
{
	const char *names[EDITOR_MAX_NAMES + 1], *v;
	char buf[32];
	size_t i, n = 0;

	for (i = 0; i < ed->sb->nelements && n < EDITOR_MAX_NAMES; i++) {
		if (ed->sb->elements[i].name != NULL && *ed->sb->elements[i].name != '\0')
			names[n++] = ed->sb->elements[i].name;
	}
	names[n] = NULL;
	v = empty ? NULL : edit_get(ed->sb, &c->ref, buf, sizeof buf);
	ed->editing = c->ref;
	ed->mode = EM_EDIT;
	field_begin(editor_field_kind(c->ref.f), c->label, v, edit_limit(c->ref.f),
	    names, editor_field_done, ed);
}

static void
editor_report(char *cause)
{
	ui_message("%s", cause);
	free(cause);
}

/* Add to the list under the cursor and start typing the new item. */
static void
editor_add(struct editor *ed, const struct form_cell *c)
{
	struct edit_ref r = c->ref, to;
	char *cause = NULL;
	int idx;

	if (r.f == EF_IMAGES || r.f == EF_IMAGE) {
		ui_message(_("images have fixed places: press Enter on the start or end frame"));
		return;
	}
	if ((idx = edit_add(ed->sb, &r, &cause)) == -1) {
		editor_report(cause);
		return;
	}
	memset(&to, 0, sizeof to);
	if (r.f == EF_SHOTS || r.f == EF_SHOT_PROMPT || r.f == EF_SHOT_DURATION) {
		to.f = EF_SHOT_PROMPT;
		to.i = (size_t)idx;
	} else if (r.f == EF_ELEMENTS) {
		to.f = EF_ELEM_NAME;
		to.i = (size_t)idx;
	} else {
		to.f = EF_ELEM_IMAGE;
		to.i = r.i;
		to.j = (size_t)idx;
	}
	editor_changed(ed, false);
	editor_focus(ed, &to);
	ed->editing_new = true;
	editor_begin_edit(ed, editor_cell(ed), true);
}

/* d, D, J, K: an edit_* list operation, then focus where the item went. */
static void
editor_list_op(struct editor *ed, const struct form_cell *c,
    int (*op)(struct storyboard *, const struct edit_ref *, char **), int dir)
{
	struct edit_ref to = c->ref;
	char *cause = NULL;
	int idx;
	/* c is gone once the form is laid out again (editor_changed). */
	bool start = op == edit_delete && c->ref.f == EF_IMAGE && c->ref.i == 0;

	if (op != NULL)
		idx = op(ed->sb, &c->ref, &cause);
	else
		idx = edit_move(ed->sb, &c->ref, dir, &cause);
	if (idx == -1 && cause != NULL) {
		editor_report(cause);
		return;
	}
	if (to.f == EF_ELEM_IMAGE)
		to.j = idx >= 0 ? (size_t)idx : 0;
	else
		to.i = idx >= 0 ? (size_t)idx : 0;
	editor_changed(ed, true);
	editor_focus(ed, &to);
	/* The end frame cannot stay without a start frame: it moved up. */
	if (start && ed->sb->img_urls.n > 0)
		ui_message(_("the end frame is now the start frame (u undoes)"));
}

static void
editor_history(struct editor *ed, bool redo)
{
	const struct storyboard *s;

	s = redo ? history_redo(ed->hist) : history_undo(ed->hist);
	if (s == NULL) {
		ui_message(redo ? _("nothing to redo") : _("nothing to undo"));
		return;
	}
	sb_free(&ed->sb);
	ed->sb = sb_clone(s);
	/* Undo brings hidden shots back its own way: none may come twice. */
	sb_free(&ed->hidden);
	editor_changed(ed, false);
}

/* The cell a typed image goes to. img_urls[0] is the start frame and an
 * end frame follows one: with no start frame yet, an image typed on the
 * end frame's row would land on the start frame's without a word. The
 * focus moves there first, and says so. */
static const struct form_cell *
editor_image_slot(struct editor *ed, const struct form_cell *c)
{
	struct edit_ref to;

	if (c->ref.f != EF_IMAGE || c->ref.i <= ed->sb->img_urls.n)
		return c;
	memset(&to, 0, sizeof to);
	to.f = EF_IMAGE;
	to.i = ed->sb->img_urls.n;
	editor_focus(ed, &to);
	ui_message(_("no start frame yet: an end frame follows one, so this is the start frame"));
	return editor_cell(ed);
}

static void
editor_external(struct editor *ed, const struct form_cell *c)
{
	enum edit_kind k = edit_kind(c->ref.f);
	char *out, *cause = NULL, buf[32];
	const char *v;

	if (k != EK_TEXT && k != EK_URL && k != EK_NAME) {
		ui_message(_("only text fields open in $EDITOR"));
		return;
	}
	c = editor_image_slot(ed, c);
	v = edit_get(ed->sb, &c->ref, buf, sizeof buf);
	out = extedit_run(v != NULL ? v : "", &cause);
	if (out == NULL) {
		if (cause != NULL)
			editor_report(cause);
		return;
	}
	if (edit_set(ed->sb, &c->ref, out, &cause) == -1)
		editor_report(cause);
	else
		editor_changed(ed, true);
	free(out);
}

static void
editor_move(struct editor *ed, int dy, int dx)
{
	size_t row = ed->row, col = ed->col, n = ed->form.n;

	if (dx != 0) {
		if (dx < 0 && col > 0)
			col--;
		else if (dx > 0 && col + 1 < ed->form.rows[row].ncells)
			col++;
		editor_set_focus(ed, row, col);
		return;
	}
	while (dy != 0) {
		size_t r = row;

		do {
			if (dy < 0 && r == 0)
				break;
			if (dy > 0 && r + 1 >= n)
				break;
			r = dy < 0 ? r - 1 : r + 1;
		} while (!form_focusable(&ed->form.rows[r]));
		if (!form_focusable(&ed->form.rows[r]) || r == row)
			break;
		row = r;
		dy += dy < 0 ? 1 : -1;
	}
	if (col >= ed->form.rows[row].ncells)
		col = ed->form.rows[row].ncells - 1;
	editor_set_focus(ed, row, col);
}

static bool
editor_is_named_key(const struct ui_key *k, const char *name)
{
	const char *n;

	if (!k->fkey)
		return false;
	n = keyname(k->code);
	return n != NULL && strcmp(n, name) == 0;
}

static void
editor_cycle(struct editor *ed, const struct form_cell *c, int dir)
{
	struct storyboard *before = NULL;
	char *cause = NULL;

	if (edit_kind(c->ref.f) == EK_NUMBER) {
		if (edit_bump(ed->sb, &c->ref, dir) == 0)
			editor_changed(ed, true);
		return;
	}
	if (edit_kind(c->ref.f) != EK_CHOICE) {
		ui_message(_("Space and +/- change choices and numbers; Enter edits"));
		return;
	}
	if (c->ref.f == EF_MULTI || c->ref.f == EF_SHOT_TYPE)
		before = sb_clone(ed->sb);
	if (edit_cycle(ed->sb, &c->ref, dir, &cause) == -1) {
		editor_report(cause);
		sb_free(&before);
		return;
	}
	if (before != NULL)
		editor_shots_follow(ed, before);
	editor_changed(ed, true);
}

static void
editor_enter(struct editor *ed, const struct form_cell *c)
{
	struct edit_ref to;

	switch (edit_kind(c->ref.f)) {
	case EK_HEADING:
		if (c->ref.f == EF_IMAGES) {
			memset(&to, 0, sizeof to);
			to.f = EF_IMAGE;
			editor_focus(ed, &to);
			editor_begin_edit(ed, editor_cell(ed), false);
		} else
			editor_add(ed, c);
		break;
	case EK_CHOICE:
		editor_cycle(ed, c, 1);
		break;
	default:
		editor_begin_edit(ed, editor_image_slot(ed, c), false);
		break;
	}
}

static void
editor_suspend(void)
{
	ui_suspend();
	raise(SIGTSTP);
	ui_resume();
}

static void
editor_key_normal(struct editor *ed, const struct ui_key *k)
{
	const struct form_cell *c = editor_cell(ed);
	int code = k->code;

	if (c == NULL)
		return;
	if (ed->show_picture) {
		/* Any key closes the picture; p toggles it. */
		ed->show_picture = false;
		if (!k->fkey && code == 'p')
			return;
	}
	if (k->fkey) {
		if (k->meta && code == KEY_UP)
			editor_list_op(ed, c, NULL, -1);
		else if (k->meta && code == KEY_DOWN)
			editor_list_op(ed, c, NULL, 1);
		else if (editor_is_named_key(k, "kUP3"))
			editor_list_op(ed, c, NULL, -1);
		else if (editor_is_named_key(k, "kDN3"))
			editor_list_op(ed, c, NULL, 1);
		else if (code == KEY_UP)
			editor_move(ed, -1, 0);
		else if (code == KEY_DOWN)
			editor_move(ed, 1, 0);
		else if (code == KEY_LEFT)
			editor_move(ed, 0, -1);
		else if (code == KEY_RIGHT)
			editor_move(ed, 0, 1);
		else if (code == KEY_PPAGE)
			editor_move(ed, -10, 0);
		else if (code == KEY_NPAGE)
			editor_move(ed, 10, 0);
		else if (code == KEY_HOME)
			editor_move(ed, -1000, 0);
		else if (code == KEY_END)
			editor_move(ed, 1000, 0);
		else if (code == KEY_ENTER)
			editor_enter(ed, c);
		else if (code == KEY_DC)
			editor_list_op(ed, c, edit_delete, 0);
		return;
	}
	if (k->meta)
		return;
	if (code >= '0' && code <= '9' && edit_kind(c->ref.f) == EK_NUMBER) {
		editor_begin_edit(ed, c, true);
		field_key(k);
		editor_preview(ed);
		return;
	}
	switch (code) {
	case 'k':	editor_move(ed, -1, 0); break;
	case 'j':	editor_move(ed, 1, 0); break;
	case 'h':	editor_move(ed, 0, -1); break;
	case 'l':	editor_move(ed, 0, 1); break;
	case 'g':	editor_move(ed, -1000, 0); break;
	case 'G':	editor_move(ed, 1000, 0); break;
	case '\r':
	case '\n':	editor_enter(ed, c); break;
	case ' ':	editor_cycle(ed, c, 1); break;
	case '+':	editor_cycle(ed, c, 1); break;
	case '-':	editor_cycle(ed, c, -1); break;
	case 'a':	editor_add(ed, c); break;
	case 'd':	editor_list_op(ed, c, edit_delete, 0); break;
	case 'D':	editor_list_op(ed, c, edit_duplicate, 0); break;
	case 'J':	editor_list_op(ed, c, NULL, 1); break;
	case 'K':	editor_list_op(ed, c, NULL, -1); break;
	case 'e':	editor_external(ed, c); break;
	case 'E':	editor_edit_text(ed); break;
	case 'u':	editor_history(ed, false); break;
	case UI_CTRL('r'): editor_history(ed, true); break;
	case UI_CTRL('s'): editor_save(ed, false); break;
	case UI_CTRL('z'): editor_suspend(); break;
	case 'w':
		editor_ask_path(ed, EP_SAVE_AS, _("Save as:"),
		    ed->path != NULL ? ed->path : "storyboard.json");
		break;
	case 'o':
		if (ed->modified)
			editor_ask(ed, EP_OPEN, "yn", _("Discard unsaved changes? [y/n]"));
		else
			editor_ask_path(ed, EP_OPEN, _("Open:"), "");
		break;
	case 'n':
		if (ed->modified)
			editor_ask(ed, EP_NEW, "yn", _("Discard unsaved changes? [y/n]"));
		else {
			ed->mode = EM_MENU;
			ed->menu_sel = 0;
		}
		break;
	case '\t':
		if (ed->diags->n == 0)
			ui_message(_("no problems to go to"));
		else
			ed->mode = EM_DIAGS;
		break;
	case 's':
		if (editor_submit_hook != NULL)
			editor_submit_hook(ed);
		else
			ui_message(_("submitting needs the dashboard, which this build lacks"));
		break;
	case 'p':
		if (picture_pane_url(ed) == NULL)
			ui_message(_("p shows the picture of an image row (start or end frame, "
			    "an element's image)"));
		else
			ed->show_picture = true;
		break;
	case '?':	help_show(); break;
	case 'q':
	case UI_CTRL('c'):
		if (ed->modified)
			editor_ask(ed, EP_QUIT, "ync",
			    _("Save changes to %s? [y]es [n]o [c]ancel"),
			    ed->path != NULL ? ed->path : _("a new file"));
		else
			editor_quit_now(ed, false);
		break;
	default:
		break;
	}
}

static void
editor_key_diags(struct editor *ed, const struct ui_key *k)
{
	size_t row, col;

	if (k->fkey && k->code == KEY_UP) {
		if (ed->diag_sel > 0)
			ed->diag_sel--;
	} else if (k->fkey && k->code == KEY_DOWN) {
		if (ed->diag_sel + 1 < ed->diags->n)
			ed->diag_sel++;
	} else if (!k->fkey && (k->code == 'k' || k->code == 'j')) {
		if (k->code == 'k' && ed->diag_sel > 0)
			ed->diag_sel--;
		else if (k->code == 'j' && ed->diag_sel + 1 < ed->diags->n)
			ed->diag_sel++;
	} else if ((k->fkey && k->code == KEY_ENTER) ||
	    (!k->fkey && (k->code == '\r' || k->code == '\n'))) {
		if (ed->diag_sel < ed->diags->n) {
			form_diag_target(&ed->form, ed->diags->v[ed->diag_sel].path, &row, &col);
			if (!form_focusable(&ed->form.rows[row]))
				editor_focus(ed, NULL);
			else
				editor_set_focus(ed, row, col);
		}
		ed->mode = EM_NORMAL;
	} else if (!k->fkey && (k->code == '\t' || k->code == 27 || k->code == 'q'))
		ed->mode = EM_NORMAL;
	else if (!k->fkey && k->code == '?')
		help_show();
}

static void
editor_key_menu(struct editor *ed, const struct ui_key *k)
{
	size_t n = 0;
	struct storyboard *sb;

	while (sb_template_names[n] != NULL)
		n++;
	if (k->fkey && k->code == KEY_UP && ed->menu_sel > 0)
		ed->menu_sel--;
	else if (k->fkey && k->code == KEY_DOWN && ed->menu_sel + 1 < n)
		ed->menu_sel++;
	else if (!k->fkey && k->code == 'k' && ed->menu_sel > 0)
		ed->menu_sel--;
	else if (!k->fkey && k->code == 'j' && ed->menu_sel + 1 < n)
		ed->menu_sel++;
	else if (!k->fkey && k->code >= '1' && k->code < '1' + (int)n)
		ed->menu_sel = (size_t)(k->code - '1');
	else if (!k->fkey && (k->code == 27 || k->code == 'q' || k->code == UI_CTRL('g')))
		ed->mode = EM_NORMAL;
	if ((k->fkey && k->code == KEY_ENTER) || (!k->fkey && (k->code == '\r' ||
	    k->code == '\n' || (k->code >= '1' && k->code < '1' + (int)n)))) {
		ed->mode = EM_NORMAL;
		if ((sb = sb_template_at(sb_template_names[ed->menu_sel], ed->image_base)) == NULL)
			return;
		editor_replace(ed, sb, sb_clone(sb), NULL);
		ui_message(_("new storyboard from the %s template"), sb_template_names[ed->menu_sel]);
	}
}

static void
editor_key(void *data, const struct ui_key *k)
{
	struct editor *ed = data;

	if (ed->mode != EM_EDIT)
		ui_message_clear();
	switch (ed->mode) {
	case EM_EDIT:
		if (field_active())
			field_key(k);
		if (!field_active() && ed->mode == EM_EDIT)
			ed->mode = EM_NORMAL;
		editor_preview(ed);
		break;
	case EM_ASK:
		if (!k->fkey && !k->meta && k->code < 128 && strchr(ed->answers, k->code) != NULL)
			editor_answer(ed, k->code);
		else if (!k->fkey && (k->code == 27 || k->code == UI_CTRL('g') ||
		    k->code == UI_CTRL('c')))
			editor_answer(ed, 27);
		break;
	case EM_MENU:
		editor_key_menu(ed, k);
		break;
	case EM_DIAGS:
		editor_key_diags(ed, k);
		break;
	default:
		editor_key_normal(ed, k);
		break;
	}
}

/* The names a prompt can complete, drawn inside the field's own row, at
 * its end, after the cursor: under it they covered the next row. As many
 * names as fit, widths counted in columns (CJK names take two a char). */
static void
editor_draw_hints(WINDOW *w, int y, int x, int cols)
{
	const char *tail = _("Tab completes ");
	const char *v[8];
	size_t n = field_hints(v, 8), i, k;
	int need, room = cols - x - 1, used;
	bool with_tail = true;

	for (k = n; k > 0; k--) {
		need = 1;
		for (i = 0; i < k; i++)
			need += (int)text_width(v[i]) + (v[i][0] == '@' ? 0 : 1) + 2;
		if (need + (int)text_width(tail) <= room)
			break;
		if (need <= room) {
			with_tail = false;
			break;
		}
	}
	if (k == 0)
		return;
	need += with_tail ? (int)text_width(tail) : 0;
	x = cols - need;
	used = ui_put(w, y, x, need, ui_attr(UI_STATUS), " ");
	for (i = 0; i < k; i++) {
		if (v[i][0] != '@')
			used += ui_put(w, y, x + used, need - used, ui_attr(UI_STATUS) | A_BOLD, "@");
		used += ui_put(w, y, x + used, need - used, ui_attr(UI_STATUS) | A_BOLD, v[i]);
		used += ui_put(w, y, x + used, need - used, ui_attr(UI_STATUS), "  ");
	}
	if (with_tail)
		ui_put(w, y, x + used, need - used, ui_attr(UI_STATUS), tail);
}

static void
editor_draw_menu(struct editor *ed, WINDOW *w, int rows, int cols)
{
	int y = 2, x = cols > 50 ? (cols - 44) / 2 : 0, i;
	char line[64];

	ui_fill(w, y, x, 44, ui_attr(UI_STATUS));
	ui_put(w, y, x, 44, ui_attr(UI_STATUS) | A_BOLD, _(" New storyboard from a template:"));
	for (i = 0; sb_template_names[i] != NULL && y + 2 + i < rows - 1; i++) {
		snprintf(line, sizeof line, "  %d  %s", i + 1, sb_template_names[i]);
		ui_fill(w, y + 1 + i, x, 44, (size_t)i == ed->menu_sel ? A_REVERSE : A_NORMAL);
		ui_put(w, y + 1 + i, x, 44, (size_t)i == ed->menu_sel ? A_REVERSE : A_NORMAL,
		    line);
	}
	ui_fill(w, y + 1 + i, x, 44, ui_attr(UI_STATUS));
	ui_put(w, y + 1 + i, x, 44, ui_attr(UI_STATUS), _(" Enter open  Esc cancel"));
}

static void
editor_draw(void *data, WINDOW *w, int rows, int cols, int *cy, int *cx)
{
	struct editor *ed = data;
	int sh = status_height(ed, cols), dh = diagpane_height(ed, rows - sh + 1);
	int ph = preview_height(ed, rows, cols), fh = rows - sh - dh - ph;
	int pw = picture_pane_width(ed, cols);

	if (fh < 3) {
		fh += ph;
		ph = 0;
	}
	form_draw(ed, w, 0, fh, cols - pw, cy, cx);
	if (pw > 0)
		picture_pane_draw(ed, w, 0, cols - pw, fh, pw);
	else if (ed->show_picture && ed->mode == EM_NORMAL)
		picture_pane_draw(ed, w, 0, 0, fh, cols);
	preview_draw(ed, w, fh, ph, cols);
	diagpane_draw(ed, w, fh + ph, dh, cols);
	status_draw(ed, w, rows - sh, sh, cols, cy, cx);
	if (ed->mode == EM_EDIT && ed->editing.f != EF_NFIELDS && *cy >= 0)
		editor_draw_hints(w, *cy, *cx, cols);
	if (ed->mode == EM_MENU)
		editor_draw_menu(ed, w, rows, cols);
}

const struct ui_screen *
editor_screen(struct editor *ed)
{
	return &ed->screen;
}
