/* kling-tui: the polling scheduler: which task to ask about, and when.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Pure bookkeeping: every call is given the time ("now", in milliseconds of
 * one monotonic clock, clock_ms() in the program, any number in tests), so
 * nothing here sleeps or reads a clock by itself. */
#ifndef KT_SCHEDULE_H
#define KT_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sched_params {
	int64_t	min_ms;		/* a young task's interval */
	int64_t	max_ms;		/* the longest interval, however old */
	int64_t	focus_ms;	/* the task the user looks at */
	int64_t	age_divisor;	/* interval = age / divisor, within min..max */
	int64_t	batch_ms;	/* tasks due this close together share a wake-up */
};

/* 3 s, 60 s, 1.5 s, 10 (a task 5 minutes old is asked every 30 s), 500 ms. */
void	sched_default_params(struct sched_params *);

struct sched;

struct sched	*sched_new(const struct sched_params *);	/* NULL: defaults */
void		 sched_free(struct sched **);

/* Follow a task that is already age_ms old: due at once when poll_now, else
 * after its interval. Adding a key again only updates its age. */
void	sched_add(struct sched *, const char *key, int64_t now, int64_t age_ms,
	    bool poll_now);
/* Forget a task (it is final). */
void	sched_remove(struct sched *, const char *key);
/* Followed (due or in flight). */
bool	sched_has(const struct sched *, const char *key);
size_t	sched_count(const struct sched *);

/* Poll this task at focus_ms while the user looks at it; NULL: no focus. */
void	sched_focus(struct sched *, const char *key, int64_t now);

/* The tasks due by now (or within batch_ms of it), earliest first (ties in
 * the order they were added), at most
 * max of them, unless a back-off is running. Each is then in flight: not due
 * again until sched_done(). The keys stay valid until sched_remove(). */
size_t	sched_take_due(struct sched *, int64_t now, const char **keys, size_t max);
/* Its answer arrived (or failed): due again after its interval. */
void	sched_done(struct sched *, const char *key, int64_t now);

/* The service asked us to slow down (429, 455, 5xx): nothing is due before
 * now + hint_ms; with hint_ms < 0 (no Retry-After), a wait that doubles from
 * min_ms up to max_ms with each back-off in a row. */
void	sched_backoff(struct sched *, int64_t now, int64_t hint_ms);
/* An answer came through: the next back-off starts small again. */
void	sched_ok(struct sched *);

/* Milliseconds until something is due (0: now), or -1 when nothing will be
 * (nothing followed, or all in flight): a poll() timeout, so that an idle
 * program does not wake up. */
int64_t	sched_next_due(const struct sched *, int64_t now);

/* When this task is next due, or -1 (unknown key, or in flight). */
int64_t	sched_due_at(const struct sched *, const char *key);

#endif
