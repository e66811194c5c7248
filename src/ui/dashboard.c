/* kling-tui: the dashboard's life: connection, store, worker and tracker,
 * the rows it shows, and its place in the event loop.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Nothing here waits on the network: the worker's fd is one more fd in the
 * loop's poll(), and the only timers are the tracker's next due time, a
 * one-second tick while the dashboard is visible with a clock to show, and a
 * short debounce after the store changed (inotify on its directory, so that
 * another process's writes show at once without any polling). An idle
 * dashboard with nothing due sleeps in poll() with no timeout. */
#include "config.h"

#include <sys/inotify.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/exitcode.h"
#include "dash.h"
#include "editor.h"
#include "picture.h"
#include "app/loop.h"
#include "text.h"
#include "vocab.h"
#include "app/tracker.h"
#include "xmalloc.h"

struct dash *dash;

/* The tick: elapsed times and "next poll in" count seconds. */
#define DASH_TICK_MS	1000
/* Writes come in bursts (a transaction, the WAL, a checkpoint). */
#define DASH_REREAD_MS	50

bool
dash_visible(void)
{
	const struct ui_screen *s = ui_screen_top();

	return dash != NULL && (s == &dash->screen || s == &dash->detail_screen);
}

void
dash_fmt_time(char *buf, size_t len, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0) {
		snprintf(buf, len, "-");
		return;
	}
	localtime_r(&tt, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
}

struct dash_progress *
dash_progress_find(int64_t id)
{
	size_t i;

	for (i = 0; i < dash->nprog; i++)
		if (dash->prog[i].id == id)
			return &dash->prog[i];
	return NULL;
}

static void
dash_progress_set(int64_t id, int64_t bytes, int64_t total, bool done)
{
	struct dash_progress *p = dash_progress_find(id);

	if (done) {
		if (p != NULL)
			*p = dash->prog[--dash->nprog];
		return;
	}
	if (p == NULL) {
		dash->prog = xreallocarray(dash->prog, dash->nprog + 1, sizeof *dash->prog);
		p = &dash->prog[dash->nprog++];
		p->id = id;
	}
	p->bytes = bytes;
	p->total = total;
}

const struct store_task *
dash_selected(void)
{
	if (dash == NULL || dash->sel >= dash->rows.n)
		return NULL;
	return &dash->rows.v[dash->sel];
}

/* The window: three screens of rows, the selection in the middle, so that
 * a page up or down moves within it; the store is asked again when the
 * selection comes within a page of an edge that is not the view's. */
static size_t
dash_window_rows(void)
{
	int h = dash_table_height(LINES);

	return h > 10 ? (size_t)h * 3 : 30;
}

static size_t
dash_window_margin(void)
{
	int h = dash_table_height(LINES);

	return h > 1 ? (size_t)h : 1;
}

static void
dash_view(struct store_view *v)
{
	memset(v, 0, sizeof *v);
	v->filter = dash->filter;
	v->hidden = dash->show_hidden;
	v->order = (enum store_order)dash->sort;
	v->reverse = dash->sort_rev;
	v->now = (int64_t)time(NULL);
}

/* Read the window: around the row anchor (the rows before it, then it or
 * whatever now takes its place, then those after), or from the first row
 * (anchor NULL, !end) or up to the last (end). The selection stays on
 * want_id while it is shown, else takes the anchor's place. */
