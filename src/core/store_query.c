/* kling-tui: reading lists from the task store: the list command's filters,
 * the dashboard's window of rows, and how many rows a view holds. Each WHERE
 * is written from the filters given, so that SQLite sees the terms its
 * indexes answer (a "?1 IS NULL OR state = ?1" serving every case was a
 * scan of every row); tests/core/test-store.c checks every plan.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "vocab.h"
#include "xmalloc.h"
#include "i18n.h"

const char *
store_sql_finals(void)
{
	static char sql[256];
	size_t o = 0;
	unsigned i;

	if (sql[0] != '\0')
		return sql;
	for (i = 0; i < TASK_STATE_N; i++)
		if (task_state_final((enum task_state)i))
			o += (size_t)snprintf(sql + o, sizeof sql - o, "%s'%s'",
			    o == 0 ? "" : ", ", task_state_name((enum task_state)i));
	return sql;
}

/* The dashboard's "status" order (vocab.h's rank), as SQL. */
const char *
store_sql_rank(void)
{
	static char sql[512];
	size_t o;
	unsigned i;

	if (sql[0] != '\0')
		return sql;
	o = (size_t)snprintf(sql, sizeof sql, "(CASE state");
	for (i = 0; i < TASK_OTHER; i++)
		o += (size_t)snprintf(sql + o, sizeof sql - o, " WHEN '%s' THEN %d",
		    task_state_name((enum task_state)i),
		    task_state_rank((enum task_state)i));
	snprintf(sql + o, sizeof sql - o, " ELSE %d END)", task_state_rank(TASK_OTHER));
	return sql;
}

const char *
store_sql_unfinished(void)
{
	static char sql[320];

	if (sql[0] == '\0')
		snprintf(sql, sizeof sql, "task_id IS NOT NULL AND state NOT IN (%s)",
		    store_sql_finals());
	return sql;
}

/* store_task_elapsed(), as SQL, to ?3. */
static const char *
store_sql_elapsed(void)
{
	static char sql[400];

	if (sql[0] == '\0')
		snprintf(sql, sizeof sql, "(CASE WHEN created <= 0 THEN 0 ELSE max(0, "
		    "CASE WHEN finished > 0 THEN finished WHEN state IN (%s) THEN "
		    "updated ELSE ?3 END - created) END)", store_sql_finals());
	return sql;
}

/* Run s (bound), appending its rows to out; released. */
static int
store_read_rows(struct store *st, sqlite3_stmt *s, struct store_list *out,
    char **cause)
{
	size_t cap = out->n;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap < 16 ? 16 : cap * 2;
			out->v = xreallocarray(out->v, cap, sizeof *out->v);
		}
		store_read_row(s, &out->v[out->n++]);
	}
	if (rc != SQLITE_DONE)
		store_fail(st, "cannot read the task store", cause);
	store_release(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* instr() rather than LIKE so that '%' and '_' mean themselves. */
#define STORE_SQL_HAS(n) \
	"(instr(lower(coalesce(name, '')), lower(?" #n ")) > 0 OR " \
	"instr(coalesce(task_id, ''), ?" #n ") > 0)"

/* The list command's statement: the filters given, newest first; every
 * list column, or (ids) id and task_id alone. */
static sqlite3_stmt *
store_query_prepare(struct store *st, const struct store_filter *f, bool ids,
    char **cause)
{
	sqlite3_stmt *s;
	char *sql;

	xasprintf(&sql, "SELECT %s FROM tasks WHERE 1%s%s%s%s%s "
	    "ORDER BY created DESC, id DESC%s",
	    ids ? "id, task_id" : STORE_COLUMNS,
	    f->status != NULL ? " AND state = ?1" : "",
	    f->text != NULL ? " AND " STORE_SQL_HAS(2) : "",
	    f->unfinished ? " AND " : "", f->unfinished ? store_sql_unfinished() : "",
	    f->hidden ? "" : " AND NOT hidden", f->limit > 0 ? " LIMIT ?3" : "");
	s = store_prepare(st, sql, cause);
	free(sql);
	if (s == NULL)
		return NULL;
	if (f->status != NULL)
		store_bind_text(s, 1, f->status);
	if (f->text != NULL)
		store_bind_text(s, 2, f->text);
	if (f->limit > 0)
		sqlite3_bind_int64(s, 3, f->limit > INT64_MAX ? INT64_MAX :
		    (int64_t)f->limit);
	return s;
}

int
store_query(struct store *st, const struct store_filter *f, struct store_list *out,
    char **cause)
{
	static const struct store_filter none;
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof *out);
	if ((s = store_query_prepare(st, f != NULL ? f : &none, false, cause)) == NULL)
		return -1;
	rc = store_read_rows(st, s, out, cause);
	if (rc != 0)
		store_list_free(out);
	return rc;
}

