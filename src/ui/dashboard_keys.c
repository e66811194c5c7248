/* kling-tui: the dashboard's keys and the actions on a task.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "conf.h"
#include "atomic.h"
#include "dash.h"
#include "editor.h"
#include "field.h"
#include "history.h"
#include "text.h"
#include "app/tracker.h"
#include "vocab.h"
#include "xmalloc.h"

static char *
dash_filter_path(void)
{
	char *path;

	/* The session's: made once, for every screen. */
	if (dash->s.state_dir == NULL)
		return NULL;
	xasprintf(&path, "%s/dashboard-filter", dash->s.state_dir);
	return path;
}

/* The filter outlives the program: the same view next time. */
void
dash_filter_load(void)
{
	char *path = dash_filter_path();
	FILE *f;

	if (path == NULL)
		return;
	if ((f = fopen(path, "r")) != NULL) {
		if (fgets(dash->filter, sizeof dash->filter, f) == NULL)
			dash->filter[0] = '\0';
		dash->filter[strcspn(dash->filter, "\r\n")] = '\0';
		fclose(f);
	}
	free(path);
}

static void
dash_filter_save(void)
{
	char *path = dash_filter_path(), *text, *cause = NULL;

	if (path == NULL)
		return;
	xasprintf(&text, "%s\n", dash->filter);
	if (atomic_write(path, text, strlen(text), 0600, &cause) != 0) {
		ui_message(_("the filter could not be saved: %s"), cause);
		free(cause);
	}
	free(text);
	free(path);
}

/* Escape while typing it clears the filter (k9s); Enter keeps it. */
static void
dash_filter_done(void *arg, const char *text)
{
	(void)arg;
	dash->typing = false;
	dash->filtering = false;
	snprintf(dash->filter, sizeof dash->filter, "%s", text != NULL ? text : "");
	dash_filter_save();
	dash_reload();
}

/* Space marks rows; d, x and p then act on every marked row. */
static void
dash_mark_toggle(const struct store_task *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < dash->nmarked; i++) {
		if (dash->marked[i] == t->id) {
			dash->marked[i] = dash->marked[--dash->nmarked];
			return;
		}
	}
	dash->marked = xreallocarray(dash->marked, dash->nmarked + 1, sizeof *dash->marked);
	dash->marked[dash->nmarked++] = t->id;
}

/* The rows an action takes: the marked ones, else the selected one. Marks
 * are ids: a marked row may be far outside the window, so each is read
 * afresh (an action may change the rows, too). */
static void
dash_for_each(const struct store_task *t, void (*act)(const struct store_task *))
{
	struct store_task *row;
	int64_t *ids;
	size_t i, n = 0, nids = dash->nmarked;
	char *cause = NULL;

	if (dash->nmarked == 0) {
		act(t);
		return;
	}
	ids = dash->marked;
	dash->marked = NULL;
	dash->nmarked = 0;
	for (i = 0; i < nids; i++) {
		if ((row = store_get(dash->s.store, ids[i], &cause)) == NULL) {
			free(cause);
			cause = NULL;
			continue;
		}
		act(row);
		store_task_free(&row);
		n++;
	}
	free(ids);
	ui_message(_("%zu marked task%s: done"), n, n == 1 ? "" : "s");
	dash_reload();
}

/* Shift+letter sorts by that column; the same again, the other way. */
static void
dash_sort_by(enum dash_sort by)
{
	if (dash->sort == by)
		dash->sort_rev = !dash->sort_rev;
	else {
		dash->sort = by;
		dash->sort_rev = false;
	}
	dash_reload();
}

void
dash_mark_seen(const struct store_task *t)
{
	char *cause = NULL;

	if (t == NULL || t->seen || !task_state_word_final(t->state))
		return;
	if (store_set_flags(dash->s.store, t->id, t->hidden, true, &cause) != 0) {
		ui_message("%s", cause);
		free(cause);
	}
}

static bool
dash_need_tracker(void)
{
	if (dash->s.tracker != NULL)
		return true;
	ui_message(_("no API key: set CRUN_API_KEY, or run kling-tui --demo"));
	return false;
}

void
dash_act_download(const struct store_task *t)
{
	char *cause = NULL;

	if (t == NULL || !dash_need_tracker())
		return;
	if (tracker_download(dash->s.tracker, t->id, dash->s.download_dir, NULL, &cause) != 0) {
		ui_message(_("no download: %s"), cause);
		free(cause);
		return;
	}
	ui_message(_("downloading into %s"), dash->s.download_dir != NULL ?
	    dash->s.download_dir : _("the current directory"));
}

