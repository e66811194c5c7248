/* kling-tui: the full-screen program: `kling-tui [FILE]`.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_FULLSCREEN_H
#define KT_FULLSCREEN_H

#include "app/session.h"

/* The editor (on file, or a new storyboard when NULL) and the dashboard,
 * on a session opened from g. Returns the exit code. */
int	ui_main(const struct app_globals *g, const char *file);

#endif
