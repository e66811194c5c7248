/* kling-tui: what the store's files share (store.c writes and opens,
 * store_query.c reads lists); nothing outside src/core/store*.c includes it.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_STORE_INT_H
#define KT_STORE_INT_H

#include <sqlite3.h>
#include <stdint.h>

#include "store.h"

/* More than the statements the program runs at once in one process: each is
 * prepared once and kept; the dashboard's views are built from its filter,
 * so the least recently used one is let go when the cache is full. */
#define STORE_NSTMT 64

struct store {
	sqlite3	 *db;
	char	 *path;
	int64_t	(*now)(void);
	uint64_t  uses;
	struct {
		char		*sql;
		sqlite3_stmt	*stmt;
		uint64_t	 used;
	}	  cache[STORE_NSTMT];
};

/* A row as lists read it: never the storyboard (task_bodies holds it; only
 * store_get and store_find read it, one row at a time). */
#define STORE_COLUMNS \
	"id, task_id, state, name, mode, duration, created, updated, finished, " \
	"media_urls, credits, last_error, download_path, hidden, seen, owner"
#define STORE_NCOLUMNS 16

int		 store_fail(struct store *, const char *what, char **cause);
sqlite3_stmt	*store_prepare(struct store *, const char *sql, char **cause);
void		 store_release(sqlite3_stmt *);
void		 store_bind_text(sqlite3_stmt *, int, const char *);
int		 store_run(struct store *, sqlite3_stmt *, char **cause);
char		*store_column_text(sqlite3_stmt *, int);
void		 store_read_row(sqlite3_stmt *, struct store_task *);
void		 store_task_clear(struct store_task *);

/* SQL written from the vocabulary (vocab.h), the same text in the schema's
 * indexes and in the queries, so that SQLite matches one to the other:
 * "'success', 'failed', 'error'" and the dashboard's status rank. */
const char	*store_sql_finals(void);
const char	*store_sql_rank(void);
/* The unfinished rows: the WHERE of the tasks_unfinished index. */
const char	*store_sql_unfinished(void);

#endif
