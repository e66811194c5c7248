/* kling-tui: the editor's form: which rows a storyboard shows, and drawing
 * them.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "field.h"
#include "rules.h"
#include "text.h"
#include "xmalloc.h"

#define FORM_LABEL_W	15
#define FORM_MENTIONS	32
#define FORM_SHOT_LABELS 100

static struct form_row *
form_add_row(struct form *f, enum form_row_kind kind, const char *title)
{
	struct form_row *r;

	if (f->n == f->cap) {
		f->cap = f->cap == 0 ? 32 : f->cap * 2;
		f->rows = xreallocarray(f->rows, f->cap, sizeof *f->rows);
	}
	r = &f->rows[f->n++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->title = title;
	return r;
}

static void
form_add_cell(struct form_row *r, enum edit_field ef, size_t i, size_t j,
    const char *label, int label_w, int width)
{
	struct form_cell *c = &r->cells[r->ncells++];

	c->ref.f = ef;
	c->ref.i = i;
	c->ref.j = j;
	c->label = label;
	c->label_w = label_w;
	c->width = width;
	c->sev = -1;
	edit_path(&c->ref, c->path, sizeof c->path);
}

static void
form_cell_row(struct form *f, enum edit_field ef, size_t i, size_t j, const char *label)
{
	form_add_cell(form_add_row(f, FR_CELLS, NULL), ef, i, j, label, FORM_LABEL_W, 0);
}

static void
form_settings(struct form *f, const struct storyboard *sb)
{
	static const char *const labels[EF_NFIELDS] = {
		[EF_MODE] = N_("Mode"), [EF_MULTI] = N_("Multi-shot"),
		[EF_SHOT_TYPE] = N_("Shot type"), [EF_DURATION] = N_("Duration"),
		[EF_ASPECT] = N_("Aspect ratio"), [EF_AUDIO] = N_("Audio"),
		[EF_IN_COMPLIANCE] = N_("In compliance"),
		[EF_OUT_COMPLIANCE] = N_("Out compliance"),
	};
	enum edit_field v[8];
	struct form_row *r = NULL;
	size_t n = 0, k;

	v[n++] = EF_MODE;
	v[n++] = EF_MULTI;
	if (sb->multi_shots == SB_TRUE)
		v[n++] = EF_SHOT_TYPE;	/* it means nothing in single-shot mode */
	v[n++] = EF_DURATION;
	v[n++] = EF_ASPECT;
	v[n++] = EF_AUDIO;
	v[n++] = EF_IN_COMPLIANCE;
	v[n++] = EF_OUT_COMPLIANCE;
	form_add_row(f, FR_TITLE, _("Settings"));
	for (k = 0; k < n; k++) {
		if (k % 2 == 0)
			r = form_add_row(f, FR_CELLS, NULL);
		/* Width -1: half the row. */
		form_add_cell(r, v[k], 0, 0, _(labels[v[k]]), FORM_LABEL_W, -1);
	}
	form_cell_row(f, EF_CALLBACK, 0, 0, _("Callback URL"));
}

static bool
form_is(const char *s, const char *want)
{
	return s != NULL && strcmp(s, want) == 0;
}

/* "Shot N": an over-long file's 7th shot and on are numbered too, to be
 * told apart. Cells keep the pointer: the labels live as long as the
 * program. */
static const char *
form_shot_label(size_t i)
{
	static char labels[FORM_SHOT_LABELS][16];

	if (i >= FORM_SHOT_LABELS)
		return _("Shot");
	if (labels[i][0] == '\0')
		snprintf(labels[i], sizeof labels[i], _("Shot %zu"), i + 1);
	return labels[i];
}

static void
form_shots(struct form *f, const struct storyboard *sb)
{
	struct form_row *r;
	size_t i;

	r = form_add_row(f, FR_CELLS, "Shots");
	form_add_cell(r, EF_SHOTS, 0, 0, NULL, 0, 0);
	form_add_row(f, FR_TIMELINE, NULL);
	for (i = 0; i < sb->nshots; i++) {
		r = form_add_row(f, FR_CELLS, NULL);
		form_add_cell(r, EF_SHOT_DURATION, i, 0, form_shot_label(i), FORM_LABEL_W,
		    FORM_LABEL_W + 6);
		form_add_cell(r, EF_SHOT_PROMPT, i, 0, NULL, 0, 0);
	}
}

