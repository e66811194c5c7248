/* kling-tui: the network worker thread and its curl multi loop.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * The lock guards the job list (membership, state, cancel flags), the
 * outbox, the counters and the back-off time. A job's transfer (its xfer and
 * result) is the worker thread's alone once submitted. The wakeup pipe holds
 * a byte exactly when the outbox is not empty: both change under the lock. */
#include "config.h"

#include <sys/queue.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "worker.h"
#include "thread.h"
#include "xfer.h"
#include "xmalloc.h"
#include "i18n.h"

/* At most this many easy handles are kept for reuse (a sweep runs 8). */
#define WORKER_SPARES 16

enum job_state { JOB_WAITING, JOB_RUNNING };

struct job {
	uint64_t		 id;
	uint64_t		 tag;
	enum job_state		 state;
	bool			 cancel;
	int64_t			 due_ms;	/* may start (clock_ms) */
	bool			 unchecked;	/* queued on hold: xfer_copy() only */
	struct xfer		 x;
	struct api_result	 res;
	int			 attempts;
	struct worker		*w;
	TAILQ_ENTRY(job)	 entry;
};

struct event_item {
	struct worker_event		ev;
	TAILQ_ENTRY(event_item)		entry;
};

struct worker {
	struct net_conn		*conn;
	struct worker_limits	 limits;
	CURLM			*multi;		/* NULL: on hold, or down */
	pthread_t		 thread;
	bool			 started;	/* the thread runs */
	char			*down;		/* the network never came up: why */
	struct worker		*held_next;	/* worker_hold()'s list */
	int			 pipe[2];

	pthread_mutex_t		 lock;
	TAILQ_HEAD(, job)	 jobs;
	TAILQ_HEAD(event_item_head, event_item) outbox;
	uint64_t		 next_id;
	unsigned		 pending;
	int64_t			 hold_until_ms;	/* the global back-off */
	bool			 draining;
	bool			 ready;		/* libcurl up: the thread may start */
	bool			 closing;	/* worker_close(): no more jobs */
	bool			 stopping;

	/* Whether the thread sleeps (or is about to) in curl_multi_poll()
	 * with nothing left to launch: only then does a new job wake it.
	 * submitted counts the jobs queued, so that the thread sees one
	 * queued between its last look and its sleep (under the lock). */
	bool			 sleeping;
	uint64_t		 submitted;

	/* The worker thread's own. */
	unsigned		 running;
	unsigned		 running_creates;
	long			 maxconns;	/* CURLMOPT_MAXCONNECTS now */
	/* Easy handles of ended jobs, reset and reused by the next: a
	 * handle's set-up and its 16 KB buffer cost more than a sweep's
	 * query itself (under the lock). */
	CURL			*spare[WORKER_SPARES];
	unsigned		 nspare;
	bool			 fault_fatal;	/* set before it starts */
};

/* Between worker_hold() and worker_release(): the workers made meanwhile. */
static bool		 worker_holding;
static struct worker	*worker_held;

void
worker_limits_init(struct worker_limits *l)
{
	l->max_transfers = 8;
	l->max_creates = 2;
	l->start_away = false;
}

void
worker_event_clear(struct worker_event *ev)
{
	api_result_clear(&ev->result);
	memset(ev, 0, sizeof *ev);
}

/* Under the lock. */
static void
worker_push(struct worker *w, struct event_item *it)
{
	bool	was_empty = TAILQ_EMPTY(&w->outbox);

	TAILQ_INSERT_TAIL(&w->outbox, it, entry);
	if (was_empty) {
		/* The pipe is empty whenever the outbox is, so one byte
		 * always fits. */
		while (write(w->pipe[1], "", 1) == -1 && errno == EINTR)
			;
	}
}

/* Wake the thread to look at its jobs again (none yet: it will when it
 * starts). */
static void
worker_wake(struct worker *w)
{
	/* Under the lock: a closed thread frees its multi handle as it ends. */
	pthread_mutex_lock(&w->lock);
	if (w->started && w->multi != NULL)
		curl_multi_wakeup(w->multi);
	pthread_mutex_unlock(&w->lock);
}

/* Under the lock: answer job id at once with a local error: a request
 * that cannot be sent. */
