/* kling-tui: tests for the polling scheduler.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "schedule.h"
#include "tap.h"

#define S 1000	/* one second in the scheduler's milliseconds */

static void
test_idle(void)
{
	struct sched *s = sched_new(NULL);
	const char *keys[4];

	is_int(sched_next_due(s, 0), -1, "nothing followed: no timeout, no wake-up");
	sched_add(s, "t1", 0, 0, true);
	is_int(sched_next_due(s, 0), 0, "a task added with poll_now is due at once");
	is_int(sched_take_due(s, 0, keys, 4), 1, "and is taken");
	is_str(keys[0], "t1", "the right key");
	is_int(sched_next_due(s, 0), -1, "while its query runs nothing else is due");
	is_int(sched_take_due(s, 0, keys, 4), 0, "and it is not taken twice");
	is_int(sched_due_at(s, "t1"), -1, "in flight: no due time");
	is_int(sched_due_at(s, "t2"), -1, "a task not followed: no due time");
	sched_done(s, "t1", 200);
	is_int(sched_due_at(s, "t1"), 3200, "answered at 200: due 3 s later");
	is_int(sched_next_due(s, 200), 3 * S, "a young task is asked again after 3 s");
	is_int(sched_take_due(s, 1 * S, keys, 4), 0, "not before");
	sched_remove(s, "t1");
	is_int(sched_count(s), 0, "a final task is forgotten");
	is_int(sched_next_due(s, 5 * S), -1, "and the program sleeps again");
	sched_free(&s);

	/* The earliest of several, even one due at time 0. */
	s = sched_new(NULL);
	sched_add(s, "t0", 0, 0, true);
	sched_add(s, "t1", 0, 0, false);
	is_int(sched_next_due(s, 0), 0, "t0 due at 0, t1 at 3 s: the next at 0");
	is_int(sched_take_due(s, 0, keys, 4), 1, "and only t0 is taken");
	sched_free(&s);
	ok(s == NULL, "sched_free clears the pointer");
}

static void
test_aging(void)
{
	struct sched *s = sched_new(NULL);

	sched_add(s, "young", 0, 10 * S, false);
	is_int(sched_due_at(s, "young"), 3 * S, "10 s old: every 3 s");
	sched_add(s, "middle", 0, 300 * S, false);
	is_int(sched_due_at(s, "middle"), 30 * S, "5 min old: every 30 s");
	sched_add(s, "old", 0, 3600 * S, false);
	is_int(sched_due_at(s, "old"), 60 * S, "an hour old: capped at 60 s");
	/* The young one ages while it is followed. */
	sched_done(s, "young", 290 * S);
	is_int(sched_due_at(s, "young"), 320 * S, "the same task 5 min later: every 30 s");
	sched_free(&s);
}

static void
test_params(void)
{
	struct sched_params p;
	struct sched *s;

	sched_default_params(&p);
	p.min_ms = 1 * S;
	p.max_ms = 5 * S;
	s = sched_new(&p);
	sched_add(s, "a", 0, 0, false);
	is_int(sched_due_at(s, "a"), 1 * S, "min is configurable");
	sched_add(s, "b", 0, 3600 * S, false);
	is_int(sched_due_at(s, "b"), 5 * S, "max is configurable");
	sched_free(&s);

	p.min_ms = 4 * S;
	p.max_ms = 2 * S;
	s = sched_new(&p);
	sched_add(s, "c", 0, 3600 * S, false);
	is_int(sched_due_at(s, "c"), 4 * S, "a max below min is raised to it");
	sched_free(&s);

	/* A divisor below 1 is taken as 1: a task 10 s old is asked every
	 * 10 s (not divided by zero, nor made negative). */
	p.min_ms = 1 * S;
	p.max_ms = 60 * S;
	p.age_divisor = 0;
	s = sched_new(&p);
	sched_add(s, "d", 0, 10 * S, false);
	is_int(sched_due_at(s, "d"), 10 * S, "an age divisor of 0 is taken as 1");
	sched_free(&s);
	p.age_divisor = -5;
	s = sched_new(&p);
	sched_add(s, "e", 0, 10 * S, false);
	is_int(sched_due_at(s, "e"), 10 * S, "so is a negative one");
	sched_free(&s);
	p.age_divisor = 2;
	s = sched_new(&p);
	sched_add(s, "f", 0, 10 * S, false);
	is_int(sched_due_at(s, "f"), 5 * S, "a divisor of 2 halves the age");
	sched_free(&s);
}

static void
test_focus(void)
{
	struct sched *s = sched_new(NULL);

	sched_add(s, "old", 0, 3600 * S, false);
	sched_add(s, "other", 0, 3600 * S, false);
	sched_focus(s, "old", 100);
	is_int(sched_due_at(s, "old"), 1500, "the task looked at is asked every 1.5 s");
	is_int(sched_due_at(s, "other"), 60 * S, "the others keep their pace");
	is_int(sched_next_due(s, 100), 1400, "the next wake-up is the focused task's");
	sched_focus(s, NULL, 200);
	is_int(sched_due_at(s, "old"), 60 * S, "looking away slows it down again");
	sched_free(&s);

	/* The task looked at was not the next due: it is now. */
	s = sched_new(NULL);
	sched_add(s, "first", 0, 3600 * S, false);
	sched_add(s, "second", 0, 3600 * S, false);
	sched_focus(s, "second", 100);
	is_int(sched_next_due(s, 100), 1400, "focused, a later task is the next wake-up");
	sched_free(&s);
}