int
store_query_each(struct store *st, const struct store_filter *f,
    void (*cb)(void *, const struct store_task *), void *arg, char **cause)
{
	static const struct store_filter none;
	struct store_task t;
	sqlite3_stmt *s;
	int rc;

	if (f == NULL)
		f = &none;
	if ((s = store_query_prepare(st, f, f->ids_only, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (f->ids_only) {
			memset(&t, 0, sizeof t);
			t.id = sqlite3_column_int64(s, 0);
			t.task_id = (char *)sqlite3_column_text(s, 1);
			cb(arg, &t);
			continue;
		}
		store_read_row(s, &t);
		cb(arg, &t);
		store_task_clear(&t);
	}
	if (rc != SQLITE_DONE)
		store_fail(st, "cannot read the task store", cause);
	store_release(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

void
store_list_free(struct store_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		store_task_clear(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* The dashboard's filter as SQL: words must each appear in the name or the
 * task id (any case); "status:S" (or "s:S") words pick states; "!WORD" must
 * not match (a state, a status:S, or a word); a lone "!" inverts the whole
 * (k9s). Parameters from ?5, their texts in words (pointing into buf). */
#define STORE_MAX_WORDS 32

struct store_where {
	char		*sql;
	const char	*param[STORE_MAX_WORDS * 2];
	int		 nparam;
	bool		 text;		/* reads name or task_id */
	char		*buf;
};

static int
store_where_param(struct store_where *w, const char *v)
{
	w->param[w->nparam] = v;
	return 5 + w->nparam++;
}

static const char *
store_status_word(const char *w)
{
	if (strncmp(w, "status:", 7) == 0)
		return w + 7;
	if (strncmp(w, "s:", 2) == 0)
		return w + 2;
	return NULL;
}

static void
store_where_build(struct store_where *w, const char *filter)
{
	char *tok, *save = NULL, *text;
	const char *st;
	bool invert = false;
	size_t n, ns = 0, len;
	FILE *f, *fs;
	char *states = NULL;
	int a, b;

	memset(w, 0, sizeof w->param);
	w->nparam = 0;
	w->text = false;
	w->buf = xstrdup(filter != NULL ? filter : "");
	if ((f = open_memstream(&text, &len)) == NULL ||
	    (fs = open_memstream(&states, &len)) == NULL)
		fatal("open_memstream: %s", _("out of memory"));
	fputs("1", f);
	for (n = 0, tok = strtok_r(w->buf, " ", &save); tok != NULL &&
	    n < STORE_MAX_WORDS; tok = strtok_r(NULL, " ", &save), n++) {
		if (strcmp(tok, "!") == 0) {
			invert = true;
			continue;
		}
		if (tok[0] == '!') {
			a = store_where_param(w, tok + 1);
			fprintf(f, " AND NOT (state = ?%d COLLATE NOCASE", a);
			if ((st = store_status_word(tok + 1)) != NULL)
				fprintf(f, " OR state = ?%d COLLATE NOCASE",
				    store_where_param(w, st));
			fprintf(f, " OR instr(lower(coalesce(name, '')), lower(?%d)) > 0 OR "
			    "instr(lower(coalesce(task_id, '')), lower(?%d)) > 0)", a, a);
			w->text = true;
			continue;
		}
		if ((st = store_status_word(tok)) != NULL) {
			fprintf(fs, "%sstate = ?%d COLLATE NOCASE", ns++ == 0 ? "" : " OR ",
			    store_where_param(w, st));
			continue;
		}
		b = store_where_param(w, tok);
		fprintf(f, " AND (instr(lower(coalesce(name, '')), lower(?%d)) > 0 OR "
		    "instr(lower(coalesce(task_id, '')), lower(?%d)) > 0)", b, b);
		w->text = true;
	}
	fclose(fs);
	if (ns > 0)
		fprintf(f, " AND (%s)", states);
	free(states);
	fclose(f);
	if (invert)
		xasprintf(&w->sql, "NOT (%s)", text);
	else
		w->sql = xstrdup(text);
	free(text);
}

static void
store_where_bind(const struct store_where *w, sqlite3_stmt *s)
{
	int i;

	for (i = 0; i < w->nparam; i++)
		store_bind_text(s, 5 + i, w->param[i]);
}

static void
store_where_free(struct store_where *w)
{
	free(w->sql);
	free(w->buf);
}

int
store_view_count(struct store *st, const struct store_view *v, int64_t *shown,
    int64_t *hidden, char **cause)
{
	struct store_where w;
	sqlite3_stmt *s;
	char *sql;
	int64_t all = 0;
	int rc;

	*shown = *hidden = 0;
	store_where_build(&w, v->filter);
	/* Without words about names, the counts by state answer. */
	if (w.text)
		xasprintf(&sql, "SELECT count(*), coalesce(sum(hidden), 0) FROM tasks "
		    "WHERE %s", w.sql);
	else
		xasprintf(&sql, "SELECT coalesce(sum(n), 0), coalesce(sum(CASE WHEN "
		    "hidden THEN n ELSE 0 END), 0) FROM task_counts WHERE %s", w.sql);
	s = store_prepare(st, sql, cause);
	free(sql);
	if (s == NULL) {
		store_where_free(&w);
		return -1;
	}
	store_where_bind(&w, s);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		all = sqlite3_column_int64(s, 0);
		*hidden = sqlite3_column_int64(s, 1);
		*shown = v->hidden ? all : all - *hidden;
	} else
		store_fail(st, "cannot read the task store", cause);
	store_release(s);
	store_where_free(&w);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* An order: its key (NULL: the id alone) and which way the key and the id
 * go, not reversed; the id breaks ties, newest first. */
static const char *
store_order_key(enum store_order o, bool *key_desc)
{
	*key_desc = false;
	switch (o) {
	case STORE_ORDER_STATUS:
		return store_sql_rank();
	case STORE_ORDER_NAME:
		return "coalesce(name, '')";
	case STORE_ORDER_ID:
		return "coalesce(task_id, '')";
	case STORE_ORDER_ELAPSED:
		*key_desc = true;	/* longest first */
		return store_sql_elapsed();
	default:
		return NULL;
	}
}

static void
store_bind_key(sqlite3_stmt *s, const struct store_view *v, const struct store_task *t)
{
	switch (v->order) {
	case STORE_ORDER_STATUS:
		sqlite3_bind_int(s, 1, task_state_rank(task_state_parse(t->state)));
		break;
	case STORE_ORDER_NAME:
		store_bind_text(s, 1, t->name != NULL ? t->name : "");
		break;
	case STORE_ORDER_ID:
		store_bind_text(s, 1, t->task_id != NULL ? t->task_id : "");
		break;
	case STORE_ORDER_ELAPSED:
		sqlite3_bind_int64(s, 1, store_task_elapsed(t, v->now));
		break;
	default:
		break;
	}
}

/* One part of a page: step 0 the rows sharing from's key, after it by id;
 * step 1 the rows whose key comes after from's (or, from NULL, all). Each
 * is a range of one index (keyset pagination): rows with equal keys (a
 * hundred thousand "success") cost no more than any. */
static int
store_page_part(struct store *st, const struct store_view *v, const struct store_where *w,
    const struct store_task *from, int step, size_t n, struct store_list *out,
    char **cause)
{
	bool kdesc, rev = v->reverse;
	const char *key = store_order_key(v->order, &kdesc);
	const char *idir = rev ? "ASC" : "DESC", *idop = rev ? ">" : "<";
	const char *kdir = (kdesc != rev) ? "DESC" : "ASC";
	const char *kop = (kdesc != rev) ? "<" : ">";
	const char *hid = v->hidden ? "" : "NOT hidden AND ";
	sqlite3_stmt *s;
	char *sql;

	if (key == NULL) {
		if (step == 0)
			return 0;
		xasprintf(&sql, "SELECT " STORE_COLUMNS " FROM tasks WHERE %s%s(%s) "
		    "ORDER BY id %s LIMIT ?4", from == NULL ? "" : rev ? "id > ?2 AND " :
		    "id < ?2 AND ", hid, w->sql, idir);
	} else if (step == 0) {
		if (from == NULL)
			return 0;
		xasprintf(&sql, "SELECT " STORE_COLUMNS " FROM tasks WHERE %s = ?1 AND "
		    "id %s ?2 AND %s(%s) ORDER BY id %s LIMIT ?4", key, idop, hid, w->sql,
		    idir);
	} else if (from != NULL)
		xasprintf(&sql, "SELECT " STORE_COLUMNS " FROM tasks WHERE %s %s ?1 AND "
		    "%s(%s) ORDER BY %s %s, id %s LIMIT ?4", key, kop, hid, w->sql, key,
		    kdir, idir);
	else
		xasprintf(&sql, "SELECT " STORE_COLUMNS " FROM tasks WHERE %s(%s) "
		    "ORDER BY %s %s, id %s LIMIT ?4", hid, w->sql, key, kdir, idir);
	s = store_prepare(st, sql, cause);
	free(sql);
	if (s == NULL)
		return -1;
	if (from != NULL) {
		store_bind_key(s, v, from);
		sqlite3_bind_int64(s, 2, from->id);
	}
	sqlite3_bind_int64(s, 3, v->now);
	sqlite3_bind_int64(s, 4, (int64_t)n);
	store_where_bind(w, s);
	return store_read_rows(st, s, out, cause);
}

int
store_page(struct store *st, const struct store_view *view,
    const struct store_task *from, bool before, size_t n, struct store_list *out,
    char **cause)
{
	struct store_view v = *view;
	struct store_where w;
	struct store_task tmp;
	size_t i;
	int rc;

	memset(out, 0, sizeof *out);
	if (n == 0)
		return 0;
	/* Before: the rows after it the other way round, turned back. */
	if (before)
		v.reverse = !v.reverse;
	store_where_build(&w, v.filter);
	rc = store_page_part(st, &v, &w, from, 0, n, out, cause);
	if (rc == 0 && out->n < n)
		rc = store_page_part(st, &v, &w, from, 1, n - out->n, out, cause);
	store_where_free(&w);
	if (rc != 0) {
		store_list_free(out);
		return -1;
	}
	for (i = 0; before && i < out->n / 2; i++) {
		tmp = out->v[i];
		out->v[i] = out->v[out->n - 1 - i];
		out->v[out->n - 1 - i] = tmp;
	}
	return 0;
}
