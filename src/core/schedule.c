/* kling-tui: the polling scheduler: which task to ask about, and when.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "keyindex.h"
#include "schedule.h"
#include "xmalloc.h"

struct sched_item {
	char	*key;
	int64_t	 born;		/* when the task was created */
	int64_t	 last;		/* last answer (or when added) */
	int64_t	 due;
	bool	 in_flight;
};

struct sched {
	struct sched_params	 p;
	struct sched_item	*v;
	size_t			 n;
	size_t			 cap;
	struct keyindex		 index;		/* key -> slot of v */
	char			*focus;
	int64_t			 backoff_until;
	int64_t			 backoff_step;	/* the last doubling wait, 0: none */
};

void
sched_default_params(struct sched_params *p)
{
	p->min_ms = 3000;
	p->max_ms = 60000;
	p->focus_ms = 1500;
	p->age_divisor = 10;
	p->batch_ms = 500;
}

struct sched *
sched_new(const struct sched_params *p)
{
	struct sched *s = xcalloc(1, sizeof *s);

	if (p != NULL)
		s->p = *p;
	else
		sched_default_params(&s->p);
	if (s->p.age_divisor < 1)
		s->p.age_divisor = 1;
	if (s->p.max_ms < s->p.min_ms)
		s->p.max_ms = s->p.min_ms;
	return s;
}

void
sched_free(struct sched **sp)
{
	struct sched *s = *sp;
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		free(s->v[i].key);
	keyindex_clear(&s->index);
	free(s->v);
	free(s->focus);
	free(s);
	*sp = NULL;
}

static struct sched_item *
sched_find(const struct sched *s, const char *key)
{
	size_t i = keyindex_get(&s->index, key);

	return i != KEYINDEX_NONE ? &s->v[i] : NULL;
}

static bool
sched_focused(const struct sched *s, const struct sched_item *it)
{
	return s->focus != NULL && strcmp(s->focus, it->key) == 0;
}

/* Old tasks are asked less often: a render that has taken ten minutes will
 * not be done in the next three seconds. */
static int64_t
sched_interval(const struct sched *s, const struct sched_item *it, int64_t now)
{
	int64_t iv = (now - it->born) / s->p.age_divisor;

	if (iv < s->p.min_ms)
		iv = s->p.min_ms;
	if (iv > s->p.max_ms)
		iv = s->p.max_ms;
	if (sched_focused(s, it) && iv > s->p.focus_ms)
		iv = s->p.focus_ms;
	return iv;
}

static void
sched_reschedule(struct sched *s, struct sched_item *it, int64_t now)
{
	it->due = it->last + sched_interval(s, it, now);
}

void
sched_add(struct sched *s, const char *key, int64_t now, int64_t age_ms, bool poll_now)
{
	struct sched_item *it;

	if (age_ms < 0)
		age_ms = 0;
	if ((it = sched_find(s, key)) != NULL) {
		it->born = now - age_ms;
		if (!it->in_flight)
			sched_reschedule(s, it, now);
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 16 : s->cap * 2;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	it = &s->v[s->n++];
	it->key = xstrdup(key);
	keyindex_put(&s->index, it->key, s->n - 1);
	it->born = now - age_ms;
	it->last = now;
	it->in_flight = false;
	if (poll_now)
		it->due = now;
	else
		sched_reschedule(s, it, now);
}

void
sched_remove(struct sched *s, const char *key)
{
	struct sched_item *it;

	if ((it = sched_find(s, key)) == NULL)
		return;
	--s->n;
	keyindex_swap_remove(&s->index, it->key, (size_t)(it - s->v),
	    it != &s->v[s->n] ? s->v[s->n].key : NULL);
	free(it->key);
	*it = s->v[s->n];
}

size_t
sched_count(const struct sched *s)
{
	return s->n;
}

void
sched_focus(struct sched *s, const char *key, int64_t now)
{
	struct sched_item *it;
	size_t i;

	free(s->focus);
	s->focus = key != NULL ? xstrdup(key) : NULL;
	/* The old focus slows down, the new one speeds up, both from their
	 * last answer. */
	for (i = 0; i < s->n; i++) {
		it = &s->v[i];
		if (!it->in_flight)
			sched_reschedule(s, it, now);
	}
}

/* The max earliest due, each the first of its equals: a selection, not a
 * sort. max is one (the tracker takes one at a time, each with its slot of
 * the budget) or a few, and sorting a sweep of 500 for each of its 500
 * queries was most of the scheduler's time. */
size_t
sched_take_due(struct sched *s, int64_t now, const char **keys, size_t max)
{
	struct sched_item *best;
	size_t i, n;

	if (now < s->backoff_until)
		return 0;
	for (n = 0; n < max; n++) {
		best = NULL;
		for (i = 0; i < s->n; i++)
			if (!s->v[i].in_flight && s->v[i].due <= now + s->p.batch_ms &&
			    (best == NULL || s->v[i].due < best->due))
				best = &s->v[i];
		if (best == NULL)
			break;
		best->in_flight = true;
		keys[n] = best->key;
	}
	return n;
}

void
sched_done(struct sched *s, const char *key, int64_t now)
{
	struct sched_item *it;

	if ((it = sched_find(s, key)) == NULL)
		return;
	it->in_flight = false;
	it->last = now;
	sched_reschedule(s, it, now);
}

void
sched_backoff(struct sched *s, int64_t now, int64_t hint_ms)
{
	int64_t wait;

	if (hint_ms >= 0)
		wait = hint_ms;
	else {
		wait = s->backoff_step == 0 ? s->p.min_ms : s->backoff_step * 2;
		if (wait > s->p.max_ms)
			wait = s->p.max_ms;
		s->backoff_step = wait;
	}
	/* Two answers may both ask for a pause: keep the longer. */
	if (now + wait > s->backoff_until)
		s->backoff_until = now + wait;
}

void
sched_ok(struct sched *s)
{
	s->backoff_step = 0;
}

int64_t
sched_next_due(const struct sched *s, int64_t now)
{
	int64_t when = -1;
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!s->v[i].in_flight && (when < 0 || s->v[i].due < when))
			when = s->v[i].due;
	if (when < 0)
		return -1;
	if (when < s->backoff_until)
		when = s->backoff_until;
	return when <= now ? 0 : when - now;
}

bool
sched_has(const struct sched *s, const char *key)
{
	return sched_find(s, key) != NULL;
}

int64_t
sched_due_at(const struct sched *s, const char *key)
{
	const struct sched_item *it = sched_find(s, key);

	if (it == NULL || it->in_flight)
		return -1;
	return it->due;
}