/* Its storyboard, as sent, becomes a new unsaved storyboard in the editor. */
void
dash_act_reroll(const struct store_task *t)
{
	struct storyboard *sb;
	struct editor *ed = dash->ed;
	struct store_task *row = NULL;
	char *cause = NULL;

	if (t == NULL)
		return;
	if (ed->modified) {
		ui_message(_("the editor has unsaved changes: save them (Ctrl-S) first"));
		return;
	}
	/* Lists carry no bodies: this one is read by its id. */
	if (t->storyboard == NULL && (t = row = store_get(dash->s.store, t->id,
	    &cause)) == NULL) {
		ui_message(_("its storyboard cannot be read: %s"), cause);
		free(cause);
		return;
	}
	if (t->storyboard == NULL)
		cause = xstrdup(_("none was kept"));
	sb = cause != NULL ? NULL : codec_decode(t->storyboard, strlen(t->storyboard),
	    &cause);
	if (sb == NULL) {
		ui_message(_("its storyboard cannot be read: %s"), cause);
		free(cause);
		store_task_free(&row);
		return;
	}
	sb_free(&ed->sb);
	ed->sb = sb;
	free(ed->path);
	ed->path = NULL;
	sb_free(&ed->saved);
	editor_changed(ed, true);
	while (ui_screen_top() != editor_screen(ed))
		ui_screen_next();
	ui_message(_("a new draft from %s: edit it, then s to submit"),
	    t->task_id != NULL ? t->task_id : t->name);
	store_task_free(&row);
}

void
dash_act_copy(const struct store_task *t, bool url)
{
	char *u;

	if (t == NULL)
		return;
	if (!url) {
		if (t->task_id == NULL) {
			ui_message(_("no task id (yet)"));
			return;
		}
		osc52_copy(t->task_id);
		ui_message(_("copied the task id %s"), t->task_id);
		return;
	}
	if ((u = tracker_media_url(t->media_urls, 0)) == NULL) {
		ui_message(_("no video URL (yet)"));
		return;
	}
	osc52_copy(u);
	ui_message(_("copied the video URL"));
	free(u);
}

void
dash_act_repoll(const struct store_task *t)
{
	if (t == NULL || !dash_need_tracker())
		return;
	if (t->task_id == NULL) {
		ui_message(_("no task id to ask about"));
		return;
	}
	if (!tracker_following(dash->s.tracker, t->task_id))
		tracker_follow(dash->s.tracker, t->task_id, 0, true);
	tracker_poll_now(dash->s.tracker, t->task_id);
	tracker_pump(dash->s.tracker);
	dash_schedule();
	ui_message(_("asking about %s now"), t->task_id);
}

static int64_t dash_adopting;

static void
dash_adopt_done(void *arg, const char *text)
{
	char *cause = NULL;

	(void)arg;
	dash->typing = false;
	if (text == NULL || dash->s.tracker == NULL)
		return;
	if (tracker_adopt(dash->s.tracker, dash_adopting, text, &cause) != 0) {
		ui_message(_("not changed: %s"), cause);
		free(cause);
		return;
	}
	tracker_pump(dash->s.tracker);
	dash_schedule();
	dash_reload();
	ui_message(_("following %s"), text);
}

static bool
dash_is_unknown(const struct store_task *t)
{
	return t != NULL && task_state_parse(t->state) == TASK_UNKNOWN;
}

void
dash_act_adopt(const struct store_task *t)
{
	if (!dash_is_unknown(t) || !dash_need_tracker())
		return;
	dash_adopting = t->id;
	dash->typing = true;
	field_begin(FIELD_NAME, _("Task id (as the service's site shows it):"), "", 0,
	    NULL, dash_adopt_done, NULL);
}

void
dash_act_forget(const struct store_task *t)
{
	char *cause = NULL;

	if (!dash_is_unknown(t) || !dash_need_tracker())
		return;
	if (tracker_forget(dash->s.tracker, t->id, &cause) != 0) {
		ui_message("%s", cause);
		free(cause);
		return;
	}
	ui_message(_("forgotten (hidden; H shows hidden rows). It was not sent again."));
	dash_reload();
}