static void
form_images(struct form *f, const struct storyboard *sb)
{
	static const char *const labels[] = { N_("Start frame"), N_("End frame") };
	bool multi = sb->multi_shots == SB_TRUE;
	struct form_row *r;
	size_t i, slots = multi ? 1 : 2;

	r = form_add_row(f, FR_CELLS, _("Images"));
	form_add_cell(r, EF_IMAGES, 0, 0, NULL, 0, 0);
	if (sb->img_urls.n > slots)
		slots = sb->img_urls.n;
	for (i = 0; i < slots; i++)
		form_cell_row(f, EF_IMAGE, i, 0, i < 2 ? _(labels[i]) : _("Image"));
}

static void
form_elements(struct form *f, const struct storyboard *sb)
{
	static const char *const labels[] = { N_("Element 1"), N_("Element 2"), N_("Element 3") };
	const struct sb_element *e;
	struct form_row *r;
	size_t i, j;

	r = form_add_row(f, FR_CELLS, _("Elements"));
	form_add_cell(r, EF_ELEMENTS, 0, 0, NULL, 0, 0);
	for (i = 0; i < sb->nelements; i++) {
		e = &sb->elements[i];
		r = form_add_row(f, FR_CELLS, NULL);
		form_add_cell(r, EF_ELEM_NAME, i, 0, i < 3 ? _(labels[i]) : _("Element"),
		    FORM_LABEL_W, FORM_LABEL_W + 16);
		form_add_cell(r, EF_ELEM_DESC, i, 0, NULL, 0, 0);
		for (j = 0; j < e->images.n; j++)
			form_cell_row(f, EF_ELEM_IMAGE, i, j, _("  image"));
	}
}

/* How far paths a and b agree, up to a JSON path boundary; an exact match
 * scores one more than any prefix. */
static size_t
form_path_score(const char *a, const char *b)
{
	size_t k, best = 0;
	bool ba, bb;

	for (k = 0;; k++) {
		ba = a[k] == '\0' || a[k] == '.' || a[k] == '[';
		bb = b[k] == '\0' || b[k] == '.' || b[k] == '[';
		if (k > 0 && ba && bb)
			best = a[k] == '\0' && b[k] == '\0' ? k + 1 : k;
		if (a[k] == '\0' || b[k] == '\0' || a[k] != b[k])
			return best;
	}
}

void
form_diag_target(const struct form *f, const char *path, size_t *row, size_t *col)
{
	size_t i, j, s, best = 0;
	bool found = false;

	*row = *col = 0;
	for (i = 0; i < f->n; i++) {
		for (j = 0; j < f->rows[i].ncells; j++) {
			s = form_path_score(f->rows[i].cells[j].path, path);
			if (!found || s > best) {
				best = s;
				*row = i;
				*col = j;
				found = true;
			}
		}
	}
}

void
form_build(struct form *f, const struct storyboard *sb, const struct diag_list *d)
{
	bool multi = sb->multi_shots == SB_TRUE;
	bool customize = multi && form_is(sb->shot_type, "customize");
	struct form_cell *c;
	size_t i, row, col;

	f->n = 0;
	form_settings(f, sb);
	if (!customize || sb->prompt != NULL)
		form_cell_row(f, EF_PROMPT, 0, 0, _("Prompt"));
	if (customize || sb->nshots > 0)
		form_shots(f, sb);
	form_images(f, sb);
	form_elements(f, sb);
	for (i = 0; d != NULL && i < d->n; i++) {
		form_diag_target(f, d->v[i].path, &row, &col);
		c = &f->rows[row].cells[col];
		if (c->sev == -1 || (int)d->v[i].sev < c->sev)
			c->sev = (int)d->v[i].sev;
	}
}

