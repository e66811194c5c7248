/* kling-tui: the task store: every submission and what became of it (SQLite).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "owner.h"
#include "store.h"
#include "store_int.h"
#include "vocab.h"
#include "xmalloc.h"
#include "i18n.h"

/* Another process (a second tmux pane) may hold the write lock for a moment. */
#define STORE_BUSY_MS 10000

/* Each step takes the schema from version i to i + 1. Version 1 is frozen:
 * stores written by 0.1 have exactly it, and the test builds one by hand. */
static const char *const store_migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE tasks ("
	"  id INTEGER PRIMARY KEY,"
	"  task_id TEXT UNIQUE,"
	"  state TEXT NOT NULL,"
	"  storyboard TEXT NOT NULL,"
	"  name TEXT,"
	"  mode TEXT,"
	"  duration INTEGER,"
	"  created INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL,"
	"  finished INTEGER,"
	"  media_urls TEXT,"
	"  credits REAL,"
	"  last_error TEXT,"
	"  download_path TEXT);",
	/* 1 -> 2: the dashboard's flags, a status history, and indexes for
	 * the list queries. Existing rows get their current state as history. */
	"ALTER TABLE tasks ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE tasks ADD COLUMN seen INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE task_history ("
	"  task INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,"
	"  time INTEGER NOT NULL,"
	"  status TEXT NOT NULL);"
	"CREATE INDEX task_history_task ON task_history(task, time);"
	"CREATE INDEX tasks_state ON tasks(state);"
	"CREATE INDEX tasks_created ON tasks(created);"
	"INSERT INTO task_history(task, time, status)"
	"  SELECT id, updated, state FROM tasks;",
	/* 2 -> 3: who sent a create (so that one left by a dead process is
	 * told at once), who polls a task for every instance on this store
	 * (a lease), and the shared pace of requests. Old rows have no
	 * owner: the time limit still settles them. */
	"ALTER TABLE tasks ADD COLUMN owner TEXT;"
	"ALTER TABLE tasks ADD COLUMN lease_owner TEXT;"
	"ALTER TABLE tasks ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE pace (id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  next_ms INTEGER NOT NULL);"
	"INSERT INTO pace(id, next_ms) VALUES (1, 0);",
	/* 3 -> 4: lists that cost the same at 100,000 rows as at 100 (see
	 * store_sql_v4). */
	NULL,
};

/* 3 -> 4. Storyboards move to a table of their own: a 5 KB body in the row
 * put every column after it on overflow pages, so that reading a list read
 * every body. The column stays (ALTER TABLE DROP COLUMN needs SQLite 3.35),
 * empty. An index for each order the dashboard sorts by (its key, then the
 * newest first), one for the unfinished rows, one for a state, one for the
 * leases an instance gives back when it stops; and a
 * count of the rows by state, kept by triggers, so that "how many" reads a
 * dozen rows, not the table. The rank and the final states are the
 * vocabulary's: should they change, a new step must rebuild the indexes
 * that name them (test-store's plans would show a scan). */
