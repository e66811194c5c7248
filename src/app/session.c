/* kling-tui: the session: options and config into a connection, a store,
 * poll settings and, with --demo, a private kling-sim.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "demo.h"
#include "exitcode.h"
#include "log.h"
#include "session.h"
#include "store.h"
#include "tracker.h"
#include "xmalloc.h"
#include "i18n.h"

static void
session_warn(struct session *s, char *w)
{
	s->warnings = xreallocarray(s->warnings, s->nwarnings + 1, sizeof *s->warnings);
	s->warnings[s->nwarnings++] = w;
}

/* A whole number from the environment, 1..max: the timeout for slow links
 * (and for tests that must not wait 30 s for a stalled server), attempts,
 * the trace's size. */
static long
session_env_number(struct session *s, const char *name, long dflt, long max)
{
	const char *v = getenv(name);
	char *end, *w;
	long n;

	if (v == NULL || *v == '\0')
		return dflt;
	errno = 0;
	n = strtol(v, &end, 10);
	if (*end != '\0' || errno != 0 || n < 1 || n > max) {
		xasprintf(&w, _("ignoring %s=%s: not a whole number from 1 to %ld"),
		    name, v, max);
		session_warn(s, w);
		return dflt;
	}
	return n;
}

/* Demo state lives apart from real state: its own store, filter and
 * trace, and the simulator's tasks kept between runs so that a later
 * `--demo download` finds what an earlier `--demo submit` made. */
static int
session_demo_dir(struct session *s, char **cause)
{
	char *dir;

	xasprintf(&dir, "%s/demo", s->state_dir);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	free(s->state_dir);
	s->state_dir = dir;
	return 0;
}

static int
session_start_sim(struct session *s, char **cause)
{
	char *simlog, *state;
	const char *args[3];

	xasprintf(&simlog, "%s/sim.log", s->state_dir);
	xasprintf(&state, "%s/sim-state.json", s->state_dir);
	args[0] = "--state";
	args[1] = state;
	args[2] = NULL;
	s->sim = demo_start(NULL, args, simlog, cause);
	free(simlog);
	free(state);
	if (s->sim == NULL)
		return -1;
	s->base_url = xstrdup(s->sim->url);
	s->key = xstrdup(DEMO_KEY);
	return 0;
}

static void
session_conn(struct session *s, const struct conf *cf)
{
	const char *ca = s->g->cacert != NULL ? s->g->cacert : cf->cacert;
	long secs;

	if (ca != NULL)
		s->cacert = conf_expand_home(ca);
	api_conn_init(&s->conn);
	s->conn.base_url = s->base_url;
	s->conn.key = s->key;
	s->conn.cacert = s->cacert;
	s->conn.allow_http = s->g->allow_http;
	if ((secs = session_env_number(s, "KLING_TUI_TIMEOUT", 0, 86400)) > 0) {
		s->conn.timeout_ms = secs * 1000;
		if (s->conn.connect_timeout_ms > s->conn.timeout_ms)
			s->conn.connect_timeout_ms = s->conn.timeout_ms;
		s->conn.stall_secs = secs;
	}
	s->conn.retry.max_attempts = (unsigned)session_env_number(s,
	    "KLING_TUI_ATTEMPTS", (long)s->conn.retry.max_attempts, 100);
	/* No wait, not even one a Retry-After asks for, is longer than the
	 * longest poll interval: the user set that as what they will wait. */
	if (s->poll.max_ms >= s->conn.retry.backoff_ms &&
	    s->conn.retry.backoff_max_ms > s->poll.max_ms)
		s->conn.retry.backoff_max_ms = (long)s->poll.max_ms;
	/* Downloads: a size cap in MB and a deadline in seconds. */
	s->conn.max_download = (int64_t)session_env_number(s,
	    "KLING_TUI_DOWNLOAD_MAX", s->conn.max_download >> 20, 1 << 20) << 20;
	s->conn.download_ms = session_env_number(s, "KLING_TUI_DOWNLOAD_TIME",
	    s->conn.download_ms / 1000, 7 * 86400) * 1000;
}

/* The trace: KLING_TUI_LOG=FILE, or -v alone: kling-tui.log in the state
 * directory. Off unless asked for. */
static int
session_log(struct session *s, char **cause)
{
	const char *env = getenv("KLING_TUI_LOG");
	char *path;
	int rc;

	if ((env == NULL || *env == '\0') && s->g->verbose == 0)
		return 0;
	if (env != NULL && *env != '\0')
		path = xstrdup(env);
	else
		xasprintf(&path, "%s/kling-tui.log", s->state_dir);
	rc = log_open(path, s->g->verbose > 0 ? s->g->verbose : LOG_INFO,
	    session_env_number(s, "KLING_TUI_LOG_MAX", 0, LONG_MAX) , cause);
	free(path);
	if (rc == 0)
		log_msg(LOG_INFO, "session", "%s %s starts", PACKAGE_NAME, PACKAGE_VERSION);
	return rc;
}

static int
session_fail(struct session *s, int code)
{
	session_close(s);
	return code;
}