static int
dash_window(const struct store_task *anchor, bool end, int64_t want_id)
{
	struct store_list b = { NULL, 0 }, f = { NULL, 0 };
	struct store_view v;
	size_t w = dash_window_rows(), nb = w / 2, i, at, screen, top;
	size_t h = dash_window_margin();
	char *cause = NULL;
	bool was_start, first, last;
	int rc;

	dash_view(&v);
	screen = dash->sel >= dash->top ? dash->sel - dash->top : 0;
	top = dash->top;
	was_start = dash->at_start || dash->rows.n == 0;
	if (anchor == NULL && end) {
		rc = store_page(dash->s.store, &v, NULL, true, w, &f, &cause);
		first = f.n < w;
		last = true;
		at = f.n > 0 ? f.n - 1 : 0;
	} else if (anchor == NULL) {
		rc = store_page(dash->s.store, &v, NULL, false, w, &f, &cause);
		first = true;
		last = f.n < w;
		at = 0;
	} else {
		rc = store_page(dash->s.store, &v, anchor, true, nb, &b, &cause);
		if (rc == 0)
			rc = store_page(dash->s.store, &v, b.n > 0 ? &b.v[b.n - 1] :
			    NULL, false, w - b.n, &f, &cause);
		first = b.n < nb;
		last = f.n < w - b.n;
		at = b.n;
	}
	if (rc != 0) {
		ui_message(_("the task list could not be read: %s"), cause);
		free(cause);
		store_list_free(&b);
		store_list_free(&f);
		return -1;
	}
	dash->at_start = first;
	dash->at_end = last;
	/* b then f, in the view's order. */
	if (b.n > 0) {
		b.v = xreallocarray(b.v, b.n + f.n + 1, sizeof *b.v);
		if (f.n > 0)
			memcpy(b.v + b.n, f.v, f.n * sizeof *f.v);
		b.n += f.n;
		free(f.v);
		f = b;
	}
	store_list_free(&dash->rows);
	dash->rows = f;
	for (i = 0; i < f.n && f.v[i].id != want_id; i++)
		;
	if (i < f.n)
		dash->sel = i;
	else
		dash->sel = at < f.n ? at : f.n > 0 ? f.n - 1 : 0;
	dash->sel_id = f.n > 0 ? f.v[dash->sel].id : 0;
	/* From the first row, the rows keep their lines (a new task comes in
	 * at the top); elsewhere the selection keeps its line. */
	if (dash->at_start && was_start)
		dash->top = top;
	else
		dash->top = dash->sel >= screen ? dash->sel - screen : 0;
	if (dash->at_end && dash->top + h > dash->rows.n)
		dash->top = dash->rows.n > h ? dash->rows.n - h : 0;
	return 0;
}

/* Around the selected row, as it was when last read (the old window is
 * let go only once the new one is read). */
static void
dash_window_here(void)
{
	dash_window(dash->sel < dash->rows.n ? &dash->rows.v[dash->sel] : NULL, false,
	    dash->sel_id);
}

void
dash_reload(void)
{
	struct store_view v;
	char *cause = NULL;

	if (dash == NULL || dash->s.store == NULL)
		return;
	/* The header's count is the whole view's: cheap (counts by state,
	 * or one pass over the rows when the filter has words). */
	dash_view(&v);
	if (store_view_count(dash->s.store, &v, &dash->total, &dash->nhidden,
	    &cause) != 0) {
		ui_message(_("the task list could not be counted: %s"), cause);
		free(cause);
	}
	dash_window_here();
	ui_redraw();
}

void
dash_move(long delta)
{
	size_t m = dash_window_margin();
	long n = (long)dash->rows.n, s = (long)dash->sel + delta;

	if (n == 0)
		return;
	if (s < 0)
		s = 0;
	if (s >= n)
		s = n - 1;
	dash->sel = (size_t)s;
	dash->sel_id = dash->rows.v[s].id;
	if (delta != 0)
		dash_mark_seen(&dash->rows.v[s]);
	/* Near an edge of the window that is not the view's: read more. */
	if ((!dash->at_start && dash->sel < m) ||
	    (!dash->at_end && dash->sel + m >= dash->rows.n))
		dash_window_here();
}

void
dash_home(bool end)
{
	dash_window(NULL, end, 0);
	if (dash->rows.n > 0) {
		dash->top = end && dash->rows.n > (size_t)dash_table_height(LINES) ?
		    dash->rows.n - (size_t)dash_table_height(LINES) : 0;
		dash_mark_seen(&dash->rows.v[dash->sel]);
	}
}

void
dash_schedule(void)
{
	if (dash->s.tracker != NULL)
		tracker_reschedule(dash->s.tracker);
}

void
dash_tick_arm(void)
{
	if (dash->s.tracker != NULL && !loop_timer_pending(dash->tick))
		loop_timer_set(dash->tick, DASH_TICK_MS);
}

static void
dash_on_tick(void *arg)
{
	char *cause = NULL;
	size_t i;

	(void)arg;
	/* A create shown on its way whose sender was killed is told at once
	 * (the store knows its owner), with the choices of an unknown row. */
	for (i = 0; i < dash->rows.n; i++) {
		if (task_state_parse(dash->rows.v[i].state) != TASK_SUBMITTING)
			continue;
		if (store_settle_orphans(dash->s.store, STORE_ORPHAN_SECONDS, &cause) > 0)
			dash_reload();
		free(cause);
		break;
	}
	/* Drawing re-arms it while there is still a clock to show. */
	if (dash_visible())
		ui_redraw();
}