static char *
store_sql_v4(void)
{
	char *sql;

	xasprintf(&sql,
	    "CREATE TABLE task_bodies ("
	    "  id INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,"
	    "  storyboard TEXT NOT NULL);"
	    "INSERT INTO task_bodies(id, storyboard) SELECT id, storyboard FROM tasks;"
	    "UPDATE tasks SET storyboard = '';"
	    "DROP INDEX tasks_state;"
	    "CREATE INDEX tasks_state ON tasks(state, created);"
	    "CREATE INDEX tasks_by_status ON tasks(%s, id DESC);"
	    "CREATE INDEX tasks_by_name ON tasks(coalesce(name, ''), id DESC);"
	    "CREATE INDEX tasks_by_task_id ON tasks(coalesce(task_id, ''), id DESC);"
	    "CREATE INDEX tasks_unfinished ON tasks(created) WHERE %s;"
	    "CREATE INDEX tasks_lease ON tasks(lease_owner) WHERE lease_owner IS NOT NULL;"
	    "CREATE TABLE task_counts ("
	    "  state TEXT NOT NULL, hidden INTEGER NOT NULL, n INTEGER NOT NULL,"
	    "  PRIMARY KEY (state, hidden)) WITHOUT ROWID;"
	    "INSERT INTO task_counts(state, hidden, n)"
	    "  SELECT state, hidden, count(*) FROM tasks GROUP BY state, hidden;"
	    "CREATE TRIGGER tasks_count_add AFTER INSERT ON tasks BEGIN"
	    "  INSERT INTO task_counts(state, hidden, n) VALUES (new.state, new.hidden, 1)"
	    "  ON CONFLICT(state, hidden) DO UPDATE SET n = n + 1; END;"
	    "CREATE TRIGGER tasks_count_del AFTER DELETE ON tasks BEGIN"
	    "  UPDATE task_counts SET n = n - 1"
	    "  WHERE state = old.state AND hidden = old.hidden; END;"
	    "CREATE TRIGGER tasks_count_move AFTER UPDATE OF state, hidden ON tasks"
	    "  WHEN old.state IS NOT new.state OR old.hidden IS NOT new.hidden BEGIN"
	    "  UPDATE task_counts SET n = n - 1"
	    "  WHERE state = old.state AND hidden = old.hidden;"
	    "  INSERT INTO task_counts(state, hidden, n) VALUES (new.state, new.hidden, 1)"
	    "  ON CONFLICT(state, hidden) DO UPDATE SET n = n + 1; END;",
	    store_sql_rank(), store_sql_unfinished());
	return sql;
}

static int64_t
store_time(void)
{
	return (int64_t)time(NULL);
}

int
store_fail(struct store *st, const char *what, char **cause)
{
	xasprintf(cause, "%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
	return -1;
}

char *
store_default_path(char **cause)
{
	char *dir, *path;

	if ((dir = conf_state_dir(cause)) == NULL)
		return NULL;
	xasprintf(&path, "%s/tasks.db", dir);
	free(dir);
	return path;
}

static int
store_exec(struct store *st, const char *sql, char **cause)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, _("cannot update the task store"), cause);
	return 0;
}

static int
store_user_version(struct store *st, int *version, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, _("cannot read the task store"), cause);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_fail(st, _("cannot read the task store"), cause);
	return 0;
}

/* A schema this code can use or migrate. Negative is no kling-tui's. */
static int
store_version_ok(struct store *st, int version, size_t n, char **cause)
{
	if (version < 0)
		xasprintf(cause, _("%s: not a kling-tui task store (schema %d)"),
		    st->path, version);
	else if ((size_t)version > n)
		xasprintf(cause, _("%s: written by a newer kling-tui (schema %d, this "
		    "one knows %d): upgrade kling-tui"), st->path, version,
		    STORE_VERSION);
	else
		return 0;
	return -1;
}

/* Under an immediate transaction so that two processes opening a new store
 * at once do not both run the same step. */
static int
store_migrate(struct store *st, char **cause)
{
	int version, rc;
	char *sql;
	size_t n = sizeof store_migrations / sizeof store_migrations[0];

	if (store_user_version(st, &version, cause) != 0)
		return -1;
	if (version == STORE_VERSION)
		return 0;
	if (store_begin(st, cause) != 0)
		return -1;
	if (store_user_version(st, &version, cause) != 0)
		goto fail;
	if (store_version_ok(st, version, n, cause) != 0)
		goto fail;
	for (; (size_t)version < n; version++) {
		if (store_migrations[version] != NULL)
			rc = store_exec(st, store_migrations[version], cause);
		else {
			sql = store_sql_v4();
			rc = store_exec(st, sql, cause);
			free(sql);
		}
		if (rc != 0)
			goto fail;
	}
	xasprintf(&sql, "PRAGMA user_version = %d", version);
	if (store_exec(st, sql, cause) != 0) {
		free(sql);
		goto fail;
	}
	free(sql);
	return store_commit(st, cause);
fail:
	store_rollback(st);
	return -1;
}