static void
worker_refuse(struct worker *w, uint64_t id, uint64_t tag, enum api_kind kind,
    const char *cause)
{
	struct event_item	*it = xcalloc(1, sizeof *it);

	it->ev.type = WORKER_DONE;
	it->ev.id = id;
	it->ev.tag = tag;
	it->ev.result.kind = kind;
	it->ev.result.outcome = API_LOCAL_ERROR;
	it->ev.result.retry_after = -1;
	it->ev.result.bytes = it->ev.result.total = -1;
	it->ev.result.message = response_text(cause, strlen(cause));
	worker_push(w, it);
}

/* Under the lock: an ended job's easy handle goes back for the next. */
static void
worker_spare_put(struct worker *w, struct xfer *x)
{
	if (x->easy != NULL && w->nspare < WORKER_SPARES) {
		w->spare[w->nspare++] = x->easy;
		x->easy = NULL;
	}
}

static void
worker_spare_free(struct worker *w)
{
	while (w->nspare > 0)
		curl_easy_cleanup(w->spare[--w->nspare]);
}

/* Under the lock: the job ends; its result moves into a DONE event. */
static void
worker_end(struct worker *w, struct job *j)
{
	struct event_item	*it = xcalloc(1, sizeof *it);

	it->ev.type = WORKER_DONE;
	it->ev.id = j->id;
	it->ev.tag = j->tag;
	it->ev.result = j->res;
	memset(&j->res, 0, sizeof j->res);
	worker_push(w, it);
	TAILQ_REMOVE(&w->jobs, j, entry);
	if (j->state == JOB_RUNNING) {
		curl_multi_remove_handle(w->multi, j->x.easy);
		w->running--;
		if (j->x.req.kind == API_CREATE)
			w->running_creates--;
	}
	worker_spare_put(w, &j->x);
	xfer_free(&j->x);
	free(j);
}

static void
worker_cancelled(struct worker *w, struct job *j)
{
	int64_t	bytes = j->x.offset + j->x.written;

	api_result_clear(&j->res);
	j->res.kind = j->x.req.kind;
	j->res.outcome = API_CANCELLED;
	j->res.attempts = j->attempts;
	j->res.message = xstrdup("cancelled");
	j->res.bytes = j->x.req.kind == API_DOWNLOAD ? bytes : -1;
	j->res.total = j->x.total;
	worker_end(w, j);
}

/* Worker thread, during curl_multi_perform: a download moved. Coalesced
 * with a report not yet taken, so a slow taker never piles them up. */
static void
worker_progress(struct xfer *x, int64_t now, int64_t total)
{
	struct job		*j = x->owner;
	struct worker		*w = j->w;
	struct event_item	*it;

	pthread_mutex_lock(&w->lock);
	TAILQ_FOREACH_REVERSE(it, &w->outbox, event_item_head, entry) {
		if (it->ev.id == j->id && it->ev.type == WORKER_PROGRESS)
			break;
	}
	if (it == NULL) {
		it = xcalloc(1, sizeof *it);
		it->ev.type = WORKER_PROGRESS;
		it->ev.id = j->id;
		it->ev.tag = j->tag;
		it->ev.result.kind = API_DOWNLOAD;
		it->ev.result.outcome = API_OK;
		it->ev.result.retry_after = -1;
		worker_push(w, it);
	}
	it->ev.result.bytes = now;
	it->ev.result.total = total;
	pthread_mutex_unlock(&w->lock);
}

/* The global back-off is the service's: a result link on a CDN or an
 * image elsewhere neither causes it nor waits for it. */
static bool
worker_is_api(enum api_kind k)
{
	return k == API_CREATE || k == API_TASK_INFO || k == API_BALANCE;
}

/* Under the lock: start a job's next attempt. A job that cannot start
 * ends API_LOCAL_ERROR and the worker goes on: fatal() here would run the
 * UI's hook, which stops the worker, on the thread holding the lock. */
static void
worker_launch(struct worker *w, struct job *j)
{
	CURLMcode	rc;

	if (w->fault_fatal)	/* a test's fault: see worker_start() */
		fatal("forced by KLING_TUI_FAULT=worker-fatal");
	j->attempts++;
	if (j->x.easy == NULL && w->nspare > 0)
		j->x.easy = w->spare[--w->nspare];	/* xfer_setup resets it */
	if (xfer_setup(&j->x, &j->res) != 0)
		goto failed;
	if ((rc = curl_multi_add_handle(w->multi, j->x.easy)) != CURLM_OK) {
		xfer_local_error(&j->x, &j->res, _("cannot start the request: %s"),
		    curl_multi_strerror(rc));
		goto failed;
	}
	j->state = JOB_RUNNING;
	w->running++;
	if (j->x.req.kind == API_CREATE)
		w->running_creates++;
	return;

failed:
	j->res.attempts = j->attempts;
	worker_end(w, j);
}

