/* kling-tui: what one follower last reported of each task.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "keyindex.h"
#include "reported.h"
#include "xmalloc.h"

struct reported_task {
	char	*task_id;
	char	*state;
	size_t	 nmedia;
};

struct reported {
	struct reported_task	*v;
	size_t			 n, cap;
	struct keyindex		 index;		/* task id -> slot of v */
};

struct reported *
reported_new(void)
{
	return xcalloc(1, sizeof(struct reported));
}

void
reported_free(struct reported **rp)
{
	struct reported *r = *rp;
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->v[i].task_id);
		free(r->v[i].state);
	}
	keyindex_clear(&r->index);
	free(r->v);
	free(r);
	*rp = NULL;
}

bool
reported_moved(struct reported *r, const char *task_id, const char *state,
    size_t nmedia)
{
	struct reported_task *rt = NULL;
	size_t i = keyindex_get(&r->index, task_id);
	bool moved;

	if (state == NULL)
		state = "";
	if (i != KEYINDEX_NONE)
		rt = &r->v[i];
	if (rt == NULL) {
		if (r->n == r->cap) {
			r->cap = r->cap == 0 ? 16 : r->cap * 2;
			r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
		}
		rt = &r->v[r->n++];
		rt->task_id = xstrdup(task_id);
		keyindex_put(&r->index, rt->task_id, r->n - 1);
		rt->state = xstrdup(state);
		rt->nmedia = nmedia;
		return true;
	}
	moved = strcmp(rt->state, state) != 0 || rt->nmedia != nmedia;
	if (moved) {
		free(rt->state);
		rt->state = xstrdup(state);
		rt->nmedia = nmedia;
	}
	return moved;
}
