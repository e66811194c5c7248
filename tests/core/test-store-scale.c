/* kling-tui: every query the program runs on the task store uses an index
 * (EXPLAIN QUERY PLAN), and costs the same in a store of 100,000 tasks as
 * in one of 1,000 (issue 11).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"
#include "vocab.h"
#include "tap.h"
#include "xmalloc.h"

static char tmpdir[] = "/tmp/kt-scale.XXXXXX";
static int64_t fake_now;

static int64_t
fake_clock(void)
{
	return fake_now;
}

/* n tasks, as a busy user's: mostly finished, some running, failed,
 * unknown and hidden ones, names and ids that count up. The store makes its
 * schema; the rows go in by one SQL statement (store_add would take a
 * minute for 100,000). */
static struct store *
fill(const char *name, int n)
{
	char *path, *cause = NULL, *sql;
	struct store *st;
	sqlite3 *db;

	xasprintf(&path, "%s/%s", tmpdir, name);
	if ((st = store_open(path, &cause)) == NULL)
		goto fail;
	store_close(&st);
	xasprintf(&sql, "BEGIN;"
	    "WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < %d)"
	    " INSERT INTO tasks(id, task_id, state, storyboard, name, mode, duration,"
	    "  created, updated, finished, hidden, seen)"
	    " SELECT i + 1, printf('task_%%08d', i),"
	    "  CASE WHEN i %% 100 = 7 THEN 'running' WHEN i %% 50 = 3 THEN 'failed'"
	    "  WHEN i %% 500 = 11 THEN 'unknown' ELSE 'success' END, '',"
	    "  printf('shot %%d.json', i), 'std', 5, 1700000000 + i, 1700000000 + i,"
	    "  CASE WHEN i %% 100 = 7 OR i %% 500 = 11 THEN NULL ELSE 1700000030 + i END,"
	    "  i %% 200 = 5, i %% 200 = 5 FROM c;"
	    "INSERT INTO task_bodies(id, storyboard)"
	    " SELECT id, '{\"model\":\"kling/v3\"}' FROM tasks;"
	    "INSERT INTO task_history(task, time, status) SELECT id, updated, state FROM tasks;"
	    "COMMIT;", n - 1);
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, &cause) != SQLITE_OK)
		goto fail;
	sqlite3_close(db);
	free(sql);
	if ((st = store_open(path, &cause)) == NULL)
		goto fail;
	store_set_clock(st, fake_clock);
	fake_now = 1700000000 + n;
	free(path);
	return st;
fail:
	diag_note("%s: %s", name, cause);
	exit(1);
}

/* This thread's processor time: the work, which a loaded machine does
 * not stretch as it stretches the wall clock (nor a wait for the disk). */
static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* The queries the program runs, by name; n: the store's size (which row
 * is in the middle). Each returns how many rows it read, to be checked. */
struct op {
	const char	*name;
	long		(*run)(struct store *, int n);
	bool		 flat;	/* costs the same at any size */
};

static long
list_len(int rc, struct store_list *l)
{
	long n = rc == 0 ? (long)l->n : -1;

	store_list_free(l);
	return n;
}

static long
op_unfinished(struct store *st, int n)
{
	struct store_list l;
	char *cause = NULL;

	(void)n;
	/* tracker_sync, watch: every unfinished one (1 in 100 here: not
	 * flat by nature; its plan is checked, its time only loosely). */
	return list_len(store_query(st, &(struct store_filter){ .unfinished = true,
	    .hidden = true }, &l, &cause), &l);
}

static void
count_ids(void *arg, const struct store_task *t)
{
	long *n = arg;

	/* Only the id and the task id are read. */
	*n += t->id > 0 && t->task_id != NULL && strncmp(t->task_id, "task_", 5) == 0 &&
	    t->state == NULL && t->name == NULL ? 1 : -1000000;
}

static long
op_unfinished_ids(struct store *st, int n)
{
	char *cause = NULL;
	long got = 0;

	(void)n;
	/* watch: the unfinished tasks' ids, nothing else copied. */
	if (store_query_each(st, &(struct store_filter){ .unfinished = true,
	    .hidden = true, .ids_only = true }, count_ids, &got, &cause) != 0)
		return -1;
	return got;
}

static long
op_list_limit(struct store *st, int n)
{
	struct store_list l;
	char *cause = NULL;

	(void)n;
	return list_len(store_query(st, &(struct store_filter){ .limit = 20 }, &l,
	    &cause), &l);
}

