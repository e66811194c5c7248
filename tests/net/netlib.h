/* kling-tui tests: what the network tests share: a connection that fails
 * fast, and waiting for a worker's result the way a UI does.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Times are core's clock_ms() (clock.h), the clock the worker reads. */
#ifndef KT_NETLIB_H
#define KT_NETLIB_H

#include "worker.h"

/* The key netlib_conn() sends. */
#define NETLIB_KEY "secret-key"

/* api_conn_init() and then what a test wants to see fail within seconds:
 * url as base_url, NETLIB_KEY, 1 s timeouts and stall, 3 attempts from
 * 20 ms apart (at most 3 s). A test changes what it needs after. */
void	netlib_conn(struct api_conn *, const char *url);

/* The next WORKER_DONE event, polling worker_fd() as a UI would; progress
 * events are counted into *progress (may be NULL) and dropped. 1 when *ev
 * was filled, 0 when timeout_ms passed first. */
int	netlib_wait_done(struct worker *, struct worker_event *ev,
	    int timeout_ms, int *progress);

/* How many threads of this process are named name (kt-worker: the
 * network thread; a sanitizer's own have other names), and in dir
 * ("/proc/self/task/TID", may be NULL) the last one's directory. */
int	netlib_threads_named(const char *name, char *dir, size_t len);

#endif