static void
dash_on_reread(void *arg)
{
	(void)arg;
	/* Rows another process added are followed here too. */
	if (dash->s.tracker != NULL && tracker_sync(dash->s.tracker, false) > 0)
		dash_schedule();
	dash_reload();
}

void
dash_reload_soon(void)
{
	if (!loop_timer_pending(dash->reread))
		loop_timer_set(dash->reread, DASH_REREAD_MS);
}

static void
dash_on_notify(int fd, short revents, void *arg)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	bool ours = false;
	ssize_t n;
	char *p;

	(void)revents;
	(void)arg;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (p = buf; p < buf + n; p += sizeof *ev + ev->len) {
			ev = (const struct inotify_event *)p;
			if (ev->len > 0 && strncmp(ev->name, "tasks.db", 8) == 0)
				ours = true;
		}
	}
	if (ours)
		dash_reload_soon();
}

static void
dash_watch_store(void)
{
	char *dir, *slash;

	dash->notify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (dash->notify_fd < 0)
		return;
	dir = xstrdup(store_path(dash->s.store));
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	if (inotify_add_watch(dash->notify_fd, dir, IN_MODIFY | IN_CREATE |
	    IN_MOVED_TO) < 0) {
		close(dash->notify_fd);
		dash->notify_fd = -1;
	}
	free(dir);
}

/* After the engine took a batch of answers (it pumps and reschedules
 * itself): show what changed. */
static void
dash_on_taken(void *arg)
{
	(void)arg;
	dash_reload();
}

/* Tracker hooks: the store has been written already; these only add what
 * the screen needs beyond the rows. */
static void
dash_on_created(void *arg, int64_t id, const struct api_result *r,
    const char *not_recorded)
{
	char *advice;

	(void)arg;
	if (not_recorded != NULL) {
		ui_message(_("#%lld: the store failed: %s"), (long long)id, not_recorded);
		return;
	}
	if (r->outcome == API_OK)
		ui_message(_("task %s created"), r->task_id);
	else {
		/* Say what the row says: a create whose fate is unknown may
		 * have been made and charged, and "not created" would invite
		 * a second, paid submission. */
		advice = tracker_create_advice(r);
		if (api_result_unknown(r))
			ui_message(_("#%lld unknown, maybe created (never resent; t or "
			    "f on its row): %s"), (long long)id, advice);
		else
			ui_message("#%lld %s%s", (long long)id, strncmp(advice, _("not created"),
			    11) == 0 ? "" : _("not created: "), advice);
		free(advice);
	}
	tracker_balance(dash->s.tracker);
}

/* "temple.json: success" on the artist's own desktop. */
static void
dash_notify_end(int64_t id, const struct api_task *t)
{
	struct store_task *row;
	char *cause = NULL, *body;

	if ((row = id > 0 ? store_get(dash->s.store, id, &cause) : NULL) == NULL)
		free(cause);
	xasprintf(&body, "%s: %s", row != NULL && row->name != NULL ? row->name :
	    t->task_id, t->status);
	notify_send("kling-tui", body);
	free(body);
	store_task_free(&row);
}

static void
dash_on_info(void *arg, int64_t id, bool changed, const struct api_task *t,
    const char *not_recorded)
{
	(void)arg;
	(void)id;
	if (not_recorded != NULL)
		ui_message(_("task %s: the store failed: %s"), t->task_id, not_recorded);
	if (!changed || !task_state_word_final(t->status))
		return;
	if (dash->s.bell)
		beep();
	if (dash->s.notify)
		dash_notify_end(id, t);
	ui_message(_("task %s: %s"), t->task_id, t->status);
}

static void
dash_on_balance(void *arg, const struct api_result *r)
{
	(void)arg;
	if (r->outcome == API_OK) {
		dash->has_balance = true;
		dash->balance = r->balance;
	}
	confirm_on_balance();
	ui_redraw();
}

