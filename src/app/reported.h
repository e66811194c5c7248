/* kling-tui: what one follower (a watch, a dashboard) last reported of each
 * task, so that it tells every change it sees, whoever wrote the store first.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_REPORTED_H
#define KT_REPORTED_H

#include <stdbool.h>
#include <stddef.h>

struct reported;

struct reported	*reported_new(void);
void		 reported_free(struct reported **);
/* Remember this task's state and number of links; true when they differ
 * from what was remembered (or nothing was). */
bool		 reported_moved(struct reported *, const char *task_id,
		    const char *state, size_t nmedia);

#endif