void
form_free(struct form *f)
{
	free(f->rows);
	memset(f, 0, sizeof *f);
}

bool
form_focusable(const struct form_row *r)
{
	return r->kind == FR_CELLS && r->ncells > 0;
}

bool
form_find(const struct form *f, const struct edit_ref *ref, size_t *row, size_t *col)
{
	const struct edit_ref *c;
	size_t i, j;

	for (i = 0; i < f->n; i++) {
		for (j = 0; j < f->rows[i].ncells; j++) {
			c = &f->rows[i].cells[j].ref;
			if (c->f == ref->f && c->i == ref->i && c->j == ref->j) {
				*row = i;
				*col = j;
				return true;
			}
		}
	}
	return false;
}

/* ---- drawing ---- */

struct form_mention {
	size_t	off, len;
	bool	known;
};

struct form_mentions {
	const struct storyboard	*sb;
	struct form_mention	 v[FORM_MENTIONS];
	size_t			 n;
};

static void
form_note_mention(void *arg, size_t off, size_t len, const char *name, size_t namelen)
{
	struct form_mentions *m = arg;
	size_t i;
	bool known = false;

	for (i = 0; i < m->sb->nelements; i++) {
		const char *en = m->sb->elements[i].name;

		if (en != NULL && strlen(en) == namelen && memcmp(en, name, namelen) == 0)
			known = true;
	}
	if (m->n < FORM_MENTIONS) {
		m->v[m->n].off = off;
		m->v[m->n].len = len;
		m->v[m->n].known = known;
		m->n++;
	}
}

static const char *
form_ellipsis(void)
{
	const char *cs = nl_langinfo(CODESET);

	return strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0 ? "\u2026" : ">";
}

/* A prompt, its @names marked: known ones highlighted, unknown underlined. */
static void
form_draw_prompt(const struct storyboard *sb, WINDOW *w, int y, int x, int width,
    attr_t base, const char *s)
{
	struct form_mentions m = { .sb = sb };
	size_t off = 0, len = strlen(s), i, end;
	int used = 0;
	attr_t a;

	/* Cut at the edge: say so, with an ellipsis in the last column. */
	if ((int)text_width(s) > width && width > 1) {
		width--;
		ui_put(w, y, x + width, 1, base, form_ellipsis());
	}
	rules_each_mention(s, form_note_mention, &m);
	for (i = 0; i <= m.n && used < width; i++) {
		end = i < m.n ? m.v[i].off : len;
		if (end > off)
			used += ui_putn(w, y, x + used, width - used, base, s + off, end - off);
		if (i == m.n || used >= width)
			break;
		a = ui_attr(m.v[i].known ? UI_MENTION : UI_MENTION_BAD);
		if (base & A_REVERSE)
			a |= A_REVERSE;
		used += ui_putn(w, y, x + used, width - used, a, s + m.v[i].off, m.v[i].len);
		off = m.v[i].off + m.v[i].len;
	}
}

/* The shown value and a note on why it does not apply, if it does not. */
static const char *
form_value(const struct storyboard *sb, const struct form_cell *c, char *buf, size_t len,
    const char **note)
{
	const char *v;
	char num[32];

	*note = NULL;
	v = edit_get(sb, &c->ref, num, sizeof num);
	switch (c->ref.f) {
	case EF_DURATION:
	case EF_SHOT_DURATION:
		if (v == NULL)
			return NULL;
		snprintf(buf, len, "%ss", v);
		return buf;
	case EF_AUDIO:
		if (sb->multi_shots == SB_TRUE) {
			*note = _("locked on: multi-shot");
			return _("on");
		}
		/* FALLTHROUGH */
	case EF_MULTI:
		/* "on" and "off" are the editor's words, not the API's. */
		return v != NULL ? _(v) : NULL;
	case EF_ASPECT:
		if (sb->img_urls.n > 0 && sb->aspect_ratio != NULL)
			*note = _("ignored: images set");
		break;
	default:
		break;
	}
	if (v == num) {
		snprintf(buf, len, "%s", num);
		return buf;
	}
	return v;
}

