/* kling-tui: the network layer's threads, started one way (thread.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sched.h>
#include <signal.h>
#include <stdlib.h>

#include "thread.h"
#include "xmalloc.h"

struct thread_birth {
	void		*(*fn)(void *);
	void		*arg;
	bool		 away;
	cpu_set_t	 anywhere;	/* where its maker may run */
};

int
thread_cpus(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof set, &set) != 0)
		return 1;
	return CPU_COUNT(&set);
}

/* Started elsewhere, it may then go anywhere its maker may. */
static void *
thread_born(void *p)
{
	struct thread_birth b = *(struct thread_birth *)p;

	free(p);
	if (b.away)
		pthread_setaffinity_np(pthread_self(), sizeof b.anywhere, &b.anywhere);
	return b.fn(b.arg);
}

int
thread_start(pthread_t *th, void *(*fn)(void *), void *arg, bool away)
{
	struct thread_birth *b = xcalloc(1, sizeof *b);
	pthread_attr_t	attr;
	cpu_set_t	set;
	sigset_t	all, old;
	int		cpu, error;

	b->fn = fn;
	b->arg = arg;
	pthread_attr_init(&attr);
	/* Anywhere but here; nothing to choose from on one processor, or
	 * when where "here" is cannot be told. */
	if (away && (cpu = sched_getcpu()) >= 0 &&
	    sched_getaffinity(0, sizeof b->anywhere, &b->anywhere) == 0 &&
	    CPU_ISSET(cpu, &b->anywhere) && CPU_COUNT(&b->anywhere) > 1) {
		set = b->anywhere;
		CPU_CLR(cpu, &set);
		b->away = pthread_attr_setaffinity_np(&attr, sizeof set, &set) == 0;
	}
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	error = pthread_create(th, &attr, thread_born, b);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (error != 0)
		free(b);
	return error;
}
