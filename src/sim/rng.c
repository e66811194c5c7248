/* kling-sim: the seeded random choices (fail, faults, task ids), so that a
 * run with --seed N makes the same choices again.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>

#include "sim.h"

static pthread_mutex_t	rng_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t		rng_state;

/* SplitMix64's finaliser: also used on its own to derive deterministic bytes
 * from a position (media files). */
uint64_t
rng_mix(uint64_t x)
{
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

void
rng_seed(uint64_t seed)
{
	pthread_mutex_lock(&rng_lock);
	rng_state = seed;
	pthread_mutex_unlock(&rng_lock);
}

uint64_t
rng_next(void)
{
	uint64_t x;

	pthread_mutex_lock(&rng_lock);
	rng_state += 0x9e3779b97f4a7c15ULL;
	x = rng_state;
	pthread_mutex_unlock(&rng_lock);
	return rng_mix(x);
}

/* True with probability p. Shares of 0 and 1 draw nothing, so that adding a
 * certain rule does not shift the other choices of a seeded run. */
bool
rng_chance(double p)
{
	if (p <= 0)
		return false;
	if (p >= 1)
		return true;
	return (double)(rng_next() >> 11) * 0x1.0p-53 < p;
}