static long
op_list_status(struct store *st, int n)
{
	struct store_list l;
	char *cause = NULL;

	(void)n;
	return list_len(store_query(st, &(struct store_filter){ .status = "running",
	    .limit = 20, .hidden = true }, &l, &cause), &l);
}

static long
op_settle(struct store *st, int n)
{
	char *cause = NULL;

	(void)n;
	return store_settle_orphans(st, STORE_ORPHAN_SECONDS, &cause);
}

static long
op_find(struct store *st, int n)
{
	struct store_task *t = NULL;
	char *cause = NULL, tid[32];
	long r;

	snprintf(tid, sizeof tid, "task_%08d", n / 2);
	r = store_find(st, tid, &t, &cause) == 1 && t->storyboard != NULL;
	store_task_free(&t);
	return r;
}

static long
op_find_id(struct store *st, int n)
{
	char *cause = NULL, tid[32];
	int64_t id = 0;

	/* A sweep's lookup for each question and each answer. */
	snprintf(tid, sizeof tid, "task_%08d", n / 2);
	char *name = NULL, want[32];
	bool right;

	if (store_find_id(st, tid, &id, &name, &cause) != 1 || id != n / 2 + 1)
		return -1;	/* "works" fails: not found, or the wrong row */
	snprintf(want, sizeof want, "shot %d.json", n / 2);
	right = name != NULL && strcmp(name, want) == 0;
	free(name);
	if (!right)
		return -1;	/* the wrong name */
	return store_find_id(st, "task_absent", &id, NULL, &cause) == 0 ? 1 : -1;
}

static long
op_count(struct store *st, int n)
{
	int64_t c = 0;
	char *cause = NULL;

	(void)n;
	return store_count(st, &c, &cause) == 0 ? (long)c : -1;
}

static long
op_view_count(struct store *st, int n)
{
	struct store_view v = { .filter = "status:failed" };
	int64_t shown, hidden;
	char *cause = NULL;

	(void)n;
	if (store_view_count(st, &v, &shown, &hidden, &cause) != 0)
		return -1;
	v.filter = NULL;
	return store_view_count(st, &v, &shown, &hidden, &cause) == 0 ? (long)shown : -1;
}

/* The dashboard: the first window, one in the middle each way, the last,
 * in every order (elapsed apart: below), either way round. */
static long
pages(struct store *st, int n, const char *filter, enum store_order o)
{
	struct store_view v = { .filter = filter, .order = o, .now = 1800000000 };
	struct store_task *mid;
	struct store_list l;
	char *cause = NULL;
	long got = 0;
	int r;

	for (r = 0; r < 2; r++) {
		v.reverse = r;
		if (store_page(st, &v, NULL, false, 90, &l, &cause) != 0)
			return -1;
		got += (long)l.n;
		store_list_free(&l);
		/* From the middle: a row's neighbours by the keyset. */
		if ((mid = store_get(st, n / 2, &cause)) == NULL)
			return -1;
		if (store_page(st, &v, mid, false, 45, &l, &cause) != 0)
			return -1;
		got += (long)l.n;
		store_list_free(&l);
		if (store_page(st, &v, mid, true, 45, &l, &cause) != 0)
			return -1;
		got += (long)l.n;
		store_list_free(&l);
		store_task_free(&mid);
		if (store_page(st, &v, NULL, true, 90, &l, &cause) != 0)
			return -1;
		got += (long)l.n;
		store_list_free(&l);
	}
	return got;
}

static long
op_pages_all_orders(struct store *st, int n)
{
	long got = 0;
	int o;

	for (o = 0; o < STORE_ORDER_N; o++)
		if (o != STORE_ORDER_ELAPSED)
			got += pages(st, n, NULL, (enum store_order)o);
	got += pages(st, n, "status:failed", STORE_ORDER_NAME);
	got += pages(st, n, "!unknown", STORE_ORDER_STATUS);
	return got;
}

static long
op_page_status_mid(struct store *st, int n)
{
	struct store_task mid = { 0 };
	struct store_view v = { .order = STORE_ORDER_STATUS };
	struct store_list l;
	char *cause = NULL;
	char tid[32];

	(void)n;
	/* A "success" row (99% of them share the key) in the middle. */
	snprintf(tid, sizeof tid, "task_%08d", n / 2);
	mid.id = n / 2 + 1;
	mid.state = (char *)"success";
	mid.task_id = tid;
	if (store_page(st, &v, &mid, false, 90, &l, &cause) != 0)
		return -1;
	return list_len(0, &l);
}