struct store *
store_open(const char *path, char **cause)
{
	char *why = NULL;
	struct store *st;
	char *dir, *slash;
	int rc;

	st = xcalloc(1, sizeof *st);
	st->now = store_time;
	if (path != NULL)
		st->path = xstrdup(path);
	else if ((st->path = store_default_path(cause)) == NULL)
		goto fail;

	/* The store's directory: "." for a bare name, "/" for a file in it. */
	dir = xstrdup(st->path);
	if ((slash = strrchr(dir, '/')) == NULL)
		strcpy(dir, ".");
	else
		slash[slash == dir] = '\0';
	/* SQLite's own message for an unwritable directory is "unable to open
	 * database file"; say what is wrong instead. WAL mode needs to create
	 * files beside the store even when the store itself exists. */
	if (access(dir, W_OK | X_OK) != 0) {
		xasprintf(cause, _("cannot write in %s: %s"), dir, strerror(errno));
		free(dir);
		goto fail;
	}
	free(dir);

	rc = sqlite3_open_v2(st->path, &st->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		if (st->db == NULL)
			fatal("sqlite3_open_v2: %s", _("out of memory"));
		store_fail(st, _("cannot open the task store"), cause);
		goto fail;
	}
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	sqlite3_extended_result_codes(st->db, 1);
	/* The first statement reads the header: a file that is not SQLite
	 * fails here, with "file is not a database". */
	if (sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(st, _("not a usable task store"), cause);
		goto fail;
	}
	/* FULL: a committed submission survives a power cut, not only a crash;
	 * writes are rare (a submission, a status change). */
	if (store_exec(st, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", cause) != 0)
		goto fail;
	if (store_migrate(st, cause) != 0)
		goto fail;
	/* Best effort: a read-only store is still readable. */
	if (store_settle_orphans(st, STORE_ORPHAN_SECONDS, &why) < 0)
		free(why);
	return st;
fail:
	store_close(&st);
	return NULL;
}

/* "file:PATH?immutable=1": a WAL store in a folder where its -shm cannot
 * be made is readable only so (and no one can be writing it there). */
static char *
store_immutable_uri(const char *path)
{
	char *uri = xmalloc(strlen(path) * 3 + 32), *o = uri;

	o += sprintf(o, "file:");
	for (; *path != '\0'; path++) {
		if (*path == '%' || *path == '?' || *path == '#')
			o += sprintf(o, "%%%02x", (unsigned char)*path);
		else
			*o++ = *path;
	}
	strcpy(o, "?immutable=1");
	return uri;
}

static int
store_ro_db(struct store *st, const char *name, int flags, int *version,
    char **cause)
{
	if (st->db != NULL)
		sqlite3_close(st->db);
	st->db = NULL;
	if (sqlite3_open_v2(name, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		if (st->db == NULL)
			fatal("sqlite3_open_v2: %s", _("out of memory"));
		return store_fail(st, _("cannot open the task store"), cause);
	}
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	sqlite3_extended_result_codes(st->db, 1);
	return store_user_version(st, version, cause);
}

struct store *
store_open_readonly(const char *path, char **cause)
{
	struct store *st = xcalloc(1, sizeof *st);
	size_t n = sizeof store_migrations / sizeof store_migrations[0];
	char *uri, *why = NULL;
	int version, rc;

	st->now = store_time;
	if (path != NULL)
		st->path = xstrdup(path);
	else if ((st->path = store_default_path(cause)) == NULL)
		goto fail;
	if (access(st->path, F_OK) != 0 && errno == ENOENT) {
		/* Nothing recorded yet: an empty store, made in memory. */
		if (store_ro_db(st, ":memory:", SQLITE_OPEN_READWRITE |
		    SQLITE_OPEN_CREATE, &version, cause) != 0 ||
		    store_migrate(st, cause) != 0)
			goto fail;
		return st;
	}
	if (store_ro_db(st, st->path, SQLITE_OPEN_READONLY, &version, &why) != 0) {
		free(why);
		uri = store_immutable_uri(st->path);
		rc = store_ro_db(st, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
		    &version, cause);
		free(uri);
		if (rc != 0)
			goto fail;
	}
	if (store_version_ok(st, version, n, cause) != 0)
		goto fail;
	if ((size_t)version < n) {
		xasprintf(cause, _("%s: written by an older kling-tui: open it once "
		    "where it can be written (any other command upgrades it)"),
		    st->path);
		goto fail;
	}
	return st;
fail:
	store_close(&st);
	return NULL;
}

void
store_close(struct store **stp)
{
	struct store *st = *stp;
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < STORE_NSTMT && st->cache[i].sql != NULL; i++) {
		sqlite3_finalize(st->cache[i].stmt);
		free(st->cache[i].sql);
	}
	if (st->db != NULL)
		sqlite3_close(st->db);
	free(st->path);
	free(st);
	*stp = NULL;
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

void
store_set_clock(struct store *st, int64_t (*now)(void))
{
	st->now = now != NULL ? now : store_time;
}

/* A transaction's edge, from the statement cache: a sweep begins and
 * commits one for each batch of answers, and sqlite3_exec() would parse
 * the text each time. */
static int
store_edge(struct store *st, const char *sql, char **cause)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(st, sql, cause)) == NULL)
		return -1;
	return store_run(st, s, cause);
}