static void
dash_on_download(void *arg, int64_t id, bool done, const struct api_result *r)
{
	char *advice;

	(void)arg;
	dash_progress_set(id, r->bytes, r->total, done);
	if (done) {
		if (r->outcome == API_OK)
			ui_message(_("downloaded %s"), r->path);
		else {
			advice = api_advice(r);
			ui_message(_("download stopped: %s (d resumes it)"), advice);
			free(advice);
		}
	}
	ui_redraw();
}

static void
dash_on_head(void *arg, uint64_t tag, const struct api_result *r)
{
	(void)arg;
	confirm_on_head(tag, r);
}

static void
dash_on_fetched(void *arg, uint64_t tag, const struct api_result *r)
{
	(void)arg;
	picture_on_fetch(tag, r);
}

static void
dash_on_net(void *arg)
{
	(void)arg;
	ui_redraw();
}

static const struct tracker_hooks dash_hooks = {
	.created = dash_on_created,
	.info = dash_on_info,
	.balance = dash_on_balance,
	.download = dash_on_download,
	.head = dash_on_head,
	.fetched = dash_on_fetched,
	.net = dash_on_net,
	.taken = dash_on_taken
};

int
dash_init(const struct app_globals *g, char **cause)
{
	int rc;

	dash = xcalloc(1, sizeof *dash);
	dash->notify_fd = -1;
	/* The session starts the demo's simulator before any thread: a fork
	 * with threads running may deadlock in the child. Without a key the
	 * screens still work: the engine waits for one. */
	rc = session_open(&dash->s, g, SESSION_STORE | SESSION_NET, cause);
	if (rc == EXIT_OK && dash->s.key != NULL)
		rc = session_start_engine(&dash->s, NULL, cause);
	if (rc != EXIT_OK) {
		dash_stop();
		return -1;
	}
	if (dash->s.tracker != NULL)
		tracker_set_hooks(dash->s.tracker, &dash_hooks, NULL);
	picture_set_tracker(dash->s.tracker);
	return 0;
}

void
dash_attach(struct editor *ed, bool first)
{
	if (dash == NULL)
		return;
	dash->ed = ed;
	/* The demo's templates link to images its simulator serves, so the
	 * image check answers at once instead of waiting on example.com. */
	if (dash->s.sim != NULL && dash->s.base_url != NULL && ed->image_base == NULL)
		xasprintf(&ed->image_base, "%s/images/", dash->s.base_url);
	dash->screen.name = "dashboard";
	dash->screen.draw = dash_draw;
	dash->screen.key = dash_key;
	dash->screen.data = dash;
	dash->tick = loop_timer_new(dash_on_tick, NULL);
	dash->reread = loop_timer_new(dash_on_reread, NULL);
	detail_init();
	confirm_init();
	dash_filter_load();
	ui_screen_register(&dash->screen);
	dash_reload();
	/* A newcomer starts in the editor; someone with tasks, or trying the
	 * demo, starts on the dashboard. */
	if (first && (dash->s.sim != NULL || dash->rows.n > 0))
		ui_screen_next();
	else if (dash->s.key == NULL)
		ui_message(_("no API key: F2 shows how to set one (or run kling-tui --demo)"));
	dash_watch_store();
	if (dash->notify_fd >= 0)
		loop_add_fd(dash->notify_fd, POLLIN, dash_on_notify, NULL);
	if (dash->s.tracker != NULL) {
		/* Tasks unfinished when the program last stopped: ask now. */
		tracker_sync(dash->s.tracker, true);
		tracker_balance(dash->s.tracker);
		tracker_attach(dash->s.tracker);
	}
	if (dash->s.nwarnings > 0)
		ui_message("%s", dash->s.warnings[0]);
}

void
dash_abandon_worker(void)
{
	if (dash != NULL)
		session_abandon_worker(&dash->s);
}

void
dash_stop(void)
{
	struct dash *d = dash;

	if (d == NULL)
		return;
	dash = NULL;
	/* Before the worker goes: no picture waits on it any more. */
	picture_set_tracker(NULL);
	picture_shutdown();
	if (d->notify_fd >= 0) {
		loop_remove_fd(d->notify_fd);
		close(d->notify_fd);
	}
	loop_timer_free(&d->tick);
	free(d->marked);
	loop_timer_free(&d->reread);
	/* Answers in hand recorded, a create still on its way kept as
	 * unknown (never sent again), the worker and the simulator stopped. */
	session_close(&d->s);
	store_list_free(&d->rows);
	free(d->prog);
	free(d);
}