/* Under the lock: cancel what was asked, start what is due and fits.
 * Returns the milliseconds until the next job becomes due (INT_MAX: none:
 * the thread then sleeps until woken). */
static int
worker_schedule(struct worker *w)
{
	struct job	*j, *jn;
	int64_t		 now = clock_ms(), at, wait = INT_MAX;
	bool		 create;

	for (j = TAILQ_FIRST(&w->jobs); j != NULL; j = jn) {
		jn = TAILQ_NEXT(j, entry);	/* j may end below */
		if (j->cancel) {
			worker_cancelled(w, j);
			continue;
		}
		if (j->state != JOB_WAITING)
			continue;
		at = j->due_ms;
		if (worker_is_api(j->x.req.kind) && w->hold_until_ms > at)
			at = w->hold_until_ms;
		if (at > now) {
			if (at - now < wait)
				wait = at - now;
			continue;
		}
		create = j->x.req.kind == API_CREATE;
		if (w->running >= w->limits.max_transfers ||
		    (create && w->running_creates >= w->limits.max_creates))
			continue;	/* a finishing transfer re-runs this */
		worker_launch(w, j);
	}
	return (int)wait;
}

/* Worker thread: an attempt ended; retry it later or report it. */
static void
worker_done(struct worker *w, CURL *easy, CURLcode rc)
{
	struct xfer	*x = NULL;
	struct job	*j;
	long		 delay, hold;
	int64_t		 now;

	curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&x);
	j = x->owner;
	xfer_finish(x, rc, &j->res);
	/* Nobody waits longer than the cap whatever the service says
	 * (Retry-After: 99999999 would silence a watch for years, and
	 * 2^63-1 overflows once in milliseconds): everyone above sees the
	 * clamped value. */
	if (j->res.retry_after > w->conn->retry.backoff_max_ms / 1000)
		j->res.retry_after = w->conn->retry.backoff_max_ms / 1000;
	j->res.attempts = j->attempts;
	delay = retry_delay(&w->conn->retry, &j->res);
	now = clock_ms();
	if (delay >= 0 && !j->cancel)
		log_msg(LOG_DEBUG, "worker", "%s: attempt %d failed (%s); again in %ld ms",
		    api_kind_name(x->req.kind), j->attempts,
		    api_outcome_name(j->res.outcome), delay);

	pthread_mutex_lock(&w->lock);
	if (worker_is_api(x->req.kind) && retry_is_global(&j->res)) {
		/* The service is overloaded: everyone holds back. */
		if (j->res.retry_after >= 0)
			hold = j->res.retry_after * 1000;
		else
			hold = delay >= 0 ? delay : w->conn->retry.backoff_ms;
		if (hold > w->conn->retry.backoff_max_ms)
			hold = w->conn->retry.backoff_max_ms;
		if (now + hold > w->hold_until_ms)
			w->hold_until_ms = now + hold;
	}
	if (j->cancel)
		worker_cancelled(w, j);
	else if (delay >= 0 && !w->draining) {
		curl_multi_remove_handle(w->multi, easy);
		w->running--;
		if (x->req.kind == API_CREATE)
			w->running_creates--;
		j->state = JOB_WAITING;
		j->due_ms = now + delay;
	} else
		worker_end(w, j);
	pthread_mutex_unlock(&w->lock);
}

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	struct CURLMsg	*msg;
	struct job	*j;
	int		 timeout, still, left;
	long		 keep;
	uint64_t	 seen;
	bool		 ended;

	/* Named for top -H, debuggers and the tests, by itself: it may start
	 * on its first job (and a test's fault) before its maker goes on. */
	pthread_setname_np(pthread_self(), "kt-worker");
	for (;;) {
		pthread_mutex_lock(&w->lock);
		w->sleeping = false;
		if (w->stopping) {
			pthread_mutex_unlock(&w->lock);
			break;
		}
		timeout = worker_schedule(w);
		seen = w->submitted;
		/* Closed: no more connections are kept than jobs are left, so
		 * that each one is closed as its last transfer ends, beside
		 * the others still running, not all at the thread's end. */
		keep = 0;
		if (w->closing)
			TAILQ_FOREACH(j, &w->jobs, entry)
				keep++;
		pthread_mutex_unlock(&w->lock);
		if (keep > 0 && keep < w->maxconns) {
			w->maxconns = keep;
			curl_multi_setopt(w->multi, CURLMOPT_MAXCONNECTS, keep);
		}

		curl_multi_perform(w->multi, &still);
		ended = false;
		while ((msg = curl_multi_info_read(w->multi, &left)) != NULL) {
			if (msg->msg == CURLMSG_DONE) {
				worker_done(w, msg->easy_handle,
				    msg->data.result);
				ended = true;
			}
		}
		if (ended)
			continue;	/* slots freed: schedule again first */
		/* A job queued since the look above is launched first; else
		 * the jobs queued from now on wake the thread. */
		pthread_mutex_lock(&w->lock);
		if (w->submitted != seen || w->stopping) {
			pthread_mutex_unlock(&w->lock);
			continue;
		}
		/* Closed and nothing left: the thread ends now, its events
		 * waiting to be taken, and worker_stop() has no one to wake.
		 * It closes its connections itself (0.4 ms on this thread, not
		 * on the main one's way out). */
		if (w->closing && TAILQ_EMPTY(&w->jobs)) {
			CURLM *m = w->multi;

			w->multi = NULL;
			worker_spare_free(w);
			pthread_mutex_unlock(&w->lock);
			curl_multi_cleanup(m);
			break;
		}
		w->sleeping = true;
		pthread_mutex_unlock(&w->lock);
		/* Sleeps until a socket moves, curl's own timer, the next
		 * due job, or curl_multi_wakeup(): nothing else. */
		curl_multi_poll(w->multi, NULL, 0, timeout, NULL);
	}
	return NULL;
}

