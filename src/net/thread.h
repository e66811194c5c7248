/* kling-tui: the network layer's threads, started one way.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_NET_THREAD_H
#define KT_NET_THREAD_H

#include <pthread.h>
#include <stdbool.h>

/* Start fn(arg) on a new thread born with every signal blocked, so that
 * handlers run on the main thread (its self-pipe) and never interrupt curl
 * or the loader. away: it starts on another processor than the caller's
 * (Linux would first queue it behind its maker, which may not yield for
 * milliseconds), then may run anywhere its maker may. 0, or the error
 * number. */
int	 thread_start(pthread_t *th, void *(*fn)(void *), void *arg, bool away);

/* How many processors this process may run on (1 when unknown). */
int	 thread_cpus(void);

#endif