static long
op_page_newest_mid(struct store *st, int n)
{
	struct store_view v = { .order = STORE_ORDER_NEWEST };
	struct store_task mid = { .id = n / 2 };
	struct store_list l;
	char *cause = NULL;

	if (store_page(st, &v, &mid, true, 45, &l, &cause) != 0)
		return -1;
	store_list_free(&l);
	return list_len(store_page(st, &v, &mid, false, 45, &l, &cause), &l);
}

static long
op_page_name_mid(struct store *st, int n)
{
	char nm[32];
	struct store_view v = { .order = STORE_ORDER_NAME, .reverse = true };
	struct store_task mid = { .id = n / 2 + 1, .name = nm };
	struct store_list l;
	char *cause = NULL;

	snprintf(nm, sizeof nm, "shot %d.json", n / 2);
	return list_len(store_page(st, &v, &mid, false, 90, &l, &cause), &l);
}

static long
op_elapsed_and_words(struct store *st, int n)
{
	struct store_view v = { .filter = "shot 4", .order = STORE_ORDER_ELAPSED,
	    .now = 1800000000 };
	int64_t shown, hidden;
	char *cause = NULL;
	long got = pages(st, n, NULL, STORE_ORDER_ELAPSED);

	/* A filter with words reads every row's name: not flat by nature. */
	got += pages(st, n, "shot 4", STORE_ORDER_NEWEST);
	if (store_view_count(st, &v, &shown, &hidden, &cause) != 0)
		return -1;
	return got + (long)shown;
}

static long
op_writes(struct store *st, int n)
{
	struct store_update u = { .state = "running" };
	struct store_task *t;
	struct store_history h;
	char *cause = NULL, *me = "1 test";
	long r = 0;
	int64_t id;

	(void)n;
	id = store_add(st, "{}", "new.json", "std", 5, &cause);
	r += store_update(st, id, &u, &cause) == 0;
	r += store_set_flags(st, id, false, true, &cause) == 0;
	r += store_set_download(st, id, "/tmp/x.mp4", &cause) == 0;
	r += store_get_history(st, id, &h, &cause) == 0;
	store_history_free(&h);
	t = store_get(st, id, &cause);
	r += t != NULL;
	store_task_free(&t);
	r += store_lease_take(st, "task_00000010", me, 1000, 2000, &cause) >= 0;
	r += store_lease_release(st, me, &cause) == 0;
	r += store_pace_take(st, 1000, 5, &cause) >= 0;
	return r;
}

static const struct op ops[] = {
	{ "orphans settled at open (none)", op_settle, true },
	{ "list --limit 20", op_list_limit, true },
	{ "list --status running --limit 20", op_list_status, true },
	{ "find by task id", op_find, true },
	{ "the local id by task id", op_find_id, true },
	{ "count", op_count, true },
	{ "the dashboard's header count", op_view_count, true },
	{ "a window by newest, mid-store, both ways", op_page_newest_mid, true },
	{ "a window by status among 99% equal keys", op_page_status_mid, true },
	{ "a window by name, reversed, mid-store", op_page_name_mid, true },
	{ "unfinished rows (the tracker)", op_unfinished, false },
	{ "unfinished tasks' ids (watch)", op_unfinished_ids, false },
	/* Each commit waits for the disk (synchronous = FULL), which the
	 * processor time leaves out; its plans are checked like the others'. */
	{ "a write, its history, a lease, the pace", op_writes, false },
	{ "windows in every order, with filters", op_pages_all_orders, false },
	{ "elapsed order, filters with words", op_elapsed_and_words, false },
};
#define NOPS (sizeof ops / sizeof ops[0])

/* The ops that read every row are timed against a reference: one scan of
 * every row's name, by hand, on a connection of its own, timed between
 * their runs. A fixed bound of 1000 ms of wall clock failed once under
 * ASan on a loaded CI machine (1011 ms for 300 on a quiet one). Processor
 * time does not move with the load, and the ratio holds in builds of any
 * speed; it is also tighter on a quiet machine. The most any op may cost,
 * in such scans: the elapsed order with words costs 11-12 (23-28 under
 * ASan, which slows the store's row code but not SQLite's); an op that
 * read the storyboards, or every row once per row, costs hundreds. */
