/* kling-tui: the session: the global options and the config turned into
 * the connection, the store, the poll settings and, with --demo, a private
 * kling-sim. Every subcommand and the screens open theirs here, so every
 * global option means the same thing everywhere.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_SESSION_H
#define KT_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "net/api.h"
#include "net/worker.h"
#include "schedule.h"

struct conf;
struct demo;
struct store;
struct tracker;

/* The options every subcommand and the full screen accept, before or after
 * the subcommand's name (parsed by the command line, src/cli/cli.c). */
struct app_globals {
	const char	*base_url;	/* --base-url, else NULL: see the config */
	const char	*cacert;	/* --cacert FILE */
	bool		 allow_http;	/* --allow-http: plain http to a remote host */
	bool		 demo;		/* --demo: a private kling-sim, no key */
	int		 verbose;	/* -v (repeatable): the trace's level */
	int		 orig_argc;	/* argv as given, for the front's hand-over */
	char	       **orig_argv;
};

/* What a session is opened for. */
#define SESSION_STORE	0x1	/* the task store */
#define SESSION_NET	0x2	/* the service (with --demo: start kling-sim) */
#define SESSION_KEY	0x4	/* refuse without an API key */
#define SESSION_READONLY 0x8	/* the store is only read (list) */
#define SESSION_PRELOAD	0x10	/* with NET and STORE: load libcurl while the store opens */

struct session {
	const struct app_globals *g;
	char			*base_url;	/* owned; conn points at these */
	char			*key;		/* NULL: none (key_problem says why) */
	char			*key_problem;
	char			*cacert;
	char			*download_dir;	/* the config's, or NULL */
	char			*state_dir;	/* the store, filter, trace (--demo: .../demo) */
	bool			 bell;
	bool			 notify;	/* a desktop notification at a task's end */
	struct api_conn		 conn;
	struct sched_params	 poll;
	int			 rate;	/* status queries a second, all instances */
	struct store		*store;
	struct demo		*sim;		/* --demo with SESSION_NET */
	struct worker		*worker;	/* session_start_engine() */
	struct tracker		*tracker;
	char		       **warnings;	/* the config's and the environment's */
	size_t			 nwarnings;
};

/* Open what `need` asks for. Returns EXIT_OK, or the exit code and *cause
 * (nothing is left open). Start the simulator before any thread: a fork
 * with threads running may deadlock in the child. */
int	session_open(struct session *, const struct app_globals *, unsigned need,
	    char **cause);

/* The task engine on this session: the worker (its limits; NULL: defaults)
 * and the tracker over the store. Needs SESSION_STORE|SESSION_NET and a key.
 * EXIT_OK, or the exit code and *cause. */
int	session_start_engine(struct session *, const struct worker_limits *,
	    char **cause);

/* Everything closed, in the safe order: answers already in hand recorded,
 * creates still on their way recorded as unknown (never resent), the store
 * closed, the worker stopped, the simulator stopped. Idempotent. */
void	session_close(struct session *);

/* After a fatal error on another thread: let go without touching the
 * worker (its thread may hold its lock for ever). */
void	session_abandon_worker(struct session *);

#endif