static void
form_heading(struct editor *ed, WINDOW *w, int y, int width, const struct form_cell *c,
    bool focused)
{
	const struct storyboard *sb = editor_view(ed);
	char buf[128];
	const char *hint = "";
	attr_t a = ui_attr(UI_TITLE) | (focused ? A_REVERSE : 0);
	int used;

	switch (c->ref.f) {
	case EF_SHOTS:
		snprintf(buf, sizeof buf, _(" Shots %zu/%d "), sb->nshots, SB_MAX_SHOTS);
		hint = _("  a add  d delete  D duplicate  J/K move");
		break;
	case EF_IMAGES:
		snprintf(buf, sizeof buf, _(" Images %zu "), sb->img_urls.n);
		hint = sb->multi_shots == SB_TRUE ? _("  multi-shot: exactly 1 (start frame)") :
		    _("  single-shot: none, start frame, or start and end frames");
		break;
	case EF_ELEMENTS:
		snprintf(buf, sizeof buf, _(" Elements %zu/%d "), sb->nelements, SB_MAX_ELEMENTS);
		hint = _("  a add  @name in a prompt refers to one");
		break;
	default:
		buf[0] = '\0';
		break;
	}
	used = ui_put(w, y, 0, width, a, buf);
	used += ui_put(w, y, used, width - used, ui_attr(UI_DIM), hint);
	if (used + 1 < width) {
		wmove(w, y, used + 1);
		whline(w, ACS_HLINE, width - used - 1);
	}
}

static void
form_cell_draw(struct editor *ed, WINDOW *w, int y, int x, int width,
    const struct form_cell *c, bool focused, int *cy, int *cx)
{
	const struct storyboard *sb = editor_view(ed);
	const char *v, *note;
	char buf[64], counter[32];
	attr_t a = A_NORMAL, la = ui_attr(UI_LABEL);
	int lw = c->label_w, vw, cw = 0, used = 0;
	size_t limit = edit_limit(c->ref.f), chars;

	if (c->label != NULL && lw > 0) {
		if (c->sev == DIAG_ERROR)
			la = ui_attr(UI_ERROR);
		else if (c->sev == DIAG_WARNING)
			la = ui_attr(UI_WARNING);
		ui_put(w, y, x, lw - 1, la, c->label);
	} else
		lw = 0;
	vw = width - lw - 1;
	if (vw <= 0)
		return;
	v = form_value(sb, c, buf, sizeof buf, &note);
	if (c->sev == DIAG_ERROR)
		a = ui_attr(UI_ERROR);
	else if (c->sev == DIAG_WARNING)
		a = ui_attr(UI_WARNING);
	if (note != NULL)
		a = ui_attr(UI_DIM);
	if (focused)
		a |= A_REVERSE;
	if (ed->mode == EM_EDIT && focused && ed->editing.f != EF_NFIELDS) {
		field_draw(w, y, x + lw, vw, cy, cx);
		return;
	}
	if (limit > 0 && v != NULL) {
		chars = text_chars(v);
		cw = snprintf(counter, sizeof counter, " %zu/%zu", chars, limit);
		if (cw > vw / 3)
			cw = 0;
		else
			ui_put(w, y, x + lw + vw - cw, cw,
			    chars > limit ? ui_attr(UI_ERROR) : ui_attr(UI_DIM), counter);
	}
	if (focused)
		ui_fill(w, y, x + lw, vw - cw, a);
	if (v == NULL)
		used = ui_put(w, y, x + lw, vw - cw, a | A_DIM, _("(not set)"));
	else if (c->ref.f == EF_PROMPT || c->ref.f == EF_SHOT_PROMPT ||
	    c->ref.f == EF_ELEM_DESC)
		form_draw_prompt(sb, w, y, x + lw, vw - cw, a, v);
	else
		used = ui_put(w, y, x + lw, vw - cw, a, v);
	if (note != NULL && used + 3 < vw - cw)
		ui_put(w, y, x + lw + used + 1, vw - cw - used - 1, ui_attr(UI_DIM), note);
	else if (v != NULL && *v == '\0' && (c->ref.f == EF_PROMPT ||
	    c->ref.f == EF_SHOT_PROMPT))
		ui_put(w, y, x + lw, vw - cw, a | A_DIM, SB_PROMPT_PLACEHOLDER);
	else if (v != NULL && *v == '\0')
		ui_put(w, y, x + lw, vw - cw, a | A_DIM, _("(empty)"));
}