static void
test_backoff(void)
{
	struct sched *s = sched_new(NULL);
	const char *keys[4];

	sched_add(s, "a", 0, 0, true);
	sched_backoff(s, 0, 7 * S);
	is_int(sched_next_due(s, 0), 7 * S, "Retry-After: the wake-up waits for it");
	is_int(sched_take_due(s, 6 * S, keys, 4), 0, "nothing is taken during the pause");
	is_int(sched_take_due(s, 7 * S, keys, 4), 1, "and the task is taken after it");
	sched_backoff(s, 10 * S, 5 * S);
	sched_backoff(s, 10 * S, 1 * S);
	sched_add(s, "b", 10 * S, 0, true);
	is_int(sched_next_due(s, 10 * S), 5 * S, "a shorter request does not cut the pause");
	sched_free(&s);

	s = sched_new(NULL);
	sched_add(s, "a", 0, 0, true);
	sched_backoff(s, 0, -1);
	is_int(sched_next_due(s, 0), 3 * S, "no Retry-After: first pause 3 s");
	sched_backoff(s, 0, -1);
	is_int(sched_next_due(s, 0), 6 * S, "then 6 s");
	sched_backoff(s, 0, -1);
	sched_backoff(s, 0, -1);
	sched_backoff(s, 0, -1);
	sched_backoff(s, 0, -1);
	is_int(sched_next_due(s, 0), 60 * S, "doubling stops at the cap");
	sched_ok(s);
	sched_backoff(s, 100 * S, -1);
	is_int(sched_next_due(s, 100 * S), 3 * S, "an answer resets the doubling");
	sched_free(&s);
}

static void
test_batch(void)
{
	struct sched *s = sched_new(NULL);
	const char *keys[8];
	size_t n;

	sched_add(s, "late", 0, 0, false);		/* due 3000 */
	sched_add(s, "early", 0, 0, false);
	sched_done(s, "early", -300);			/* due 2700 */
	sched_add(s, "later", 0, 50 * S, false);	/* due 5000 */
	is_int(sched_next_due(s, 0), 2700, "wake for the earliest");
	n = sched_take_due(s, 2700, keys, 8);
	is_int(n, 2, "tasks due within 500 ms share that wake-up");
	ok(n == 2 && keys[0][0] == 'e' && keys[1][0] == 'l', "earliest first");
	is_int(sched_next_due(s, 2700), 2300, "the one due later waits for its turn");
	sched_free(&s);

	s = sched_new(NULL);
	sched_add(s, "edge", 0, 0, false);		/* due 3000 */
	is_int(sched_take_due(s, 2499, keys, 8), 0, "not 501 ms early");
	is_int(sched_take_due(s, 2500, keys, 8), 1,
	    "a task due exactly 500 ms after the wake-up shares it");
	sched_free(&s);

	s = sched_new(NULL);
	sched_add(s, "a", 0, 0, true);
	sched_add(s, "b", 0, 0, true);
	sched_add(s, "c", 0, 0, true);
	is_int(sched_take_due(s, 0, keys, 2), 2, "at most max at once");
	is_int(sched_take_due(s, 0, keys, 2), 1, "the rest on the next call");
	sched_free(&s);
}

/* A watch over 100 tasks for 20 simulated minutes: every wake-up serves all
 * of them together, and the polls thin out as they age. */
static void
test_watch_run(void)
{
	struct sched *s = sched_new(NULL);
	const char *keys[128];
	char name[16];
	int64_t now = 0, d;
	size_t wakeups = 0, polls = 0, n, i;

	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof name, "t%zu", i);
		sched_add(s, name, 0, (int64_t)i * 10, true);
	}
	while (now < 1200 * S && (d = sched_next_due(s, now)) >= 0) {
		now += d;
		n = sched_take_due(s, now, keys, 128);
		wakeups++;
		polls += n;
		for (i = 0; i < n; i++)
			sched_done(s, keys[i], now + 50);
	}
	ok(polls == wakeups * 100, "every wake-up polled every task (%zu wake-ups)", wakeups);
	ok(wakeups > 20 && wakeups < 80,
	    "20 minutes: %zu wake-ups, not one per 3 s (400)", wakeups);
	sched_free(&s);
}

/* Tasks due at the same time are taken in the order they were added: none
 * waits behind one followed after it. */