/* What worker_start() set up, once no thread runs: the failed start and
 * worker_stop() undo it the same way. */
static void
worker_free(struct worker *w)
{
	worker_spare_free(w);
	if (w->multi != NULL)
		curl_multi_cleanup(w->multi);
	free(w->down);
	net_conn_free(&w->conn);
	pthread_mutex_destroy(&w->lock);
	close(w->pipe[0]);
	close(w->pipe[1]);
	free(w);
}

/* The thread. Main thread. 0, or -1 and *cause. */
static int
worker_spawn(struct worker *w, char **cause)
{
	int		error;

	/* Born with every signal blocked: handlers run on the UI thread. */
	if ((error = thread_start(&w->thread, worker_main, w,
	    w->limits.start_away)) != 0) {
		xasprintf(cause, "pthread_create: %s", strerror(error));
		return -1;
	}
	w->started = true;
	return 0;
}

/* The multi handle, for a worker whose libcurl is loaded, and the thread
 * once there is a job: a thread started with nothing to do would go to
 * sleep, and the first job would have to wake it on the other core, which
 * takes longer on this kind of machine than starting it (0.4 ms against
 * 0.1). Main thread. 0, or -1 and *cause (w->multi left NULL). */
static int
worker_run(struct worker *w, char **cause)
{
	if ((w->multi = curl_multi_init()) == NULL) {
		*cause = xstrdup("curl_multi_init failed");
		return -1;
	}
	/* Keep a connection per transfer slot alive between requests, so
	 * that a sweep of many queries reuses a handful of connections. */
	w->maxconns = (long)w->limits.max_transfers + 2;
	curl_multi_setopt(w->multi, CURLMOPT_MAXCONNECTS, w->maxconns);
	w->ready = true;
	if (!TAILQ_EMPTY(&w->jobs) && worker_spawn(w, cause) != 0) {
		curl_multi_cleanup(w->multi);
		w->multi = NULL;
		return -1;
	}
	return 0;
}

struct worker *
worker_start(const struct api_conn *ac, const struct worker_limits *limits,
    char **cause)
{
	struct worker	*w = xcalloc(1, sizeof *w);
	const char	*fault;

	if (limits != NULL)
		w->limits = *limits;
	else
		worker_limits_init(&w->limits);
	if (w->limits.max_transfers == 0)
		w->limits.max_transfers = 1;
	if (w->limits.max_creates == 0)
		w->limits.max_creates = 1;
	/* Fault injection for the tests of the fatal() hand-off, never for
	 * use: with KLING_TUI_FAULT=worker-fatal the worker thread calls
	 * fatal() as it starts its first transfer, holding its lock, the
	 * very place where fatal()'s UI hook (which stops the worker) would
	 * deadlock unless fatal() hands the call to the main thread. Read
	 * once, here, before the thread exists. */
	fault = getenv("KLING_TUI_FAULT");
	w->fault_fatal = fault != NULL && strcmp(fault, "worker-fatal") == 0;
	if (pipe2(w->pipe, O_NONBLOCK | O_CLOEXEC) == -1) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		free(w);
		return NULL;
	}
	w->conn = net_conn_new(ac);
	TAILQ_INIT(&w->jobs);
	TAILQ_INIT(&w->outbox);
	pthread_mutex_init(&w->lock, NULL);
	if (worker_holding) {
		w->held_next = worker_held;
		worker_held = w;
		return w;
	}
	if (worker_run(w, cause) != 0) {
		worker_free(w);
		return NULL;
	}
	return w;
}

