/* kling-tui: the task store: every submission and what became of it (SQLite).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_STORE_H
#define KT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The schema version this code writes (PRAGMA user_version). Older stores are
 * migrated when opened; newer ones are refused rather than damaged. */
#define STORE_VERSION 4

/* A row's state is a word of the vocabulary (vocab.h: the client's own
 * submitting, unknown and error, and the service's), or a status the service
 * sent that we do not know, kept as it came. */

struct store;

/* One submission. Strings are owned (store_task_free), NULL when not known.
 * Times are Unix seconds, 0 when not known. */
struct store_task {
	int64_t	 id;		/* local id, from 1 */
	char	*task_id;	/* the service's id */
	char	*state;
	char	*storyboard;	/* the JSON body sent */
	char	*name;		/* file base name or first prompt words */
	char	*mode;
	long	 duration;
	int64_t	 created;
	int64_t	 updated;	/* last change */
	int64_t	 finished;
	char	*media_urls;	/* JSON array text */
	double	 credits;
	bool	 has_credits;
	char	*last_error;	/* sanitised, for people */
	char	*download_path;
	bool	 hidden;
	bool	 seen;
	char	*owner;		/* "PID BOOT-ID" of the sender (owner.h) */
};

struct store_list {
	struct store_task	*v;
	size_t			 n;
};

struct store_filter {
	const char	*status;	/* only this state; NULL: any */
	const char	*text;		/* in the name or task id; NULL: any */
	size_t		 limit;		/* 0: no limit */
	bool		 unfinished;	/* only tasks with an id that are not final */
	bool		 hidden;	/* include hidden rows */
	bool		 ids_only;	/* store_query_each: id and task_id alone
					 * (store_query: ignored) */
};

/* What a create's answer or a status query learned. NULL (or has_credits
 * false, finished 0) leaves a field as it is; error "" clears it. */
struct store_update {
	const char	*task_id;
	const char	*state;
	const char	*media_urls;
	double		 credits;
	bool		 has_credits;
	const char	*error;
	int64_t		 finished;
};

struct store_event {
	int64_t	 time;
	char	*status;
};

struct store_history {
	struct store_event	*v;
	size_t			 n;
};

/* tasks.db in the state directory (conf_state_dir(): $XDG_STATE_HOME/kling-tui,
 * else ~/.local/state/kling-tui), which is created, mode 0700, when missing.
 * Allocated; NULL + *cause when it cannot be. */
char	*store_default_path(char **cause);

/* Open (creating the file when missing) and migrate. path NULL:
 * store_default_path(). NULL + *cause on any failure, with a message that
 * names the file. */
struct store	*store_open(const char *path, char **cause);
/* For commands that only read (list): never writes, so a read-only or full
 * state folder still lists; a missing file reads as an empty store. */
struct store	*store_open_readonly(const char *path, char **cause);
void		 store_close(struct store **);
const char	*store_path(const struct store *);
/* How many rows (hidden ones too). 0, or -1 and *cause. */
int		 store_count(struct store *, int64_t *n, char **cause);
/* SQLite's version, for a bug report. */
const char	*store_library_version(void);

/* Tests replace the wall clock. NULL restores time(). */
void	store_set_clock(struct store *, int64_t (*now)(void));

/* Group writes in one transaction (one sync instead of many). */
int	store_begin(struct store *, char **cause);
int	store_commit(struct store *, char **cause);
void	store_rollback(struct store *);

/* A row still "submitting" this long after its last change was left by a
 * process that died during its create (kill -9, power loss): no create takes
 * so long, retries included. */
#define STORE_ORPHAN_SECONDS (15 * 60)

/* Mark such rows "unknown" (their fate is unknown; never resent), so that
 * they do not say "submitting" for ever; at once when their sender is known
 * to be gone (owner.h). store_open() does it. Returns how
 * many, or -1 and *cause. */
int	store_settle_orphans(struct store *, int64_t older_than, char **cause);

/* Record a submission before its request is sent: state "submitting".
 * Returns the local id, or -1 + *cause. */
int64_t	store_add(struct store *, const char *storyboard, const char *name,
	    const char *mode, long duration, char **cause);

/* Apply what was learned; a changed state is appended to the history.
 * 0 or -1 + *cause (also when no such row). */
int	store_update(struct store *, int64_t id, const struct store_update *,
	    char **cause);
int	store_set_download(struct store *, int64_t id, const char *path, char **cause);
int	store_set_flags(struct store *, int64_t id, bool hidden, bool seen, char **cause);

