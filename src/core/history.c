/* kling-tui: undo and redo, as a list of storyboard snapshots.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Whole snapshots rather than inverse operations: no edit can forget to
 * record how to undo itself. A maximal storyboard is a few KiB, but a file
 * may hold a prompt of megabytes (200 snapshots of a 7 MB prompt took
 * 893 MB), so the history is bounded in bytes as well as in count. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "xmalloc.h"

struct history {
	struct storyboard	**v;
	size_t			 *size;	/* sb_bytes of each */
	size_t			  n;	/* snapshots held */
	size_t			  cur;	/* the one shown */
	size_t			  depth;
	size_t			  budget;
	size_t			  bytes;	/* the sum of size */
};

struct history *
history_new(const struct storyboard *sb, size_t depth, size_t budget)
{
	struct history *h = xcalloc(1, sizeof *h);

	h->depth = depth == 0 ? HISTORY_DEPTH : depth;
	if (h->depth < 2)
		h->depth = 2;
	h->budget = budget == 0 ? HISTORY_BYTES : budget;
	h->v = xcalloc(h->depth, sizeof *h->v);
	h->size = xcalloc(h->depth, sizeof *h->size);
	history_reset(h, sb);
	return h;
}

static void
history_truncate(struct history *h, size_t keep)
{
	while (h->n > keep) {
		h->n--;
		h->bytes -= h->size[h->n];
		sb_free(&h->v[h->n]);
	}
}

static void
history_append(struct history *h, const struct storyboard *sb)
{
	h->v[h->n] = sb_clone(sb);
	h->size[h->n] = sb_bytes(sb);
	h->bytes += h->size[h->n];
	h->n++;
}

/* The oldest goes; cur still names the same snapshot. */
static void
history_drop_oldest(struct history *h)
{
	h->bytes -= h->size[0];
	sb_free(&h->v[0]);
	memmove(h->v, h->v + 1, (h->n - 1) * sizeof *h->v);
	memmove(h->size, h->size + 1, (h->n - 1) * sizeof *h->size);
	h->n--;
	h->cur--;
}

void
history_free(struct history **hp)
{
	struct history *h = *hp;

	if (h == NULL)
		return;
	history_truncate(h, 0);
	free(h->v);
	free(h->size);
	free(h);
	*hp = NULL;
}

void
history_reset(struct history *h, const struct storyboard *sb)
{
	history_truncate(h, 0);
	history_append(h, sb);
	h->cur = 0;
}

bool
history_push(struct history *h, const struct storyboard *sb)
{
	if (sb_equal(h->v[h->cur], sb))
		return false;
	history_truncate(h, h->cur + 1);
	if (h->n == h->depth)
		history_drop_oldest(h);
	history_append(h, sb);
	h->cur = h->n - 1;
	while (h->n > 2 && h->bytes > h->budget)
		history_drop_oldest(h);
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

size_t
history_bytes(const struct history *h)
{
	return h->bytes;
}

size_t
history_count(const struct history *h)
{
	return h->n;
}
