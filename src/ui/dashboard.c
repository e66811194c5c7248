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

static int
dash_cmp(const void *a, const void *b)
{
	const struct store_task *x = a, *y = b;
	int64_t e;
	int c = 0;

	switch (dash->sort) {
	case DASH_SORT_STATUS:
		/* The ones needing the user first, then live, then finished. */
		c = task_state_rank(task_state_parse(x->state)) -
		    task_state_rank(task_state_parse(y->state));
		break;
	case DASH_SORT_NAME:
		c = strcmp(x->name != NULL ? x->name : "", y->name != NULL ? y->name : "");
		break;
	case DASH_SORT_ID:
		c = strcmp(x->task_id != NULL ? x->task_id : "",
		    y->task_id != NULL ? y->task_id : "");
		break;
	case DASH_SORT_ELAPSED:
		/* Longest first. */
		e = (int64_t)time(NULL);
		c = store_task_elapsed(x, e) < store_task_elapsed(y, e) ? 1 :
		    store_task_elapsed(x, e) > store_task_elapsed(y, e) ? -1 : 0;
		break;
	default:
		break;
	}
	if (c == 0)
		c = x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
	return dash->sort_rev ? -c : c;
}

/* The filter: "status:S" (or "s:S") words pick states, the rest must all
 * appear in the name or task id; "!WORD" must not (k9s's inverse), and a
 * lone "!" inverts the whole filter. */
static bool
dash_filter_match(const struct store_task *t)
{
	char buf[sizeof dash->filter], *w, *save = NULL;
	const char *st;
	bool any_status = false, status_ok = false, all_not = false, m = true;

	snprintf(buf, sizeof buf, "%s", dash->filter);
	for (w = strtok_r(buf, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		if (strcmp(w, "!") == 0) {
			all_not = true;
			continue;
		}
		if (w[0] == '!') {
			if ((t->state != NULL && (strcasecmp(w + 1, t->state) == 0 ||
			    ((strncmp(w + 1, "status:", 7) == 0 || strncmp(w + 1, "s:", 2) ==
			    0) && strcasecmp(strchr(w, ':') + 1, t->state) == 0))) ||
			    (t->name != NULL && strcasestr(t->name, w + 1) != NULL) ||
			    (t->task_id != NULL && strcasestr(t->task_id, w + 1) != NULL))
				m = false;
			continue;
		}
		if (strncmp(w, "status:", 7) == 0 || strncmp(w, "s:", 2) == 0) {
			st = strchr(w, ':') + 1;
			any_status = true;
			if (t->state != NULL && strcasecmp(t->state, st) == 0)
				status_ok = true;
			continue;
		}
		if ((t->name == NULL || strcasestr(t->name, w) == NULL) &&
		    (t->task_id == NULL || strcasestr(t->task_id, w) == NULL))
			m = false;
	}
	m = m && (!any_status || status_ok);
	return all_not ? !m : m;
}

void
dash_reload(void)
{
	struct store_filter f;
	struct store_list l = { NULL, 0 };
	char *cause = NULL;
	size_t i, n = 0;

	if (dash == NULL || dash->s.store == NULL)
		return;
	memset(&f, 0, sizeof f);
	/* Hidden rows are read too, to be counted when not shown: a running
	 * task hidden is still running. */
	f.hidden = true;
	f.limit = 2000;
	if (store_query(dash->s.store, &f, &l, &cause) != 0) {
		ui_message("the task list could not be read: %s", cause);
		free(cause);
		return;
	}
	/* Keep the matching rows at the front, free the others. */
	dash->nhidden = 0;
	for (i = 0; i < l.n; i++) {
		if (l.v[i].hidden && dash_filter_match(&l.v[i]))
			dash->nhidden++;
		if (dash_filter_match(&l.v[i]) && (dash->show_hidden || !l.v[i].hidden)) {
			if (i != n) {
				struct store_task tmp = l.v[n];

				l.v[n] = l.v[i];
				l.v[i] = tmp;
			}
			n++;
		}
	}
	for (i = n; i < l.n; i++) {
		struct store_task *p = xmalloc(sizeof *p);

		*p = l.v[i];
		store_task_free(&p);
	}
	l.n = n;
	if (l.n > 1)
		qsort(l.v, l.n, sizeof *l.v, dash_cmp);
	store_list_free(&dash->rows);
	dash->rows = l;
	/* The selection stays on its task while rows come and go. */
	for (i = 0; i < l.n; i++) {
		if (l.v[i].id == dash->sel_id) {
			dash->sel = i;
			break;
		}
	}
	if (i == l.n) {
		if (dash->sel >= l.n)
			dash->sel = l.n > 0 ? l.n - 1 : 0;
		dash->sel_id = l.n > 0 ? l.v[dash->sel].id : 0;
	}
	ui_redraw();
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
	if (ours && !loop_timer_pending(dash->reread))
		loop_timer_set(dash->reread, DASH_REREAD_MS);
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
		ui_message("#%lld: the store failed: %s", (long long)id, not_recorded);
		return;
	}
	if (r->outcome == API_OK)
		ui_message("task %s created", r->task_id);
	else {
		/* Say what the row says: a create whose fate is unknown may
		 * have been made and charged, and "not created" would invite
		 * a second, paid submission. */
		advice = tracker_create_advice(r);
		if (api_result_unknown(r))
			ui_message("#%lld unknown, maybe created (never resent; t or "
			    "f on its row): %s", (long long)id, advice);
		else
			ui_message("#%lld %s%s", (long long)id, strncmp(advice, "not created",
			    11) == 0 ? "" : "not created: ", advice);
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
		ui_message("task %s: the store failed: %s", t->task_id, not_recorded);
	if (!changed || !task_state_word_final(t->status))
		return;
	if (dash->s.bell)
		beep();
	if (dash->s.notify)
		dash_notify_end(id, t);
	ui_message("task %s: %s", t->task_id, t->status);
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
			ui_message("downloaded %s", r->path);
		else {
			advice = api_advice(r);
			ui_message("download stopped: %s (d resumes it)", advice);
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
		ui_message("no API key: F2 shows how to set one (or run kling-tui --demo)");
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
	dash_reload();
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
