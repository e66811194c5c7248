/* kling-tui: whether something repeated makes the heap grow, for the unit
 * tests that check that a clear or a free gives back everything (a long
 * session repeats them for every poll or every edit).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * glibc's mallinfo2 counts the chunks its per-thread cache keeps as in
 * use, so one round proves nothing: heap_growth() runs fn a few times to
 * settle, then n times, and returns how many bytes the heap grew over
 * those n. A leak of even one byte a round grows it by 16 n or more.
 * 0 where mallinfo2 is missing, and where another allocator answers (ASan,
 * valgrind): those find leaks on their own. */
#ifndef KT_HEAP_H
#define KT_HEAP_H

#include <stddef.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

static inline long long
heap_in_use(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
	return (long long)mallinfo2().uordblks;
#else
	return 0;
#endif
}

static inline long long
heap_growth(void (*fn)(void *), void *arg, int n)
{
	long long	before;
	int		i;

	for (i = 0; i < 10; i++)
		fn(arg);
	before = heap_in_use();
	for (i = 0; i < n; i++)
		fn(arg);
	return heap_in_use() - before;
}

/* How many bytes the block at p may hold (glibc, and ASan's, which answer
 * the size asked for or more); (size_t)-1 where no allocator says. A copy
 * of n bytes wants heap_room(copy) >= n: a block one byte short may not
 * crash, and its neighbour's bytes are overwritten in silence. */
static inline size_t
heap_room(void *p)
{
#if defined(__GLIBC__)
	return malloc_usable_size(p);
#else
	(void)p;
	return (size_t)-1;
#endif
}

/* The growth that proves a leak after n rounds: a lost byte a round costs
 * a 16-byte chunk at least (16 n); the per-thread cache's chunks of other
 * sizes move the count by a few KB either way, with no leak at all. */
#define HEAP_LEAK_BOUND(n)	(8LL * (n))

#endif