static void
test_ties(void)
{
	struct sched *s = sched_new(NULL);
	const char *keys[1];

	sched_add(s, "first", 0, 0, true);
	sched_add(s, "second", 0, 0, true);
	sched_add(s, "third", 0, 0, true);
	is_int(sched_take_due(s, 0, keys, 1), 1, "ties: one at a time");
	is_str(keys[0], "first", "ties: the first added first");
	sched_take_due(s, 0, keys, 1);
	is_str(keys[0], "second", "ties: then the second");
	/* Answered at once and due again at once (min_ms 0 below): behind
	 * the third, which waited. */
	sched_free(&s);
	{
		struct sched_params p;

		sched_default_params(&p);
		p.min_ms = p.max_ms = 0;
		s = sched_new(&p);
	}
	sched_add(s, "first", 0, 0, true);
	sched_add(s, "second", 0, 0, true);
	sched_add(s, "third", 0, 0, true);
	sched_take_due(s, 0, keys, 1);
	sched_done(s, keys[0], 0);
	sched_remove(s, "second");
	sched_add(s, "fourth", 0, 0, true);
	sched_take_due(s, 0, keys, 1);
	is_str(keys[0], "first", "ties: an answered one, due again, keeps its place");
	sched_take_due(s, 0, keys, 1);
	is_str(keys[0], "third", "ties: a removed one leaves the order as it was");
	sched_take_due(s, 0, keys, 1);
	is_str(keys[0], "fourth", "ties: the last added last");
	is_int(sched_take_due(s, 0, keys, 1), 0, "ties: then none");
	is_int(sched_next_due(s, 0), -1, "ties: all in flight: nothing due");
	sched_free(&s);
}

/* A task removed from the middle: the last one moves into its place, and
 * is found there (its due time, not that of whatever takes its old slot). */
static void
test_remove(void)
{
	struct sched *s = sched_new(NULL);

	sched_add(s, "a", 0, 0, false);
	sched_add(s, "b", 0, 0, false);
	sched_add(s, "c", 0, 0, false);
	sched_remove(s, "b");
	sched_add(s, "d", 1 * S, 0, false);
	is_int(sched_count(s), 3, "remove: three left");
	ok(!sched_has(s, "b"), "remove: the removed one is gone");
	is_int(sched_due_at(s, "c"), 3 * S, "remove: the moved one keeps its due time");
	is_int(sched_due_at(s, "d"), 4 * S, "remove: the one added after has its own");
	sched_remove(s, "d");
	ok(sched_has(s, "c") && !sched_has(s, "d"),
	    "remove: the last one removed, the others stay");
	sched_free(&s);

	/* The one moved into the hole is in flight (out of the heap): it
	 * stays out, and comes back when answered. */
	s = sched_new(NULL);
	{
		const char *keys[1];

		sched_add(s, "a", 0, 0, false);
		sched_add(s, "b", 0, 0, true);
		is_int(sched_take_due(s, 0, keys, 1), 1, "remove: b taken");
		sched_remove(s, "a");
		is_int(sched_next_due(s, 0), -1, "remove: b in flight, nothing due");
		sched_done(s, "b", 0);
		is_int(sched_due_at(s, "b"), 3 * S, "remove: answered, b is due again");
	}
	sched_free(&s);
}

/* Processor time (best of 5) of what a sweep does to n followed tasks:
 * add each, take each when due (one at a time, as the tracker does) and
 * say it was answered, then for each answer find it, ask again about it,
 * and drop it. */
static long
sweep_ns(size_t n)
{
	struct timespec t0, t1;
	long ns, best = -1;
	char (*keys)[32] = calloc(n, sizeof *keys);
	const char *due[1];
	size_t i;
	int r;

	for (i = 0; i < n; i++)
		snprintf(keys[i], sizeof keys[i], "6d84c23d-%08zx-bd1778f1", i * 2654435761u);
	for (r = 0; r < 5; r++) {
		struct sched *s = sched_new(NULL);

		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
		for (i = 0; i < n; i++)
			sched_add(s, keys[i], 0, 0, true);
		while (sched_take_due(s, 0, due, 1) == 1 && sched_next_due(s, 0) >= 0)
			sched_done(s, due[0], 0);
		for (i = 0; i < n; i++)
			if (sched_has(s, keys[n - 1 - i])) {
				sched_add(s, keys[n - 1 - i], 10, 1000, false);
				sched_done(s, keys[n - 1 - i], 10);
			}
		for (i = 0; i < n; i++)
			sched_remove(s, keys[i]);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
		sched_free(&s);
		ns = (t1.tv_sec - t0.tv_sec) * 1000000000L + (t1.tv_nsec - t0.tv_nsec);
		if (best < 0 || ns < best)
			best = ns;
	}
	free(keys);
	return best;
}

/* A sweep of 10,000 tasks must not cost 10,000 x 10,000 look-ups: finding a
 * task by its id, or the next one due, does not walk the others. Linear
 * (or n log n) costs about 4 times as much at 4n; a walk 16 times. */
static void
test_scale(void)
{
	long small = sweep_ns(4000), big = sweep_ns(16000);
	double ratio = small > 0 ? (double)big / (double)small : 0;

	ok(ratio > 0 && ratio < 8, "4 times the tasks cost %.1f times the processor time "
	    "(%ld vs %ld us)", ratio, big / 1000, small / 1000);
}

int
main(void)
{
	test_scale();
	test_ties();
	test_remove();
	test_idle();
	test_aging();
	test_params();
	test_focus();
	test_backoff();
	test_batch();
	test_watch_run();
	return tap_done();
}
