/* kling-tui: the one clock: monotonic milliseconds, replaceable by tests.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_CLOCK_H
#define KT_CLOCK_H

#include <stdint.h>

/* Milliseconds from CLOCK_MONOTONIC (or the test's source). Every timer,
 * poll schedule and retry delay of the program reads this one. */
int64_t	clock_ms(void);
/* Replace the source (NULL: back to CLOCK_MONOTONIC). For tests. */
void	clock_set_source(int64_t (*)(void));

#endif