/* Look one up by local id: NULL + *cause when absent ("no such task") or on
 * error. */
struct store_task	*store_get(struct store *, int64_t id, char **cause);
/* By the service's task id: 1 and *out (found), 0 and *out NULL (absent), or
 * -1 and *cause (the store could not be read: not the same as absent). The
 * row comes without its storyboard (NULL); store_get() carries it. */
int			 store_find(struct store *, const char *task_id,
			    struct store_task **out, char **cause);
/* The same, for the local id (and, name not NULL, a copy of the name or
 * NULL) alone: a sweep's lookups, one indexed read, nothing else copied.
 * 1 and *id, 0 (absent), or -1 and *cause. */
int			 store_find_id(struct store *, const char *task_id,
			    int64_t *id, char **name, char **cause);
void			 store_task_free(struct store_task **);

/* Newest first. Rows carry no storyboard (store_get reads it). 0 or -1 +
 * *cause; free with store_list_free. */
int	store_query(struct store *, const struct store_filter *, struct store_list *,
	    char **cause);
void	store_list_free(struct store_list *);
/* The same rows one at a time, none kept: a list of any length in the
 * memory of one row. cb must not use the store. With f->ids_only, only id
 * and task_id are read (a watch's sweep: nothing else copied), and
 * task_id is valid during the call only. */
int	store_query_each(struct store *, const struct store_filter *,
	    void (*cb)(void *arg, const struct store_task *), void *arg, char **cause);

/* The dashboard's view of the whole store: which rows, in which order. */
enum store_order {
	STORE_ORDER_NEWEST,	/* newest first */
	STORE_ORDER_STATUS,	/* needing the user first (vocab.h's rank) */
	STORE_ORDER_NAME,
	STORE_ORDER_ID,		/* the service's task id */
	STORE_ORDER_ELAPSED,	/* longest first */
	STORE_ORDER_N
};

struct store_view {
	/* Words that must each be in the name or task id (any case),
	 * "status:S" (or "s:S") words that pick states, "!WORD" that must
	 * not match, a lone "!" that inverts it all. NULL or "": every row. */
	const char	*filter;
	bool		 hidden;	/* hidden rows too */
	enum store_order order;		/* ties: newest first */
	bool		 reverse;	/* the other way round, ties too */
	int64_t		 now;		/* what elapsed times are measured to */
};

/* A window of a view (keyset pagination: each a range of an index, at the
 * same cost anywhere in a store of any size): up to n rows that come after
 * the row from in the view's order, or before it (still in the view's
 * order); from NULL: the first n, or with before the last n. Rows carry no
 * storyboard. 0 or -1 + *cause; free with store_list_free. */
int	store_page(struct store *, const struct store_view *, const struct store_task *from,
	    bool before, size_t n, struct store_list *, char **cause);
/* How many rows the view shows, and how many hidden rows its filter
 * matches (shown or not). Without words about names, read from counts kept
 * by state: no row is read. */
int	store_view_count(struct store *, const struct store_view *, int64_t *shown,
	    int64_t *hidden, char **cause);

/* For tests: the query plan (EXPLAIN QUERY PLAN's lines) of every statement
 * this store has prepared and still holds. */
int	store_explain(struct store *, void (*cb)(void *arg, const char *sql,
	    const char *plan), void *arg, char **cause);

/* A task's status changes, oldest first. */
int	store_get_history(struct store *, int64_t id, struct store_history *, char **cause);
void	store_history_free(struct store_history *);

/* Polling shared by the instances on one store (times: wall-clock ms).
 * store_pace_take: a status query may go now (0: its slot is taken) or in
 * the milliseconds returned; at most per_second for all instances together.
 * store_lease_take: whoever holds a task's lease asks the service about it,
 * the others read the store; 1 the lease is this owner's (taken or renewed
 * until until_ms; also when the task has no row yet, or its holder is gone),
 * 0 another live instance's. store_lease_release: give back this owner's
 * leases (on the way out). -1 and *cause on error. */
int64_t	 store_pace_take(struct store *, int64_t now_ms, int per_second, char **cause);
int	 store_lease_take(struct store *, const char *task_id, const char *me,
	    int64_t now_ms, int64_t until_ms, char **cause);
int	 store_lease_release(struct store *, const char *me, char **cause);

/* Seconds from a row's creation to its final state, or to now while it is
 * not final: the same in every instance. */
int64_t	 store_task_elapsed(const struct store_task *, int64_t now);

#endif