/* ! an error, ~ a warning: readable with colours off. */
static void
form_mark(WINDOW *w, int y, int x, int sev)
{
	if (sev == DIAG_ERROR)
		ui_put(w, y, x, 1, ui_attr(UI_ERROR), "!");
	else if (sev == DIAG_WARNING)
		ui_put(w, y, x, 1, ui_attr(UI_WARNING), "~");
}

static void
form_row_draw(struct editor *ed, WINDOW *w, int y, int width, size_t ri, int *cy, int *cx)
{
	const struct form_row *r = &ed->form.rows[ri];
	int x = 2, cwid, sev = -1;
	size_t j;
	bool focused, pair;

	if (r->kind == FR_TITLE) {
		ui_put(w, y, 0, width, ui_attr(UI_TITLE), r->title);
		x = (int)text_width(r->title) + 1;
		if (x < width) {
			wmove(w, y, x);
			whline(w, ACS_HLINE, width - x);
		}
		return;
	}
	if (r->kind == FR_TIMELINE) {
		timeline_draw(w, y, 2, width - 2, editor_view(ed));
		return;
	}
	if (r->ncells == 1 && edit_kind(r->cells[0].ref.f) == EK_HEADING) {
		form_heading(ed, w, y, width, &r->cells[0],
		    ed->row == ri && ed->mode != EM_DIAGS);
		sev = r->cells[0].sev;
		x = width;
	}
	/* Two fields of their own on one row (the settings): each is marked
	 * in front of its label, so the mark says which one it means. A shot's
	 * duration and prompt are one shot: the gutter marks the row. */
	pair = r->ncells == 2 && r->cells[0].label != NULL && r->cells[1].label != NULL;
	for (j = 0; x < width && j < r->ncells; j++) {
		const struct form_cell *c = &r->cells[j];

		if (pair && j == 1)
			form_mark(w, y, x - 1, c->sev);
		else if (c->sev != -1 && (sev == -1 || c->sev < sev))
			sev = c->sev;
		if (c->width == -1)
			cwid = (width - 2) / 2;
		else if (c->width == 0 || j + 1 == r->ncells)
			cwid = width - x;
		else
			cwid = c->width;
		if (x + cwid > width)
			cwid = width - x;
		focused = ed->row == ri && ed->col == j && ed->mode != EM_DIAGS;
		form_cell_draw(ed, w, y, x, cwid, c, focused, cy, cx);
		x += cwid;
	}
	/* The gutter marks a row with a problem even when colours are off. */
	form_mark(w, y, 0, sev);
}

void
form_draw(struct editor *ed, WINDOW *w, int y, int h, int width, int *cy, int *cx)
{
	size_t i;

	if (h <= 0)
		return;
	/* Scroll so the focused row shows, with the heading above it when
	 * there is room. */
	if (ed->row < ed->top)
		ed->top = ed->row > 0 && !form_focusable(&ed->form.rows[ed->row - 1]) ?
		    ed->row - 1 : ed->row;
	if (ed->row >= ed->top + (size_t)h)
		ed->top = ed->row - (size_t)h + 1;
	if (ed->top > 0 && ed->form.n - ed->top < (size_t)h)
		ed->top = ed->form.n > (size_t)h ? ed->form.n - (size_t)h : 0;
	if (ed->row < ed->top)
		ed->top = ed->row;
	for (i = ed->top; i < ed->form.n && i < ed->top + (size_t)h; i++)
		form_row_draw(ed, w, y + (int)(i - ed->top), width, i, cy, cx);
}
