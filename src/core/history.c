/* kling-tui: undo and redo, as a list of storyboard snapshots.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Whole snapshots rather than inverse operations: a maximal storyboard is a
 * few KiB, so 200 of them cost little, and no edit can forget to record how
 * to undo itself. */
#include "config.h"

#include <stdlib.h>

#include "history.h"
#include "xmalloc.h"

struct history {
	struct storyboard	**v;
	size_t			  n;	/* snapshots held */
	size_t			  cur;	/* the one shown */
	size_t			  depth;
};

struct history *
history_new(const struct storyboard *sb, size_t depth)
{
	struct history *h = xcalloc(1, sizeof *h);

	h->depth = depth == 0 ? HISTORY_DEPTH : depth;
	if (h->depth < 2)
		h->depth = 2;
	h->v = xcalloc(h->depth, sizeof *h->v);
	h->v[0] = sb_clone(sb);
	h->n = 1;
	return h;
}

static void
history_truncate(struct history *h, size_t keep)
{
	while (h->n > keep)
		sb_free(&h->v[--h->n]);
}

void
history_free(struct history **hp)
{
	struct history *h = *hp;

	if (h == NULL)
		return;
	history_truncate(h, 0);
	free(h->v);
	free(h);
	*hp = NULL;
}

void
history_reset(struct history *h, const struct storyboard *sb)
{
	history_truncate(h, 0);
	h->v[0] = sb_clone(sb);
	h->n = 1;
	h->cur = 0;
}

bool
history_push(struct history *h, const struct storyboard *sb)
{
	size_t i;

	if (sb_equal(h->v[h->cur], sb))
		return false;
	history_truncate(h, h->cur + 1);
	if (h->n == h->depth) {
		sb_free(&h->v[0]);
		for (i = 1; i < h->n; i++)
			h->v[i - 1] = h->v[i];
		h->n--;
	}
	h->v[h->n++] = sb_clone(sb);
	h->cur = h->n - 1;
	return true;
}

const struct storyboard *
history_undo(struct history *h)
{
	if (h->cur == 0)
		return NULL;
	return h->v[--h->cur];
}

const struct storyboard *
history_redo(struct history *h)
{
	if (h->cur + 1 >= h->n)
		return NULL;
	return h->v[++h->cur];
}

const struct storyboard *
history_current(const struct history *h)
{
	return h->v[h->cur];
}

bool
history_can_undo(const struct history *h)
{
	return h->cur > 0;
}

bool
history_can_redo(const struct history *h)
{
	return h->cur + 1 < h->n;
}
