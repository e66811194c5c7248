/* kling-tui: polling shared by every instance on one store: a request budget
 * for all of them (the store's pace) and a lease per task (whoever holds it
 * asks the service; the others read what it recorded).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_SHARED_H
#define KT_SHARED_H

#include <stdbool.h>
#include <stdint.h>

#include "net/api.h"
#include "store.h"

/* Milliseconds of the wall clock: leases and the pace are compared across
 * processes, which share no monotonic clock. */
int64_t	 shared_wall_ms(void);

/* A row as a TaskInfo answer would have said it (what another instance
 * recorded): pointers into row, media allocated; shared_task_clear() after. */
void	 shared_task_from_row(const struct store_task *row, struct api_task *out);
void	 shared_task_clear(struct api_task *);

#endif