int
store_begin(struct store *st, char **cause)
{
	return store_edge(st, "BEGIN IMMEDIATE", cause);
}

int
store_commit(struct store *st, char **cause)
{
	return store_edge(st, "COMMIT", cause);
}

void
store_rollback(struct store *st)
{
	char *cause = NULL;

	if (store_edge(st, "ROLLBACK", &cause) != 0)
		free(cause);
}

/* A watch records hundreds of answers a second: parsing the same SQL for
 * each would cost more than running it. Keyed by the text, since the
 * dashboard's is built from its filter; when full, the statement used least
 * recently goes (no caller holds two unreleased statements and prepares a
 * third). Done with: store_release(). */
sqlite3_stmt *
store_prepare(struct store *st, const char *sql, char **cause)
{
	sqlite3_stmt *s;
	size_t i, old = 0;

	for (i = 0; i < STORE_NSTMT && st->cache[i].sql != NULL; i++) {
		if (strcmp(st->cache[i].sql, sql) == 0) {
			st->cache[i].used = ++st->uses;
			return st->cache[i].stmt;
		}
		if (st->cache[i].used < st->cache[old].used)
			old = i;
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
	    NULL) != SQLITE_OK) {
		store_fail(st, _("cannot query the task store"), cause);
		return NULL;
	}
	if (i == STORE_NSTMT) {
		i = old;
		sqlite3_finalize(st->cache[i].stmt);
		free(st->cache[i].sql);
	}
	st->cache[i].sql = xstrdup(sql);
	st->cache[i].stmt = s;
	st->cache[i].used = ++st->uses;
	return s;
}

int
store_explain(struct store *st, void (*cb)(void *, const char *, const char *),
    void *arg, char **cause)
{
	sqlite3_stmt *s;
	char *sql;
	size_t i;

	for (i = 0; i < STORE_NSTMT && st->cache[i].sql != NULL; i++) {
		xasprintf(&sql, "EXPLAIN QUERY PLAN %s", st->cache[i].sql);
		if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
			free(sql);
			return store_fail(st, "cannot explain a query", cause);
		}
		free(sql);
		while (sqlite3_step(s) == SQLITE_ROW)
			cb(arg, st->cache[i].sql, (const char *)sqlite3_column_text(s, 3));
		sqlite3_finalize(s);
	}
	return 0;
}