static void
dash_hide(const struct store_task *t)
{
	char *cause = NULL;

	if (t == NULL)
		return;
	if (store_set_flags(dash->s.store, t->id, !t->hidden, t->seen, &cause) != 0) {
		ui_message("%s", cause);
		free(cause);
		return;
	}
	ui_message(t->hidden ? _("shown again") : _("hidden (H shows hidden rows)"));
	dash_reload();
}

static void
dash_quit(void)
{
	const struct ui_screen *es = editor_screen(dash->ed);
	struct ui_key k = { .code = 'q' };

	/* The editor asks about unsaved changes; it must be seen to ask. */
	while (ui_screen_top() != es)
		ui_screen_next();
	es->key(es->data, &k);
}

bool
dash_key_typing(const struct ui_key *k)
{
	if (dash->typing && field_active()) {
		field_key(k);
		/* Filter as you type: with words, SQLite reads every row's
		 * name (tens of ms at 100,000 tasks), so keys typed in a burst
		 * are filtered once. */
		if (dash->filtering && field_active()) {
			snprintf(dash->filter, sizeof dash->filter, "%s", field_text());
			dash_reload_soon();
		}
		return true;
	}
	ui_message_clear();
	if (dash->help || dash->errors) {
		dash->help = dash->errors = false;	/* any key closes them */
		return true;
	}
	return false;
}

void
dash_key(void *data, const struct ui_key *k)
{
	const struct store_task *t = dash_selected();
	int page = dash_table_height(LINES) > 1 ? dash_table_height(LINES) - 1 : 1;

	(void)data;
	if (dash_key_typing(k))
		return;
	if (k->fkey) {
		switch (k->code) {
		case KEY_UP:	dash_move(-1); break;
		case KEY_DOWN:	dash_move(1); break;
		case KEY_PPAGE:	dash_move(-page); break;
		case KEY_NPAGE:	dash_move(page); break;
		case KEY_HOME:	dash_home(false); break;
		case KEY_END:	dash_home(true); break;
		case KEY_ENTER:
			if (t != NULL)
				detail_open(t->id);
			break;
		}
		return;
	}
	if (k->meta)
		return;
	switch (k->code) {
	case 'k':	dash_move(-1); break;
	case 'j':	dash_move(1); break;
	case 'g':	dash_home(false); break;
	case 'G':	dash_home(true); break;
	case '\r':
	case '\n':
		if (t != NULL)
			detail_open(t->id);
		break;
	case '/':
		dash->typing = true;
		dash->filtering = true;
		field_begin(FIELD_NAME, _("Filter (!word excludes; words, status:S):"), dash->filter, 0,
		    NULL, dash_filter_done, NULL);
		break;
	case '\033':
		if (dash->filter[0] != '\0')
			dash_filter_done(NULL, NULL);
		else if (dash->nmarked > 0) {
			dash->nmarked = 0;
			ui_message(_("marks cleared"));
		}
		break;
	case '?':	dash->help = true; break;
	case 'e':	dash->errors = true; break;
	case ' ':
		dash_mark_toggle(t);
		dash_move(1);
		break;
	case 'o':
		dash->sort = (dash->sort + 1) % DASH_SORT_N;
		dash->sort_rev = false;
		dash_reload();
		break;
	case 'O':
		dash->sort_rev = !dash->sort_rev;
		dash_reload();
		break;
	case 'N':	dash_sort_by(DASH_SORT_NAME); break;
	case 'S':	dash_sort_by(DASH_SORT_STATUS); break;
	case 'I':	dash_sort_by(DASH_SORT_ID); break;
	case 'E':	dash_sort_by(DASH_SORT_ELAPSED); break;
	case 'C':	dash_sort_by(DASH_SORT_NEWEST); break;
	case 'd':	dash_for_each(t, dash_act_download); break;
	case 'v':	dash_act_play(t); break;
	case 'r':	dash_act_reroll(t); break;
	case 'y':	dash_act_copy(t, false); break;
	case 'Y':	dash_act_copy(t, true); break;
	case 'p':	dash_for_each(t, dash_act_repoll); break;
	case 'x':	dash_for_each(t, dash_hide); break;
	case 'f':	dash_act_forget(t); break;
	case 't':	dash_act_adopt(t); break;
	case 'H':
		dash->show_hidden = !dash->show_hidden;
		dash_reload();
		break;
	case 'b':
		if (dash_need_tracker()) {
			tracker_balance(dash->s.tracker);
			ui_message(_("asking for the balance"));
		}
		break;
	case 'q':
		dash_quit();
		return;
	default:
		break;
	}
}
