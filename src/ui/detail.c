/* kling-tui: the detail view of one task: the storyboard sent, every status
 * change with its time, the result, the error, the credits.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "dash.h"
#include "field.h"
#include "text.h"
#include "app/tracker.h"
#include "vocab.h"
#include "xmalloc.h"
#include "i18n.h"

struct detail_line {
	attr_t	 attr;
	char	*text;
	int	 shot;		/* the contact sheet's frame starts here */
};

static struct detail_line *lines;
static size_t nlines, caplines;

static void
detail_add(attr_t attr, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
detail_add(attr_t attr, const char *fmt, ...)
{
	va_list ap;
	char *s, *clean;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		fatal("%s", _("out of memory"));
	va_end(ap);
	/* Server text (a foreign task's echo, messages) is never shown raw. */
	clean = text_sanitize(s, strlen(s), 0, false);
	free(s);
	if (nlines == caplines) {
		caplines = caplines == 0 ? 64 : caplines * 2;
		lines = xreallocarray(lines, caplines, sizeof *lines);
	}
	lines[nlines].attr = attr;
	lines[nlines].shot = 0;
	lines[nlines++].text = clean;
}

static void
detail_add_shot(int shot, attr_t attr, const char *text)
{
	detail_add(attr, "%s", text);
	lines[nlines - 1].shot = shot;
}

/* Long text wrapped at width columns, each line indented. */
static void
detail_wrap(const char *label, const char *text, int width)
{
	size_t n, lw = text_width(label);
	const char *p = text, *next;
	bool first = true;

	if (width < (int)lw + 10)
		width = (int)lw + 10;
	do {
		n = text_wrap_line(p, (size_t)width - lw - 2, &next);
		detail_add(A_NORMAL, "  %s%.*s", first ? label : "", (int)n, p);
		first = false;
		p = next;
	} while (*p != '\0');
}

static void
detail_storyboard(const char *json, int width)
{
	struct storyboard *sb;
	char *cause = NULL, label[64];
	size_t i, j;

	if (json == NULL || (sb = codec_decode(json, strlen(json), &cause)) == NULL) {
		detail_add(ui_attr(UI_DIM), _("  (not readable: %s)"), cause != NULL ? cause : _("none"));
		free(cause);
		return;
	}
	detail_add(A_NORMAL, _("  mode %s, %ld s, %s%s%s, audio %s"), sb->mode != NULL ? sb->mode : "-",
	    sb->has_duration ? sb->duration : 0L,
	    sb->multi_shots == SB_TRUE ? _("multi-shot ") : _("single shot"),
	    sb->multi_shots == SB_TRUE && sb->shot_type != NULL ? sb->shot_type : "",
	    sb->aspect_ratio != NULL ? "" : "",
	    sb->audio == SB_TRUE ? _("on") : sb->audio == SB_FALSE ? _("off") : "-");
	if (sb->aspect_ratio != NULL)
		detail_add(A_NORMAL, _("  aspect ratio %s"), sb->aspect_ratio);
	if (sb->prompt != NULL)
		detail_wrap(_("prompt: "), sb->prompt, width);
	for (i = 0; i < sb->nshots; i++) {
		snprintf(label, sizeof label, _("shot %zu (%ld s): "), i + 1,
		    sb->shots[i].has_duration ? sb->shots[i].duration : 0L);
		detail_wrap(label, sb->shots[i].prompt != NULL ? sb->shots[i].prompt : "", width);
	}
	for (i = 0; i < sb->img_urls.n; i++)
		detail_add(A_NORMAL, _("  image %zu: %s"), i + 1, sb->img_urls.v[i]);
	for (i = 0; i < sb->nelements; i++) {
		detail_add(A_NORMAL, _("  element @%s: %s"), sb->elements[i].name != NULL ?
		    sb->elements[i].name : "?", sb->elements[i].description != NULL ?
		    sb->elements[i].description : "");
		for (j = 0; j < sb->elements[i].images.n; j++)
			detail_add(A_NORMAL, _("    image: %s"), sb->elements[i].images.v[j]);
	}
	sb_free(&sb);
}

static void
detail_build(const struct store_task *t, int width)
{
	struct store_history h = { NULL, 0 };
	char when[32], *u, *cause = NULL;
	const char *err = NULL;
	enum tracker_net net;
	time_t until;
	size_t i;
	int64_t due;

	for (i = 0; i < nlines; i++)
		free(lines[i].text);
	nlines = 0;
	detail_add(ui_attr(UI_TITLE), _("Task %s  (#%" PRId64 ")"), t->task_id != NULL ?
	    t->task_id : _("without an id"), t->id);
	detail_add(A_NORMAL, _("  name: %s"), t->name != NULL ? t->name : "");
	detail_add(dash_state_attr(t->state), _("  status: %s"), task_state_label(t->state));
	if (t->task_id != NULL && dash->s.tracker != NULL &&
	    (due = tracker_due_in(dash->s.tracker, t->task_id)) >= 0)
		detail_add(ui_attr(UI_DIM), _("  next poll in %" PRId64 " s (faster while "
		    "this view is open)"), (due + 999) / 1000);
	if (task_state_parse(t->state) == TASK_UNKNOWN) {
		detail_add(A_NORMAL, "%s", "");
		detail_add(ui_attr(UI_WARNING) | A_BOLD, _("  The fate of this submission is unknown."));
		detail_wrap("", _("The request was sent but no answer came back (a timeout or a "
		    "dropped connection), so the task may exist and may have been charged. "
		    "Without a task id it cannot be looked up here, and it is never sent "
		    "again automatically. Look for it among your recent tasks on the "
		    "service's site, then:"), width);
		detail_add(A_BOLD, _("    t  enter the task id you found (it is followed from then on)"));
		detail_add(A_BOLD, _("    f  forget it (hidden; nothing is resubmitted)"));
		detail_add(A_BOLD, _("    r  open its storyboard in the editor to send it again yourself"));
	}
	detail_add(A_NORMAL, "%s", "");
	detail_add(ui_attr(UI_TITLE), _("Result"));
	for (i = 0; (u = tracker_media_url(t->media_urls, i)) != NULL; i++) {
		detail_add(ui_attr(UI_OK), _("  video: %s"), u);
		free(u);
	}
	/* "yet" only while one may still come. */
	if (i == 0 && task_state_word_final(t->state))
		detail_add(ui_attr(UI_DIM), _("  no video (the task ended %s)"), task_state_label(t->state));
	else if (i == 0)
		detail_add(ui_attr(UI_DIM), _("  no video yet"));
	if (t->has_credits)
		detail_add(A_NORMAL, _("  credits: %.15g"), t->credits);
	if (t->last_error != NULL && *t->last_error != '\0')
		detail_wrap(_("error: "), t->last_error, width);
	if (t->download_path != NULL)
		detail_add(A_NORMAL, _("  downloaded to %s"), t->download_path);
	contact_build(t, width, detail_add_shot);
	detail_add(A_NORMAL, "%s", "");
	detail_add(ui_attr(UI_TITLE), _("Status history"));
	if (store_get_history(dash->s.store, t->id, &h, &cause) == 0) {
		for (i = 0; i < h.n; i++) {
			dash_fmt_time(when, sizeof when, h.v[i].time);
			detail_add(dash_state_attr(h.v[i].status), "  %s  %s", when,
			    task_state_label(h.v[i].status));
		}
		store_history_free(&h);
	} else {
		detail_add(ui_attr(UI_ERROR), "  %s", cause);
		free(cause);
	}
	dash_fmt_time(when, sizeof when, t->created);
	detail_add(ui_attr(UI_DIM), _("  submitted %s"), when);
	if (t->finished > 0) {
		dash_fmt_time(when, sizeof when, t->finished);
		detail_add(ui_attr(UI_DIM), _("  finished %s"), when);
	}
	/* The header has room for a few words of it; here it is whole. */
	if (dash->s.tracker != NULL && (net = tracker_net_state(dash->s.tracker, &until,
	    &err)) != TRACKER_NET_OK && err != NULL) {
		detail_add(A_NORMAL, "%s", "");
		detail_add(ui_attr(UI_TITLE), _("Connection"));
		detail_wrap(_("last error: "), err, width);
	}
	detail_add(A_NORMAL, "%s", "");
	detail_add(ui_attr(UI_TITLE), _("Storyboard sent"));
	detail_storyboard(t->storyboard, width);
}

static void
detail_draw(void *data, WINDOW *w, int rows, int cols, int *cy, int *cx)
{
	struct store_task *t;
	char *cause = NULL;
	int h = rows - 2, i;

	(void)data;
	*cy = *cx = -1;
	dash_draw_header(w, cols);
	if ((t = store_get(dash->s.store, dash->detail_id, &cause)) == NULL) {
		ui_put(w, 2, 1, cols - 1, ui_attr(UI_ERROR), cause);
		free(cause);
		return;
	}
	detail_build(t, cols - 2);
	if (!task_state_word_final(t->state) || dash_progress_find(t->id) != NULL)
		dash_tick_arm();
	store_task_free(&t);
	if (dash->detail_top > (int)nlines - h)
		dash->detail_top = (int)nlines - h > 0 ? (int)nlines - h : 0;
	for (i = 0; i < h - 1 && dash->detail_top + i < (int)nlines; i++)
		ui_put(w, 1 + i, 1, cols - 1, lines[dash->detail_top + i].attr,
		    lines[dash->detail_top + i].text);
	/* A frame is drawn whole or not at all. */
	for (i = 0; i + contact_height() <= h - 1 && dash->detail_top + i < (int)nlines; i++)
		if (lines[dash->detail_top + i].shot > 0)
			contact_draw(w, 1 + i, 1, lines[dash->detail_top + i].shot);
	if (dash->help)
		dash_draw_help(w, rows, cols, true);
	dash_draw_footer(w, rows, cols, cy, cx,
	    _("Esc back  j/k scroll  d download  o play  r re-roll  y/Y copy id/URL  p poll  ? keys"));
}

static void
detail_close(void)
{
	if (dash->s.tracker != NULL)
		tracker_focus(dash->s.tracker, NULL);
	ui_screen_pop();
	dash_schedule();
}

static void
detail_key(void *data, const struct ui_key *k)
{
	struct store_task *t;
	char *cause = NULL;

	(void)data;
	if (dash_key_typing(k))
		return;
	if (k->fkey) {
		if (k->code == KEY_UP)
			dash->detail_top -= dash->detail_top > 0;
		else if (k->code == KEY_DOWN)
			dash->detail_top++;
		else if (k->code == KEY_LEFT)
			detail_close();
		return;
	}
	if ((t = store_get(dash->s.store, dash->detail_id, &cause)) == NULL) {
		free(cause);
		detail_close();
		return;
	}
	switch (k->code) {
	case 27:
	case 'q':
	case 'h':
		detail_close();
		break;
	case 'k':	dash->detail_top -= dash->detail_top > 0; break;
	case 'j':	dash->detail_top++; break;
	case 'd':	dash_act_download(t); break;
	case 'o':
	case 'v':	dash_act_play(t); break;
	case 'r':	dash_act_reroll(t); break;
	case 'y':	dash_act_copy(t, false); break;
	case 'Y':	dash_act_copy(t, true); break;
	case 'p':	dash_act_repoll(t); break;
	case 't':	dash_act_adopt(t); break;
	case '?':	dash->help = true; break;
	case 'f':
		dash_act_forget(t);
		detail_close();
		break;
	}
	store_task_free(&t);
}

void
detail_init(void)
{
	dash->detail_screen.name = "detail";
	dash->detail_screen.draw = detail_draw;
	dash->detail_screen.key = detail_key;
	dash->detail_screen.data = dash;
}

void
detail_open(int64_t id)
{
	struct store_task *t;
	char *cause = NULL;

	dash->detail_id = id;
	dash->detail_top = 0;
	if ((t = store_get(dash->s.store, id, &cause)) != NULL) {
		dash_mark_seen(t);
		/* The task being looked at is asked about more often. */
		if (t->task_id != NULL && dash->s.tracker != NULL) {
			tracker_focus(dash->s.tracker, t->task_id);
			dash_schedule();
		}
		store_task_free(&t);
	}
	free(cause);
	ui_screen_push(&dash->detail_screen);
}