void
worker_hold(void)
{
	worker_holding = true;
}

bool
worker_held_now(void)
{
	return worker_holding;
}

/* A held worker's network is up: check what was queued, start the thread;
 * or it is down (why): every queued request fails with that. */
static void
worker_go(struct worker *w, const char *why)
{
	struct job	*j, *jn;
	char		*cause = NULL;
	enum api_kind	 kind;

	pthread_mutex_lock(&w->lock);
	for (j = TAILQ_FIRST(&w->jobs); j != NULL; j = jn) {
		jn = TAILQ_NEXT(j, entry);
		kind = j->x.req.kind;
		if (why == NULL && !j->unchecked)
			continue;
		if (why == NULL && xfer_check(&j->x, &cause) == 0) {
			j->unchecked = false;
			continue;
		}
		/* xfer_check() freed the xfer when it failed. */
		worker_refuse(w, j->id, j->tag, kind, why != NULL ? why : cause);
		TAILQ_REMOVE(&w->jobs, j, entry);
		if (why != NULL)
			xfer_free(&j->x);
		free(cause);
		cause = NULL;
		free(j);
	}
	if (why != NULL)
		w->down = xstrdup(why);
	pthread_mutex_unlock(&w->lock);
}

int
worker_release(char **cause)
{
	struct worker	*w;
	char		*why = NULL;
	int		 rc;

	if (!worker_holding)
		return 0;
	worker_holding = false;
	rc = net_global_init(&why);
	while ((w = worker_held) != NULL) {
		worker_held = w->held_next;
		w->held_next = NULL;
		/* Every queued request is checked (its URL built) before the
		 * thread starts: a thread started first could take one whose
		 * URL is not built yet ("No URL set"). */
		if (rc == 0)
			worker_go(w, NULL);
		if (rc == 0 && worker_run(w, &why) != 0)
			rc = -1;
		if (rc != 0)
			worker_go(w, why);
	}
	if (rc != 0)
		*cause = why;
	return rc;
}

uint64_t
worker_submit(struct worker *w, const struct api_request *req, uint64_t tag)
{
	struct job	*j = xcalloc(1, sizeof *j);
	char		*cause = NULL;
	uint64_t	 id;
	int		 bad = 0;
	bool		 held = !w->ready && w->down == NULL, wake, spawn;

	/* Copied and checked on the caller's thread: conn never changes. On
	 * hold, the check needs libcurl and waits for worker_release(). */
	if (held) {
		xfer_copy(&j->x, w->conn, req);
		j->unchecked = true;
	} else if (w->down == NULL)
		bad = xfer_init(&j->x, w->conn, req, &cause);
	pthread_mutex_lock(&w->lock);
	if (w->draining || w->closing || w->stopping) {
		pthread_mutex_unlock(&w->lock);
		if (bad == 0)
			xfer_free(&j->x);
		free(cause);
		free(j);
		return 0;
	}
	id = ++w->next_id;
	w->pending++;
	if (bad != 0 || w->down != NULL) {
		/* Unusable (a refused URL, no network at all): answered at
		 * once, the same way as any other failure. */
		worker_refuse(w, id, tag, req->kind, w->down != NULL ? w->down : cause);
		pthread_mutex_unlock(&w->lock);
		free(cause);
		free(j);
		return id;
	}
	j->id = id;
	j->tag = tag;
	j->w = w;
	j->state = JOB_WAITING;
	j->x.owner = j;
	if (req->kind == API_DOWNLOAD)
		j->x.progress = worker_progress;
	TAILQ_INSERT_TAIL(&w->jobs, j, entry);
	w->submitted++;
	/* Only a thread asleep with a free slot needs waking. One awake
	 * schedules again before it sleeps (it sees submitted move); with
	 * every slot busy, the end of a transfer schedules again (under this
	 * lock, after it frees its slot) and starts this job then. A sweep
	 * queues most of its queries so: a wake-up would only cost a turn. */
	wake = w->sleeping && w->running < w->limits.max_transfers;
	spawn = w->ready && !w->started;
	pthread_mutex_unlock(&w->lock);
	if (spawn && worker_spawn(w, &cause) != 0) {
		/* No thread: this job, and any to come, fail with why. */
		worker_go(w, cause);
		free(cause);
	} else if (wake)
		worker_wake(w);
	return id;
}

