/* kling-tui: tests for the task store.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "vocab.h"
#include "tap.h"
#include "xmalloc.h"

static char tmpdir[] = "/tmp/kt-store.XXXXXX";
static int64_t fake_now = 1000;

static int64_t
fake_clock(void)
{
	return fake_now;
}

static char *
tmp_path(const char *name)
{
	char *p;

	xasprintf(&p, "%s/%s", tmpdir, name);
	return p;
}

static struct store *
open_ok(const char *path)
{
	char *cause = NULL;
	struct store *st = store_open(path, &cause);

	if (st == NULL) {
		diag_note("store_open: %s", cause);
		free(cause);
		exit(1);
	}
	return st;
}

/* Ask SQLite itself, not the store, what is on disk. Allocated or NULL. */
static char *
sql_text(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	char *v = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
			v = xstrdup((const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return v;
}

static long long
sql_int(const char *path, const char *sql)
{
	char *v = sql_text(path, sql);
	long long n = v != NULL ? atoll(v) : -1;

	free(v);
	return n;
}

static void
test_create(void)
{
	char *state = tmp_path("state"), *dir = tmp_path("state/kling-tui");
	char *path = tmp_path("state/kling-tui/tasks.db");
	struct store *st;
	struct stat sb;
	char *mode;

	setenv("XDG_STATE_HOME", state, 1);
	st = open_ok(NULL);
	is_str(store_path(st), path, "the default store is in XDG_STATE_HOME/kling-tui");
	ok(stat(dir, &sb) == 0 && (sb.st_mode & 0777) == 0700,
	    "its directory is created private (0700)");
	is_int(sql_int(path, "PRAGMA user_version"), STORE_VERSION, "schema version recorded");
	mode = sql_text(path, "PRAGMA journal_mode");
	is_str(mode, "wal", "WAL mode, so that two processes can share it");
	free(mode);
	store_close(&st);
	ok(st == NULL, "store_close clears the pointer");
	st = open_ok(path);
	store_close(&st);
	ok(1, "opening an existing store again works");
	free(state);
	free(dir);
	free(path);
}

static void
test_default_path(void)
{
	char *cause = NULL, *p, *want, *home = tmp_path("home");

	setenv("XDG_STATE_HOME", "relative", 1);
	setenv("HOME", home, 1);
	p = store_default_path(&cause);
	xasprintf(&want, "%s/.local/state/kling-tui/tasks.db", home);
	is_str(p, want, "a relative XDG_STATE_HOME is ignored, as the spec says; HOME's default");
	free(p);
	free(want);
	free(home);
	unsetenv("XDG_STATE_HOME");
}

static void
test_lifecycle(void)
{
	char *path = tmp_path("life.db"), *cause = NULL;
	struct store *st = open_ok(path);
	struct store_task *t;
	struct store_history h;
	struct store_update u;
	int64_t id;

	store_set_clock(st, fake_clock);
	fake_now = 1000;
	id = store_add(st, "{\"model\":\"kling/v3\"}", "hero.json", "pro", 10, &cause);
	ok(id > 0, "a submission is recorded before sending");
	t = store_get(st, id, &cause);
	ok(t != NULL, "and read back");
	if (t == NULL)
		return;
	is_str(t->state, task_state_name(TASK_SUBMITTING), "as submitting");
	ok(t->task_id == NULL, "with no task id yet");
	is_str(t->storyboard, "{\"model\":\"kling/v3\"}", "the body sent is kept");
	is_str(t->name, "hero.json", "its name");
	is_str(t->mode, "pro", "mode");
	is_int(t->duration, 10, "duration");
	is_int(t->created, 1000, "created time");
	ok(!t->hidden && !t->seen && !t->has_credits, "no flags, no credits yet");
	store_task_free(&t);

	fake_now = 1002;
	memset(&u, 0, sizeof u);
	u.task_id = "task_abc";
	u.state = "pending";
	is_int(store_update(st, id, &u, &cause), 0, "the create's answer is recorded");
	store_find(st, "task_abc", &t, &cause);
	ok(t != NULL && t->id == id, "the row is found by its task id");
	if (t != NULL)
		is_int(t->updated, 1002, "updated when it changed");
	store_task_free(&t);

	fake_now = 1010;
	memset(&u, 0, sizeof u);
	u.state = "pending";
	store_update(st, id, &u, &cause);
	t = store_get(st, id, &cause);
	is_int(t->updated, 1002, "an answer that changes nothing writes nothing");
	store_task_free(&t);

	fake_now = 1020;
	u.state = "running";
	store_update(st, id, &u, &cause);
	fake_now = 1090;
	memset(&u, 0, sizeof u);
	u.state = "success";
	u.media_urls = "[\"http://127.0.0.1/v.mp4\"]";
	u.credits = 12.5;
	u.has_credits = true;
	u.finished = 1089;
	store_update(st, id, &u, &cause);
	t = store_get(st, id, &cause);
	is_str(t->state, "success", "final state");
	is_str(t->media_urls, "[\"http://127.0.0.1/v.mp4\"]", "media URLs");
	ok(t->has_credits && t->credits == 12.5, "fractional credits kept");
	is_int(t->finished, 1089, "finish time");
	is_str(t->task_id, "task_abc", "a later update keeps the task id");
	store_task_free(&t);

	is_int(store_get_history(st, id, &h, &cause), 0, "history read");
	is_int(h.n, 4, "one history entry per status change, none for repeats");
	if (h.n == 4) {
		is_str(h.v[0].status, "submitting", "history: submitting");
		is_str(h.v[1].status, "pending", "history: pending");
		is_str(h.v[2].status, "running", "history: running");
		is_str(h.v[3].status, "success", "history: success");
		is_int(h.v[3].time, 1090, "history: when");
	}
	store_history_free(&h);

	memset(&u, 0, sizeof u);
	u.error = "401: the API key was refused";
	store_update(st, id, &u, &cause);
	t = store_get(st, id, &cause);
	is_str(t->last_error, "401: the API key was refused", "last error kept");
	store_task_free(&t);
	u.error = "";
	store_update(st, id, &u, &cause);
	t = store_get(st, id, &cause);
	ok(t->last_error == NULL, "an empty error clears it");
	store_task_free(&t);

	is_int(store_set_download(st, id, "/tmp/task_abc.mp4", &cause), 0, "download path set");
	is_int(store_set_flags(st, id, true, true, &cause), 0, "flags set");
	t = store_get(st, id, &cause);
	is_str(t->download_path, "/tmp/task_abc.mp4", "download path kept");
	ok(t->hidden && t->seen, "flags kept");
	store_task_free(&t);
	is_int(store_set_flags(st, id, true, false, &cause), 0, "hidden, not seen");
	t = store_get(st, id, &cause);
	ok(t->hidden && !t->seen, "each flag read from its own column (hidden)");
	store_task_free(&t);
	is_int(store_set_flags(st, id, false, true, &cause), 0, "seen, not hidden");
	t = store_get(st, id, &cause);
	ok(!t->hidden && t->seen, "each flag read from its own column (seen)");
	store_task_free(&t);

	memset(&u, 0, sizeof u);
	u.state = "running";
	ok(store_update(st, 9999, &u, &cause) == -1 && cause != NULL &&
	    strstr(cause, "9999") != NULL, "updating a missing row is an error naming it");
	free(cause);
	cause = NULL;
	ok(store_get(st, 9999, &cause) == NULL && cause != NULL, "so is reading one");
	free(cause);
	cause = NULL;
	is_int(store_find(st, "nope", &t, &cause), 0, "finding a missing one says absent");
	ok(t == NULL && cause == NULL, "with no row and no error");

	ok(task_state_word_final("success") && task_state_word_final("failed") &&
	    task_state_word_final("error"), "success, failed and error are final");
	ok(!task_state_word_final("running") && !task_state_word_final("queued-by-new-service") &&
	    !task_state_word_final(task_state_name(TASK_UNKNOWN)), "others are not (unknown needs the user)");
	store_close(&st);
	free(path);
}

static int64_t
add_task(struct store *st, const char *name, const char *task_id, const char *state)
{
	struct store_update u = { .task_id = task_id, .state = state };
	char *cause = NULL;
	int64_t id = store_add(st, "{}", name, "std", 5, &cause);

	if (id < 0 || ((task_id != NULL || state != NULL) &&
	    store_update(st, id, &u, &cause) != 0)) {
		diag_note("add_task: %s", cause);
		exit(1);
	}
	return id;
}

/* Elapsed time stops when a row reaches a final state, whatever clock
 * reads it later (issue 15, item 6: error rows counted "now minus created",
 * different in two instances). */
static void
test_elapsed(void)
{
	char *path = tmp_path("elapsed.db"), *cause = NULL;
	struct store *st = open_ok(path);
	struct store_task *t;
	struct store_update u;
	int64_t id;

	store_set_clock(st, fake_clock);
	fake_now = 5000;
	id = store_add(st, "{}", "err.json", "std", 5, &cause);
	fake_now = 5045;
	memset(&u, 0, sizeof u);
	u.state = task_state_name(TASK_ERROR);
	u.error = "not created: 422";
	is_int(store_update(st, id, &u, &cause), 0, "an error recorded");
	fake_now = 5200;
	t = store_get(st, id, &cause);
	ok(t != NULL, "read back");
	if (t == NULL)
		return;
	is_int(t->finished, 5045, "an error row is finished when recorded");
	is_int(store_task_elapsed(t, 5066), 45, "elapsed stops there (one instance)");
	is_int(store_task_elapsed(t, 9999), 45, "the same later (another instance)");
	store_task_free(&t);

	memset(&u, 0, sizeof u);
	u.state = task_state_name(TASK_ERROR);
	fake_now = 5300;
	store_update(st, id, &u, &cause);
	t = store_get(st, id, &cause);
	is_int(t->finished, 5045, "a repeated final state keeps its end");
	store_task_free(&t);

	memset(&u, 0, sizeof u);
	u.task_id = "task_00000001";
	u.state = "running";
	store_update(st, id, &u, &cause);
	t = store_get(st, id, &cause);
	is_int(t->finished, 0, "running again (adopted, re-polled): not finished");
	is_int(store_task_elapsed(t, 5310), 310, "and its clock runs");
	t->finished = 0;
	free(t->state);
	t->state = xstrdup("error");
	t->updated = 5100;
	is_int(store_task_elapsed(t, 9999), 100,
	    "an old error row without an end: its last change");
	store_task_free(&t);

	/* A state that is not final but comes with the service's end time
	 * keeps the time (any time above 0, even the first millisecond):
	 * only a re-poll without one runs the clock again. */
	memset(&u, 0, sizeof u);
	u.state = "succeed-pending";
	u.finished = 1;
	store_update(st, id, &u, &cause);
	t = store_get(st, id, &cause);
	is_int(t->finished, 1, "a state not final with an end time of 1: kept");
	store_task_free(&t);
	store_close(&st);
	free(path);
}

static void
test_query(void)
{
	char *path = tmp_path("query.db"), *cause = NULL;
	struct store *st = open_ok(path);
	struct store_filter f;
	struct store_list l;
	int64_t hid;

	store_set_clock(st, fake_clock);
	fake_now = 100;
	add_task(st, "Temple run", "t1", "running");
	fake_now = 200;
	add_task(st, "desert 100%", "t2", "success");
	fake_now = 300;
	add_task(st, "lost create", NULL, task_state_name(TASK_UNKNOWN));
	fake_now = 400;
	add_task(st, "odd", "t4", "queued");
	fake_now = 500;
	hid = add_task(st, "hidden one", "t5", "pending");
	store_set_flags(st, hid, true, false, &cause);

	memset(&f, 0, sizeof f);
	store_query(st, &f, &l, &cause);
	is_int(l.n, 4, "all visible rows");
	ok(l.n == 4 && strcmp(l.v[0].name, "odd") == 0, "newest first");
	store_list_free(&l);
	f.hidden = true;
	store_query(st, &f, &l, &cause);
	is_int(l.n, 5, "hidden ones on request");
	store_list_free(&l);

	memset(&f, 0, sizeof f);
	f.unfinished = true;
	f.hidden = true;
	store_query(st, &f, &l, &cause);
	is_int(l.n, 3, "unfinished: with an id and not final (an unknown status counts)");
	store_list_free(&l);

	memset(&f, 0, sizeof f);
	f.status = task_state_name(TASK_UNKNOWN);
	store_query(st, &f, &l, &cause);
	ok(l.n == 1 && strcmp(l.v[0].name, "lost create") == 0, "by status");
	store_list_free(&l);

	memset(&f, 0, sizeof f);
	f.text = "TEMPLE";
	store_query(st, &f, &l, &cause);
	ok(l.n == 1 && strcmp(l.v[0].task_id, "t1") == 0, "text in the name, any case");
	store_list_free(&l);
	f.text = "%";
	store_query(st, &f, &l, &cause);
	ok(l.n == 1 && strcmp(l.v[0].task_id, "t2") == 0, "'%%' means itself, not a wildcard");
	store_list_free(&l);
	f.text = "t4";
	store_query(st, &f, &l, &cause);
	ok(l.n == 1 && strcmp(l.v[0].name, "odd") == 0, "text in the task id");
	store_list_free(&l);

	memset(&f, 0, sizeof f);
	f.limit = 2;
	store_query(st, &f, &l, &cause);
	ok(l.n == 2 && strcmp(l.v[1].name, "lost create") == 0, "limit keeps the newest");
	store_list_free(&l);
	store_close(&st);
	free(path);
}

/* The dashboard's view: its order by status, its count of what it shows,
 * its windows of one row and its windows before (turned back into the
 * view's order). */
static void
test_view(void)
{
	char *path = tmp_path("view.db"), *cause = NULL;
	struct store *st = open_ok(path);
	struct store_view v = { 0 };
	struct store_list l;
	int64_t shown = -1, hidden = -1, hid;

	store_set_clock(st, fake_clock);
	fake_now = 100;
	add_task(st, "sub", NULL, NULL);	/* submitting: rank 1 */
	fake_now = 200;
	add_task(st, "run", "v1", "running");	/* rank 2, newer */
	fake_now = 300;
	add_task(st, "a", "v2", "success");
	fake_now = 400;
	add_task(st, "b", "v3", "success");
	fake_now = 500;
	add_task(st, "c", "v4", "success");
	fake_now = 600;
	hid = add_task(st, "h", "v5", "success");
	store_set_flags(st, hid, true, false, &cause);

	is_int(store_view_count(st, &v, &shown, &hidden, &cause), 0, "the view counted");
	is_int(shown, 5, "it shows 5 rows");
	is_int(hidden, 1, "and 1 hidden row it does not show");
	v.hidden = true;
	ok(store_view_count(st, &v, &shown, &hidden, &cause) == 0 && shown == 6 &&
	    hidden == 1, "with hidden rows it shows 6");
	v.hidden = false;

	v.order = STORE_ORDER_STATUS;
	ok(store_page(st, &v, NULL, false, 10, &l, &cause) == 0 && l.n == 5 &&
	    strcmp(l.v[0].name, "sub") == 0 && strcmp(l.v[1].name, "run") == 0,
	    "by status: a submitting row before a newer running one");
	store_list_free(&l);

	v.order = STORE_ORDER_NEWEST;
	ok(store_page(st, &v, NULL, false, 1, &l, &cause) == 0 && l.n == 1 &&
	    strcmp(l.v[0].name, "c") == 0, "a window of one row: the newest");
	store_list_free(&l);
	ok(store_page(st, &v, NULL, true, 4, &l, &cause) == 0 && l.n == 4 &&
	    strcmp(l.v[0].name, "b") == 0 && strcmp(l.v[1].name, "a") == 0 &&
	    strcmp(l.v[2].name, "run") == 0 && strcmp(l.v[3].name, "sub") == 0,
	    "the last 4, in the view's order: b a run sub");
	store_list_free(&l);
	store_close(&st);
	free(path);
}

static double
elapsed_ms(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1e3 + (b.tv_nsec - a->tv_nsec) / 1e6;
}

static void
test_big(void)
{
	char *path = tmp_path("big.db"), *cause = NULL, name[32], tid[32];
	struct store *st = open_ok(path);
	struct store_filter f;
	struct store_list l;
	struct timespec t0;
	double ms;
	int i, found;

	store_set_clock(st, fake_clock);
	store_begin(st, &cause);
	for (i = 0; i < 10000; i++) {
		fake_now = 10000 + i;
		snprintf(name, sizeof name, "shot %d", i);
		snprintf(tid, sizeof tid, "task_%d", i);
		add_task(st, name, tid, i % 100 == 0 ? "running" : "success");
	}
	is_int(store_commit(st, &cause), 0, "10,000 rows in one transaction");

	memset(&f, 0, sizeof f);
	f.unfinished = true;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	store_query(st, &f, &l, &cause);
	ms = elapsed_ms(&t0);
	is_int(l.n, 100, "the 100 unfinished among 10,000");
	ok(ms < 250, "found in %.1f ms", ms);
	store_list_free(&l);

	memset(&f, 0, sizeof f);
	f.limit = 50;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	store_query(st, &f, &l, &cause);
	ms = elapsed_ms(&t0);
	ok(l.n == 50 && strcmp(l.v[0].name, "shot 9999") == 0, "the newest 50");
	ok(ms < 250, "in %.1f ms", ms);
	store_list_free(&l);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0, found = 0; i < 100; i++) {
		struct store_task *t = NULL;

		snprintf(tid, sizeof tid, "task_%d", i * 97);
		snprintf(name, sizeof name, "shot %d", i * 97);
		/* Each must find its own row, not merely return quickly. */
		if (store_find(st, tid, &t, &cause) == 1 && t != NULL &&
		    strcmp(t->task_id, tid) == 0 && strcmp(t->name, name) == 0)
			found++;
		store_task_free(&t);
	}
	ms = elapsed_ms(&t0);
	is_int(found, 100, "100 look-ups by task id each find their row");
	ok(ms < 250, "100 look-ups by task id in %.1f ms", ms);
	store_close(&st);
	free(path);
}

/* A store written by kling-tui 0.1 (schema 1), built by hand. */
static void
test_migrate(void)
{
	char *path = tmp_path("v1.db"), *cause = NULL;
	struct store *st;
	struct store_task *t;
	struct store_history h;
	struct store_list l;
	sqlite3 *db;
	int64_t id;
	int rc;

	sqlite3_open(path, &db);
	rc = sqlite3_exec(db,
	    "PRAGMA journal_mode = WAL;"
	    "CREATE TABLE tasks (id INTEGER PRIMARY KEY, task_id TEXT UNIQUE,"
	    " state TEXT NOT NULL, storyboard TEXT NOT NULL, name TEXT, mode TEXT,"
	    " duration INTEGER, created INTEGER NOT NULL, updated INTEGER NOT NULL,"
	    " finished INTEGER, media_urls TEXT, credits REAL, last_error TEXT,"
	    " download_path TEXT);"
	    "INSERT INTO tasks VALUES (1, 'task_old', 'success', '{\"a\":1}', 'old.json',"
	    " 'pro', 5, 50, 60, 60, '[\"u\"]', 3.5, NULL, '/v/old.mp4');"
	    "INSERT INTO tasks VALUES (2, 'task_run', 'running', '{}', 'run.json',"
	    " 'std', 10, 70, 80, NULL, NULL, NULL, NULL, NULL);"
	    "PRAGMA user_version = 1;", NULL, NULL, NULL);
	sqlite3_close(db);
	is_int(rc, SQLITE_OK, "a version 1 store written");

	st = store_open(path, &cause);
	ok(st != NULL, "a version 1 store opens");
	if (st == NULL) {
		diag_note("%s", cause);
		return;
	}
	is_int(sql_int(path, "PRAGMA user_version"), STORE_VERSION, "and is migrated");
	store_find(st, "task_old", &t, &cause);
	ok(t != NULL && t->storyboard == NULL, "found by task id without its storyboard");
	if (t != NULL) {
		id = t->id;
		store_task_free(&t);
		t = store_get(st, id, &cause);
	}
	ok(t != NULL && strcmp(t->download_path, "/v/old.mp4") == 0 && t->credits == 3.5 &&
	    strcmp(t->storyboard, "{\"a\":1}") == 0, "keeping its rows whole");
	ok(t != NULL && !t->hidden && !t->seen, "new columns get their defaults");
	store_get_history(st, t->id, &h, &cause);
	ok(h.n == 1 && strcmp(h.v[0].status, "success") == 0 && h.v[0].time == 60,
	    "history starts from each row's state");
	store_history_free(&h);
	store_task_free(&t);
	memset(&l, 0, sizeof l);
	store_query(st, &(struct store_filter){ .unfinished = true }, &l, &cause);
	ok(l.n == 1 && strcmp(l.v[0].task_id, "task_run") == 0,
	    "the running task is still followed");
	store_list_free(&l);
	ok(store_add(st, "{}", "new", "std", 5, &cause) == 3, "new rows go after the old");
	t = store_get(st, 3, &cause);
	ok(t != NULL && t->owner != NULL && atol(t->owner) == (long)getpid(),
	    "schema 3: a new row records its sender");
	store_task_free(&t);
	store_find(st, "task_run", &t, &cause);
	ok(t != NULL && t->owner == NULL, "schema 3: old rows have no sender (the time limit settles them)");
	store_task_free(&t);
	is_int(sql_int(path, "SELECT count(*) FROM pace"), 1, "schema 3: the shared pace of requests");
	is_int(sql_int(path, "SELECT count(*) FROM tasks WHERE lease_until = 0"), 3,
	    "schema 3: no task is leased yet");
	is_int(sql_int(path, "SELECT count(*) FROM tasks WHERE storyboard != ''"), 0,
	    "schema 4: no body left in the rows");
	is_int(sql_int(path, "SELECT count(*) FROM task_bodies"), 3,
	    "schema 4: each in task_bodies");
	{
		struct store_view v = { 0 };
		int64_t shown = 0, hidden = 0, n = 0;

		ok(store_view_count(st, &v, &shown, &hidden, &cause) == 0 && shown == 3 &&
		    store_count(st, &n, &cause) == 0 && n == 3,
		    "schema 4: the old rows counted by state");
		v.filter = "status:running";
		ok(store_view_count(st, &v, &shown, &hidden, &cause) == 0 && shown == 1,
		    "schema 4: and by their own state");
	}
	store_close(&st);

	/* A store from the future is not touched. */
	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	st = store_open(path, &cause);
	ok(st == NULL && cause != NULL && strstr(cause, "newer kling-tui") != NULL,
	    "a newer schema is refused: %s", cause ? cause : "");
	free(cause);
	is_int(sql_int(path, "PRAGMA user_version"), 99, "and left as it was");
	free(path);
}

static void
test_corrupt(void)
{
	char *path = tmp_path("corrupt.db"), *cause = NULL;
	struct store *st;
	FILE *f;
	int i;

	f = fopen(path, "w");
	for (i = 0; i < 400; i++)
		fputs("this is not a database, it is a text file. ", f);
	fclose(f);
	st = store_open(path, &cause);
	ok(st == NULL, "a corrupt store is not opened");
	ok(cause != NULL && strstr(cause, path) != NULL &&
	    strstr(cause, "not a database") != NULL, "the error names the file and why: %s",
	    cause ? cause : "");
	free(cause);
	free(path);
}

/* Root may write anywhere, so the child gives that up first. The message
 * the child got comes back through the pipe. */
static void
readonly_open(const char *path, const char *what, const char *want)
{
	char buf[512] = "", *cause = NULL;
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(fds) != 0)
		return;
	if ((pid = fork()) == 0) {
		close(fds[0]);
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(2);
		if (store_open(path, &cause) != NULL)
			_exit(1);
		if (write(fds[1], cause, strlen(cause)) < 0)
			_exit(2);
		_exit(0);
	}
	close(fds[1]);
	n = read(fds[0], buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: no store, no crash", what);
	ok(strstr(buf, want) != NULL && strstr(buf, "Permission denied") != NULL,
	    "%s: the error says where and why: %s", what, buf);
}

static void
test_readonly(void)
{
	char *dir = tmp_path("ro"), *path = tmp_path("ro/tasks.db");
	char *sub = tmp_path("ro/kling-tui");

	chmod(tmpdir, 0755);
	mkdir(dir, 0555);
	readonly_open(path, "a read-only directory", dir);
	setenv("XDG_STATE_HOME", dir, 1);
	readonly_open(NULL, "a read-only XDG_STATE_HOME", sub);
	unsetenv("XDG_STATE_HOME");
	chmod(dir, 0755);
	free(dir);
	free(path);
	free(sub);
}

/* A store in a folder this user cannot write (as readonly_open: root gives
 * that up in a child): read-only, it is listed; to write, it cannot open. */
static void
ro_list(void)
{
	char *dir = tmp_path("rolist"), *path = tmp_path("rolist/tasks.db");
	char *cause = NULL;
	struct store_list l;
	struct store *st;
	int status, rc;
	pid_t pid;

	chmod(tmpdir, 0755);
	mkdir(dir, 0755);
	st = open_ok(path);
	add_task(st, "kept", "task_ro", "success");
	store_close(&st);
	chmod(path, 0644);
	if ((pid = fork()) == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(2);
		if (store_open(path, &cause) != NULL)
			_exit(3);
		if ((st = store_open_readonly(path, &cause)) == NULL)
			_exit(4);
		memset(&l, 0, sizeof l);
		rc = store_query(st, &(struct store_filter){ 0 }, &l, &cause);
		_exit(rc == 0 && l.n == 1 ? 0 : 5);
	}
	waitpid(pid, &status, 0);
	is_int(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0,
	    "a store in a folder this user cannot write is listed read-only "
	    "(3: opened to write, 4: not opened, 5: not read)");
	free(dir);
	free(path);
}

/* Issue 12, item 11: what only reads opens the store read-only. */
static void
test_open_readonly(void)
{
	char *path = tmp_path("ro-open.db"), *cause = NULL;
	struct store *st;
	struct store_list l;
	struct stat sb;
	sqlite3 *db;

	st = store_open_readonly(path, &cause);
	ok(st != NULL, "a missing store opens read-only: %s", cause ? cause : "");
	memset(&l, 0, sizeof l);
	ok(st != NULL && store_query(st, &(struct store_filter){ 0 }, &l,
	    &cause) == 0 && l.n == 0, "as an empty one");
	store_list_free(&l);
	store_close(&st);
	ok(stat(path, &sb) == -1, "and nothing is written for it");

	st = open_ok(path);
	add_task(st, "kept", "task_ro", "running");
	store_close(&st);
	st = store_open_readonly(path, &cause);
	memset(&l, 0, sizeof l);
	ok(st != NULL && store_query(st, &(struct store_filter){ 0 }, &l,
	    &cause) == 0 && l.n == 1 && strcmp(l.v[0].task_id, "task_ro") == 0,
	    "an existing store is listed read-only");
	store_list_free(&l);
	ok(st != NULL && store_add(st, "{}", "x", "std", 5, &cause) < 0,
	    "and cannot be written through");
	free(cause);
	cause = NULL;
	store_close(&st);

	/* A path no file can be at (under a file): refused, with a cause. */
	{
		char *under = tmp_path("ro-open.db/tasks.db");

		st = store_open_readonly(under, &cause);
		ok(st == NULL && cause != NULL, "a store under a file is refused "
		    "read-only: %s", cause ? cause : "");
		free(cause);
		cause = NULL;
		free(under);
	}

	ro_list();

	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA user_version = -1", NULL, NULL, NULL);
	sqlite3_close(db);
	st = store_open(path, &cause);
	ok(st == NULL && cause != NULL && strstr(cause, "not a kling-tui task "
	    "store (schema -1)") != NULL, "user_version -1 is no kling-tui's, "
	    "not a newer one: %s", cause ? cause : "");
	free(cause);
	cause = NULL;
	st = store_open_readonly(path, &cause);
	ok(st == NULL && cause != NULL && strstr(cause, "schema -1") != NULL,
	    "read-only too");
	free(cause);
	free(path);
}

/* Two processes adding rows at once, as two tmux panes would. */
static void
test_two_writers(void)
{
	char *path = tmp_path("shared.db"), name[32];
	struct store *st;
	struct store_list l;
	pid_t pid[2];
	int i, w, status, good = 0, a = 0, b = 0;
	char *cause = NULL;

	st = open_ok(path);
	store_close(&st);
	for (w = 0; w < 2; w++) {
		if ((pid[w] = fork()) == 0) {
			st = open_ok(path);
			for (i = 0; i < 150; i++) {
				snprintf(name, sizeof name, "%c-%d", 'A' + w, i);
				if (store_add(st, "{}", name, "std", 5, &cause) < 0) {
					fprintf(stderr, "writer %d: %s\n", w, cause);
					_exit(1);
				}
			}
			store_close(&st);
			_exit(0);
		}
	}
	for (w = 0; w < 2; w++) {
		waitpid(pid[w], &status, 0);
		good += WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	is_int(good, 2, "both writers finished without an error (busy waits, no failure)");
	st = open_ok(path);
	store_query(st, NULL, &l, &cause);
	for (i = 0; i < (int)l.n; i++) {
		a += l.v[i].name[0] == 'A';
		b += l.v[i].name[0] == 'B';
	}
	ok(a == 150 && b == 150, "every row of both is there (%d + %d)", a, b);
	store_list_free(&l);
	store_close(&st);
	free(path);
}

/* kill -9 in the middle of a write loop: every id the writer reported as
 * committed is in the store afterwards. */
static void
test_kill(void)
{
	char *path = tmp_path("kill.db"), *cause = NULL, line[64];
	struct store *st;
	struct store_task *t;
	static long long ids[100000];
	size_t n = 0, i, missing = 0;
	int fds[2], status;
	FILE *f;
	pid_t pid;

	st = open_ok(path);
	store_close(&st);
	if (pipe(fds) != 0)
		return;
	if ((pid = fork()) == 0) {
		int64_t id;

		close(fds[0]);
		st = open_ok(path);
		for (;;) {
			if ((id = store_add(st, "{}", "loop", "std", 5, &cause)) < 0)
				_exit(1);
			dprintf(fds[1], "%lld\n", (long long)id);
		}
	}
	close(fds[1]);
	f = fdopen(fds[0], "r");
	while (n < 50 && fgets(line, sizeof line, f) != NULL)
		ids[n++] = atoll(line);
	kill(pid, SIGKILL);
	while (n < sizeof ids / sizeof ids[0] && fgets(line, sizeof line, f) != NULL)
		ids[n++] = atoll(line);
	fclose(f);
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the writer was killed");
	st = store_open(path, &cause);
	ok(st != NULL, "the store opens after the kill");
	if (st == NULL)
		return;
	for (i = 0; i < n; i++) {
		if ((t = store_get(st, ids[i], &cause)) == NULL) {
			missing++;
			free(cause);
		}
		store_task_free(&t);
	}
	ok(n >= 50 && missing == 0, "all %zu committed rows survived (%zu missing)", n,
	    missing);
	store_close(&st);
	free(path);
}

/* A submission left "submitting" by a process killed during its create is
 * shown as unknown once no create could still be running; a recent one, or
 * one that got its id, is left alone. */
static void
test_orphans(void)
{
	char *path = tmp_path("orphans.db"), *cause = NULL;
	struct store *st = open_ok(path);
	struct store_task *t;
	struct store_update u = { .task_id = "task-7", .state = task_state_name(TASK_SUBMITTING) };
	int64_t old, recent, named;

	store_set_clock(st, fake_clock);
	fake_now = 10000;
	old = store_add(st, "{}", "old", "std", 5, &cause);
	named = store_add(st, "{}", "named", "std", 5, &cause);
	store_update(st, named, &u, &cause);
	fake_now = 10000 + STORE_ORPHAN_SECONDS - 10;
	recent = store_add(st, "{}", "recent", "std", 5, &cause);
	fake_now = 10000 + STORE_ORPHAN_SECONDS + 1;
	is_int(store_settle_orphans(st, STORE_ORPHAN_SECONDS, &cause), 1,
	    "one orphan settled");
	t = store_get(st, old, &cause);
	is_str(t != NULL ? t->state : NULL, task_state_name(TASK_UNKNOWN), "the old one is unknown now");
	ok(t != NULL && t->last_error != NULL && strstr(t->last_error, "never resent") != NULL,
	    "and says why, and that it is not resent");
	store_task_free(&t);
	t = store_get(st, recent, &cause);
	is_str(t != NULL ? t->state : NULL, task_state_name(TASK_SUBMITTING), "a recent one may still be in flight");
	store_task_free(&t);
	t = store_get(st, named, &cause);
	is_str(t != NULL ? t->state : NULL, task_state_name(TASK_SUBMITTING), "a row with a task id is not an orphan");
	store_task_free(&t);
	store_close(&st);
	free(path);
}

/* A create left "submitting" by a process that was killed (or by a boot
 * of the machine that is over) is settled at once, not after 15 minutes:
 * the user gets the choices of an unknown row now (issue 15, item 9). */
static void
test_owner_gone(void)
{
	char *path = tmp_path("owner.db"), *cause = NULL, *sql;
	struct store *st = open_ok(path);
	struct store_task *t;
	sqlite3 *db;
	int64_t mine, other_boot;
	pid_t pid;
	int status;

	mine = store_add(st, "{}", "mine", "std", 5, &cause);
	t = store_get(st, mine, &cause);
	ok(t != NULL && t->owner != NULL && atol(t->owner) == (long)getpid(),
	    "a submission records its sender's pid");
	store_task_free(&t);
	if ((pid = fork()) == 0) {
		struct store *child = store_open(path, &cause);

		/* Killed during its create: nothing after the record. */
		_exit(child != NULL && store_add(child, "{}", "killed", "std", 5,
		    &cause) > 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "another process records one and dies");
	other_boot = store_add(st, "{}", "rebooted", "std", 5, &cause);
	if (sqlite3_open(path, &db) == SQLITE_OK) {
		xasprintf(&sql, "UPDATE tasks SET owner = '%ld not-this-boot' WHERE id = %lld",
		    (long)getpid(), (long long)other_boot);
		sqlite3_exec(db, sql, NULL, NULL, NULL);
		free(sql);
		sqlite3_close(db);
	}
	is_int(store_settle_orphans(st, STORE_ORPHAN_SECONDS, &cause), 2,
	    "both settled at once, long before the time limit");
	t = store_get(st, mine, &cause);
	is_str(t != NULL ? t->state : NULL, task_state_name(TASK_SUBMITTING),
	    "this process's own create is still on its way");
	store_task_free(&t);
	t = store_get(st, mine + 1, &cause);
	is_str(t != NULL ? t->state : NULL, task_state_name(TASK_UNKNOWN),
	    "the dead process's create is unknown");
	ok(t != NULL && t->last_error != NULL && strstr(t->last_error, "is gone") != NULL &&
	    strstr(t->last_error, "never resent") != NULL, "and says its sender is gone");
	store_task_free(&t);
	t = store_get(st, other_boot, &cause);
	is_str(t != NULL ? t->state : NULL, task_state_name(TASK_UNKNOWN),
	    "one sent before the machine restarted too");
	store_task_free(&t);
	store_close(&st);
	free(path);
}

/* A store that cannot be read is not an empty one: the tracker would add a
 * second row for a task it already has. */
static void
test_find_error(void)
{
	char *path = tmp_path("find-error.db");
	struct store_task *t = NULL;
	struct store *st = open_ok(path);
	char *cause = NULL;
	sqlite3 *db;

	ok(store_add(st, "{}", "x", "std", 5, &cause) > 0, "a row to find");
	sqlite3_open(path, &db);
	sqlite3_exec(db, "ALTER TABLE tasks RENAME TO gone", NULL, NULL, NULL);
	sqlite3_close(db);
	is_int(store_find(st, "task_x", &t, &cause), -1, "a query that fails is an error");
	ok(t == NULL && cause != NULL, "with its cause, not a missing row");
	free(cause);
	store_close(&st);
	/* Read-only, nothing is settled at the opening: the statement that
	 * finds the orphans is prepared now, and fails. */
	cause = NULL;
	st = store_open_readonly(path, &cause);
	ok(st != NULL, "the store opens read-only");
	is_int(st != NULL ? store_settle_orphans(st, STORE_ORPHAN_SECONDS, &cause) : 0,
	    -1, "orphans looked for where no row can be read: an error, not none found");
	ok(cause != NULL, "with its cause: %s", cause ? cause : "");
	free(cause);
	store_close(&st);
	free(path);
}

/* The lowest descriptor free: what the next open would get. */
static int
lowest_fd(void)
{
	int fd = open("/dev/null", O_RDONLY);

	if (fd >= 0)
		close(fd);
	return fd;
}

/* A store closed gives back its file and its statements: a session opens
 * and closes the store for every command of a script. */
static void
test_close(void)
{
	char *path = tmp_path("close.db"), *cause = NULL;
	struct store *st;
	struct store_list l;
	struct store_filter f = { 0 };
	int fd = lowest_fd(), i;

	for (i = 0; i < 3; i++) {
		st = open_ok(path);
		add_task(st, "one", NULL, NULL);
		if (store_query(st, &f, &l, &cause) == 0)
			store_list_free(&l);
		store_close(&st);
	}
	is_int(lowest_fd(), fd, "a store closed leaves no descriptor open");
	free(cause);
	free(path);
}

/* The status queries of every instance share one pace. */
static void
test_pace(void)
{
	char *path = tmp_path("pace.db"), *cause = NULL;
	struct store *st = open_ok(path);

	const int64_t t = 1700000000000;	/* wall-clock ms */

	is_int(store_pace_take(st, t, 2, &cause), 0, "the first query goes now");
	is_int(store_pace_take(st, t + 100, 2, &cause), 400,
	    "two a second: the next waits until 500 ms after it");
	is_int(store_pace_take(st, t + 500, 2, &cause), 0, "and then goes");
	is_int(store_pace_take(st, t + 500, 4, &cause), 500,
	    "the slot taken at two a second holds");
	is_int(store_pace_take(st, t + 1000 - 60000, 2, &cause), 60000,
	    "a clock set back a minute: the slot is waited for");
	is_int(store_pace_take(st, t + 1000 - 60001, 2, &cause), 0,
	    "set back more than that, it no longer stops the queries");
	/* A thousand a second: a slot of 1 ms is still a slot. Two thousand:
	 * under the clock's millisecond, no slot is kept. */
	is_int(store_pace_take(st, t + 10000, 1000, &cause), 0,
	    "a thousand a second: the first goes now");
	is_int(store_pace_take(st, t + 10000, 1000, &cause), 1,
	    "the next, in the same millisecond, waits 1 ms");
	is_int(store_pace_take(st, t + 20000, 2000, &cause), 0,
	    "two thousand a second: the first goes now");
	is_int(store_pace_take(st, t + 20000, 2000, &cause), 0,
	    "and the next too (no slot under a millisecond)");
	is_int(store_pace_take(st, t + 20000, 0, &cause), 0,
	    "no pace (0 a second): every query goes now");
	store_close(&st);
	free(path);
}

/* A COMMIT that fails (here a file size limit: a full disk) ends the
 * transaction (SQLite rolls it back itself): the store's write lock is not
 * kept from every other instance, and the next transaction starts and
 * stands. */
static void
test_commit_fails(void)
{
	char *path = tmp_path("full.db"), *wal, *cause = NULL, body[4096];
	struct store *st = open_ok(path);
	struct rlimit was, lim;
	struct stat sb;
	int64_t n;
	int i, added = 0;

	memset(body, 'x', sizeof body - 1);
	body[sizeof body - 1] = '\0';
	xasprintf(&wal, "%s-wal", path);
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &was);
	is_int(store_begin(st, &cause), 0, "a transaction begins");
	for (i = 0; i < 50; i++)
		added += store_add(st, body, "big.json", "std", 5, &cause) > 0;
	is_int(added, 50, "200 KB written in it, still in memory");
	/* No file may grow now: the commit's frames do not fit. */
	lim = was;
	lim.rlim_cur = stat(wal, &sb) == 0 && sb.st_size > 0 ? (rlim_t)sb.st_size : 1;
	setrlimit(RLIMIT_FSIZE, &lim);
	i = store_commit(st, &cause);
	ok(i != 0, "the commit fails: %s", cause != NULL ? cause : "(no cause)");
	free(cause);
	cause = NULL;
	setrlimit(RLIMIT_FSIZE, &was);
	signal(SIGXFSZ, SIG_DFL);
	is_int(store_begin(st, &cause), 0, "and ends the transaction: the next begins");
	ok(store_add(st, "{}", "after.json", "std", 5, &cause) > 0, "writes in it");
	is_int(store_commit(st, &cause), 0, "and commits");
	store_close(&st);
	st = open_ok(path);
	n = -1;
	store_count(st, &n, &cause);
	is_int(n, 1, "reopened: what the failed commit held is gone, the next one "
	    "stands");
	store_close(&st);
	free(wal);
	free(path);
}

/* A task's lease: one live instance asks the service, the others wait for
 * the lease to run out or to be given back. */
static void
test_leases(void)
{
	char *path = tmp_path("lease.db"), *cause = NULL;
	struct store *st = open_ok(path);

	add_task(st, "leased", "task_l", "running");
	is_int(store_lease_take(st, "task_l", "A", 1000, 5000, &cause), 1,
	    "a free lease is taken");
	is_int(store_lease_take(st, "task_l", "B", 2000, 6000, &cause), 0,
	    "another live instance does not take it before it runs out");
	is_int(store_lease_take(st, "task_l", "A", 2000, 7000, &cause), 1,
	    "its holder renews it");
	is_int(store_lease_take(st, "task_l", "B", 7000, 9000, &cause), 1,
	    "run out, another takes it");
	is_int(store_lease_release(st, "B", &cause), 0, "and gives it back");
	is_int(store_lease_take(st, "task_l", "A", 7001, 9000, &cause), 1,
	    "given back, it is free");
	is_int(store_lease_take(st, "task_none", "A", 7001, 9000, &cause), 1,
	    "a task with no row yet: whoever asks first");
	store_close(&st);
	free(path);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_create();
	test_default_path();
	test_lifecycle();
	test_elapsed();
	test_query();
	test_view();
	test_big();
	test_migrate();
	test_corrupt();
	test_readonly();
	test_open_readonly();
	test_two_writers();
	test_kill();
	test_orphans();
	test_owner_gone();
	test_find_error();
	test_pace();
	test_commit_fails();
	test_leases();
	test_close();
	{
		char *cmd;

		xasprintf(&cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			diag_note("could not remove %s", tmpdir);
		free(cmd);
	}
	return tap_done();
}
