/* kling-tui: a task id -> array slot index (open addressing, linear probing,
 * deletion by shifting back, so that no tombstone slows later look-ups).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keyindex.h"
#include "xmalloc.h"

/* FNV-1a, 64 bits. */
static size_t
keyindex_hash(const char *key)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *key != '\0'; key++)
		h = (h ^ (unsigned char)*key) * 1099511628211ULL;
	return (size_t)(h ^ (h >> 32));
}

/* Where key is, or the free entry where it would go. */
static size_t
keyindex_probe(const struct keyindex *x, const char *key)
{
	size_t mask = x->cap - 1, i = keyindex_hash(key) & mask;

	while (x->v[i].key != NULL && strcmp(x->v[i].key, key) != 0)
		i = (i + 1) & mask;
	return i;
}

size_t
keyindex_get(const struct keyindex *x, const char *key)
{
	size_t i;

	if (x->n == 0)
		return KEYINDEX_NONE;
	i = keyindex_probe(x, key);
	return x->v[i].key != NULL ? x->v[i].slot : KEYINDEX_NONE;
}

static void
keyindex_grow(struct keyindex *x)
{
	struct keyindex_entry *old = x->v;
	size_t i, oldcap = x->cap;

	x->cap = oldcap == 0 ? 16 : oldcap * 2;
	x->v = xcalloc(x->cap, sizeof *x->v);
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			x->v[keyindex_probe(x, old[i].key)] = old[i];
	free(old);
}

void
keyindex_put(struct keyindex *x, const char *key, size_t slot)
{
	size_t i;

	/* At most half full: probes stay short. */
	if (2 * (x->n + 1) > x->cap)
		keyindex_grow(x);
	i = keyindex_probe(x, key);
	if (x->v[i].key == NULL)
		x->n++;
	x->v[i].key = key;	/* the array's string now, if it was another copy */
	x->v[i].slot = slot;
}

void
keyindex_del(struct keyindex *x, const char *key)
{
	size_t mask, i, j, home;

	if (x->n == 0)
		return;
	mask = x->cap - 1;
	i = keyindex_probe(x, key);
	if (x->v[i].key == NULL)
		return;
	/* Shift back each later entry of the run that may no longer be
	 * reachable from its home with a hole at i. */
	for (j = (i + 1) & mask; x->v[j].key != NULL; j = (j + 1) & mask) {
		home = keyindex_hash(x->v[j].key) & mask;
		/* Stays when its home lies cyclically in (i, j]. */
		if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
			continue;
		x->v[i] = x->v[j];
		i = j;
	}
	x->v[i].key = NULL;
	x->n--;
}

void
keyindex_swap_remove(struct keyindex *x, const char *gone, size_t hole,
    const char *moved)
{
	keyindex_del(x, gone);
	if (moved != NULL)
		keyindex_put(x, moved, hole);
}

void
keyindex_clear(struct keyindex *x)
{
	free(x->v);
	memset(x, 0, sizeof *x);
}
