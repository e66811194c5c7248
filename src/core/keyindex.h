/* kling-tui: a string -> array slot index, for the arrays looked up by task
 * id (the scheduler's, what a follower told, the subcommands' tasks), so that
 * a sweep of n tasks costs n look-ups, not n*n/2 string comparisons; and for
 * an object's keys, to find those given twice (codec.c).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_KEYINDEX_H
#define KT_KEYINDEX_H

#include <stddef.h>

#define KEYINDEX_NONE ((size_t)-1)

struct keyindex_entry {
	const char	*key;	/* the array's own string; NULL: free */
	size_t		 slot;
};

/* Zero-initialised is empty. The keys are not copied: each must stay where
 * it is while it is in the index. */
struct keyindex {
	struct keyindex_entry	*v;
	size_t			 cap;	/* 0 or a power of two */
	size_t			 n;
};

/* key's slot, or KEYINDEX_NONE. */
size_t	keyindex_get(const struct keyindex *, const char *key);
/* key is at slot now (added, or moved there). */
void	keyindex_put(struct keyindex *, const char *key, size_t slot);
void	keyindex_del(struct keyindex *, const char *key);
void	keyindex_clear(struct keyindex *);

/* The usual removal from an array, where the last element moves into the
 * hole: gone is the removed element's key, moved the key of the element now
 * at slot hole (NULL when the removed one was the last). */
void	keyindex_swap_remove(struct keyindex *, const char *gone, size_t hole,
	    const char *moved);

#endif
