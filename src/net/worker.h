/* kling-tui: the network worker: one thread owning a curl multi handle.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * The UI (or a CLI loop) submits jobs and never waits on the network: it
 * poll()s worker_fd() beside its other fds and, when readable, drains events
 * with worker_take(). Every function here is safe to call from one thread
 * other than the worker's (the owner); worker_backoff_until() from any.
 *
 * Retries (API.md section 5) happen inside the worker, per job: a query is
 * retried with exponential back-off honouring Retry-After after 429, 455,
 * 5xx and transport failures; a create only when it provably never reached
 * the service or the service said 429/455. A create that timed out or was
 * dropped after its body was sent ends API_NO_ANSWER (api_result_unknown())
 * and is never resent. After a 429/455 the worker holds every new request
 * until the Retry-After time (the global back-off). An idle worker sleeps
 * without any wake-up. */
#ifndef KT_WORKER_H
#define KT_WORKER_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "api.h"

struct worker;

/* Concurrency; worker_limits_init() gives the defaults. The retry policy
 * is the connection's (api_conn.retry). */
struct worker_limits {
	unsigned	max_transfers;	/* in flight at once (8) */
	unsigned	max_creates;	/* creates in flight at once (2) */
	bool		start_away;	/* the thread starts on another processor
					 * than its maker's (false) */
};

void	worker_limits_init(struct worker_limits *);

enum worker_event_type {
	WORKER_DONE,		/* the job ended: result is final */
	WORKER_PROGRESS		/* a download moved: result.bytes/total
				 * (outcome API_OK, nothing else set) */
};

/* What worker_take() hands back. The result is the taker's: release it with
 * worker_event_clear(). */
struct worker_event {
	enum worker_event_type	type;
	uint64_t		id;	/* from worker_submit() */
	uint64_t		tag;	/* the caller's, as submitted */
	struct api_result	result;
};

void	worker_event_clear(struct worker_event *);

/* Start the thread. conn is copied; limits NULL: defaults. NULL + *cause on
 * failure (thread, pipe, curl). net_global_init() must have been called. */
struct worker	*worker_start(const struct api_conn *,
		     const struct worker_limits *, char **cause);

/* The full screen draws its first frame before the network comes up
 * (loading libcurl costs more than the frame). After worker_hold(),
 * worker_start() needs no net_global_init(): the worker it makes queues
 * requests (unchecked, unsent). worker_release() then has libcurl ready
 * (net_global_init: loads it, or waits for net_preload's load) and starts
 * those workers' threads; when libcurl cannot be loaded it returns -1 and
 * *cause "network unavailable: ...", and every request queued or still to
 * come ends API_LOCAL_ERROR with that cause.
 * Main thread only; without worker_hold(), worker_release() does nothing. */
void		 worker_hold(void);
bool		 worker_held_now(void);
int		 worker_release(char **cause);

/* Queue a request (copied) with the caller's tag. Returns the job id (> 0);
 * an unusable request (no body, no task id, a refused URL) gets an id too
 * and ends at once with API_LOCAL_ERROR and the reason. 0 only after
 * worker_drain(). */
uint64_t	 worker_submit(struct worker *, const struct api_request *,
		     uint64_t tag);

/* The fd to poll() for reading: readable while events are waiting. Do not
 * read it; worker_take() drains it. */
int		 worker_fd(struct worker *);

/* Pop one event, oldest first: 1 when *ev was filled, 0 when none. Never
 * blocks. */
int		 worker_take(struct worker *, struct worker_event *ev);

/* Cancel a job. A queued job, a query or a download end with API_CANCELLED
 * (a .part file is kept for a later resume). A create already being sent is
 * not cancelled (that would make its fate unknown): -1. 0 when cancelled or
 * already finished, -1 for an unknown id. */
int		 worker_cancel(struct worker *, uint64_t id);

/* Jobs queued or in flight (not yet taken as WORKER_DONE events). */
unsigned	 worker_pending(struct worker *);

/* While a 429/455 back-off holds requests: true, and *until set to the wall
 * clock time it ends (for "backing off until T"). */
bool		 worker_backoff_until(struct worker *, time_t *until);

/* Begin a clean exit: queued jobs and in-flight queries and downloads end
 * API_CANCELLED; creates being sent run to their end (bounded by the
 * timeout) so that a task id is not lost; further submits are refused. Keep
 * taking events until worker_pending() is 0, then worker_stop(). */
void		 worker_drain(struct worker *);

/* No more jobs will come (a sweep has queued its last question): the
 * thread ends by itself once the jobs it has are done, so that the
 * worker_stop() after their events finds it gone instead of waking it.
 * Further submits are refused (0). */
void		 worker_close(struct worker *);

/* Stop now: everything still in flight is aborted (a create aborted here is
 * never reported: the caller records it as unknown), the thread is joined,
 * events not taken are dropped, and all is freed. Sets *w to NULL. */
void		 worker_stop(struct worker **w);

#endif
