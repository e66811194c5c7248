/* kling-tui: the screen libraries' versions (versions.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>

#include "lazylib.h"
#include "rlsym.h"
#include "versions.h"

const char *
ui_library_versions(void)
{
	static const char *const sonames[] = { "libncursesw.so.6", NULL };
	static const char *(*version)(void);
	static const struct lazylib_sym syms[] = {
		{ "curses_version", (void **)&version },
		{ NULL, NULL }
	};
	static struct lazylib curses = { sonames, syms, 0, NULL, "", "no-curses" };
	static char v[320];
	const char *cause, *cv;

	cv = lazylib_load(&curses, &cause) == 0 ? version() : cause;
	/* Loaded here, if no field has yet: doctor asks. */
	if (rlsym_load(&cause) != 0)
		snprintf(v, sizeof v, "%s, readline: %s", cv, cause);
	else
		snprintf(v, sizeof v, "%s, readline %s", cv, rl_library_version);
	return v;
}