int
session_open(struct session *s, const struct app_globals *g, unsigned need,
    char **cause)
{
	struct conf *cf;
	char *path = NULL;
	size_t i;
	int rc;

	memset(s, 0, sizeof *s);
	s->g = g;
	if ((cf = conf_load(NULL, cause)) == NULL)
		return EXIT_USAGE;
	for (i = 0; i < cf->nwarnings; i++)
		session_warn(s, xstrdup(cf->warnings[i]));
	s->bell = cf->bell;
	s->notify = cf->notify;
	if (cf->download_dir != NULL)
		s->download_dir = conf_expand_home(cf->download_dir);
	sched_default_params(&s->poll);
	s->poll.min_ms = (int64_t)cf->poll_min_seconds * 1000;
	s->poll.max_ms = (int64_t)cf->poll_max_seconds * 1000;
	s->rate = cf->requests_per_second;
	if (s->poll.focus_ms > s->poll.min_ms)
		s->poll.focus_ms = s->poll.min_ms;
	rc = EXIT_USAGE;
	if ((s->state_dir = conf_state_dir(cause)) == NULL)
		goto fail;
	if (g->demo && session_demo_dir(s, cause) != 0)
		goto fail;
	if (session_log(s, cause) != 0)
		goto fail;
	if (g->demo && (need & SESSION_NET)) {
		if (session_start_sim(s, cause) != 0)
			goto fail;
	} else if (!g->demo) {
		s->base_url = xstrdup(conf_base_url(cf, g->base_url));
		s->key = conf_api_key(cf, &s->key_problem);
	}
	if ((need & SESSION_KEY) && (need & SESSION_NET) && s->key == NULL) {
		/* Nothing was sent: a setting to fix, not a refusal. */
		xasprintf(cause, _("%s (nothing was sent)"), s->key_problem);
		goto fail;
	}
	log_secret(s->key);
	if (need & SESSION_NET) {
		session_conn(s, cf);
		log_msg(LOG_INFO, "session", "%s%s, key %s, timeout %ld ms, %u attempts",
		    s->base_url, g->demo ? " (demo)" : "", s->key != NULL ? "set" : "none",
		    s->conn.timeout_ms, s->conn.retry.max_attempts);
		/* libcurl loads on the other processor while the store
		 * opens here (after kling-sim's fork: nothing is loading
		 * in a process that forks). */
		if ((need & SESSION_PRELOAD) && (need & SESSION_STORE))
			net_preload();
	}
	if (need & SESSION_STORE) {
		if (g->demo)
			xasprintf(&path, "%s/tasks.db", s->state_dir);
		s->store = (need & SESSION_READONLY) ?
		    store_open_readonly(path, cause) : store_open(path, cause);
		if (s->store == NULL)
			goto fail;
		log_msg(LOG_DEBUG, "store", "opened %s", store_path(s->store));
	}
	/* On hold (the full screen's first frame, a watch before it knows
	 * what to ask), libcurl is made ready later: worker_release(). */
	if ((need & SESSION_NET) && !worker_held_now() && net_global_init(cause) != 0) {
		rc = EXIT_NETWORK;
		goto fail;
	}
	free(path);
	conf_free(&cf);
	return EXIT_OK;
fail:
	free(path);
	conf_free(&cf);
	return session_fail(s, rc);
}

int
session_start_engine(struct session *s, const struct worker_limits *lim, char **cause)
{
	if (s->store == NULL || s->base_url == NULL || s->key == NULL) {
		*cause = xstrdup(s->key_problem != NULL ? s->key_problem :
		    "the session has no connection");
		return EXIT_SERVICE;
	}
	if ((s->worker = worker_start(&s->conn, lim, cause)) == NULL)
		return EXIT_NETWORK;
	s->tracker = tracker_new(s->store, s->worker, &s->poll);
	tracker_set_budget(s->tracker, s->rate, true);
	return EXIT_OK;
}

void
session_abandon_worker(struct session *s)
{
	/* Leaked on purpose: the process is about to die, and freeing what a
	 * wedged thread holds would only race with it. */
	s->worker = NULL;
	s->tracker = NULL;
}

void
session_close(struct session *s)
{
	size_t i;

	if (s->tracker != NULL) {
		tracker_detach(s->tracker);
		tracker_set_hooks(s->tracker, NULL, NULL);
		/* Answers already in hand are recorded first; then a create
		 * still on its way is kept as unknown, never sent again. */
		tracker_take(s->tracker);
		tracker_abandon(s->tracker);
	}
	tracker_free(&s->tracker);
	/* The store first: nothing the worker still does touches it (the
	 * tracker that recorded its answers is gone), and a closed worker's
	 * thread ends meanwhile instead of being waited for. */
	store_close(&s->store);
	worker_stop(&s->worker);
	/* A load begun beside the store and not needed after all ends here,
	 * not cut off by the process's end. */
	net_preload_end();
	demo_stop(&s->sim);
	free(s->base_url);
	if (s->key != NULL) {
		/* Not left lying in freed memory for a core dump to show. */
		explicit_bzero(s->key, strlen(s->key));
		free(s->key);
	}
	free(s->key_problem);
	free(s->cacert);
	free(s->download_dir);
	free(s->state_dir);
	for (i = 0; i < s->nwarnings; i++)
		free(s->warnings[i]);
	free(s->warnings);
	memset(s, 0, sizeof *s);
	log_close();
}
