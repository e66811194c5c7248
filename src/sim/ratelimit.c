/* kling-sim: --rate-limit N/s: at most N API requests in each wall-clock
 * second; the rest are refused with 429 until the next second starts.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <math.h>
#include <pthread.h>

#include "sim.h"

static pthread_mutex_t	rl_lock = PTHREAD_MUTEX_INITIALIZER;
static double		rl_window;	/* the second being counted */
static unsigned		rl_count;

/* True when the request may go on. */
bool
ratelimit_admit(double now)
{
	double	window = floor(now);
	bool	ok;

	if (sim_cfg.rate_limit == 0)
		return true;
	pthread_mutex_lock(&rl_lock);
	if (window != rl_window) {
		rl_window = window;
		rl_count = 0;
	}
	ok = rl_count < sim_cfg.rate_limit;
	if (ok)
		rl_count++;
	pthread_mutex_unlock(&rl_lock);
	return ok;
}
