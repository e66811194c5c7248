/* kling-tui: the one clock: monotonic milliseconds, replaceable by tests.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stddef.h>
#include <time.h>

#include "clock.h"

static int64_t (*clock_source)(void);

int64_t
clock_ms(void)
{
	struct timespec ts;

	if (clock_source != NULL)
		return clock_source();
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
clock_set_source(int64_t (*fn)(void))
{
	clock_source = fn;
}
