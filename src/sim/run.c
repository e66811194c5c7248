/* kling-sim: what every part of a run shares: the configuration, the stop
 * flag and the wall clock. Kept out of main.c so that the server and the
 * endpoints depend on this file and main.c on them, never the reverse.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdatomic.h>
#include <time.h>

#include "sim.h"

/* The defaults; main.c's options change them before the server starts. */
struct sim_config sim_cfg = {
	.balance = 1000,
	.task_seconds = 20,
	.pending_share = 0.25,
	.retry_after = 1,
	.media_size = 1024 * 1024,
};

static atomic_bool sim_stop_flag;

bool
sim_stopping(void)
{
	return atomic_load(&sim_stop_flag);
}

void
sim_set_stopping(void)
{
	atomic_store(&sim_stop_flag, true);
}

double
sim_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
