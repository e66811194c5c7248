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
	uint64_t seq;		/* the order it was added in: ties go first */
	size_t	 hpos;		/* its place in the heap; NOT_QUEUED in flight */
	bool	 in_flight;
};

#define NOT_QUEUED ((size_t)-1)

/* The items not in flight are also in a binary heap, earliest due first
 * (then the first added), so that taking the next due and telling when it
 * is cost log n, not a look at every item: a sweep of n tasks was n^2. */
struct sched {
	struct sched_params	 p;
	struct sched_item	*v;
	size_t			 n;
	size_t			 cap;
	struct keyindex		 index;		/* key -> slot of v */
	size_t			*heap;		/* slots of v; cap entries */
	size_t			 hn;
	uint64_t		 seq;
	char			*focus;
	int64_t			 backoff_until;
	int64_t			 backoff_step;	/* the last doubling wait, 0: none */
};

static bool
sched_before(const struct sched *s, size_t a, size_t b)
{
	const struct sched_item *x = &s->v[a], *y = &s->v[b];

	return x->due < y->due || (x->due == y->due && x->seq < y->seq);
}

static void
sched_heap_set(struct sched *s, size_t pos, size_t slot)
{
	s->heap[pos] = slot;
	s->v[slot].hpos = pos;
}

static void
sched_heap_up(struct sched *s, size_t pos)
{
	size_t slot = s->heap[pos], parent;

	while (pos > 0 && sched_before(s, slot, s->heap[parent = (pos - 1) / 2])) {
		sched_heap_set(s, pos, s->heap[parent]);
		pos = parent;
	}
	sched_heap_set(s, pos, slot);
}

static void
sched_heap_down(struct sched *s, size_t pos)
{
	size_t slot = s->heap[pos], child;

	while ((child = 2 * pos + 1) < s->hn) {
		if (child + 1 < s->hn && sched_before(s, s->heap[child + 1], s->heap[child]))
			child++;
		if (!sched_before(s, s->heap[child], slot))
			break;
		sched_heap_set(s, pos, s->heap[child]);
		pos = child;
	}
	sched_heap_set(s, pos, slot);
}

static void
sched_heap_push(struct sched *s, size_t slot)
{
	s->heap[s->hn] = slot;
	sched_heap_up(s, s->hn++);
}

static void
sched_heap_remove(struct sched *s, size_t slot)
{
	size_t pos = s->v[slot].hpos, moved;

	s->v[slot].hpos = NOT_QUEUED;
	if (--s->hn == pos)
		return;
	/* The last entry fills the hole, then finds its place either way. */
	moved = s->heap[s->hn];
	sched_heap_set(s, pos, moved);
	sched_heap_down(s, pos);
	sched_heap_up(s, s->v[moved].hpos);
}

/* Its due time moved: back to its place. */
static void
sched_heap_fix(struct sched *s, size_t slot)
{
	size_t pos = s->v[slot].hpos;

	if (pos == NOT_QUEUED)
		return;
	sched_heap_up(s, pos);
	sched_heap_down(s, s->v[slot].hpos);
}

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
	free(s->heap);
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
		if (!it->in_flight) {
			sched_reschedule(s, it, now);
			sched_heap_fix(s, (size_t)(it - s->v));
		}
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 16 : s->cap * 2;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
		s->heap = xreallocarray(s->heap, s->cap, sizeof *s->heap);
	}
	it = &s->v[s->n++];
	it->key = xstrdup(key);
	keyindex_put(&s->index, it->key, s->n - 1);
	it->born = now - age_ms;
	it->last = now;
	it->seq = s->seq++;
	it->in_flight = false;
	if (poll_now)
		it->due = now;
	else
		sched_reschedule(s, it, now);
	sched_heap_push(s, s->n - 1);
}

void
sched_remove(struct sched *s, const char *key)
{
	struct sched_item *it;

	if ((it = sched_find(s, key)) == NULL)
		return;
	if (it->hpos != NOT_QUEUED)
		sched_heap_remove(s, (size_t)(it - s->v));
	--s->n;
	keyindex_swap_remove(&s->index, it->key, (size_t)(it - s->v),
	    it != &s->v[s->n] ? s->v[s->n].key : NULL);
	free(it->key);
	*it = s->v[s->n];
	/* The last item moved into this slot: its heap entry follows. */
	if (it != &s->v[s->n] && it->hpos != NOT_QUEUED)
		s->heap[it->hpos] = (size_t)(it - s->v);
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
	for (i = s->hn / 2; i-- > 0;)	/* every due moved: heapify again */
		sched_heap_down(s, i);
}

/* The max earliest due, each the first of its equals: a selection, not a
 * sort. max is one (the tracker takes one at a time, each with its slot of
 * the budget) or a few, and sorting a sweep of 500 for each of its 500
 * queries was most of the scheduler's time. */
size_t
sched_take_due(struct sched *s, int64_t now, const char **keys, size_t max)
{
	struct sched_item *best;
	size_t n;

	if (now < s->backoff_until)
		return 0;
	for (n = 0; n < max && s->hn > 0; n++) {
		best = &s->v[s->heap[0]];
		if (best->due > now + s->p.batch_ms)
			break;
		sched_heap_remove(s, s->heap[0]);
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
	if (!it->in_flight)	/* asked again while due: it is queued */
		sched_heap_remove(s, (size_t)(it - s->v));
	it->in_flight = false;
	it->last = now;
	sched_reschedule(s, it, now);
	sched_heap_push(s, (size_t)(it - s->v));
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
	int64_t when;

	if (s->hn == 0)
		return -1;
	when = s->v[s->heap[0]].due;
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