#define SCANS_MAX	60
static sqlite3 *ref_db;

static double
ref_scan_ms(void)
{
	sqlite3_stmt *s;
	double t = now_ms();

	if (sqlite3_prepare_v2(ref_db, "SELECT count(*) FROM tasks WHERE "
	    "instr(coalesce(name, ''), 'shot 4') > 0", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		diag_note("the reference scan: %s", sqlite3_errmsg(ref_db));
		exit(1);
	}
	sqlite3_finalize(s);
	return now_ms() - t;
}

/* The best of several runs: the cost, not the machine's other load. With
 * ref, the reference scan's best too, timed between them, so that a load
 * that slows one slows the other. */
static double
best_ms(const struct op *op, struct store *st, int n, long *got, double *ref)
{
	double best = 1e9, t;
	int i;

	if (ref != NULL)
		*ref = 1e9;
	for (i = 0; i < 7; i++) {
		t = now_ms();
		*got = op->run(st, n);
		t = now_ms() - t;
		if (t < best)
			best = t;
		if (ref != NULL && (t = ref_scan_ms()) < *ref)
			*ref = t;
	}
	return best;
}

/* Which plans may scan the table: the elapsed order (a time that moves
 * with the clock has no index) and words in the name (a substring has
 * none); both read the narrow rows only, never a storyboard. */
static bool
may_scan(const char *sql)
{
	return strstr(sql, "max(0,") != NULL || strstr(sql, "instr(") != NULL;
}

static int bad_plans, plans;

static void
check_plan(void *arg, const char *sql, const char *plan)
{
	(void)arg;
	plans++;
	if (may_scan(sql))
		return;
	/* The table is the id's index: in its order, a LIMIT stops it. */
	if (strcmp(plan, "SCAN tasks") == 0 && strstr(sql, "ORDER BY id ") != NULL &&
	    strstr(sql, "LIMIT") != NULL)
		return;
	if ((strncmp(plan, "SCAN tasks", 10) == 0 && strstr(plan, "INDEX") == NULL) ||
	    strstr(plan, "TEMP B-TREE") != NULL || strncmp(plan, "SCAN task_bodies", 16) == 0 ||
	    strncmp(plan, "SCAN task_history", 17) == 0) {
		bad_plans++;
		diag_note("%s\n#   for: %s", plan, sql);
	}
}

int
main(void)
{
	struct store *small, *big;
	double ts, tb, rb;
	long gs, gb;
	char *cause = NULL;
	size_t i;

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	small = fill("1k.db", 1000);
	big = fill("100k.db", 100000);
	{
		char *p;

		xasprintf(&p, "%s/100k.db", tmpdir);
		if (sqlite3_open_v2(p, &ref_db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
			diag_note("%s: %s", p, sqlite3_errmsg(ref_db));
			return 1;
		}
		free(p);
	}
	ok(1, "stores of 1,000 and 100,000 tasks, each in one transaction");
	for (i = 0; i < NOPS; i++) {
		ts = best_ms(&ops[i], small, 1000, &gs, NULL);
		tb = best_ms(&ops[i], big, 100000, &gb, ops[i].flat ? NULL : &rb);
		ok(gs >= 0 && gb >= 0, "%s: works (%ld, %ld)", ops[i].name, gs, gb);
		if (ops[i].flat)
			ok(tb <= 3 * ts + 2, "%s: %.2f ms at 1k, %.2f ms at 100k", ops[i].name,
			    ts, tb);
		else
			ok(tb <= SCANS_MAX * rb, "%s: %.2f ms at 1k, %.2f ms at 100k, "
			    "%.1f scans of every name (%.2f ms each; grows with what "
			    "it reads; processor time)", ops[i].name, ts, tb,
			    tb / rb, rb);
	}
	i = store_explain(big, check_plan, NULL, &cause) == 0;
	ok(i && plans >= 30, "the plans of %d statement lines read", plans);
	is_int(bad_plans, 0, "every query the program runs uses an index");
	store_close(&small);
	store_close(&big);
	{
		char *cmd;

		xasprintf(&cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			diag_note("could not remove %s", tmpdir);
		free(cmd);
	}
	return tap_done();
}