int
worker_fd(struct worker *w)
{
	return w->pipe[0];
}

int
worker_take(struct worker *w, struct worker_event *ev)
{
	struct event_item	*it;
	char			 buf[64];
	ssize_t			 n;

	pthread_mutex_lock(&w->lock);
	if ((it = TAILQ_FIRST(&w->outbox)) == NULL) {
		pthread_mutex_unlock(&w->lock);
		return 0;
	}
	TAILQ_REMOVE(&w->outbox, it, entry);
	if (it->ev.type == WORKER_DONE)
		w->pending--;
	if (TAILQ_EMPTY(&w->outbox)) {
		do
			n = read(w->pipe[0], buf, sizeof buf);
		while (n > 0 || (n == -1 && errno == EINTR));
	}
	pthread_mutex_unlock(&w->lock);
	*ev = it->ev;
	free(it);
	return 1;
}

int
worker_cancel(struct worker *w, uint64_t id)
{
	struct job	*j;
	int		 rc = 0;

	pthread_mutex_lock(&w->lock);
	if (id == 0 || id > w->next_id)
		rc = -1;
	else {
		TAILQ_FOREACH(j, &w->jobs, entry) {
			if (j->id == id)
				break;
		}
		if (j != NULL && j->x.req.kind == API_CREATE &&
		    j->state == JOB_RUNNING)
			rc = -1;	/* its fate would become unknown */
		else if (j != NULL)
			j->cancel = true;
	}
	pthread_mutex_unlock(&w->lock);
	if (rc == 0)
		worker_wake(w);
	return rc;
}

unsigned
worker_pending(struct worker *w)
{
	unsigned	n;

	pthread_mutex_lock(&w->lock);
	n = w->pending;
	pthread_mutex_unlock(&w->lock);
	return n;
}

bool
worker_backoff_until(struct worker *w, time_t *until)
{
	int64_t	hold, now;

	pthread_mutex_lock(&w->lock);
	hold = w->hold_until_ms;
	pthread_mutex_unlock(&w->lock);
	now = clock_ms();
	if (hold <= now)
		return false;
	*until = time(NULL) + (time_t)((hold - now + 999) / 1000);
	return true;
}

void
worker_drain(struct worker *w)
{
	struct job	*j;

	pthread_mutex_lock(&w->lock);
	w->draining = true;
	TAILQ_FOREACH(j, &w->jobs, entry) {
		if (j->x.req.kind != API_CREATE || j->state != JOB_RUNNING)
			j->cancel = true;
	}
	pthread_mutex_unlock(&w->lock);
	worker_wake(w);
}

void
worker_close(struct worker *w)
{
	bool wake;

	pthread_mutex_lock(&w->lock);
	w->closing = true;
	wake = w->sleeping;
	pthread_mutex_unlock(&w->lock);
	if (wake)
		worker_wake(w);
}

void
worker_stop(struct worker **wp)
{
	struct worker		*w = *wp;
	struct job		*j;
	struct event_item	*it;

	if (w == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = true;
	pthread_mutex_unlock(&w->lock);
	if (w->started) {
		worker_wake(w);
		pthread_join(w->thread, NULL);
	} else {
		/* Never started (on hold, or down): off the held list. */
		for (struct worker **p = &worker_held; *p != NULL; p = &(*p)->held_next)
			if (*p == w) {
				*p = w->held_next;
				break;
			}
	}

	while ((j = TAILQ_FIRST(&w->jobs)) != NULL) {
		TAILQ_REMOVE(&w->jobs, j, entry);
		if (j->state == JOB_RUNNING)
			curl_multi_remove_handle(w->multi, j->x.easy);
		xfer_free(&j->x);
		api_result_clear(&j->res);
		free(j);
	}
	while ((it = TAILQ_FIRST(&w->outbox)) != NULL) {
		TAILQ_REMOVE(&w->outbox, it, entry);
		worker_event_clear(&it->ev);
		free(it);
	}
	worker_free(w);
	*wp = NULL;
}