/* Ready for its next use; any locks it held are released. */
void
store_release(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

void
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* Run a statement that returns no rows, then release it. The error is
 * read before the release. */
int
store_run(struct store *st, sqlite3_stmt *s, char **cause)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE)
		store_fail(st, _("cannot update the task store"), cause);
	store_release(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
store_add_event(struct store *st, int64_t id, int64_t when, const char *status,
    char **cause)
{
	sqlite3_stmt *s;

	s = store_prepare(st, "INSERT INTO task_history(task, time, status) "
	    "VALUES (?, ?, ?)", cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, when);
	store_bind_text(s, 3, status);
	return store_run(st, s, cause);
}

/* Inside a caller's transaction, SQLite's autocommit is off: nest nothing. */
static bool
store_in_txn(struct store *st)
{
	return !sqlite3_get_autocommit(st->db);
}

int64_t
store_add(struct store *st, const char *storyboard, const char *name,
    const char *mode, long duration, char **cause)
{
	sqlite3_stmt *s;
	int64_t now = st->now(), id;
	bool own = !store_in_txn(st);
	char me[128];

	if (own && store_begin(st, cause) != 0)
		return -1;
	/* The body goes in task_bodies (schema 4); ?2 was its place. */
	s = store_prepare(st, "INSERT INTO tasks(state, storyboard, name, mode, "
	    "duration, created, updated, owner) "
	    "VALUES (?1, '', ?3, ?4, ?5, ?6, ?7, ?8)", cause);
	if (s == NULL)
		goto fail;
	owner_self(me, sizeof me);
	store_bind_text(s, 8, me);
	store_bind_text(s, 1, task_state_name(TASK_SUBMITTING));
	store_bind_text(s, 3, name);
	store_bind_text(s, 4, mode);
	if (duration > 0)
		sqlite3_bind_int64(s, 5, duration);
	sqlite3_bind_int64(s, 6, now);
	sqlite3_bind_int64(s, 7, now);
	if (store_run(st, s, cause) != 0)
		goto fail;
	id = sqlite3_last_insert_rowid(st->db);
	if ((s = store_prepare(st, "INSERT INTO task_bodies(id, storyboard) VALUES (?, ?)",
	    cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, storyboard);
	if (store_run(st, s, cause) != 0)
		goto fail;
	if (store_add_event(st, id, now, task_state_name(TASK_SUBMITTING), cause) != 0)
		goto fail;
	if (own && store_commit(st, cause) != 0)
		goto fail;
	return id;
fail:
	if (own)
		store_rollback(st);
	return -1;
}

int
store_update(struct store *st, int64_t id, const struct store_update *u, char **cause)
{
	sqlite3_stmt *s;
	int64_t now = st->now();
	bool own = !store_in_txn(st), changed;
	char *old = NULL;
	int rc;

	if (own && store_begin(st, cause) != 0)
		return -1;
	if ((s = store_prepare(st, "SELECT state FROM tasks WHERE id = ?", cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		old = xstrdup((const char *)sqlite3_column_text(s, 0));
	else if (rc == SQLITE_DONE)
		xasprintf(cause, _("no task %lld in the store"), (long long)id);
	else
		store_fail(st, _("cannot read the task store"), cause);
	store_release(s);
	if (rc != SQLITE_ROW)
		goto fail;
	changed = u->state != NULL && strcmp(old, u->state) != 0;

	/* Only what changed is written, so that a sweep of unchanged tasks
	 * costs no disk writes; "updated" is the time of the last change. */
	s = store_prepare(st, "UPDATE tasks SET "
	    "task_id = coalesce(?1, task_id), state = coalesce(?2, state), "
	    "media_urls = coalesce(?3, media_urls), "
	    "credits = CASE WHEN ?4 THEN ?5 ELSE credits END, "
	    "last_error = CASE WHEN ?6 IS NULL THEN last_error "
	    "  WHEN ?6 = '' THEN NULL ELSE ?6 END, "
	    "finished = CASE WHEN ?11 THEN NULL "
	    "  ELSE coalesce(?7, finished, ?10) END, updated = ?8 "
	    "WHERE id = ?9 AND NOT ("
	    "  (?1 IS NULL OR task_id IS ?1) AND (?2 IS NULL OR state IS ?2) AND "
	    "  (?3 IS NULL OR media_urls IS ?3) AND (NOT ?4 OR credits IS ?5) AND "
	    "  (?6 IS NULL OR last_error IS nullif(?6, '')) AND "
	    "  (?7 IS NULL OR finished IS ?7) AND "
	    "  (?10 IS NULL OR finished IS NOT NULL) AND "
	    "  (NOT ?11 OR finished IS NULL))", cause);
	if (s == NULL)
		goto fail;
	store_bind_text(s, 1, u->task_id);
	store_bind_text(s, 2, u->state);
	store_bind_text(s, 3, u->media_urls);
	sqlite3_bind_int(s, 4, u->has_credits);
	sqlite3_bind_double(s, 5, u->credits);
	store_bind_text(s, 6, u->error);
	if (u->finished > 0)
		sqlite3_bind_int64(s, 7, u->finished);
	sqlite3_bind_int64(s, 8, now);
	sqlite3_bind_int64(s, 9, id);
	/* A final state with no time from the service (an error, a failure
	 * without complete_at) ends now: its elapsed time stops here, the
	 * same in every instance that reads the row. */
	if (u->state != NULL && task_state_word_final(u->state))
		sqlite3_bind_int64(s, 10, now);
	/* Asked again (a re-poll of an error row), it runs again. */
	sqlite3_bind_int(s, 11, u->state != NULL && !task_state_word_final(u->state) &&
	    u->finished <= 0);
	if (store_run(st, s, cause) != 0)
		goto fail;
	if (changed && store_add_event(st, id, now, u->state, cause) != 0)
		goto fail;
	if (own && store_commit(st, cause) != 0)
		goto fail;
	free(old);
	return 0;
fail:
	if (own)
		store_rollback(st);
	free(old);
	return -1;
}

/* Set one column of one row; the column name comes from this file only. */
static int
store_set_columns(struct store *st, int64_t id, const char *sql, const char *text,
    int a, int b, char **cause)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (text != NULL)
		store_bind_text(s, 2, text);
	else {
		sqlite3_bind_int(s, 2, a);
		sqlite3_bind_int(s, 3, b);
	}
	if (store_run(st, s, cause) != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0) {
		xasprintf(cause, _("no task %lld in the store"), (long long)id);
		return -1;
	}
	return 0;
}

int
store_set_download(struct store *st, int64_t id, const char *path, char **cause)
{
	return store_set_columns(st, id,
	    "UPDATE tasks SET download_path = ?2 WHERE id = ?1", path, 0, 0, cause);
}

int
store_set_flags(struct store *st, int64_t id, bool hidden, bool seen, char **cause)
{
	return store_set_columns(st, id,
	    "UPDATE tasks SET hidden = ?2, seen = ?3 WHERE id = ?1", NULL, hidden, seen,
	    cause);
}

char *
store_column_text(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);

	return v == NULL ? NULL : xstrdup((const char *)v);
}

void
store_read_row(sqlite3_stmt *s, struct store_task *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(s, 0);
	t->task_id = store_column_text(s, 1);
	t->state = store_column_text(s, 2);
	t->name = store_column_text(s, 3);
	t->mode = store_column_text(s, 4);
	t->duration = (long)sqlite3_column_int64(s, 5);
	t->created = sqlite3_column_int64(s, 6);
	t->updated = sqlite3_column_int64(s, 7);
	t->finished = sqlite3_column_int64(s, 8);
	t->media_urls = store_column_text(s, 9);
	t->has_credits = sqlite3_column_type(s, 10) != SQLITE_NULL;
	t->credits = sqlite3_column_double(s, 10);
	t->last_error = store_column_text(s, 11);
	t->download_path = store_column_text(s, 12);
	t->hidden = sqlite3_column_int(s, 13) != 0;
	t->seen = sqlite3_column_int(s, 14) != 0;
	t->owner = store_column_text(s, 15);
}

void
store_task_clear(struct store_task *t)
{
	free(t->owner);
	free(t->task_id);
	free(t->state);
	free(t->storyboard);
	free(t->name);
	free(t->mode);
	free(t->media_urls);
	free(t->last_error);
	free(t->download_path);
}

void
store_task_free(struct store_task **tp)
{
	if (*tp == NULL)
		return;
	store_task_clear(*tp);
	free(*tp);
	*tp = NULL;
}

static struct store_task *
store_get_one(struct store *st, const char *sql, int64_t id, const char *task_id,
    char **cause)
{
	sqlite3_stmt *s;
	struct store_task *t;
	int rc;

	if ((s = store_prepare(st, sql, cause)) == NULL)
		return NULL;
	if (task_id != NULL)
		store_bind_text(s, 1, task_id);
	else
		sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE) {
			if (task_id == NULL)	/* store_find tells absence apart */
				*cause = xstrdup(_("no such task in the store"));
		} else
			store_fail(st, _("cannot read the task store"), cause);
		store_release(s);
		return NULL;
	}
	t = xmalloc(sizeof *t);
	store_read_row(s, t);
	t->storyboard = store_column_text(s, STORE_NCOLUMNS);
	store_release(s);
	return t;
}

struct store_task *
store_get(struct store *st, int64_t id, char **cause)
{
	return store_get_one(st, "SELECT " STORE_COLUMNS ", "
	    "(SELECT storyboard FROM task_bodies b WHERE b.id = tasks.id) FROM tasks "
	    "WHERE id = ?",
	    id, NULL, cause);
}

int
store_find(struct store *st, const char *task_id, struct store_task **out, char **cause)
{
	char *why = NULL;

	/* Without the storyboard: its callers follow the task, they do not
	 * show or send it, and a sweep finds each task it is told about. */
	*out = store_get_one(st, "SELECT " STORE_COLUMNS ", NULL FROM tasks "
	    "WHERE task_id = ?",
	    0, task_id, &why);
	if (*out != NULL)
		return 1;
	if (why == NULL) {	/* absent: store_get_one says nothing more */
		return 0;
	}
	*cause = why;
	return -1;
}

int
store_find_id(struct store *st, const char *task_id, int64_t *id, char **name,
    char **cause)
{
	sqlite3_stmt *s;
	int rc;

	if (name != NULL)
		*name = NULL;
	if ((s = store_prepare(st, "SELECT id, name FROM tasks WHERE task_id = ?",
	    cause)) == NULL)
		return -1;
	store_bind_text(s, 1, task_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		if (name != NULL)
			*name = store_column_text(s, 1);
	} else if (rc != SQLITE_DONE)
		store_fail(st, _("cannot read the task store"), cause);
	store_release(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
store_get_history(struct store *st, int64_t id, struct store_history *h, char **cause)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	memset(h, 0, sizeof *h);
	s = store_prepare(st, "SELECT time, status FROM task_history WHERE task = ? "
	    "ORDER BY time, rowid", cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (h->n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			h->v = xreallocarray(h->v, cap, sizeof *h->v);
		}
		h->v[h->n].time = sqlite3_column_int64(s, 0);
		h->v[h->n].status = store_column_text(s, 1);
		h->n++;
	}
	if (rc != SQLITE_DONE) {
		store_fail(st, _("cannot read the task store"), cause);
		store_history_free(h);
	}
	store_release(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

void
store_history_free(struct store_history *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->v[i].status);
	free(h->v);
	h->v = NULL;
	h->n = 0;
}

/* Rows left "submitting" with no task id: the state index finds them, so
 * that a store with none (nearly always) costs one look-up. */
static int
store_submitting(struct store *st, struct store_list *out, char **cause)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if ((s = store_prepare(st, "SELECT " STORE_COLUMNS " FROM tasks "
	    "WHERE state = ?1 AND task_id IS NULL", cause)) == NULL)
		return -1;
	store_bind_text(s, 1, task_state_name(TASK_SUBMITTING));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			out->v = xreallocarray(out->v, cap, sizeof *out->v);
		}
		store_read_row(s, &out->v[out->n++]);
	}
	if (rc != SQLITE_DONE) {
		store_fail(st, "cannot read the task store", cause);
		store_list_free(out);
	}
	store_release(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_settle_orphans(struct store *st, int64_t older_than, char **cause)
{
	struct store_list l = { NULL, 0 };
	struct store_update u = { .state = NULL,
	    .error = "the program stopped while this was being sent: it may have been "
	    "created (never resent)" };
	int64_t limit = st->now() - older_than;
	char *gone = NULL;
	size_t i;
	int n = 0, rc;

	u.state = task_state_name(TASK_UNKNOWN);
	if (store_submitting(st, &l, cause) != 0)
		return -1;
	for (i = 0; i < l.n; i++) {
		if (l.v[i].task_id != NULL)
			continue;
		/* Its sender is gone (killed, or the machine restarted): no
		 * answer will ever be recorded, so say so now. */
		if (owner_gone(l.v[i].owner)) {
			xasprintf(&gone, "the program that sent this (pid %ld) is gone: "
			    "it may have been created (never resent)",
			    owner_pid(l.v[i].owner));
			u.error = gone;
		} else if (l.v[i].updated >= limit)
			continue;
		rc = store_update(st, l.v[i].id, &u, cause);
		if (gone != NULL) {
			free(gone);
			gone = NULL;
			u.error = "the program stopped while this was being sent: it "
			    "may have been created (never resent)";
		}
		if (rc != 0) {
			n = -1;
			break;
		}
		n++;
	}
	store_list_free(&l);
	return n;
}

int64_t
store_task_elapsed(const struct store_task *t, int64_t now)
{
	int64_t end = now;

	if (t->created <= 0)
		return 0;
	if (t->finished > 0)
		end = t->finished;
	else if (task_state_word_final(t->state))
		end = t->updated;	/* written before finished was kept */
	return end > t->created ? end - t->created : 0;
}

int64_t
store_pace_take(struct store *st, int64_t now_ms, int per_second, char **cause)
{
	sqlite3_stmt *s;
	int64_t next = 0, gap = per_second > 0 ? 1000 / per_second : 0;
	bool own = !store_in_txn(st);

	/* Immediate: two instances must not both take one slot. */
	if (own && store_begin(st, cause) != 0)
		return -1;
	if ((s = store_prepare(st, "SELECT next_ms FROM pace WHERE id = 1", cause)) == NULL)
		goto fail;
	if (sqlite3_step(s) == SQLITE_ROW)
		next = sqlite3_column_int64(s, 0);
	store_release(s);
	/* A clock set back must not stop every query for as long. */
	if (next > now_ms + 60000)
		next = now_ms;
	/* Held back by a slot still to come; or free, and a slot shorter
	 * than the clock's millisecond (1000 or more a second) would move
	 * nothing: no write, so a sweep costs no sync per query. */
	if (next > now_ms || gap == 0) {
		if (own)
			store_rollback(st);
		return next > now_ms ? next - now_ms : 0;
	}
	if ((s = store_prepare(st, "UPDATE pace SET next_ms = ?1 WHERE id = 1",
	    cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, now_ms + gap);
	if (store_run(st, s, cause) != 0)
		goto fail;
	if (own && store_commit(st, cause) != 0)
		goto fail;
	return 0;
fail:
	if (own)
		store_rollback(st);
	return -1;
}

/* Take the lease when it is free, this owner's, or ran out before
 * "expired" (INT64_MAX: whatever it is); 1 taken, 0 not, -1 error. */
static int
store_lease_set(struct store *st, const char *task_id, const char *me,
    int64_t until_ms, int64_t expired, char **cause)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(st, "UPDATE tasks SET lease_owner = ?2, lease_until = ?3 "
	    "WHERE task_id = ?1 AND (lease_owner IS NULL OR lease_owner = ?2 OR "
	    "lease_until <= ?4)", cause)) == NULL)
		return -1;
	store_bind_text(s, 1, task_id);
	store_bind_text(s, 2, me);
	sqlite3_bind_int64(s, 3, until_ms);
	sqlite3_bind_int64(s, 4, expired);
	if (store_run(st, s, cause) != 0)
		return -1;
	return sqlite3_changes(st->db) > 0;
}

int
store_lease_take(struct store *st, const char *task_id, const char *me,
    int64_t now_ms, int64_t until_ms, char **cause)
{
	sqlite3_stmt *s;
	char *holder = NULL;
	int rc;

	if ((rc = store_lease_set(st, task_id, me, until_ms, now_ms, cause)) != 0)
		return rc;
	if ((s = store_prepare(st, "SELECT lease_owner FROM tasks WHERE task_id = ?",
	    cause)) == NULL)
		return -1;
	store_bind_text(s, 1, task_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		holder = store_column_text(s, 0);
	store_release(s);
	if (rc == SQLITE_DONE)
		return 1;	/* no row yet: whoever asks first records it */
	if (rc != SQLITE_ROW)
		return store_fail(st, _("cannot read the task store"), cause);
	/* Its holder was killed: no need to wait for the lease to run out. */
	rc = owner_gone(holder);
	free(holder);
	return rc ? store_lease_set(st, task_id, me, until_ms, INT64_MAX, cause) : 0;
}

int
store_lease_release(struct store *st, const char *me, char **cause)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(st, "UPDATE tasks SET lease_owner = NULL, lease_until = 0 "
	    "WHERE lease_owner = ?1", cause)) == NULL)
		return -1;
	store_bind_text(s, 1, me);
	return store_run(st, s, cause);
}

int
store_count(struct store *st, int64_t *n, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st, "SELECT coalesce(sum(n), 0) FROM task_counts",
	    cause)) == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	else
		store_fail(st, _("cannot read the task store"), cause);
	store_release(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

const char *
store_library_version(void)
{
	return sqlite3_libversion();
}
