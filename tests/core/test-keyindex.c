/* kling-tui: tests for keyindex.c: the task id -> slot index of the arrays
 * looked up by task id (the scheduler, the follower, the subcommands).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keyindex.h"
#include "tap.h"

#define NKEYS 3000

static char keys[NKEYS][24];
static size_t model[NKEYS];	/* the slot each key should have; NONE: out */

/* Every key's look-up agrees with the model; how many disagree. */
static size_t
disagreements(const struct keyindex *x)
{
	size_t i, bad = 0;

	for (i = 0; i < NKEYS; i++)
		if (keyindex_get(x, keys[i]) != model[i])
			bad++;
	return bad;
}

/* The longest run of entries in use: a look-up walks at most that far. */
static size_t
longest_run(const struct keyindex *x)
{
	size_t i, run = 0, most = 0;

	for (i = 0; i < x->cap; i++) {
		run = x->v[i].key != NULL ? run + 1 : 0;
		if (run > most)
			most = run;
	}
	return most;
}

int
main(void)
{
	struct keyindex x;
	char probe[24];
	size_t i, k, n = 0, bad = 0, ops;
	unsigned seed = 12345;

	memset(&x, 0, sizeof x);
	for (i = 0; i < NKEYS; i++) {
		snprintf(keys[i], sizeof keys[i], "task_%08zu", i * 7919 % 100000000);
		model[i] = KEYINDEX_NONE;
	}
	is_int((int)(keyindex_get(&x, "task_1") == KEYINDEX_NONE), 1, "an empty index finds nothing");
	keyindex_del(&x, "task_1");
	ok(x.n == 0, "deleting from an empty index is a no-op");

	for (i = 0; i < NKEYS; i++) {
		keyindex_put(&x, keys[i], i);
		model[i] = i;
	}
	is_int((int)x.n, NKEYS, "3000 keys in");
	is_int((int)disagreements(&x), 0, "each key finds its slot");
	ok(x.cap >= 2 * x.n && x.cap <= 4 * x.n, "at most half full, at least a quarter "
	    "(%zu of %zu)", x.n, x.cap);
	ok(longest_run(&x) < 64, "the keys are spread: no run of neighbours is long "
	    "(longest %zu of %zu)", longest_run(&x), x.cap);
	snprintf(probe, sizeof probe, "%s", keys[42]);
	is_int((int)keyindex_get(&x, probe), 42, "found by its text, not its address");
	ok(keyindex_get(&x, "task_") == KEYINDEX_NONE && keyindex_get(&x, "") == KEYINDEX_NONE,
	    "a prefix or an empty key is not found");
	keyindex_put(&x, keys[7], 9999);
	model[7] = 9999;
	is_int((int)x.n, NKEYS, "putting a key again moves it, adds nothing");
	is_int((int)keyindex_get(&x, keys[7]), 9999, "at its new slot");

	/* Random deletions and additions against the model: each deletion
	 * shifts entries back, and a wrong shift loses keys behind it. */
	for (ops = 0; ops < 20000; ops++) {
		seed = seed * 1103515245u + 12345u;
		k = (seed >> 8) % NKEYS;
		if (model[k] != KEYINDEX_NONE) {
			keyindex_del(&x, keys[k]);
			model[k] = KEYINDEX_NONE;
		} else {
			keyindex_put(&x, keys[k], ops);
			model[k] = ops;
		}
		if (ops % 1000 == 0)
			bad += disagreements(&x);
	}
	for (i = 0; i < NKEYS; i++)
		n += model[i] != KEYINDEX_NONE;
	is_int((int)bad, 0, "20,000 random puts and deletes: every look-up agrees on the way");
	is_int((int)disagreements(&x), 0, "and at the end");
	is_int((int)x.n, (int)n, "the count is the keys in (%zu)", n);

	/* A small table (7 keys in 16 entries): every other key deleted,
	 * some from the middle of a run of neighbours. */
	keyindex_clear(&x);
	ok(x.v == NULL && x.n == 0 && x.cap == 0, "cleared");
	for (i = 0; i < NKEYS; i++)
		model[i] = KEYINDEX_NONE;
	for (i = 0; i < 7; i++) {
		keyindex_put(&x, keys[i], i);
		model[i] = i;
	}
	for (i = 0; i < 7; i += 2) {
		keyindex_del(&x, keys[i]);
		model[i] = KEYINDEX_NONE;
	}
	is_int((int)disagreements(&x), 0, "every other key of 7 deleted: the rest are found");
	is_int((int)x.n, 3, "3 left");

	/* Many small tables (8 keys in 16 entries, as full as it gets):
	 * runs of neighbours form and wrap round the end, and deletions in
	 * every order must leave the rest found. */
	bad = 0;
	for (ops = 0; ops < 4000; ops++) {
		size_t base = (ops * 8) % (NKEYS - 8);

		keyindex_clear(&x);
		for (i = 0; i < 8; i++) {
			keyindex_put(&x, keys[base + i], i);
			model[base + i] = i;
		}
		if (x.cap != 16)
			bad++;
		for (k = 0; k < 5; k++) {
			seed = seed * 1103515245u + 12345u;
			i = base + (seed >> 8) % 8;
			keyindex_del(&x, keys[i]);
			model[i] = KEYINDEX_NONE;
		}
		for (i = base; i < base + 8; i++)
			if (keyindex_get(&x, keys[i]) != model[i])
				bad++;
		for (i = base; i < base + 8; i++)
			model[i] = KEYINDEX_NONE;
	}
	is_int((int)bad, 0, "4,000 tables of 8 keys in 16 entries, 5 deleted from each: "
	    "the rest found, none lost");

	/* The array pattern: the last element moves into the hole. */
	keyindex_clear(&x);
	for (i = 0; i < 4; i++)
		keyindex_put(&x, keys[i], i);
	keyindex_swap_remove(&x, keys[1], 1, keys[3]);
	ok(keyindex_get(&x, keys[1]) == KEYINDEX_NONE, "swap-remove: the removed key is gone");
	is_int((int)keyindex_get(&x, keys[3]), 1, "the last key is at the hole");
	is_int((int)keyindex_get(&x, keys[0]), 0, "the others stay");
	keyindex_swap_remove(&x, keys[3], 1, NULL);
	ok(keyindex_get(&x, keys[3]) == KEYINDEX_NONE && x.n == 2,
	    "removing the last moves nothing");
	keyindex_clear(&x);
	return tap_done();
}
